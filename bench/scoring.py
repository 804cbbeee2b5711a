"""Benchmark of the scoring pipeline on the default framework (``ld-strategy.yaml``).

Run: ``.venv/bin/python bench/scoring.py``. Prints the best of 3 wall-clock times of the full
pipeline (every function of ``maturity.scoring`` and ``maturity.comparisons``) for 100, 1,000
and 10,000 respondents, and the growth ratio between sizes. Target: 10,000 under one second.

The items and dimensions frames are built from the shipped default framework file with
``maturity.framework_frames.frames_from_parsed`` -- the same columns ``maturity.selectors`` gives
for a stored version -- so the pipeline runs on the real codes, reverse flags and kinds: the
likert5 items of the six features and the four obstacles, the four quadrants, the seven
capabilities and the five culture aspects. The answers are synthetic: 5% "don't know", 2% of
respondents with a 100-point split that does not add up, 4 groups, and a benchmark frame of 40
organisations.
"""

from __future__ import annotations

import sys
import time
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from maturity import comparisons, scoring
from maturity.framework_files import load_default_framework
from maturity.framework_frames import (
    LIKERT_RESPONSES,
    QUADRANT_ITEM_PREFIX,
    frames_from_parsed,
)

GROUPS = np.array(["ld", "leadership", "staff", "other"])
SIZES = (100, 1_000, 10_000)


def framework() -> tuple[pd.DataFrame, pd.DataFrame]:
    frames = frames_from_parsed(load_default_framework())
    split_items = frames.items.loc[frames.items["response"] == "points100", "item"]
    quadrants = {code.removeprefix(QUADRANT_ITEM_PREFIX) for code in split_items}
    assert quadrants == set(comparisons.QUADRANTS), quadrants  # the splits below use these codes
    items = frames.items[frames.items["response"].isin(LIKERT_RESPONSES)].reset_index(drop=True)
    return items, frames.dimensions


def codes(dimensions: pd.DataFrame, kind: str) -> tuple[str, ...]:
    return tuple(dimensions.loc[dimensions["kind"] == kind, "dimension"])


def likert(rng: np.random.Generator, centre: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(centre + rng.normal(0, 0.8, centre.shape)), 1, 5)


def synthesise(
    n: int, items: pd.DataFrame, dimensions: pd.DataFrame, seed: int = 0
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.arange(n)
    trait = rng.normal(3, 0.7, n)
    values = likert(rng, np.repeat(trait, len(items)))
    reverse = np.tile(items["reverse"].to_numpy(), n)
    values = np.where(reverse, 6 - values, values)
    values[rng.random(values.size) < 0.05] = np.nan
    answers = pd.DataFrame(
        {"respondent": np.repeat(ids, len(items)), "item": np.tile(items["item"], n)}
    ).assign(value=values)
    respondents = pd.DataFrame({"respondent": ids, "group": rng.choice(GROUPS, n)})
    points = np.rint(rng.dirichlet(np.ones(4), size=(n, 2)) * 100)
    points[:, :, 0] += 100 - points.sum(axis=2)  # make each split add up to exactly 100
    points[rng.random(n) < 0.02, 0, 0] += 5  # a few respondents whose split does not add up
    points = np.clip(points, 0, 100)
    splits = pd.DataFrame(
        {
            "respondent": np.repeat(ids, 4),
            "quadrant": np.tile(comparisons.QUADRANTS, n),
            "today": points[:, 0, :].ravel(),
            "desired": points[:, 1, :].ravel(),
        }
    )

    features = codes(dimensions, "feature")

    def ratings(kind: str, target: str) -> pd.DataFrame:
        rated = codes(dimensions, kind)
        current = likert(rng, np.full(n * len(rated), 2.5))
        raised = np.clip(current + rng.integers(0, 3, n * len(rated)), 1, 5)
        return pd.DataFrame(
            {"respondent": np.repeat(ids, len(rated)), "dimension": np.tile(rated, n)}
        ).assign(current=current, **{target: raised})

    benchmarks = pd.DataFrame(
        {
            "organisation": np.repeat(np.arange(1, 41), len(features)),
            "dimension": np.tile(features, 40),
            "score": rng.uniform(1.5, 4.5, 40 * len(features)),
        }
    )
    return {
        "answers": answers,
        "respondents": respondents,
        "splits": splits,
        "capabilities": ratings("capability", "target"),
        "culture": ratings("culture", "desired"),
        "benchmarks": benchmarks,
    }


def pipeline(data: dict[str, pd.DataFrame], items: pd.DataFrame, dimensions: pd.DataFrame) -> None:
    answers, respondents = data["answers"], data["respondents"]
    scores = scoring.respondent_scores(answers, items)
    aggregated = scoring.aggregate_scores(scores)
    scoring.overall_score(aggregated, dimensions)
    scoring.agreement(answers, items)
    scoring.agreement(scoring.select_group(answers, respondents, "leadership"), items)
    scoring.cronbach_alpha(answers, items)
    scoring.group_scores(scores, respondents)
    comparisons.strengths_and_weaknesses(aggregated)
    comparisons.rating_gaps(data["capabilities"])
    comparisons.rating_gaps(data["culture"], target="desired")
    comparisons.quadrant_balance(data["splits"])
    earlier = aggregated.assign(
        score=aggregated["score"] - 0.2, score_100=aggregated["score_100"] - 5
    )
    comparisons.compare_assessments(earlier, aggregated)
    benchmarks = pd.concat(
        [data["benchmarks"], aggregated[["dimension", "score"]].assign(organisation=0)]
    )
    comparisons.benchmark_percentiles(benchmarks, 0)


def best_of(repeats: int, data: dict[str, pd.DataFrame], *frames: pd.DataFrame) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        pipeline(data, *frames)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    items, dimensions = framework()
    print(
        f"default framework: {len(items)} likert items in "
        f"{items['dimension'].nunique()} dimensions, {len(dimensions)} dimensions in all"
    )
    pipeline(synthesise(50, items, dimensions), items, dimensions)  # warm-up: imports and caches
    results = []
    for n in SIZES:
        data = synthesise(n, items, dimensions)
        seconds = best_of(3, data, items, dimensions)
        results.append(seconds)
        rows = len(data["answers"])
        print(f"{n:>7,} respondents ({rows:>8,} answers): {seconds * 1000:8.1f} ms (best of 3)")
    for (n0, t0), (n1, t1) in pairwise(zip(SIZES, results, strict=True)):
        print(f"growth {n0:,} -> {n1:,} respondents (x{n1 // n0}): time x{t1 / t0:.2f}")
    target_met = results[-1] < 1.0
    print(f"target (10,000 respondents < 1 s): {'met' if target_met else 'NOT met'}")
    return 0 if target_met else 1


if __name__ == "__main__":
    sys.exit(main())
