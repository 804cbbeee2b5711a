"""Hand-computed scores on a 7-point scale: reverse items, item and dimension weights, blocks
and norms. The example is the second worked example of docs/maturity-model.md.

    scale 1..7 (reverse: 1 + 7 - answer = 8 - answer)
    dialogue   (block people):  d1 weight 2, d2 reverse
    experiment (block people):  e1, e2
    support    (block leaders, dimension weight 2): s1, s2 reverse
"""

import math

import numpy as np
import pandas as pd
import pytest

from maturity.comparisons import NORM_COLUMNS, norm_positions
from maturity.scoring import (
    BLOCK_COLUMNS,
    aggregate_scores,
    agreement,
    block_scores,
    cronbach_alpha,
    dimension_scales,
    empty_frame,
    overall_score,
    respondent_scores,
)

DK = np.nan
ITEMS = pd.DataFrame(
    {
        "item": ["d1", "d2", "e1", "e2", "s1", "s2"],
        "dimension": ["dialogue", "dialogue", "experiment", "experiment", "support", "support"],
        "reverse": [False, True, False, False, False, True],
        "scale_min": 1,
        "scale_max": 7,
        "weight": [2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    }
)
#        d1  d2  e1  e2  s1  s2
WIDE = {
    "r1": [6, 2, 5, DK, 4, 3],
    "r2": [4, 5, 3, 4, 7, 1],
    "r3": [7, 1, 6, 5, 2, 6],
}
DIMENSIONS = pd.DataFrame(
    {
        "dimension": ["dialogue", "experiment", "support"],
        "kind": ["custom", "custom", "custom"],
        "weight": [1.0, 1.0, 2.0],
        "block": ["people", "people", "leaders"],
    }
)


@pytest.fixture
def answers() -> pd.DataFrame:
    rows = [
        (respondent, item, value)
        for respondent, values in WIDE.items()
        for item, value in zip(ITEMS["item"], values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["respondent", "item", "value"])


@pytest.fixture
def aggregated(answers) -> pd.DataFrame:
    return aggregate_scores(respondent_scores(answers, ITEMS))


def dimensions_with_scales() -> pd.DataFrame:
    return DIMENSIONS.merge(dimension_scales(ITEMS), on="dimension")


def test_a_respondents_score_is_the_weighted_mean_of_the_reverse_scored_answers(answers):
    scores = respondent_scores(answers, ITEMS).set_index(["respondent", "dimension"])
    # dialogue = (2 * d1 + 1 * (8 - d2)) / 3
    assert scores.loc[("r1", "dialogue"), "score"] == pytest.approx((2 * 6 + 6) / 3)  # 6
    assert scores.loc[("r2", "dialogue"), "score"] == pytest.approx((2 * 4 + 3) / 3)  # 11/3
    assert scores.loc[("r3", "dialogue"), "score"] == pytest.approx((2 * 7 + 7) / 3)  # 7
    # r1 answered 1 of the 2 experiment items: half is enough, the score is e1 alone
    assert scores.loc[("r1", "experiment"), "score"] == 5
    assert scores.loc[("r1", "experiment"), "n_answered"] == 1
    # support: s2 reversed on 1..7 is 8 - s2
    assert scores.loc[("r3", "support"), "score"] == pytest.approx((2 + 2) / 2)
    # score_100 on 1..7: (6 - 1) / 6 * 100
    assert scores.loc[("r1", "dialogue"), "score_100"] == pytest.approx(500 / 6)


def test_dimension_scores_and_levels_on_a_seven_point_scale(aggregated):
    table = aggregated.set_index("dimension")
    # dialogue: (6 + 11/3 + 7) / 3 = 50/9 = 5.556; (50/9 - 1) / 6 * 100 = 75.93 -> level 4
    assert table.loc["dialogue", "score"] == pytest.approx(50 / 9)
    assert table.loc["dialogue", "score_100"] == pytest.approx(4100 / 54)
    assert table.loc["dialogue", "level"] == 4
    # experiment: (5 + 3.5 + 5.5) / 3 = 14/3; (14/3 - 1) / 6 * 100 = 61.11 -> level 4
    assert table.loc["experiment", "score"] == pytest.approx(14 / 3)
    assert table.loc["experiment", "score_100"] == pytest.approx(1100 / 18)
    # support: (4.5 + 7 + 2) / 3 = 4.5; 3.5 / 6 * 100 = 58.33 -> level 3
    assert table.loc["support", "score"] == pytest.approx(4.5)
    assert table.loc["support", "score_100"] == pytest.approx(350 / 6)
    assert table.loc["support", "level"] == 3


def test_without_item_weights_every_item_counts_the_same(answers):
    scores = respondent_scores(answers, ITEMS.drop(columns="weight"))
    r1 = scores.set_index(["respondent", "dimension"]).loc[("r1", "dialogue"), "score"]
    assert r1 == pytest.approx((6 + 6) / 2)
    r2 = scores.set_index(["respondent", "dimension"]).loc[("r2", "dialogue"), "score"]
    assert r2 == pytest.approx((4 + 3) / 2)  # with weights it was 11/3


def test_the_overall_score_weighs_dimensions_and_reads_on_their_shared_scale(aggregated):
    overall = overall_score(aggregated, dimensions_with_scales())
    # (75.93 * 1 + 61.11 * 1 + 58.33 * 2) / 4 = 13700 / 216 = 63.43 -> level 4
    assert overall.score_100 == pytest.approx(13700 / 216)
    assert overall.level == 4
    assert overall.n_dimensions == 3
    # on 1..7: 1 + 6 * 0.6343 = 4.806, not a number on 1..5
    assert (overall.scale_min, overall.scale_max) == (1.0, 7.0)
    assert overall.score == pytest.approx(1 + 6 * 13700 / 21600)


def test_without_dimension_weights_the_overall_score_is_the_plain_mean(aggregated):
    overall = overall_score(aggregated, dimensions_with_scales().drop(columns="weight"))
    assert overall.score_100 == pytest.approx((4100 / 54 + 1100 / 18 + 350 / 6) / 3)


def test_the_overall_score_has_no_scale_of_its_own_when_dimensions_use_different_scales(
    aggregated,
):
    dimensions = dimensions_with_scales()
    dimensions.loc[dimensions["dimension"] == "support", ["scale_min", "scale_max"]] = (0, 10)
    overall = overall_score(aggregated, dimensions)
    assert overall.score_100 == pytest.approx(13700 / 216)  # 0-100 is always there
    assert math.isnan(overall.score)
    assert math.isnan(overall.scale_min)
    assert math.isnan(overall.scale_max)


def test_a_block_is_the_plain_average_of_its_dimensions_on_0_to_100(aggregated):
    blocks = block_scores(aggregated, dimensions_with_scales())
    assert list(blocks.columns) == list(BLOCK_COLUMNS)
    assert blocks["block"].tolist() == ["people", "leaders"]  # in the order of the dimensions
    people, leaders = (row for _, row in blocks.iterrows())
    # people: (75.93 + 61.11) / 2 = 68.52 -> level 4; on 1..7: mean of 50/9 and 14/3 = 46/9
    assert people["n_dimensions"] == 2
    assert people["score_100"] == pytest.approx((4100 / 54 + 1100 / 18) / 2)
    assert people["level"] == 4
    assert people["score"] == pytest.approx(46 / 9)
    # leaders holds support alone; its dimension weight plays no part within the block
    assert leaders["score_100"] == pytest.approx(350 / 6)
    assert leaders["level"] == 3
    assert (leaders["scale_min"], leaders["scale_max"]) == (1.0, 7.0)


def test_a_block_counts_only_its_dimensions_with_a_score(aggregated):
    blocks = block_scores(aggregated[aggregated["dimension"] != "experiment"], DIMENSIONS)
    people = blocks.set_index("block").loc["people"]
    assert people["n_dimensions"] == 1
    assert people["score_100"] == pytest.approx(4100 / 54)
    # no scale columns: the score is read on 1..5
    assert people["score"] == pytest.approx(1 + 4 * 4100 / 5400)


def test_dimensions_outside_blocks_and_empty_frames_give_no_block_rows(aggregated):
    unblocked = DIMENSIONS.assign(block=[None, "", None])
    assert block_scores(aggregated, unblocked).empty
    empty = block_scores(empty_frame({"dimension": "object", "score_100": "float64"}), DIMENSIONS)
    assert list(empty.columns) == list(BLOCK_COLUMNS)
    assert empty.empty


def test_agreement_uses_the_seven_points_and_ignores_item_weights(answers):
    dialogue = agreement(answers, ITEMS).set_index("dimension").loc["dialogue"]
    # A = 7 points: sigma2 = (49 - 1) / 12 = 4
    # d1 (6, 4, 7): var 7/3; d2 reversed (6, 3, 7): var 13/3; s2 = 10/3, r = 5/6, J = 2
    # rwg = 2 * (1/6) / (2 * (1/6) + 5/6) = 2/7, the same as with weights 1
    assert dialogue["null_variance"] == 4.0
    assert dialogue["mean_item_variance"] == pytest.approx(10 / 3)
    assert dialogue["rwg_j"] == pytest.approx(2 / 7)
    unweighted = agreement(answers, ITEMS.drop(columns="weight")).set_index("dimension")
    assert unweighted.loc["dialogue", "rwg_j"] == pytest.approx(2 / 7)


def test_cronbachs_alpha_ignores_item_weights(answers):
    weighted = cronbach_alpha(answers, ITEMS, min_complete=2)
    plain = cronbach_alpha(answers, ITEMS.drop(columns="weight"), min_complete=2)
    pd.testing.assert_frame_equal(weighted, plain)
    # dialogue: totals of (d1, 8 - d2): 12, 7, 14 -> var 13; item variances 7/3 + 13/3
    # alpha = 2 * (1 - (20/3) / 13) = 2 * 19/39 = 38/39
    dialogue = weighted.set_index("dimension").loc["dialogue"]
    assert dialogue["alpha"] == pytest.approx(38 / 39)


def test_a_non_positive_weight_is_refused(answers):
    with pytest.raises(ValueError, match="weights must be above 0"):
        respondent_scores(answers, ITEMS.assign(weight=[2.0, 0.0, 1, 1, 1, 1]))
    with pytest.raises(ValueError, match="weights must be above 0"):
        overall_score(
            aggregate_scores(respondent_scores(answers, ITEMS)),
            DIMENSIONS.assign(weight=[1.0, -1.0, 1.0]),
        )


NORMS = pd.DataFrame(
    {
        "dimension": ["dialogue", "experiment", "support", "support"],
        "source": ["Study A", "Study A", "Study A", "Study B"],
        "year": [2021, 2021, 2021, None],
        "median": [5.2, 4.0, 5.0, 4.0],
        "q1": [4.5, 3.5, 4.6, 3.5],
        "q3": [5.9, 4.5, 5.5, 4.5],
        "n": [900, 900, 900, 120],
    }
)


def test_the_organisation_is_placed_below_between_or_above_the_interquartile_range(aggregated):
    positions = norm_positions(aggregated, NORMS)
    assert list(positions.columns) == list(NORM_COLUMNS)
    # dialogue 5.556 in [4.5, 5.9]; experiment 4.667 > 4.5; support 4.5 < 4.6 (Study A) and
    # exactly on q3 = 4.5 of Study B, which counts as between
    assert positions["position"].tolist() == ["between", "above", "below", "between"]
    assert positions["score"].tolist() == pytest.approx([50 / 9, 14 / 3, 4.5, 4.5])
    assert positions["year"].isna().tolist() == [False, False, False, True]


def test_a_norm_of_a_dimension_without_a_score_has_no_position(aggregated):
    positions = norm_positions(aggregated[aggregated["dimension"] != "support"], NORMS)
    assert positions["position"].tolist() == ["between", "above", None, None]
    empty = norm_positions(aggregated, NORMS.iloc[0:0])
    assert empty.empty
    assert list(empty.columns) == list(NORM_COLUMNS)
