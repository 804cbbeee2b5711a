"""The rounding rule as built-in template filters (see ``lndstrategy.numbers``): templates say
``{{ score|rounded:2 }}`` and ``{{ change|signed:1 }}``, never ``floatformat``."""

from typing import Any

from django import template

from . import numbers

register = template.Library()


@register.filter
def rounded(value: Any, argument: Any = 1) -> str:
    return numbers.display(value, **numbers.template_argument(argument))


@register.filter
def signed(value: Any, argument: Any = 1) -> str:
    return numbers.display(value, signed=True, **numbers.template_argument(argument))
