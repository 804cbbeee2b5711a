"""Template helpers for framework texts: ``{% load maturity_tags %}``.

``{{ dimension.name|translated }}`` shows a translated JSON text in the active language
(English fallback); ``{{ code|language_label }}`` names a language code, also one Django doesn't
know; ``{{ dimension.levels|level_text:1 }}`` picks one level's descriptor;
``{{ version|scale_named:item.scale }}`` is the scale an item is answered on.
"""

from django import template
from django.utils.translation import get_language_info

from maturity.models import FrameworkVersion
from maturity.models import translated as translated_text
from maturity.scales import Scale

register = template.Library()


@register.filter
def translated(text: dict[str, str] | None) -> str:
    return translated_text(text)


@register.filter
def language_label(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.filter
def level_text(levels: dict[str, dict[str, str]] | None, level: int) -> str:
    return translated_text((levels or {}).get(str(level)))


@register.filter
def scale_named(version: FrameworkVersion, code: str) -> Scale | None:
    return version.scale(code) if code else None


@register.filter
def level_name(version: FrameworkVersion, level: int) -> str:
    return version.level_label(level)
