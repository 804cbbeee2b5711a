from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisations.models import Organisation

from .framework_files import (
    MAX_FILE_BYTES,
    FrameworkFileError,
    FrameworkProblem,
    ParsedFramework,
    parse_framework,
)
from .models import FrameworkVersion
from .norm_files import ParsedNorms, parse_norms
from .selectors import framework_code_problem
from .services import norm_ranges

EXTENSIONS = (".yaml", ".yml", ".json")
FOR_ORGANISATION = "organisation"
FOR_PRACTICE = "practice"


class FrameworkUploadForm(forms.Form):
    """One framework file for ``organisation``, or, when ``may_share`` (the uploader is a
    consultant there), for the uploader's practice. When valid, ``parsed`` holds the file and
    ``owner`` the keyword arguments naming its owner for ``services.framework_import``; when
    the file has problems, ``problems`` lists every one (line, path, message) and the field says
    how many."""

    file = forms.FileField(
        label=_("Framework file"),
        help_text=_("YAML (.yaml, .yml) or JSON (.json), UTF-8, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(
        self,
        *args,
        organisation: Organisation,
        user: AbstractBaseUser,
        may_share: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.user = user
        self.parsed: ParsedFramework | None = None
        self.problems: list[FrameworkProblem] = []
        self.filename = ""
        if may_share:
            self.fields["belongs_to"] = forms.ChoiceField(
                label=_("Who may use it"),
                choices=[
                    (
                        FOR_ORGANISATION,
                        _("Only %(organisation)s") % {"organisation": organisation.name},
                    ),
                    (
                        FOR_PRACTICE,
                        _("My practice: every organisation where I am a consultant, and no other"),
                    ),
                ],
                initial=FOR_ORGANISATION,
                required=False,  # left out: the organisation only, the narrower choice
                widget=forms.RadioSelect,
            )

    @property
    def owner(self) -> dict:
        if self.cleaned_data.get("belongs_to") == FOR_PRACTICE:
            return {"practice": self.user}
        return {"organisation": self.organisation}

    def clean(self):
        cleaned = super().clean()
        if self.parsed is not None and "file" not in self.errors:
            problem = framework_code_problem(code=self.parsed.code, **self.owner)
            if problem:
                self.add_error("file", problem)
        return cleaned

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name
        try:
            self.parsed = parse_framework(_read_upload(upload), filename=upload.name)
        except FrameworkFileError as error:
            self.problems = error.errors
            raise _problems_error(error) from error
        return upload


def _read_upload(upload) -> bytes:
    """The content of an uploaded framework or norms file, after checking its name and size."""
    if not upload.name.lower().endswith(EXTENSIONS):
        raise forms.ValidationError(
            _("Choose a .yaml, .yml or .json file; %(name)s is none of these."),
            params={"name": upload.name},
        )
    if upload.size > MAX_FILE_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; framework files may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_BYTES)},
        )
    upload.seek(0)
    return upload.read(MAX_FILE_BYTES + 1)


def _problems_error(error: FrameworkFileError) -> forms.ValidationError:
    count = len(error.errors)
    return forms.ValidationError(
        ngettext(
            "The file has %(count)d problem, listed below. Nothing was imported.",
            "The file has %(count)d problems, listed below. Nothing was imported.",
            count,
        ),
        params={"count": count},
    )


class NormsUploadForm(forms.Form):
    """A norms file for ``version`` (docs/frameworks.md, "Norms files"). When valid, ``parsed``
    holds its norm sets; otherwise ``problems`` lists every problem with its line."""

    file = forms.FileField(
        label=_("Norms file"),
        help_text=_("YAML (.yaml, .yml) or JSON (.json), UTF-8, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, version: FrameworkVersion, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.parsed: ParsedNorms | None = None
        self.problems: list[FrameworkProblem] = []
        self.filename = ""

    def _ranges(self, code: str, number: int):
        if (code, number) != (self.version.framework.code, self.version.version):
            return None
        return norm_ranges(self.version)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name
        try:
            self.parsed = parse_norms(
                _read_upload(upload), filename=upload.name, dimensions_of=self._ranges
            )
        except FrameworkFileError as error:
            self.problems = error.errors
            raise _problems_error(error) from error
        return upload
