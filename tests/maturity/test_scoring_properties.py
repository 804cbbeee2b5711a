"""Properties of the scoring engine that must hold for any data (Hypothesis)."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.comparisons import QUADRANTS, benchmark_percentiles, quadrant_balance, rating_gaps
from maturity.scoring import (
    aggregate_scores,
    agreement,
    cronbach_alpha,
    group_scores,
    respondent_scores,
)

# Per-test settings (not a global profile) so other test modules keep their own.
examples = settings(deadline=None, max_examples=80)

likert = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def surveys(draw, max_respondents: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A random framework (1-3 dimensions of 1-4 items, random reverse flags) and answers
    (integers 1..5 or "don't know") of 1..max_respondents respondents."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    items = pd.DataFrame(
        [
            (f"d{d}i{i}", f"d{d}", draw(st.booleans()))
            for d, k in enumerate(sizes)
            for i in range(k)
        ],
        columns=["item", "dimension", "reverse"],
    ).assign(scale_min=1, scale_max=5)
    n = draw(st.integers(1, max_respondents))
    values = draw(st.lists(likert, min_size=n * len(items), max_size=n * len(items)))
    answers = pd.DataFrame(
        {
            "respondent": np.repeat([f"r{i}" for i in range(n)], len(items)),
            "item": np.tile(items["item"].to_numpy(), n),
            "value": [np.nan if v is None else float(v) for v in values],
        }
    )
    return items, answers


def same_frames(left: pd.DataFrame, right: pd.DataFrame) -> bool:
    pd.testing.assert_frame_equal(
        left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False, rtol=1e-9
    )
    return True


@examples
@given(surveys())
def test_scores_stay_within_1_to_5_and_0_to_100_and_levels_within_1_to_5(survey):
    items, answers = survey
    scores = respondent_scores(answers, items)
    aggregated = aggregate_scores(scores)
    for frame in (scores, aggregated):
        assert frame["score"].between(1, 5).all()
        assert frame["score_100"].between(0, 100).all()
    assert aggregated["level"].between(1, 5).all()


@examples
@given(surveys(), st.randoms(use_true_random=False))
def test_the_order_and_names_of_respondents_do_not_change_any_result(survey, random):
    items, answers = survey
    order = list(range(len(answers)))
    random.shuffle(order)
    originals = answers["respondent"].unique().tolist()
    labels = [f"x{i}" for i in range(len(originals))]
    random.shuffle(labels)
    names = dict(zip(originals, labels, strict=True))
    shuffled = answers.iloc[order].assign(respondent=lambda f: f["respondent"].map(names))
    assert same_frames(
        aggregate_scores(respondent_scores(answers, items)),
        aggregate_scores(respondent_scores(shuffled, items)),
    )
    assert same_frames(agreement(answers, items), agreement(shuffled, items))
    assert same_frames(
        cronbach_alpha(answers, items, min_complete=2),
        cronbach_alpha(shuffled, items, min_complete=2),
    )


@examples
@given(surveys(), st.data())
def test_reversing_an_item_and_mirroring_its_answers_leaves_the_scores_unchanged(survey, data):
    items, answers = survey
    item = data.draw(st.sampled_from(items["item"].tolist()))
    flipped_items = items.assign(reverse=items["reverse"] ^ (items["item"] == item))
    mirrored = answers["value"].where(answers["item"] != item, 6 - answers["value"])
    flipped_answers = answers.assign(value=mirrored)
    assert same_frames(
        respondent_scores(answers, items), respondent_scores(flipped_answers, flipped_items)
    )


@examples
@given(surveys())
def test_adding_a_respondent_who_scores_the_mean_leaves_the_mean_unchanged(survey):
    items, answers = survey
    scores = respondent_scores(answers, items)
    before = aggregate_scores(scores)
    average = before[["dimension", "score", "score_100"]].assign(respondent="average")
    after = aggregate_scores(pd.concat([scores, average], ignore_index=True))
    assert np.allclose(after["score"], before["score"])
    assert np.allclose(after["score_100"], before["score_100"])
    assert (after["n"] == before["n"] + 1).all()
    assert (after["level"] == before["level"]).all()


@examples
@given(surveys(max_respondents=12), st.floats(0.05, 0.95))
def test_rwg_j_stays_within_0_and_1_and_the_flag_follows_the_threshold(survey, threshold):
    items, answers = survey
    result = agreement(answers, items, threshold=threshold)
    rwg = result["rwg_j"].dropna()
    assert rwg.between(0, 1).all()
    flagged = result.dropna(subset=["rwg_j"])
    assert (flagged["no_agreement"] == (flagged["rwg_j"] < threshold)).all()
    assert result.loc[result["rwg_j"].isna(), "reason"].notna().all()


@examples
@given(surveys(max_respondents=12))
def test_alpha_never_exceeds_1(survey):
    items, answers = survey
    result = cronbach_alpha(answers, items, min_complete=2)
    assert (result["alpha"].dropna() <= 1 + 1e-9).all()
    assert result.loc[result["alpha"].isna(), "reason"].notna().all()


@examples
@given(
    st.lists(st.sampled_from(["ld", "leadership", "staff", "other"]), min_size=1, max_size=20),
    st.integers(1, 5),
)
def test_no_group_below_the_minimum_can_be_seen_or_worked_out(groups, min_group_size):
    respondents = pd.DataFrame({"respondent": range(len(groups)), "group": groups})
    scores = respondents.assign(dimension="d", score=3.0, score_100=50.0)
    result = group_scores(scores, respondents, min_group_size=min_group_size)
    sizes = respondents["group"].value_counts()
    shown = result[~result["suppressed"]]
    assert (shown["group"].map(sizes) >= min_group_size).all()
    assert result.loc[result["suppressed"], ["n", "score", "level"]].isna().all().all()
    hidden_total = result.loc[result["suppressed"], "group"].map(sizes).sum()
    assert hidden_total == 0 or hidden_total >= min_group_size or shown.empty


@examples
@given(
    st.lists(st.one_of(st.none(), st.floats(1, 5)), min_size=1, max_size=30),
    st.integers(1, 8),
)
def test_percentiles_stay_within_0_and_100(scores, min_organisations):
    benchmarks = pd.DataFrame(
        {"organisation": range(len(scores)), "dimension": "d", "score": scores}
    ).astype({"score": float})
    result = benchmark_percentiles(benchmarks, 0, min_organisations=min_organisations)
    assert result["percentile"].dropna().between(0, 100).all()
    assert (result["suppressed"] == (result["n_other_organisations"] < min_organisations)).all()


@examples
@given(st.lists(st.lists(st.integers(0, 60), min_size=8, max_size=8), min_size=1, max_size=10))
def test_quadrant_shares_add_up_to_100_and_the_shifts_to_0(points):
    rows = [
        (respondent, quadrant, split[i], split[4 + i])
        for respondent, split in enumerate(points)
        for i, quadrant in enumerate(QUADRANTS)
    ]
    splits = pd.DataFrame(rows, columns=["respondent", "quadrant", "today", "desired"])
    balance = quadrant_balance(splits)
    valid = sum(sum(p[:4]) == 100 and sum(p[4:]) == 100 for p in points)
    assert (balance.n_respondents, balance.n_ignored) == (valid, len(points) - valid)
    if valid:
        assert np.isclose(balance.shares["today"].sum(), 100)
        assert np.isclose(balance.shares["desired"].sum(), 100)
        assert np.isclose(balance.shares["shift"].sum(), 0)


@examples
@given(st.lists(st.tuples(likert, likert), min_size=1, max_size=15))
def test_the_rating_gap_is_the_mean_of_each_respondents_own_gap(pairs):
    ratings = pd.DataFrame(pairs, columns=["current", "target"]).astype(float)
    ratings = ratings.assign(respondent=range(len(pairs)), dimension="d")
    result = rating_gaps(ratings)
    own_gaps = (ratings["target"] - ratings["current"]).dropna()
    assert len(result) == (1 if len(own_gaps) else 0)
    if len(own_gaps):
        assert np.isclose(result["gap"].iloc[0], own_gaps.mean())
        assert np.isclose(
            result["gap"].iloc[0], result["target"].iloc[0] - result["current"].iloc[0]
        )
