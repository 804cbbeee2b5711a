"""Hand-computed fixtures for maturity.scoring and maturity.comparisons.

The arithmetic is written next to each expectation so a reviewer can check it by hand. The
"worked example" fixture is the one docs/maturity-model.md walks through.
"""

import math

import numpy as np
import pandas as pd
import pytest

from maturity.comparisons import (
    QUADRANTS,
    benchmark_percentiles,
    compare_assessments,
    quadrant_balance,
    rating_gaps,
    strengths_and_weaknesses,
)
from maturity.scoring import (
    aggregate_scores,
    agreement,
    cronbach_alpha,
    group_scores,
    overall_score,
    respondent_scores,
    select_group,
    to_level,
)

DK = np.nan  # "don't know"

# Worked example (docs/maturity-model.md): two features on a 1..5 scale.
#   culture:  c1, c2, c3 (c3 reverse-worded: scored 1 + 5 - answer = 6 - answer)
#   openness: o1, o2
ITEMS = pd.DataFrame(
    {
        "item": ["c1", "c2", "c3", "o1", "o2"],
        "dimension": ["culture", "culture", "culture", "openness", "openness"],
        "reverse": [False, False, True, False, False],
        "scale_min": 1,
        "scale_max": 5,
    }
)
DIMENSIONS = pd.DataFrame(
    {"dimension": ["culture", "openness", "curation"], "kind": ["feature", "feature", "capability"]}
)
#              c1  c2  c3  o1  o2
WORKED = {
    "r1": [4, 5, 2, 3, 4],
    "r2": [3, DK, 1, 2, 2],
    "r3": [5, 4, 3, 4, DK],
    "r4": [2, DK, DK, 5, 5],
}
RESPONDENTS = pd.DataFrame(
    {"respondent": ["r1", "r2", "r3", "r4"], "group": ["leadership"] * 3 + ["staff"]}
)


def long_answers(wide: dict[str, list[float]], items: pd.DataFrame = ITEMS) -> pd.DataFrame:
    rows = [
        (respondent, item, value)
        for respondent, values in wide.items()
        for item, value in zip(items["item"], values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["respondent", "item", "value"])


@pytest.fixture
def answers() -> pd.DataFrame:
    return long_answers(WORKED)


def score_of(frame: pd.DataFrame, column: str = "score", **keys: str) -> float:
    mask = np.logical_and.reduce([frame[key] == value for key, value in keys.items()])
    (value,) = frame.loc[mask, column]
    return value


# --- respondent and aggregated scores ------------------------------------------------------


def test_it_reverse_scores_and_averages_a_respondents_answered_items(answers):
    scores = respondent_scores(answers, ITEMS)
    # r1 culture: c1 4, c2 5, c3 2 -> 6 - 2 = 4; (4 + 5 + 4) / 3 = 13/3
    assert score_of(scores, respondent="r1", dimension="culture") == pytest.approx(13 / 3)
    # score_100 = (13/3 - 1) / 4 * 100 = 83.33
    assert score_of(scores, "score_100", respondent="r1", dimension="culture") == pytest.approx(
        250 / 3
    )


def test_it_excludes_dont_know_answers_from_the_dimension_mean(answers):
    scores = respondent_scores(answers, ITEMS)
    # r2 culture: c1 3, c2 don't know, c3 1 -> 5; (3 + 5) / 2 = 4, answered 2 of 3
    assert score_of(scores, respondent="r2", dimension="culture") == pytest.approx(4.0)
    assert score_of(scores, "n_answered", respondent="r2", dimension="culture") == 2


def test_it_honours_an_explicit_dont_know_flag_whatever_the_value(answers):
    flagged = answers.assign(dont_know=(answers["respondent"] == "r1") & (answers["item"] == "c2"))
    scores = respondent_scores(flagged, ITEMS)
    # r1 culture without c2: (4 + 4) / 2 = 4
    assert score_of(scores, respondent="r1", dimension="culture") == pytest.approx(4.0)


def test_it_drops_a_respondent_who_answered_less_than_the_minimum_share(answers):
    scores = respondent_scores(answers, ITEMS)
    # r4 answered 1 of 3 culture items: 1/3 < 0.5, so no culture score for r4
    culture = scores[scores["dimension"] == "culture"]
    assert sorted(culture["respondent"]) == ["r1", "r2", "r3"]
    # r3 answered 1 of 2 openness items: 1/2 >= 0.5 counts
    assert score_of(scores, respondent="r3", dimension="openness") == 4.0


def test_it_lets_the_caller_raise_the_minimum_share(answers):
    scores = respondent_scores(answers, ITEMS, min_share=1.0)
    assert set(scores.loc[scores["dimension"] == "culture", "respondent"]) == {"r1", "r3"}


def test_it_averages_respondent_scores_into_dimension_scores_and_levels(answers):
    aggregated = aggregate_scores(respondent_scores(answers, ITEMS))
    culture = aggregated.set_index("dimension").loc["culture"]
    # culture: (13/3 + 4 + 4) / 3 = 37/9 = 4.111; score_100 = (37/9 - 1) / 4 * 100 = 77.78
    assert culture["n"] == 3
    assert culture["score"] == pytest.approx(37 / 9)
    assert culture["score_100"] == pytest.approx(700 / 9)
    assert culture["level"] == 4  # 4.111 is in [3.4, 4.2)
    openness = aggregated.set_index("dimension").loc["openness"]
    # openness: r1 3.5, r2 2, r3 4, r4 5 -> 14.5 / 4 = 3.625; score_100 = 65.625; level 4
    assert openness["n"] == 4
    assert openness["score"] == pytest.approx(3.625)
    assert openness["score_100"] == pytest.approx(65.625)
    assert openness["level"] == 4


def test_the_overall_score_is_the_mean_of_the_scored_kinds_only(answers):
    aggregated = aggregate_scores(respondent_scores(answers, ITEMS))
    extra = pd.DataFrame(
        {"dimension": ["curation"], "n": [4], "score": [1.0], "score_100": [0.0], "level": [1]}
    )
    overall = overall_score(pd.concat([aggregated, extra]), DIMENSIONS)
    # curation is a capability and is left out: (77.78 + 65.625) / 2 = 71.70 -> 1 + 4 * 0.717
    assert overall.n_dimensions == 2
    assert overall.score_100 == pytest.approx((700 / 9 + 65.625) / 2)
    assert overall.score == pytest.approx(1 + 4 * (700 / 9 + 65.625) / 200)
    assert overall.level == 4


def test_the_overall_score_of_nothing_is_nan_without_a_level():
    overall = overall_score(
        aggregate_scores(respondent_scores(long_answers({}), ITEMS)), DIMENSIONS
    )
    assert math.isnan(overall.score)
    assert overall.level is None
    assert overall.n_dimensions == 0


# 1..5 score -> level: bands [1, 1.8) [1.8, 2.6) [2.6, 3.4) [3.4, 4.2) [4.2, 5]
BAND_EDGES = [
    (1.0, 1), (1.79, 1), (1.8, 2), (2.59, 2), (2.6, 3),
    (3.39, 3), (3.4, 4), (4.19, 4), (4.2, 5), (5.0, 5),
]  # fmt: skip


@pytest.mark.parametrize(("score", "level"), BAND_EDGES)
def test_levels_are_five_equal_bands_closed_at_the_bottom(score, level):
    assert to_level(score) == level


def test_levels_work_on_any_scale_and_on_series():
    assert to_level(60.0, scale_min=0, scale_max=100) == 4  # 60 is the start of band 4
    assert to_level(float("nan")) is None
    levels = to_level(pd.Series([1.0, 3.0, np.nan]))
    assert levels.iloc[:2].tolist() == [1, 3]
    assert levels.isna().iloc[2]


def test_a_mean_that_lands_on_a_threshold_gets_the_higher_level_despite_float_noise():
    # (1 + 2.8 + 2.8 + 2.8 + 3.6) / 5 = 13/5 = 2.6 exactly, the start of level 3; in floating
    # point the mean is 2.5999999999999996 and its score_100 39.99999999999999
    values = pd.Series([1.0, 2.8, 2.8, 2.8, 3.6])
    scores = pd.DataFrame(
        {"respondent": range(5), "dimension": "d", "score": values, "score_100": (values - 1) * 25}
    )
    aggregated = aggregate_scores(scores)
    assert aggregated["score_100"].iloc[0] < 40  # the noise is real
    assert aggregated["level"].tolist() == [3]


def test_it_rejects_values_outside_the_scale_unknown_items_and_duplicates(answers):
    with pytest.raises(ValueError, match="outside"):
        respondent_scores(answers.assign(value=answers["value"].replace(5, 6)), ITEMS)
    with pytest.raises(ValueError, match="unknown items"):
        respondent_scores(answers.replace({"item": {"c1": "zz"}}), ITEMS)
    with pytest.raises(ValueError, match="more than one row"):
        respondent_scores(pd.concat([answers, answers.head(1)]), ITEMS)


def test_it_rejects_a_dimension_whose_items_use_different_scales(answers):
    with pytest.raises(ValueError, match="one scale"):
        respondent_scores(answers, ITEMS.assign(scale_max=[5, 5, 7, 5, 5]))


# --- agreement -----------------------------------------------------------------------------


def test_it_measures_agreement_with_the_sd_and_rwg_j(answers):
    result = agreement(answers, ITEMS).set_index("dimension")
    culture = result.loc["culture"]
    # counted respondents r1, r2, r3 with scores 13/3, 4, 4: mean 37/9, squared deviations
    # 4/81 + 1/81 + 1/81 = 6/81, / (3 - 1) = 1/27, sd = sqrt(1/27) = 0.19245
    assert culture["sd"] == pytest.approx(math.sqrt(1 / 27))
    # item variances (reverse-scored): c1 [4,3,5] -> 1; c2 [5,4] -> 0.5; c3 [4,5,3] -> 1
    # s2 = 2.5 / 3 = 5/6; sigma2_EU = (5^2 - 1) / 12 = 2; r = 5/12; J = 3
    # rwg(j) = 3 * 7/12 / (3 * 7/12 + 5/12) = 21/26 = 0.8077
    assert culture["mean_item_variance"] == pytest.approx(5 / 6)
    assert culture["null_variance"] == 2.0
    assert culture["n_items"] == 3
    assert culture["rwg_j"] == pytest.approx(21 / 26)
    assert not culture["no_agreement"]


def test_it_sets_rwg_j_to_zero_when_the_spread_reaches_random_answering(answers):
    openness = agreement(answers, ITEMS).set_index("dimension").loc["openness"]
    # o1 [3,2,4,5]: mean 3.5, squares 0.25+2.25+0.25+2.25 = 5, var 5/3
    # o2 [4,2,5]:   mean 11/3, squares 1/9+25/9+16/9 = 42/9, var 7/3
    # s2 = (5/3 + 7/3) / 2 = 2 = sigma2_EU, so r = 1 and rwg(j) = 0, flagged
    assert openness["mean_item_variance"] == pytest.approx(2.0)
    assert openness["rwg_j"] == 0.0
    assert openness["no_agreement"]
    assert openness["reason"] == "random_spread"
    # sd of 3.5, 2, 4, 5: mean 3.625, squares sum 4.6875, / 3 = 1.5625, sd 1.25
    assert openness["sd"] == pytest.approx(1.25)


def test_a_spread_exactly_as_wide_as_random_answering_reads_the_same_in_any_row_order():
    # Answers 5, 3, 2, 2, 3, 1, 3, 5: mean 3, sample variance 14 / 7 = 2.0, exactly sigma2 on 1-5.
    # Float sums in another row order land a hair below 2; the result must not depend on that.
    items = pd.DataFrame(
        {"item": ["i"], "dimension": ["d"], "reverse": [False], "scale_min": [1], "scale_max": [5]}
    )
    answers = pd.DataFrame(
        {"respondent": [f"r{n}" for n in range(8)], "item": "i", "value": [5, 3, 2, 2, 3, 1, 3, 5]}
    )
    reordered = answers.iloc[
        [0, 1, 2, 3, 5, 4, 6, 7]
    ]  # pandas sums this order to 1.9999999999999998

    results = [agreement(frame, items).iloc[0] for frame in (answers, reordered)]

    for result in results:
        assert result["rwg_j"] == 0.0
        assert result["reason"] == "random_spread"


def test_it_measures_agreement_within_the_leadership_team_only(answers):
    leadership = select_group(answers, RESPONDENTS, "leadership")
    openness = agreement(leadership, ITEMS).set_index("dimension").loc["openness"]
    # r1..r3: o1 [3,2,4] var 1; o2 [4,2] var 2; s2 = 1.5; r = 0.75; J = 2
    # rwg(j) = 2 * 0.25 / (2 * 0.25 + 0.75) = 0.4 < 0.7 -> no agreement
    assert openness["rwg_j"] == pytest.approx(0.4)
    assert openness["no_agreement"]
    assert openness["n"] == 3


def test_the_agreement_threshold_is_a_parameter(answers):
    leadership = select_group(answers, RESPONDENTS, ["leadership"])
    result = agreement(leadership, ITEMS, threshold=0.3).set_index("dimension")
    assert not result.loc["openness", "no_agreement"]


def test_agreement_of_a_single_respondent_is_nan_with_a_reason(answers):
    result = agreement(answers[answers["respondent"] == "r1"], ITEMS)
    assert result["rwg_j"].isna().all()
    assert result["no_agreement"].isna().all()
    assert (result["reason"] == "too_few_respondents:2").all()


# --- reliability ---------------------------------------------------------------------------

ALPHA_ITEMS = pd.DataFrame(
    {
        "item": ["x", "y", "z", "solo"],
        "dimension": ["scale", "scale", "scale", "single"],
        "reverse": [False, False, True, False],
        "scale_min": 1,
        "scale_max": 5,
    }
)
#            x  y   z (reverse: scored 6 - z)  solo
ALPHA_ANSWERS = {
    "p1": [1, 2, 4, 3],  # scored 1 2 2, total 5
    "p2": [2, 2, 3, 3],  # scored 2 2 3, total 7
    "p3": [3, 4, 3, 3],  # scored 3 4 3, total 10
    "p4": [4, 4, 1, 3],  # scored 4 4 5, total 13
    "p5": [5, 5, 2, 3],  # scored 5 5 4, total 14
    "p6": [5, DK, 2, 3],  # incomplete: left out listwise
}


def test_it_computes_cronbachs_alpha_over_listwise_complete_respondents():
    answers = long_answers(ALPHA_ANSWERS, ALPHA_ITEMS)
    result = cronbach_alpha(answers, ALPHA_ITEMS).set_index("dimension")
    # variances (ddof=1): x [1..5] 2.5; y [2,2,4,4,5] 7.2/4 = 1.8; z [2,3,3,5,4] 5.2/4 = 1.3
    # sum 5.6; totals [5,7,10,13,14] mean 9.8, squares 58.8, variance 14.7
    # alpha = 3/2 * (1 - 5.6/14.7) = 3/2 * 13/21 = 13/14 = 0.9286
    assert result.loc["scale", "n_complete"] == 5
    assert result.loc["scale", "alpha"] == pytest.approx(13 / 14)
    assert pd.isna(result.loc["scale", "reason"])


def test_alpha_is_nan_with_a_reason_for_a_single_item_or_too_few_respondents():
    answers = long_answers(ALPHA_ANSWERS, ALPHA_ITEMS)
    result = cronbach_alpha(answers, ALPHA_ITEMS).set_index("dimension")
    assert math.isnan(result.loc["single", "alpha"])
    assert result.loc["single", "reason"] == "too_few_items"
    few = cronbach_alpha(answers[answers["respondent"].isin(["p1", "p2"])], ALPHA_ITEMS)
    assert few.set_index("dimension").loc["scale", "reason"] == "too_few_complete:5"
    assert few["alpha"].isna().all()


def test_alpha_is_nan_when_every_total_is_the_same():
    answers = long_answers({f"p{i}": [3, 3, 3, 3] for i in range(6)}, ALPHA_ITEMS)
    result = cronbach_alpha(answers, ALPHA_ITEMS).set_index("dimension")
    assert result.loc["scale", "reason"] == "no_spread"


# --- group splits --------------------------------------------------------------------------


def scores_frame(groups: dict[str, list[float]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [(f"{g}{i}", g, s) for g, values in groups.items() for i, s in enumerate(values)]
    frame = pd.DataFrame(rows, columns=["respondent", "group", "score"])
    scores = frame.assign(dimension="d", score_100=(frame["score"] - 1) * 25)
    return scores.drop(columns="group"), frame[["respondent", "group"]]


def test_it_splits_scores_by_group_and_suppresses_small_groups_with_a_reason():
    scores, respondents = scores_frame(
        {"ld": [5, 5], "leadership": [2, 3, 4, 3], "staff": [1, 2, 3, 4, 5]}
    )
    result = group_scores(scores, respondents).set_index("group")
    # ld has 2 < 3 respondents: suppressed
    assert result.loc["ld", "suppressed"]
    assert result.loc["ld", "reason"] == "too_few_respondents:3"
    assert pd.isna(result.loc["ld", "score"])
    assert pd.isna(result.loc["ld", "n"])
    # leadership (4) is also withheld: otherwise staff + leadership + overall reveal ld (2)
    assert result.loc["leadership", "suppressed"]
    assert result.loc["leadership", "reason"] == "smaller_group_hidden"
    assert pd.isna(result.loc["leadership", "score"])
    # staff: (1+2+3+4+5) / 5 = 3, level 3; shown
    assert not result.loc["staff", "suppressed"]
    assert result.loc["staff", "score"] == 3.0
    assert result.loc["staff", "n"] == 5
    assert result.loc["staff", "level"] == 3


def test_the_worked_example_hides_the_leadership_team_when_staff_is_one_person(answers):
    scores = respondent_scores(answers, ITEMS)
    openness = group_scores(scores[scores["dimension"] == "openness"], RESPONDENTS)
    # staff = r4 only (1 < 3); leadership (3) would give r4 away: overall 14.5 - 3 * 9.5/3 = 5
    assert openness.set_index("group")["suppressed"].to_dict() == {
        "leadership": True,
        "staff": True,
    }
    assert openness["score"].isna().all()


def test_groups_that_together_reach_the_minimum_need_no_extra_suppression():
    scores, respondents = scores_frame({"a": [1, 2], "b": [3, 4], "c": [5, 5, 5]})
    result = group_scores(scores, respondents).set_index("group")
    # a (2) and b (2) are suppressed; together they hold 4 >= 3, so c stays visible
    assert result["suppressed"].tolist() == [True, True, False]
    assert result.loc["c", "score"] == 5.0


def test_the_minimum_group_size_is_a_parameter_and_ungrouped_respondents_are_unassigned():
    scores, respondents = scores_frame({"a": [1, 2], "b": [3, 4]})
    result = group_scores(scores, respondents.iloc[1:], min_group_size=1).set_index("group")
    # a0 has no group row: it becomes "unassigned"; a keeps a1 only
    assert result.loc["unassigned", "score"] == 1.0
    assert result.loc["a", "score"] == 2.0
    assert result.loc["b", "score"] == 3.5


# --- strengths and weaknesses --------------------------------------------------------------

AGGREGATED = pd.DataFrame(
    {
        "dimension": ["a", "b", "c", "d", "e"],
        "n": 5,
        "score": [3.0, 4.0, 2.0, 4.0, 1.0],
        "score_100": [50.0, 75.0, 25.0, 75.0, 0.0],
        "level": [3, 4, 2, 4, 1],
    }
)


def test_it_ranks_strengths_and_weaknesses_breaking_ties_by_dimension_code():
    result = strengths_and_weaknesses(AGGREGATED, n=3)
    # 5 dimensions: at most 5 // 2 = 2 per side, so "a" (the middle) is in neither
    strengths = result[result["side"] == "strength"]
    weaknesses = result[result["side"] == "weakness"]
    assert strengths["dimension"].tolist() == ["b", "d"]  # b and d tie at 4.0: b first
    assert strengths["rank"].tolist() == [1, 2]
    assert weaknesses["dimension"].tolist() == ["e", "c"]  # 1.0 is the weakest


def test_a_single_dimension_is_neither_a_strength_nor_a_weakness():
    assert strengths_and_weaknesses(AGGREGATED.head(1)).empty


# --- rating gaps (capabilities and culture) ------------------------------------------------


def test_it_computes_capability_gaps_from_paired_ratings_ranked_by_gap():
    ratings = pd.DataFrame(
        {
            "respondent": [1, 1, 2, 2, 3],
            "dimension": ["curation", "analytics", "curation", "analytics", "curation"],
            "current": [2, 3, 1, np.nan, 3],
            "target": [4, 4, 3, 5, 3],
        }
    )
    result = rating_gaps(ratings).set_index("dimension")
    # curation: current (2+1+3)/3 = 2, target (4+3+3)/3 = 10/3, gap 4/3
    assert result.loc["curation", "current"] == 2.0
    assert result.loc["curation", "gap"] == pytest.approx(4 / 3)
    # analytics: respondent 2 gave no current level, so only (3, 4): gap 1
    assert result.loc["analytics", "n"] == 1
    assert result.loc["analytics", "gap"] == 1.0
    assert result["rank"].tolist() == [1, 2]


def test_it_computes_culture_gaps_with_the_same_function_and_a_desired_column():
    ratings = pd.DataFrame(
        {
            "respondent": [1, 1, 1, 2, 2, 2],
            "dimension": ["transparency", "openness", "diversity"] * 2,
            "current": [2, 3, 4, 2, 2, 4],
            "desired": [4, 4, 4, 3, 4, 5],
        }
    )
    result = rating_gaps(ratings, target="desired")
    # transparency (2+1)/2 = 1.5; openness (1+2)/2 = 1.5; diversity (0+1)/2 = 0.5
    # the tie at 1.5 is broken by code: openness before transparency
    assert result["dimension"].tolist() == ["openness", "transparency", "diversity"]
    assert result["gap"].tolist() == [1.5, 1.5, 0.5]


def test_it_rejects_ratings_outside_the_scale():
    ratings = pd.DataFrame({"respondent": [1], "dimension": ["x"], "current": [0], "target": [3]})
    with pytest.raises(ValueError, match="within"):
        rating_gaps(ratings)


# --- quadrant balance ----------------------------------------------------------------------


def test_it_averages_the_quadrant_split_and_ignores_splits_that_do_not_add_up():
    ip, ig, op, og = QUADRANTS
    rows = [
        ("r1", ip, 40, 25), ("r1", ig, 30, 25), ("r1", op, 20, 25), ("r1", og, 10, 25),
        ("r2", ip, 25, 10), ("r2", ig, 25, 20), ("r2", op, 25, 30), ("r2", og, 25, 40),
        ("r3", ip, 50, 30), ("r3", ig, 50, 30), ("r3", op, 0, 40),  # og missing: counts 0
        ("r4", ip, 40, 25), ("r4", ig, 30, 25), ("r4", op, 20, 25), ("r4", og, 0, 25),  # 90
        ("r5", ip, 100, 100), ("r5", ig, np.nan, 0),  # a blank: ignored
    ]  # fmt: skip
    splits = pd.DataFrame(rows, columns=["respondent", "quadrant", "today", "desired"])
    balance = quadrant_balance(splits)
    assert (balance.n_respondents, balance.n_ignored) == (3, 2)
    shares = balance.shares.set_index("quadrant")
    # today:   ip (40+25+50)/3 = 38.33  ig (30+25+50)/3 = 35  op (20+25+0)/3 = 15  og 35/3
    # desired: ip (25+10+30)/3 = 21.67  ig 75/3 = 25  op 95/3 = 31.67  og (25+40+0)/3 = 21.67
    assert shares["today"].tolist() == pytest.approx([115 / 3, 35, 15, 35 / 3])
    assert shares["desired"].tolist() == pytest.approx([65 / 3, 25, 95 / 3, 65 / 3])
    assert shares["shift"].tolist() == pytest.approx([-50 / 3, -10, 50 / 3, 10])
    assert list(shares.index) == list(QUADRANTS)


def test_it_rejects_unknown_quadrant_codes():
    splits = pd.DataFrame({"respondent": [1], "quadrant": ["x"], "today": [100], "desired": [100]})
    with pytest.raises(ValueError, match="quadrant codes"):
        quadrant_balance(splits)


# --- change between assessments ------------------------------------------------------------


def test_it_reports_the_change_between_two_assessments_per_dimension():
    before = AGGREGATED.iloc[:3]
    after = AGGREGATED.iloc[1:].assign(
        score=lambda f: f["score"] + 0.5, score_100=lambda f: f["score_100"] + 12.5
    )
    result = compare_assessments(before, after).set_index("dimension")
    # c: 2.0 (25, level 2) -> 2.5 (37.5, level 2): delta 0.5, 12.5 points, no level change
    assert result.loc["c", "delta"] == 0.5
    assert result.loc["c", "delta_100"] == 12.5
    assert result.loc["c", "level_change"] == 0
    # b: 4.0 (75, level 4) -> 4.5 (87.5, level 5): up one level
    assert result.loc["b", "level_change"] == 1
    # a only before, d and e only after: kept, with gaps on the missing side
    assert pd.isna(result.loc["a", "delta"])
    assert pd.isna(result.loc["a", "level_after"])
    assert pd.isna(result.loc["e", "score_before"])
    assert sorted(result.index) == ["a", "b", "c", "d", "e"]


# --- benchmarks ----------------------------------------------------------------------------


def test_it_gives_the_percentile_rank_among_other_organisations():
    benchmarks = pd.DataFrame(
        {
            "organisation": list("abcdefg") * 2,
            "dimension": ["x"] * 7 + ["y"] * 7,
            "score": [3, 1, 2, 3, 4, 5, 3, 1, 2, 3, 4, 5, np.nan, np.nan],  # x then y
        }
    )
    result = benchmark_percentiles(benchmarks, "a").set_index("dimension")
    # x: a scores 3; others 1, 2, 3, 4, 5, 3 -> 2 lower, 2 ties: 100 * (2 + 0.5 * 2) / 6 = 50
    assert result.loc["x", "n_other_organisations"] == 6
    assert result.loc["x", "percentile"] == 50.0
    assert result.loc["x", "benchmark_median"] == 3.0  # median of 1, 2, 3, 3, 4, 5
    # y: only 4 other organisations scored it (< 5): suppressed
    assert result.loc["y", "suppressed"]
    assert pd.isna(result.loc["y", "percentile"])
    assert pd.isna(result.loc["y", "benchmark_median"])
    assert result.loc["y", "reason"] == "too_few_organisations:5"


def test_the_lowest_and_highest_organisation_get_0_and_100():
    benchmarks = pd.DataFrame({"organisation": range(6), "dimension": "x", "score": range(6)})
    assert benchmark_percentiles(benchmarks, 0)["percentile"].tolist() == [0.0]
    assert benchmark_percentiles(benchmarks, 5)["percentile"].tolist() == [100.0]
    assert benchmark_percentiles(benchmarks, 5, min_organisations=6)["suppressed"].all()


# --- empty input ---------------------------------------------------------------------------

EMPTY_ANSWERS = pd.DataFrame({"respondent": [], "item": [], "value": []})


@pytest.mark.parametrize(
    ("compute", "columns"),
    [
        (
            lambda: respondent_scores(EMPTY_ANSWERS, ITEMS),
            ["respondent", "dimension", "n_answered", "n_items", "score", "score_100"],
        ),
        (
            lambda: aggregate_scores(respondent_scores(EMPTY_ANSWERS, ITEMS)),
            ["dimension", "n", "score", "score_100", "level"],
        ),
        (
            lambda: agreement(EMPTY_ANSWERS, ITEMS),
            [
                "dimension",
                "n",
                "sd",
                "n_items",
                "mean_item_variance",
                "null_variance",
                "rwg_j",
                "no_agreement",
                "reason",
            ],
        ),
        (
            lambda: cronbach_alpha(EMPTY_ANSWERS, ITEMS),
            ["dimension", "n_items", "n_complete", "alpha", "reason"],
        ),
        (
            lambda: group_scores(respondent_scores(EMPTY_ANSWERS, ITEMS), RESPONDENTS),
            ["dimension", "group", "n", "score", "score_100", "level", "suppressed", "reason"],
        ),
        (
            lambda: strengths_and_weaknesses(AGGREGATED.iloc[:0]),
            ["side", "rank", "dimension", "score", "score_100", "level"],
        ),
        (
            lambda: rating_gaps(
                pd.DataFrame(columns=["respondent", "dimension", "current", "target"])
            ),
            ["rank", "dimension", "n", "current", "target", "gap"],
        ),
        (
            lambda: (
                quadrant_balance(
                    pd.DataFrame(columns=["respondent", "quadrant", "today", "desired"])
                ).shares
            ),
            ["quadrant", "today", "desired", "shift"],
        ),
        (
            lambda: compare_assessments(AGGREGATED.iloc[:0], AGGREGATED.iloc[:0]),
            [
                "dimension",
                "score_before",
                "score_after",
                "delta",
                "delta_100",
                "level_before",
                "level_after",
                "level_change",
            ],
        ),
        (
            lambda: benchmark_percentiles(
                pd.DataFrame(columns=["organisation", "dimension", "score"]), "a"
            ),
            [
                "dimension",
                "score",
                "n_other_organisations",
                "percentile",
                "benchmark_median",
                "suppressed",
                "reason",
            ],
        ),
    ],
)
def test_every_function_returns_an_empty_frame_with_its_columns_for_empty_input(compute, columns):
    result = compute()
    assert result.empty
    assert list(result.columns) == columns


def test_every_reason_code_reads_as_a_translated_sentence():
    from django.utils import translation

    from diagnosis.result_values import note
    from maturity import reasons

    with translation.override("en"):
        assert note(reasons.reason(reasons.TOO_FEW_RESPONDENTS, 1)) == "Fewer than 1 respondent."
        assert note("too_few_respondents:5") == "Fewer than 5 respondents."
        assert note(reasons.reason(reasons.NO_SPREAD)) == (
            "Everyone gave the same total, so there is no spread."
        )
        for code in reasons.CODES:  # the one map covers every code
            assert note(reasons.reason(code, 3)) if "few" in code else note(code)
    with translation.override("nl"):
        assert note("too_few_respondents:5") == "Minder dan 5 respondenten."
    assert note(None) == ""
    with pytest.raises(ValueError, match="Unknown reason"):
        note("fewer than 5 respondents")  # sentences are not reasons
