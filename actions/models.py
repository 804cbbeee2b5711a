"""Coherent action: the vision, actions and their progress, learning opportunities, standard
processes, and performance gaps triaged into learning actions or recommendations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lndstrategy.bounds import date_validators
from organisations.models import Organisation, Person
from policy.models import Policy


class Quadrant(models.TextChoices):
    # Codes match maturity.comparisons.QUADRANTS, so planned and desired balances line up.
    INDIVIDUAL_PRODUCTIVE = "individual_productive", _("Individual · productive")
    INDIVIDUAL_GENERATIVE = "individual_generative", _("Individual · generative")
    ORGANISATIONAL_PRODUCTIVE = "organisational_productive", _("Organisational · productive")
    ORGANISATIONAL_GENERATIVE = "organisational_generative", _("Organisational · generative")


class WorkType(models.TextChoices):
    KNOWN = "known", _("Known work")
    COMPLEX = "complex", _("Complex work")
    DISCOVERY = "discovery", _("Discovery work")


class Horizon(models.TextChoices):
    VISION = "vision", _("Five-year vision")
    PLAN = "plan", _("Two-year plan")
    NOW = "now", _("Now")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# A hundred person-years: more than any one action plans.
MAX_EFFORT_DAYS = 100 * 365

CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


class Feature(models.TextChoices):
    """The six features of a learning organisation (dimension codes of the default framework),
    with the short numbered names the strategy pages of the default framework use."""

    F1 = "f1-learning-culture", _("1 · Learning culture beyond training")
    F2 = "f2-problem-solving", _("2 · Problem solving and feedback")
    F3 = "f3-outside-ideas", _("3 · Openness to outside ideas")
    F4 = "f4-autonomy", _("4 · Accountability and autonomy")
    F5 = "f5-supportive-leadership", _("5 · Supportive leadership")
    F6 = "f6-lasting-improvement", _("6 · Lasting improvement")


class Vision(models.Model):
    """Where L&D wants the organisation to be in five years."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="ld_vision"
    )
    statement = models.TextField(_("five-year vision for L&D"), max_length=3000)
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.statement[:80]


class Action(models.Model):
    """One action that carries out a guiding policy."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="strategy_actions"
    )
    # RESTRICT: a policy with actions cannot be deleted on its own (retire it instead), but
    # deleting the whole organisation still removes both.
    policy = models.ForeignKey(
        Policy,
        on_delete=models.RESTRICT,
        related_name="actions",
        verbose_name=_("guiding policy it carries out"),
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_actions",
        verbose_name=_("accountable owner"),
    )
    # Codes of the dimensions it develops, of the framework of the organisation's current round
    # (`actions.selectors.action_dimensions`): codes stay stable across framework versions.
    dimensions = models.JSONField(_("dimensions it develops"), default=list)
    quadrant = models.CharField(_("quadrant"), max_length=30, choices=Quadrant)
    work_type = models.CharField(_("type of work"), max_length=20, choices=WorkType)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon)
    start_date = models.DateField(_("start"), null=True, blank=True, validators=date_validators())
    end_date = models.DateField(_("end"), null=True, blank=True, validators=date_validators())
    effort_days = models.PositiveIntegerField(
        _("effort (person-days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_EFFORT_DAYS)],
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    metric_name = models.CharField(_("business metric"), max_length=200, blank=True)
    metric_unit = models.CharField(_("unit"), max_length=40, blank=True)
    metric_baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    metric_target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    metric_current = models.DecimalField(
        _("latest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus, default=ActionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def has_metric(self) -> bool:
        return bool(self.metric_name) and self.metric_target is not None

    def dimension_labels(self, names: dict[str, str]) -> list[str]:
        """The names of the dimensions it develops (``names``: code -> name); an unknown code
        shows as itself."""
        return [names.get(code, code) for code in self.dimensions or ()]


class ProgressNote(models.Model):
    """A progress update on an action: what happened, the status after it, the metric now."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("progress note"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus)
    metric_value = models.DecimalField(
        _("metric value now"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.text[:40]}"


class LearningMode(models.TextChoices):
    FROM_WORK = "from", _("Learning from work")
    THROUGH_WORK = "through", _("Learning through work")
    AT_WORK = "at", _("Learning at work")


class LearningOpportunity(models.Model):
    """A place where people and teams can learn from, through or at work."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_opportunities"
    )
    mode = models.CharField(_("kind"), max_length=10, choices=LearningMode)
    title = models.CharField(_("opportunity"), max_length=200)
    enablers = models.TextField(_("how we enable and speed it up"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mode", "title", "pk"]
        verbose_name_plural = _("learning opportunities")

    def __str__(self) -> str:
        return self.title


class SupportApproach(models.TextChoices):
    SIMPLIFY = "simplify", _("Simplify")
    OPTIMISE = "optimise", _("Optimise")
    AUTOMATE = "automate", _("Automate")


class StandardProcess(models.Model):
    """A core work process where standardisation and consistency are still the goal."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="standard_processes"
    )
    name = models.CharField(_("core process"), max_length=200)
    approach = models.CharField(
        _("what we do with L&D support for it"), max_length=10, choices=SupportApproach
    )
    notes = models.TextField(_("how"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class GapCause(models.TextChoices):
    LEARNING = "learning", _("A learning need: people lack the knowledge or skill")
    PROCESS = "process", _("A gap in the process")
    TOOLS = "tools", _("A gap in tools or information")
    INCENTIVES = "incentives", _("Incentives that reward something else")
    ENVIRONMENT = "environment", _("The working environment or culture")


class PerformanceGap(models.Model):
    """A business outcome below target, triaged the performance-consulting way."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="performance_gaps"
    )
    outcome = models.CharField(_("desired business outcome"), max_length=200)
    metric_name = models.CharField(_("how it is measured"), max_length=200)
    metric_unit = models.CharField(_("unit"), max_length=40, blank=True)
    current_value = models.DecimalField(_("today's value"), max_digits=14, decimal_places=2)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    drivers = models.TextField(_("what drives the outcome"), max_length=3000, blank=True)
    cause = models.CharField(
        _("main cause of the gap"), max_length=20, choices=GapCause, blank=True
    )
    cause_notes = models.TextField(_("what tells you so"), max_length=3000, blank=True)
    action = models.OneToOneField(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="performance_gap",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.outcome

    @property
    def is_learning_need(self) -> bool:
        return self.cause == GapCause.LEARNING

    @property
    def next_step(self) -> str:
        """Which step of the triage is still open: drivers, cause, action, recommend or done."""
        if not self.drivers:
            return "drivers"
        if not self.cause:
            return "cause"
        if self.is_learning_need:
            return "done" if self.action_id else "action"
        return "done" if hasattr(self, "recommendation") else "recommend"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DONE = "done", _("Done")


class Recommendation(models.Model):
    """What to do about a gap whose cause is not learning, handed to a named owner."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="recommendations"
    )
    gap = models.OneToOneField(
        PerformanceGap, on_delete=models.CASCADE, related_name="recommendation"
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        related_name="recommendations",
        verbose_name=_("handed to"),
    )
    text = models.TextField(_("recommendation"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=RecommendationStatus, default=RecommendationStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.text[:80]
