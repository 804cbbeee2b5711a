"""Time to regenerate a snapshot (scores and chart figures) for 100, 1,000 and 10,000 respondents.

Run: ``.venv/bin/python bench/regeneration.py``. Printed, not asserted. Uses a throwaway SQLite
database in a temporary folder (the product's no-server default), the default framework, every
item answered by every respondent, and a dozen actions. For each size it prints the best of 3
wall-clock times of the three phases of ``reports.services.snapshot_build``: reading and scoring
(``reports.scores.build_scores``, which runs ``diagnosis.results``), the chart figures for both
languages (``reports.charts.build_all_languages``), and the whole build including the save.
``bench/dashboard.py`` reuses ``setup_django`` and ``seed`` from here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100, 1_000, 10_000)


def setup_django(var_dir: str | None = None) -> str:
    """Configure Django on a fresh SQLite database in a temporary folder and migrate it."""
    var_dir = var_dir or tempfile.mkdtemp(prefix="lndstrategy-bench-")
    os.environ["LNDSTRATEGY_VAR_DIR"] = var_dir
    (Path(var_dir) / "broker" / "processed").mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lndstrategy.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return var_dir


def seed(n_respondents: int, *, slug: str = "bench", actions: int = 12):
    """An organisation with one open assessment answered in full by ``n_respondents``."""
    import numpy as np
    from django.db import transaction
    from django.utils import timezone

    from actions.models import Action
    from diagnosis.models import Answer, Assessment, Respondent
    from maturity.services import default_framework_version
    from organisations.models import Membership, Organisation, Person, Role
    from policy.models import Policy
    from reports.versioning import bump_data_version

    rng = np.random.default_rng(n_respondents)
    version = default_framework_version()
    with transaction.atomic():
        organisation = Organisation.objects.create(name=f"Bench {slug}", slug=slug)
        assessment = Assessment.objects.create(
            organisation=organisation, framework_version=version, title="Bench round",
            groups=["ld", "leadership", "staff"], status="open",
        )  # fmt: skip
        groups = rng.choice(["ld", "leadership", "staff"], n_respondents)
        now = timezone.now()
        people = Person.objects.bulk_create(
            Person(
                organisation=organisation, name=f"R{i}", email=f"r{i}@bench.example", group=group
            )
            for i, group in enumerate(groups)
        )
        respondents = Respondent.objects.bulk_create(
            Respondent(
                organisation=organisation,
                assessment=assessment,
                person=person,
                group=person.group,
                submitted_at=now,
                started_at=now,
            )
            for person in people
        )
        items = list(version.items.order_by("pk").values("pk", "response", "options"))
        rows = []
        quadrant = [40, 30, 20, 10]
        for respondent in respondents:
            trait = rng.normal(3, 0.7)
            for position, item in enumerate(items):
                answer = Answer(respondent=respondent, item_id=item["pk"])
                if item["response"] in ("likert5", "level5"):
                    answer.value = float(np.clip(round(trait + rng.normal(0, 0.8)), 1, 5))
                elif item["response"] == "current_target":
                    answer.value, answer.target = float(rng.integers(1, 4)), 4.0
                elif item["response"] == "points100":
                    answer.value = answer.target = float(quadrant[position % 4])
                elif item["response"] == "choice":
                    answer.choice = item["options"][0]["code"]
                rows.append(answer)
        Answer.objects.bulk_create(rows, batch_size=5_000)
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create(username=f"owner-{slug}")
        Membership.objects.create(user=user, organisation=organisation, role=Role.OWNER)
        owner = Person.objects.get(organisation=organisation, user=user)
        policy = Policy.objects.create(
            organisation=organisation, statement="Bench policy", rationale="Bench"
        )
        Action.objects.bulk_create(
            Action(
                organisation=organisation,
                policy=policy,
                title=f"Action {i}",
                owner=owner,
                dimensions=["f1-learning-culture"],
                quadrant="individual_productive",
                work_type="known",
                horizon=("now", "plan", "vision")[i % 3],
            )
            for i in range(actions)
        )
        bump_data_version(organisation.pk)
    return organisation


def best_of(runs: int, work) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    setup_django()
    from django.conf import settings

    from reports import services
    from reports.charts import build_all_languages
    from reports.scores import build_scores

    languages = [code for code, _name in settings.LANGUAGES]
    print(f"{'respondents':>12} {'scores':>9} {'figures':>9} {'build':>9}   (best of 3, seconds)")
    for size in SIZES:
        organisation = seed(size, slug=f"bench-{size}")
        scores = build_scores(organisation, 1)
        scoring = best_of(3, lambda org=organisation: build_scores(org, 1))
        figures = best_of(3, lambda s=scores: build_all_languages(s, languages))
        build = best_of(3, lambda org=organisation: services.snapshot_build(org, force=True))
        print(f"{size:>12,} {scoring:>9.3f} {figures:>9.3f} {build:>9.3f}")


if __name__ == "__main__":
    main()
