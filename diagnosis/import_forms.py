"""The upload form of "Import responses" (`diagnosis/views_import.py`)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lndstrategy.text import TextRuleMixin
from maturity.models import FrameworkVersion, translated
from maturity.services import shipped_default_framework
from organisations.models import Organisation

from . import imports
from .forms import FrameworkVersionChoice
from .response_files import (
    MAX_FILE_BYTES,
    ResponseFileError,
    ResponseProblem,
    size_problem,
)
from .response_rules import ImportedResponses
from .services import default_framework_choice, default_framework_stored

EXTENSIONS = (".csv", ".xlsx")


class ResponsesImportForm(TextRuleMixin, forms.Form):
    """A response file, the framework version it answers and the new round's name.

    When valid, ``version`` and ``responses`` hold what `imports.responses_import` stores;
    otherwise ``problems`` holds the file's first problems and ``problem_count`` counts them
    all. Validating may import the built-in default framework when no version of it is stored
    yet: the view validates inside a transaction it rolls back when the form is invalid.
    """

    framework_version = FrameworkVersionChoice(
        label=_("Framework"),
        queryset=FrameworkVersion.objects.none(),  # the organisation's, in __init__
        help_text=_(
            "The questionnaire the answers were given to: its item codes head the columns."
        ),
    )
    name = forms.CharField(
        label=_("Name of the round"),
        max_length=imports.MAX_NAME,
        help_text=_("A new, closed round is made with this name, for example “Survey 2025”."),
    )
    file = forms.FileField(
        label=_("Response file"),
        help_text=_(
            "CSV (UTF-8, comma or semicolon) or Excel (.xlsx), at most 5 MB: a heading row, "
            "then one row per respondent."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.version: FrameworkVersion | None = None
        self.responses: ImportedResponses | None = None
        self.problems: list[ResponseProblem] = []
        self.problem_count = 0
        self.filename = ""
        field = self.fields["framework_version"]
        field.queryset = imports.import_versions(organisation=organisation)
        if default_framework_stored() is None:
            # The built-in default framework is stored on first use (a POST), never on a GET.
            shipped = shipped_default_framework()
            field.required = False
            field.empty_label = f"{translated(shipped.title)} (v{shipped.version})"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        problem = imports.round_name_problem(organisation=self.organisation, name=name)
        if problem:
            raise forms.ValidationError(problem)
        return name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a .csv or .xlsx file; %(name)s is neither."), params={"name": upload.name}
            )
        if upload.size > MAX_FILE_BYTES:
            self._refuse(ResponseFileError([ResponseProblem(None, "", size_problem(upload.size))]))
            raise forms.ValidationError(
                _("The file is %(size)s; response files may be at most %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_FILE_BYTES),
                },
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "framework_version" in self.errors:
            return cleaned
        self.version = cleaned.get("framework_version") or default_framework_choice()
        upload.seek(0)
        try:
            self.responses = imports.response_file_check(
                content=upload.read(MAX_FILE_BYTES + 1),
                filename=upload.name,
                version=self.version,
            )
        except ResponseFileError as error:
            self._refuse(error)
            self.add_error(
                "file",
                ngettext(
                    "The file has %(count)s problem, listed below. Nothing was imported.",
                    "The file has %(count)s problems, listed below. Nothing was imported.",
                    error.total,
                )
                % {"count": f"{error.total:,}"},
            )
        return cleaned

    def _refuse(self, error: ResponseFileError) -> None:
        self.problems = error.problems
        self.problem_count = error.total
