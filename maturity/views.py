"""Framework pages, per organisation: what that organisation may use (docs/frameworks.md, "Who
sees a framework"). Every page resolves the organisation with `organisation_view`; a version the
organisation may not see is a 404, like another organisation's object. Reading needs membership;
uploading needs `Action.EDIT_STRATEGY` and stores the framework for this organisation or, for a
consultant, their practice. `/frameworks/` only leads to the caller's organisations' pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from organisations.access import (
    Action,
    OrganisationAccess,
    accessible_memberships,
    organisation_view,
)
from organisations.models import Role

from . import selectors, services
from .forms import FrameworkUploadForm, NormsUploadForm
from .models import FrameworkVersion

MAX_SHOWN_PROBLEMS = 200
LEVELS = (1, 2, 3, 4, 5)


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    """Frameworks are chosen per organisation: go to the caller's one, or let them pick."""
    memberships = list(accessible_memberships(request.user).order_by("organisation__name"))
    if len(memberships) == 1:
        return redirect("organisation_frameworks", memberships[0].organisation.slug)
    return render(request, "maturity/framework_organisations.html", {"memberships": memberships})


@organisation_view(methods=["GET"])
def organisation_frameworks(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    context = {
        "summaries": selectors.framework_summaries(organisation=access.organisation),
        "can_upload": access.can(Action.EDIT_STRATEGY),
    }
    return render(request, "maturity/framework_list.html", context)


@organisation_view(methods=["GET"])
def framework_detail(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    try:
        framework_version = selectors.framework_version_detail(
            organisation=access.organisation, pk=pk
        )
    except FrameworkVersion.DoesNotExist:
        raise Http404 from None
    codes = dict.fromkeys(
        item.scale
        for section in framework_version.sections.all()
        for dimension in section.dimensions.all()
        for item in dimension.items.all()
        if item.scale
    )
    context = {
        "version": framework_version,
        "levels": LEVELS,
        "level_names": [(level, framework_version.level_label(level)) for level in LEVELS],
        "scales": [framework_version.scale(code) for code in codes],
        "may_add_norms": access.can(Action.EDIT_STRATEGY)
        and (
            framework_version.framework.organisation_id == access.organisation.pk
            or framework_version.framework.practice_id == request.user.pk
        ),
    }
    return render(request, "maturity/framework_detail.html", context)


@organisation_view(methods=["GET"])
def framework_download(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    """The file exactly as it was imported."""
    framework_version = get_object_or_404(
        FrameworkVersion.objects.visible_in(access.organisation)
        .select_related("framework")
        .only("version", "source", "source_name", "framework__code"),
        pk=pk,
    )
    if not framework_version.source:
        raise Http404
    kind = "application/json" if framework_version.is_json else "application/yaml"
    response = HttpResponse(framework_version.source, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=framework_version.download_name()
    )
    return response


@organisation_view(Action.EDIT_STRATEGY)
def framework_upload(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    posted = request.method == "POST"
    form = FrameworkUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisation=access.organisation,
        user=request.user,
        may_share=access.role == Role.CONSULTANT,
    )
    if posted and form.is_valid():
        try:
            result = services.framework_import(form.parsed, imported_by=request.user, **form.owner)
        except services.FrameworkCodeUnavailable as error:  # taken since the form checked
            form.add_error("file", str(error))
        else:
            messages.success(request, _upload_message(result))
            return redirect("framework_detail", access.organisation.slug, result.version.pk)
    context = {
        "form": form,
        "problems": form.problems[:MAX_SHOWN_PROBLEMS],
        "more_problems": max(0, len(form.problems) - MAX_SHOWN_PROBLEMS),
    }
    return render(request, "maturity/framework_upload.html", context)


@organisation_view(Action.EDIT_STRATEGY)
def framework_norms_upload(
    request: HttpRequest, access: OrganisationAccess, pk: int
) -> HttpResponse:
    """Add a norms file to a version of the organisation's own (or the caller's practice's)
    framework; built-in frameworks are a 404, since every organisation would see their norms."""
    try:
        framework_version = selectors.norms_target(
            organisation=access.organisation, user=request.user, pk=pk
        )
    except FrameworkVersion.DoesNotExist:
        raise Http404 from None
    posted = request.method == "POST"
    form = NormsUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        version=framework_version,
    )
    if posted and form.is_valid():
        stored = services.norms_import(version=framework_version, norm_sets=form.parsed.norms)
        messages.success(
            request,
            ngettext("Added %(count)d norm value.", "Added %(count)d norm values.", stored)
            % {"count": stored},
        )
        return redirect("framework_detail", access.organisation.slug, framework_version.pk)
    context = {
        "form": form,
        "version": framework_version,
        "problems": form.problems[:MAX_SHOWN_PROBLEMS],
        "more_problems": max(0, len(form.problems) - MAX_SHOWN_PROBLEMS),
    }
    return render(request, "maturity/framework_norms_upload.html", context)


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
