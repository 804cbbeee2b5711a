"""Framework pages. Frameworks are shared across the installation, not organisation data, so
these views need a login but not `organisation_view`; uploading needs `can_manage_frameworks`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import FrameworkUploadForm
from .models import FrameworkVersion
from .permissions import can_manage_frameworks

MAX_SHOWN_PROBLEMS = 200
LEVELS = (1, 2, 3, 4, 5)


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    context = {
        "summaries": selectors.framework_summaries(),
        "can_upload": can_manage_frameworks(request.user),
    }
    return render(request, "maturity/framework_list.html", context)


@login_required
@require_GET
def framework_detail(request: HttpRequest, code: str, version: int) -> HttpResponse:
    try:
        framework_version = selectors.framework_version_detail(code, version)
    except FrameworkVersion.DoesNotExist:
        raise Http404 from None
    context = {"version": framework_version, "levels": LEVELS}
    return render(request, "maturity/framework_detail.html", context)


@login_required
@require_GET
def framework_download(request: HttpRequest, code: str, version: int) -> HttpResponse:
    """The file exactly as it was imported."""
    framework_version = get_object_or_404(
        FrameworkVersion.objects.select_related("framework").only(
            "version", "source", "source_name", "framework__code"
        ),
        framework__code=code,
        version=version,
    )
    if not framework_version.source:
        raise Http404
    kind = "application/json" if framework_version.is_json else "application/yaml"
    response = HttpResponse(framework_version.source, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=framework_version.download_name()
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request: HttpRequest) -> HttpResponse:
    if not can_manage_frameworks(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = FrameworkUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.framework_import(form.parsed, imported_by=request.user)
            messages.success(request, _upload_message(result))
            return redirect(result.version)
    else:
        form = FrameworkUploadForm()
    context = {
        "form": form,
        "problems": form.problems[:MAX_SHOWN_PROBLEMS],
        "more_problems": max(0, len(form.problems) - MAX_SHOWN_PROBLEMS),
    }
    return render(request, "maturity/framework_upload.html", context)


def _upload_message(result: services.FrameworkImport) -> str:
    values = {"label": result.label}
    if not result.created:
        return _("This file is already stored as %(label)s; nothing changed.") % values
    if result.previous is None:
        return _("Imported %(label)s.") % values
    values["previous"] = f"v{result.previous.version}"
    if result.previous_in_use:
        return (
            _("Imported %(label)s. %(previous)s is used by assessments and stays as it was.")
            % values
        )
    return _("Imported %(label)s. %(previous)s stays as it was.") % values
