"""The one text-cleaning rule of the product: what user text may contain, and how stored text
is made safe for documents and charts.

At the boundary (every form, the questionnaire's free-text answers) text with a control
character other than tab, newline and carriage return is refused with a clear message next to
the field: nothing is stored. NUL is refused too. A vertical tab or form feed pasted from a
word processor is the usual culprit.

Text already stored (before the rule, or written by code around the forms) is cleaned on its
way into documents (``document_text``): control characters are dropped, so openpyxl never
raises ``IllegalCharacterError`` and no chart loses its SVG; bidirectional overrides and
isolates (U+202A-U+202E, U+2066-U+2069) are dropped, so no text shows reversed in the PDF,
workbook, CSV or charts. Chart labels are also HTML-escaped (``chart_label``): Plotly renders
``<a>``, ``<b>`` and ``<br>`` in text, and shows ``&lt;`` as ``<``.
"""

from __future__ import annotations

import html
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .characters import CONTROL_CHARACTERS

# Everything a document drops from stored text. openpyxl refuses \x00-\x08, \x0b, \x0c and
# \x0e-\x1f; the rest would show as boxes or reorder the text around them.
_DOCUMENT_DROPS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A private-use character that `chart_lines` puts where a chart label breaks; `chart_label`
# turns it into Plotly's <br> after escaping. User text never carries it (it is dropped).
LINE_BREAK = "\ue000"

CONTROL_MESSAGE = _(
    "This text contains invisible control characters (for example a vertical tab pasted from "
    "a word processor). Remove them and try again."
)


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(value))


def validate_text(value) -> None:
    """The form rule: refuse text with control characters other than tab and newline."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


class TextRuleMixin:
    """Add to a form class: every text field of the form (CharField and its kinds, except
    passwords) refuses control characters, with the message next to the field."""

    def __init__(self, *args, **kwargs):
        from django import forms

        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                field.validators.append(validate_text)


def document_text(value):
    """Stored text made safe for a document: control characters and bidirectional
    overrides dropped. Anything that is not text is returned unchanged."""
    if isinstance(value, str):
        return _DOCUMENT_DROPS.sub("", value)
    return value


def chart_label(value):
    """Text for a Plotly label, hover text or tick: cleaned and HTML-escaped, so it shows as
    typed (Plotly renders ``&lt;`` as ``<``); `chart_lines` line breaks become ``<br>``."""
    if not isinstance(value, str):
        return value
    return html.escape(document_text(value), quote=False).replace(LINE_BREAK, "<br>")


def chart_lines(lines) -> str:
    """Lines of one chart label, joined with the marker `chart_label` turns into <br>."""
    return LINE_BREAK.join(str(line).replace(LINE_BREAK, "") for line in lines)


def counted_text_field(*, limit: int, **kwargs):
    """A text field with a character limit the page counts as one types (``static/js/app.js``
    shows "123 / 2,000" under it). A paste over the limit is not cut by the browser: the text
    stays in the field and the server refuses it with a message next to the field.
    Line breaks count as one character, as the counter counts them."""
    from django import forms

    class CountedTextField(forms.CharField):
        def to_python(self, value):
            value = super().to_python(value)
            return value.replace("\r\n", "\n") if isinstance(value, str) else value

        def widget_attrs(self, widget):
            attrs = super().widget_attrs(widget)
            attrs.pop("maxlength", None)  # the browser would cut a paste silently
            attrs["data-max-chars"] = str(self.max_length)
            return attrs

    return CountedTextField(max_length=limit, **kwargs)
