from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lndstrategy.text import TextRuleMixin
from maturity.models import Framework, FrameworkVersion
from organisations.models import Person

from .models import Assessment, RespondentGroup


class FrameworkVersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, version: FrameworkVersion) -> str:
        return f"{version.display_title} (v{version.version})"


class AssessmentForm(TextRuleMixin, forms.ModelForm):
    groups = forms.MultipleChoiceField(
        label=_("Respondent groups"),
        choices=RespondentGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which groups take part; results are split by group."),
    )
    anonymous = forms.TypedChoiceField(
        label=_("Results"),
        choices=[
            (True, _("Anonymous: nobody sees who answered, or who gave which answer")),
            (False, _("Named: the owner sees who has submitted; quotes carry names")),
        ],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        initial=True,
    )
    framework_version = FrameworkVersionChoice(
        label=_("Framework"),
        queryset=FrameworkVersion.objects.none(),  # set per organisation in __init__
        help_text=_("The questions people answer. It is fixed once someone has answered."),
    )

    class Meta:
        model = Assessment
        fields = [
            "title",
            "period",
            "closes_on",
            "groups",
            "anonymous",
            "anonymity_threshold",
            "framework_version",
            "send_reminders",
        ]
        widgets = {"closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "period": _("For example “2026” or “Spring 2026”."),
            "closes_on": _("Personal links stop working after this day."),
        }

    def __init__(self, *args, framework_locked: bool = False, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["placeholder"] = _("Diagnostic round 2026")
        # Only the frameworks this organisation may see (a forged id of another tenant's version
        # is "not one of the available choices"); the round's own version always stays valid.
        if organisation is None and self.instance.organisation_id:
            organisation = self.instance.organisation_id
        visible = Q(framework__in=Framework.objects.visible_in(organisation))
        if self.instance.framework_version_id:
            visible |= Q(pk=self.instance.framework_version_id)
        self.fields["framework_version"].queryset = (
            FrameworkVersion.objects.filter(visible)
            .select_related("framework")
            .order_by("framework__code", "-version")
        )
        if framework_locked:
            self.fields["framework_version"].disabled = True
            self.fields["framework_version"].help_text = _(
                "People have answered already, so the framework can no longer change."
            )

    def clean(self):
        data = super().clean()
        # What respondents were promised when the round opened holds (diagnosis.anonymity):
        # an anonymous round stays anonymous and its minimum k can only go up.
        opened = self.instance.pk and self.instance.opened_at
        if opened and self.instance.anonymous and data.get("anonymous") is False:
            self.add_error(
                "anonymous",
                _("People were promised anonymity when the round opened, so it stays anonymous."),
            )
        k = data.get("anonymity_threshold")
        if opened and k is not None and k < self.instance.anonymity_threshold:
            self.add_error(
                "anonymity_threshold",
                _("The round opened with this minimum: it can be raised, not lowered."),
            )
        return data

    def clean_closes_on(self):
        closes_on = self.cleaned_data.get("closes_on")
        unchanged = self.instance.pk and closes_on == self.instance.closes_on
        if closes_on and not unchanged and closes_on < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return closes_on

    def clean_groups(self):
        chosen = self.cleaned_data["groups"]
        # Keep the order of the choices, whatever order the browser sent.
        return [value for value, _label in RespondentGroup.choices if value in chosen]


def group_choices(assessment: Assessment) -> list[tuple[str, str]]:
    labels = dict(RespondentGroup.choices)
    return [(group, labels.get(group, group)) for group in assessment.groups]


class InviteForm(TextRuleMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))
    group = forms.ChoiceField(label=_("Group"))
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "Their emails are written in this language. Someone already on the organisation's "
            "people keeps the language given there."
        ),
    )

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = group_choices(assessment)
        # The inviter's own language, unless they choose another.
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE


class PersonRespondentForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    group = forms.ChoiceField(label=_("Group"))

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone on the roster who is not asked in this round yet.
        self.fields["person"].queryset = (
            Person.objects.filter(organisation=assessment.organisation)
            .exclude(respondents__assessment=assessment)
            .order_by("name", "email")
        )
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.name} ({person.email})" if person.email else person.name
        )
        self.fields["group"].choices = group_choices(assessment)
