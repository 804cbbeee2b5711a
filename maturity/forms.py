from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .framework_files import (
    MAX_FILE_BYTES,
    FrameworkFileError,
    FrameworkProblem,
    ParsedFramework,
    parse_framework,
)

EXTENSIONS = (".yaml", ".yml", ".json")


class FrameworkUploadForm(forms.Form):
    """One framework file. When valid, ``parsed`` holds it; when the file has problems,
    ``problems`` lists every one (line, path, message) and the field says how many."""

    file = forms.FileField(
        label=_("Framework file"),
        help_text=_("YAML (.yaml, .yml) or JSON (.json), UTF-8, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parsed: ParsedFramework | None = None
        self.problems: list[FrameworkProblem] = []
        self.filename = ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a .yaml, .yml or .json file; %(name)s is none of these."),
                params={"name": upload.name},
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; framework files may be at most %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_FILE_BYTES),
                },
            )
        upload.seek(0)
        content = upload.read(MAX_FILE_BYTES + 1)
        try:
            self.parsed = parse_framework(content, filename=upload.name)
        except FrameworkFileError as error:
            self.problems = error.errors
            count = len(error.errors)
            raise forms.ValidationError(
                ngettext(
                    "The file has %(count)d problem, listed below. Nothing was imported.",
                    "The file has %(count)d problems, listed below. Nothing was imported.",
                    count,
                ),
                params={"count": count},
            ) from error
        return upload
