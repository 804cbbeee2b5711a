"""Import responses from another survey tool (`diagnosis/imports.py`): owners and consultants."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from organisations.access import Action, OrganisationAccess, organisation_view

from . import anonymity, imports
from .import_forms import ResponsesImportForm
from .response_files import MAX_LISTED_PROBLEMS


@organisation_view(Action.EDIT_STRATEGY)
def responses_import(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    posted = request.method == "POST"
    form = ResponsesImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisation=access.organisation,
    )
    if posted:
        # Checking may store the built-in default framework (first use); a refused file keeps
        # nothing, so the whole attempt is one transaction.
        with transaction.atomic():
            if form.is_valid():
                try:
                    assessment = imports.responses_import(
                        organisation=access.organisation,
                        framework_version=form.version,
                        name=form.cleaned_data["name"],
                        responses=form.responses,
                        created_by=request.user,
                    )
                except imports.ImportRefused as error:  # the name was taken meanwhile
                    form.add_error("name", error)
                else:
                    _imported_message(request, assessment, len(form.responses.responses))
                    return redirect("assessment_detail", access.organisation.slug, assessment.pk)
            transaction.set_rollback(True)
    context = {
        "form": form,
        "problems": form.problems[:MAX_LISTED_PROBLEMS],
        "more_problems": max(0, form.problem_count - MAX_LISTED_PROBLEMS),
    }
    return render(request, "diagnosis/responses_import.html", context)


def _imported_message(request: HttpRequest, assessment, count: int) -> None:
    messages.success(
        request,
        ngettext(
            "Imported %(count)s response into the closed round “%(name)s”.",
            "Imported %(count)s responses into the closed round “%(name)s”.",
            count,
        )
        % {"count": f"{count:,}", "name": assessment.title},
    )
    rule = anonymity.disclosure(assessment, count)
    if rule.withheld:
        messages.warning(request, rule.message)
