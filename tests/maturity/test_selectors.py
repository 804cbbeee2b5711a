"""Selectors turn a stored framework version into the frames the scoring engine takes."""

import math

import pandas as pd
import pytest
from django.utils import translation

from maturity import scoring, selectors
from maturity.framework_files import ResponseType, load_default_framework, parse_framework
from maturity.framework_frames import (
    DIMENSION_COLUMNS,
    ITEM_COLUMNS,
    LEVEL_COLUMNS,
    frames_from_parsed,
)
from maturity.services import framework_import
from tests.maturity.samples import EXAMPLE_PATH

pytestmark = pytest.mark.django_db


def test_the_items_frame_lists_every_item_in_questionnaire_order(default_framework) -> None:
    items = selectors.items_frame(default_framework)
    parsed = load_default_framework()

    assert list(items.columns) == list(ITEM_COLUMNS)
    assert list(items["item"]) == [item.code for item in parsed.items]
    assert list(items["position"]) == list(range(1, len(parsed.items) + 1))
    assert set(items["item_id"]) == set(default_framework.items.values_list("id", flat=True))
    f1_2 = items.set_index("item").loc["f1_2"]
    assert (f1_2["dimension"], f1_2["response"]) == ("f1-learning-culture", "likert5")
    assert f1_2["reverse"] == next(i.reverse for i in parsed.items if i.code == "f1_2")


def test_each_response_type_gets_its_scale(default_framework) -> None:
    items = selectors.items_frame(default_framework).set_index("item")

    assert tuple(items.loc["f1_1", ["scale_min", "scale_max"]]) == (1.0, 5.0)
    assert tuple(items.loc["cap_curation", ["scale_min", "scale_max"]]) == (1.0, 5.0)
    assert tuple(items.loc["q_individual_productive", ["scale_min", "scale_max"]]) == (0, 100)
    assert all(math.isnan(v) for v in items.loc["work_type_priority", ["scale_min", "scale_max"]])


def test_it_keeps_only_the_response_types_asked_for(default_framework) -> None:
    items = selectors.items_frame(default_framework, responses=selectors.LIKERT_RESPONSES)

    parsed = load_default_framework()
    assert set(items["response"]) == {ResponseType.LIKERT5.value}
    assert list(items["item"]) == [i.code for i in parsed.items if i.response == "likert5"]
    assert {i.dimension_code.split("-")[0] for i in parsed.items if i.response == "likert5"} == {
        "f1", "f2", "f3", "f4", "f5", "f6", "obstacle",
    }  # fmt: skip
    assert list(items["position"]) == list(range(1, len(items) + 1))


def test_the_dimensions_frame_names_dimensions_in_the_active_language(default_framework) -> None:
    with translation.override("nl"):
        dimensions = selectors.dimensions_frame(default_framework)

    assert list(dimensions.columns) == list(DIMENSION_COLUMNS)
    row = dimensions.set_index("dimension").loc["f3-outside-ideas"]
    assert row["kind"] == "feature"
    assert row["section"] == "learning-organisation"
    assert row["name"] == row["names"]["nl"] != row["names"]["en"]
    assert list(dimensions["position"]) == list(range(1, 25))
    assert dimensions["kind"].value_counts().to_dict() == {
        "capability": 7, "feature": 6, "culture": 5, "obstacle": 4, "quadrant": 1, "work_type": 1,
    }  # fmt: skip


def test_the_levels_frame_holds_five_descriptors_per_scored_dimension(default_framework) -> None:
    levels = selectors.levels_frame(default_framework, language="en")

    assert list(levels.columns) == list(LEVEL_COLUMNS)
    per_dimension = levels.groupby("dimension")["level"].apply(list)
    assert all(levels == [1, 2, 3, 4, 5] for levels in per_dimension)
    assert "learning-quadrants" not in per_dimension.index  # points100: no levels
    expected = default_framework.dimensions.get(code="f4-autonomy").levels["3"]["en"]
    f4 = levels[levels["dimension"] == "f4-autonomy"].set_index("level")
    assert f4.loc[3, "description"] == expected


def test_each_frame_takes_one_query_whatever_the_size(default_framework, django_assert_num_queries):
    small = framework_import(parse_framework(EXAMPLE_PATH.read_text(), filename="x.yaml")).version

    for version in (small, default_framework):
        with django_assert_num_queries(3):
            frames = selectors.framework_frames(version)
        assert len(frames.items) == version.items.count()


def test_stored_frames_equal_those_of_the_parsed_file_but_for_ids(default_framework) -> None:
    stored = selectors.framework_frames(default_framework, language="nl")
    parsed = frames_from_parsed(load_default_framework(), language="nl")

    drop = {"items": ["item_id"], "dimensions": ["dimension_id"], "levels": []}
    for name, columns in drop.items():
        pd.testing.assert_frame_equal(
            getattr(stored, name).drop(columns=columns),
            getattr(parsed, name).drop(columns=columns),
        )


def test_the_frames_feed_the_scoring_engine(default_framework) -> None:
    items = selectors.items_frame(default_framework, responses=selectors.LIKERT_RESPONSES)
    dimensions = selectors.dimensions_frame(default_framework)
    f1 = items[items["dimension"] == "f1-learning-culture"]
    # Everyone agrees fully with every statement: reverse-worded ones count as 1, others as 5.
    answers = pd.DataFrame(
        [(respondent, item, 5.0) for respondent in (1, 2) for item in f1["item"]],
        columns=["respondent", "item", "value"],
    )

    aggregated = scoring.aggregate_scores(scoring.respondent_scores(answers, items))
    overall = scoring.overall_score(aggregated, dimensions)

    expected = (5 * (~f1["reverse"]).sum() + 1 * f1["reverse"].sum()) / len(f1)
    assert aggregated.set_index("dimension").loc["f1-learning-culture", "score"] == expected
    assert overall.n_dimensions == 1


def test_an_unknown_version_gives_empty_frames_with_the_documented_columns() -> None:
    frames = selectors.framework_frames(10**9)

    for frame, columns in [
        (frames.items, ITEM_COLUMNS),
        (frames.dimensions, DIMENSION_COLUMNS),
        (frames.levels, LEVEL_COLUMNS),
    ]:
        assert frame.empty
        assert list(frame.columns) == list(columns)
