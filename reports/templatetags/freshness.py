"""How long ago something happened, in words that read right for any amount of time."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ago(moment: datetime | None) -> str:
    """ "just now" under a minute (never "0 minutes ago"), otherwise "3 minutes ago"."""
    if not moment:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return _("just now")
    return _("%(since)s ago") % {"since": timesince(moment)}
