from django import forms
from django.utils.translation import gettext_lazy as _

from diagnosis.models import KeyChallenge
from lndstrategy.bounds import IdsChoiceField
from lndstrategy.text import TextRuleMixin

from .library import library_entry
from .models import Policy


class PolicyForm(TextRuleMixin, forms.ModelForm):
    """Write, adopt or adapt a policy. The service saves it; this form only validates."""

    challenges = IdsChoiceField(
        label=_("Key challenges it addresses"),
        queryset=KeyChallenge.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one key challenge that this policy addresses."),
        },
    )
    source_code = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Policy
        fields = ["statement", "rationale", "challenges"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = KeyChallenge.objects.filter(organisation=organisation)
        self.fields["statement"].max_length = 600
        self.fields["rationale"].max_length = 3000
        if self.instance.pk:
            del self.fields["source_code"]

    def clean_source_code(self) -> str:
        code = self.cleaned_data.get("source_code") or ""
        return code if library_entry(code) else ""
