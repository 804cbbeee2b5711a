"""Forms of the diagnosis workspace: knowledge gaps and key challenges."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lndstrategy.text import TextRuleMixin, counted_text_field
from maturity.models import Dimension, FrameworkVersion, translated

from .models import KeyChallenge, KnowledgeGap

LEVEL_CHOICES = [(level, str(level)) for level in range(1, 6)]


class KnowledgeGapForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = KnowledgeGap
        fields = [
            "target_group",
            "competence",
            "present_level",
            "needed_level",
            "approach",
            "notes",
        ]
        widgets = {
            "present_level": forms.Select(choices=[("", "—"), *LEVEL_CHOICES]),
            "needed_level": forms.Select(choices=[("", "—"), *LEVEL_CHOICES]),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "target_group": _(
                "A group of people or a core task, e.g. “Planners” or “Route design”."
            ),
            "approach": _("Build: develop our own people. Buy: hire. Borrow: work with a partner."),
        }

    def clean(self):
        cleaned = super().clean()
        present, needed = cleaned.get("present_level"), cleaned.get("needed_level")
        if present is not None and needed is not None and needed < present:
            self.add_error("needed_level", _("The needed level cannot be below the present level."))
        return cleaned


def dimension_choices(version: FrameworkVersion) -> list[tuple[str, list[tuple[str, str]]]]:
    """The version's dimensions grouped by section, for checkboxes (one query)."""
    rows = (
        Dimension.objects.filter(version=version)
        .order_by("section__position", "position")
        .values_list("code", "name", "section__title")
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, name, section in rows:  # a framework's handful of dimensions
        groups.setdefault(translated(section), []).append((code, translated(name)))
    return list(groups.items())


TITLE_LIMIT = 200  # characters: one sentence
DESCRIPTION_LIMIT = 2000  # a paragraph or two: half a page of the PDF at most


def _label(name: str):
    return capfirst(KeyChallenge._meta.get_field(name).verbose_name)


class KeyChallengeForm(TextRuleMixin, forms.ModelForm):
    """A key challenge tied to dimensions of one framework version (checked against it)."""

    title = counted_text_field(
        limit=TITLE_LIMIT, label=_label("title"), help_text=_("The crux in one short sentence.")
    )
    description = counted_text_field(
        limit=DESCRIPTION_LIMIT,
        label=_label("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    dimension_codes = forms.MultipleChoiceField(
        label=_("Dimensions it comes from"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every dimension of the diagnosis this challenge comes from."),
        error_messages={
            "required": _("Tie the challenge to at least one dimension."),
            "invalid_choice": _("%(value)s is not a dimension of this framework."),
        },
    )

    class Meta:
        model = KeyChallenge
        fields = ["title", "description", "priority", "dimension_codes"]

    def __init__(self, *args, choices: Sequence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension_codes"].choices = choices

    def clean_dimension_codes(self) -> list[str]:
        chosen = set(self.cleaned_data["dimension_codes"])
        order = [
            code
            for _group, options in self.fields["dimension_codes"].choices
            for code, _ in options
        ]
        return [code for code in order if code in chosen]
