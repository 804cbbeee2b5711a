from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.choices import flatten_choices
from django.utils.translation import gettext_lazy as _

from lndstrategy.text import TextRuleMixin
from organisations.models import Organisation, Person
from policy.models import Policy

from .dimensions import ActionDimensions
from .models import (
    Action,
    ActionStatus,
    GapCause,
    Horizon,
    LearningOpportunity,
    PerformanceGap,
    ProgressNote,
    Quadrant,
    Recommendation,
    StandardProcess,
    Vision,
)
from .selectors import accountable_people, display_name

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


def owner_choices(organisation: Organisation, current_owner_id: int | None):
    """Who may be chosen as owner: the accountable people, and whoever owns it today."""
    also = Q(pk=current_owner_id) if current_owner_id else None
    return accountable_people(organisation, also=also)


class ActionForm(TextRuleMixin, forms.ModelForm):
    policy = forms.ModelChoiceField(
        label=_("Guiding policy it carries out"),
        queryset=Policy.objects.none(),
        error_messages={"required": _("Every action carries out a guiding policy; choose one.")},
    )
    owner = PersonChoiceField(
        label=_("Accountable owner"),
        queryset=Person.objects.none(),
        help_text=_(
            "Someone of the leadership team who answers for this action; they need no login."
        ),
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Features of a learning organisation it develops"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one feature this action develops.")},
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "policy",
            "owner",
            "dimensions",
            "quadrant",
            "work_type",
            "horizon",
            "start_date",
            "end_date",
            "effort_days",
            "budget",
            "metric_name",
            "metric_unit",
            "metric_baseline",
            "metric_target",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "quadrant": forms.RadioSelect,
            "work_type": forms.RadioSelect,
            "horizon": forms.RadioSelect,
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
        }
        labels = {"metric_name": _("What is measured")}
        help_texts = {
            "effort_days": _("Planned effort; the quadrant balance is computed from it."),
            "metric_name": _("The business result this action should move."),
        }

    def __init__(self, *args, organisation: Organisation, dimensions: ActionDimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self._dimension_field(dimensions)
        policies = Policy.objects.filter(organisation=organisation).active()
        if self.instance.pk and self.instance.policy_id:
            # An action on a policy retired since keeps it until moved to a live one.
            policies = Policy.objects.filter(organisation=organisation).filter(
                retired_at__isnull=True
            ) | Policy.objects.filter(pk=self.instance.policy_id, organisation=organisation)
        self.fields["policy"].queryset = policies
        self.fields["owner"].queryset = owner_choices(organisation, self.instance.owner_id)
        self.fields["title"].max_length = 200
        for name in ("quadrant", "work_type", "horizon"):
            self.fields[name].choices = [
                choice for choice in self.fields[name].choices if choice[0]
            ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The action"),
                "title",
                "description",
                Row(Column("policy", css_class="col-md-7"), Column("owner", css_class="col-md-5")),
            ),
            Fieldset(
                _("What it develops"),
                Row(
                    Column("dimensions", css_class="col-md-5"),
                    Column("quadrant", css_class="col-md-4"),
                    Column("work_type", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("When, and how much"),
                Row(
                    Column("horizon", css_class="col-md-4"),
                    Column("start_date", css_class="col-md-4"),
                    Column("end_date", css_class="col-md-4"),
                ),
                Row(
                    Column("effort_days", css_class="col-md-6"),
                    Column("budget", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Business metric"),
                Row(
                    Column("metric_name", css_class="col-md-6"),
                    Column("metric_unit", css_class="col-md-2"),
                    Column("metric_baseline", css_class="col-md-2"),
                    Column("metric_target", css_class="col-md-2"),
                ),
            ),
            "status",
        )

    def _dimension_field(self, dimensions: ActionDimensions) -> None:
        """The dimensions of the framework of the current round (`actions.selectors.
        action_dimensions`), grouped by block; the default framework's form as it always was.
        The dimensions the action develops today stay offered, even of an earlier framework."""
        field = self.fields["dimensions"]
        field.choices = dimensions.choices(keep=self.instance.dimensions or ())
        if not dimensions.default_framework:
            field.label = _("Dimensions it develops")
            field.error_messages |= {
                "required": _("Choose at least one dimension this action develops."),
                "invalid_choice": _("%(value)s is not a dimension of this framework."),
            }

    def clean_dimensions(self) -> list[str]:
        """The chosen codes in framework order."""
        chosen = set(self.cleaned_data["dimensions"])
        order = [value for value, _label in flatten_choices(self.fields["dimensions"].choices)]
        return [code for code in order if code in chosen]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        horizon = data.get("horizon")
        if horizon in (Horizon.PLAN, Horizon.NOW):
            for name, value in (("start_date", start), ("end_date", end)):
                if value is None and name not in self.errors:
                    self.add_error(name, _("Give a date for actions in the plan or for now."))
        if start and end and end < start:
            self.add_error("end_date", _("The end comes before the start."))
        no_estimate = data.get("effort_days") is None and data.get("budget") is None
        if no_estimate and not {"effort_days", "budget"} & set(self.errors):
            self.add_error("effort_days", _("Give the effort in person-days, a budget, or both."))
        if data.get("metric_target") is not None and not data.get("metric_name"):
            self.add_error("metric_name", _("Name the business metric the target is for."))
        return data


class ProgressForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["status", "text", "metric_value"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"status": _("Status now"), "text": _("What happened")}


class VisionForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = Vision
        fields = ["statement", "target_year"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "statement": _(
                "What learning looks like in the organisation in five years, and which "
                "capabilities you will have built."
            )
        }


class ActionFilterForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    quadrant = forms.ChoiceField(label=_("Quadrant"), required=False)
    horizon = forms.ChoiceField(label=_("Horizon"), required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("Anyone"))]
        self.fields["owner"].choices = everyone + [
            (person.pk, display_name(person)) for person in owners
        ]
        self.fields["status"].choices = [("", _("Any status")), *ActionStatus.choices]
        self.fields["quadrant"].choices = [("", _("Any quadrant")), *Quadrant.choices]
        self.fields["horizon"].choices = [("", _("Any horizon")), *Horizon.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        lookups = {
            "owner_id": self.cleaned_data.get("owner"),
            "status": self.cleaned_data.get("status"),
            "quadrant": self.cleaned_data.get("quadrant"),
            "horizon": self.cleaned_data.get("horizon"),
        }
        return {key: value for key, value in lookups.items() if value not in (None, "")}


class LearningOpportunityForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = LearningOpportunity
        fields = ["mode", "title", "enablers"]
        widgets = {"enablers": forms.Textarea(attrs={"rows": 3}), "mode": forms.RadioSelect}


class StandardProcessForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = StandardProcess
        fields = ["name", "approach", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "approach": forms.RadioSelect}


class GapOutcomeForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = PerformanceGap
        fields = ["outcome", "metric_name", "metric_unit", "current_value", "target_value"]
        help_texts = {
            "outcome": _("The result the business needs, in its own words."),
            "metric_name": _("The measure that shows whether the outcome is reached."),
        }

    def clean(self):
        data = super().clean()
        current, target = data.get("current_value"), data.get("target_value")
        if current is not None and target is not None and current == target:
            self.add_error("target_value", _("The target equals today's value: there is no gap."))
        return data


class GapDriversForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = PerformanceGap
        fields = ["drivers"]
        widgets = {"drivers": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "drivers": _(
                "Which inputs decide whether the outcome is reached: people, process, tools, "
                "incentives, information, environment?"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drivers"].required = True


class GapCauseForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = PerformanceGap
        fields = ["cause", "cause_notes"]
        widgets = {"cause": forms.RadioSelect, "cause_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cause"].required = True
        self.fields["cause"].choices = GapCause.choices


class RecommendationForm(TextRuleMixin, forms.ModelForm):
    owner = PersonChoiceField(label=_("Hand it to"), queryset=Person.objects.none())

    class Meta:
        model = Recommendation
        fields = ["owner", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "text": _("What should change in the process, tools, incentives or environment.")
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(organisation, self.instance.owner_id)
