"""Framework files that describe an instrument of their own: scales, blocks, weights, norms."""

import textwrap
from pathlib import Path

import pytest

from maturity.framework_files import FrameworkFileError, FrameworkProblem, parse_framework
from maturity.models import Block, Dimension, Item, Norm
from maturity.services import framework_import

DOCS = Path(__file__).resolve().parents[2] / "docs" / "frameworks.md"

INSTRUMENT = textwrap.dedent("""\
    code: instrument
    version: 1
    title: {en: Instrument}
    languages: [en]
    scales:
      - code: often6
        points:
          - {value: 1, label: {en: Almost never}}
          - {value: 2, label: {en: Rarely}}
          - {value: 3, label: {en: Sometimes}}
          - {value: 4, label: {en: Often}}
          - {value: 5, label: {en: Very often}}
          - {value: 6, label: {en: Almost always}}
          - {value: 0, label: {en: Not applicable}, missing: true}
    blocks:
      - code: b1
        name: {en: Block one}
        dimensions: [d1, d2]
    norms:
      - source: A published study
        year: 2020
        dimensions:
          d1: {median: 4.1, q1: 3.5, q3: 4.6, n: 900}
    sections:
      - code: s1
        title: {en: One}
        dimensions: [d1, d2]
    dimensions:
      - code: d1
        kind: custom
        name: {en: D1}
        weight: 2
        items:
          - {code: i1, text: {en: One}, response: scale, scale: often6, weight: 3}
          - {code: i2, text: {en: Two}, response: scale, scale: often6, reverse: true}
      - code: d2
        kind: feature
        needs_owner: false
        name: {en: D2}
        items:
          - {code: i3, text: {en: Three}, response: scale, scale: often6}
    """)


def problems_in(text: str) -> list[FrameworkProblem]:
    with pytest.raises(FrameworkFileError) as raised:
        parse_framework(text, filename="instrument.yaml")
    return raised.value.errors


def test_a_framework_declares_a_six_point_scale_with_a_not_applicable_point() -> None:
    framework = parse_framework(INSTRUMENT)

    scale = framework.scale("often6")
    assert scale is not None
    assert (scale.minimum, scale.maximum, len(scale.ordinal)) == (1, 6, 6)
    assert [point.value for point in scale.points if point.missing] == [0]
    assert [item.scale for item in framework.items] == ["often6"] * 3


def test_weights_blocks_owners_and_norms_are_read_from_the_file() -> None:
    framework = parse_framework(INSTRUMENT)
    d1, d2 = framework.dimensions

    assert (d1.weight, d1.block_code, d1.needs_owner) == (2.0, "b1", False)
    assert (d2.weight, d2.needs_owner) == (1.0, False)
    assert [item.weight for item in d1.items] == [3.0, 1.0]
    assert framework.blocks[0].dimension_codes == ("d1", "d2")
    (norms,) = framework.norms
    assert (norms.source, norms.year, norms.values[0].median) == ("A published study", 2020, 4.1)


def test_a_feature_needs_an_owner_unless_the_file_says_otherwise() -> None:
    text = INSTRUMENT.replace("    needs_owner: false\n", "")

    assert parse_framework(text).dimensions[1].needs_owner is True


def test_a_file_without_the_new_keys_keeps_its_content_hash_when_they_are_written_out() -> None:
    plain = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections: [{code: s1, title: {en: One}, dimensions: [d1]}]
        dimensions:
          - code: d1
            kind: custom
            name: {en: D1}
            items: [{code: i1, text: {en: One}, response: scale, scale: two}]
        scales:
          - code: two
            points: [{value: 1, label: {en: Never}}, {value: 2, label: {en: Always}}]
        """)
    explicit = plain.replace(
        "response: scale, scale: two}", "response: scale, scale: two, weight: 1}"
    )

    assert parse_framework(plain).content_hash == parse_framework(explicit).content_hash


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "scale: often6, weight: 3",
            "scale: often7, weight: 3",
            "dimensions[0].items[0].scale",
            'unknown scale "often7" (did you mean "often6"?)',
        ),
        (
            "{value: 3, label: {en: Sometimes}}",
            "{value: 8, label: {en: Sometimes}}",
            "scales[0].points",
            "the scored points must be consecutive whole numbers; missing: 3",
        ),
        (
            "{value: 0, label: {en: Not applicable}, missing: true}",
            "{value: 2, label: {en: Not applicable}, missing: true}",
            "scales[0].points[6].value",
            "point value 2 is listed twice",
        ),
        (
            "dimensions: [d1, d2]\nnorms",
            "dimensions: [d1, d9]\nnorms",
            "blocks[0].dimensions[1]",
            'unknown dimension "d9"',
        ),
        (
            "{median: 4.1, q1: 3.5, q3: 4.6, n: 900}",
            "{median: 4.1, q1: 3.5, q3: 7.5, n: 900}",
            "norms[0].dimensions.d1",
            "norms lie on the dimension's scale, 1 to 6; 7.5 is outside it",
        ),
        (
            "{median: 4.1, q1: 3.5, q3: 4.6, n: 900}",
            "{median: 4.1, q1: 4.5, q3: 4.6, n: 900}",
            "norms[0].dimensions.d1",
            "the quartiles must be in order: q1 ≤ median ≤ q3",
        ),
        (
            "weight: 2\n",
            "weight: 0\n",
            "dimensions[0].weight",
            "weight 0 is out of range: use a number above 0 and at most 100",
        ),
    ],
)
def test_a_broken_instrument_is_refused_with_its_line_and_reason(
    old: str, new: str, path: str, message: str
) -> None:
    assert old in INSTRUMENT
    problems = problems_in(INSTRUMENT.replace(old, new, 1))

    assert [problem.path for problem in problems] == [path]
    assert problems[0].message.startswith(message)
    assert problems[0].line is not None


def test_a_scale_needs_two_to_eleven_scored_points() -> None:
    points = "\n".join(f"      - {{value: {v}, label: {{en: P{v}}}}}" for v in range(1, 13))
    start = INSTRUMENT.index("    points:\n") + len("    points:\n")
    end = INSTRUMENT.index("blocks:")
    text = INSTRUMENT[:start] + points + "\n" + INSTRUMENT[end:]

    (problem,) = [p for p in problems_in(text) if p.path == "scales[0].points"]

    assert problem.message == (
        "a scale needs 2 to 11 points that are scored (not marked missing); this one has 12"
    )


@pytest.mark.django_db
def test_importing_stores_scales_blocks_weights_owners_and_norms() -> None:
    version = framework_import(parse_framework(INSTRUMENT)).version

    assert version.scale("often6").maximum == 6
    assert version.scale("likert5").points[0].label["en"] == "Strongly disagree"
    block = Block.objects.get(version=version)
    assert sorted(block.dimensions.values_list("code", flat=True)) == ["d1", "d2"]
    d1 = Dimension.objects.get(version=version, code="d1")
    assert (d1.weight, d1.needs_owner) == (2.0, False)
    assert Item.objects.get(version=version, code="i1").weight == 3.0
    norm = Norm.objects.get(version=version)
    assert (norm.dimension, norm.median, norm.n) == (d1, 4.1, 900)


@pytest.mark.django_db
def test_the_worked_example_in_the_documentation_imports_with_its_block_and_norms() -> None:
    example = DOCS.read_text().split("```yaml\n", 1)[1].split("```", 1)[0]

    version = framework_import(parse_framework(example, filename="frameworks.md")).version

    assert version.blocks.get().code == "people"
    assert version.norms.get().dimension.code == "colleague-support"
    assert version.dimensions.get(code="learning-moments").needs_owner is True
