"""Limits every stored number and date keeps, and the parsing of ids from query strings.

Forms show these limits as field errors; models carry them as validators, so a value out of
range never reaches the database (where it would overflow or fail date arithmetic).
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# Database ids are 64-bit; a longer number in a query string can name no object.
_ID = re.compile(r"[0-9]{1,18}")


def date_validators() -> list:
    """A date between 2000-01-01 and 2100-12-31."""
    return [
        MinValueValidator(EARLIEST_DATE, message=_("Give a date in 2000 or later.")),
        MaxValueValidator(LATEST_DATE, message=_("Give a date before 2101.")),
    ]


def parse_id(raw) -> int | None:
    """The id a query-string value names, or None when it is no id (empty, not digits, or
    longer than any id can be)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str) and _ID.fullmatch(raw):
        return int(raw)
    return None


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several objects by id that refuses, before any query, a value that can be
    no id: Django checks the ids with ``pk__in``, which overflows on SQLite past 64 bits."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
