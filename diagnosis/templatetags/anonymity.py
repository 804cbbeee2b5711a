"""`{% anonymity_promise assessment %}`: what a round promises its respondents (see
`diagnosis.anonymity` and docs/permissions.md, "What anonymity means here")."""

from django import template

from diagnosis.anonymity import promise

register = template.Library()


@register.simple_tag
def anonymity_promise(assessment) -> str:
    return promise(assessment)
