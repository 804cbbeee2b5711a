"""`import_norms`: published reference values added to a stored framework version."""

import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from maturity.framework_files import parse_framework
from maturity.models import Norm
from maturity.services import framework_import
from organisations.signals import organisation_data_changed
from tests.diagnosis.factories import AssessmentFactory
from tests.maturity.test_instrument_files import INSTRUMENT

pytestmark = pytest.mark.django_db

NORMS = textwrap.dedent("""\
    framework: instrument
    version: 1
    norms:
      - source: A later study
        year: 2024
        dimensions:
          d1: {median: 3.9, q1: 3.2, q3: 4.5, n: 310}
          d2: {median: 4.4, q1: 3.8, q3: 5.0, n: 310}
    """)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "norms.yaml"
    path.write_text(text)
    return str(path)


def test_a_norms_file_adds_its_values_to_the_version_it_names(tmp_path: Path, capsys) -> None:
    version = framework_import(parse_framework(INSTRUMENT)).version

    call_command("import_norms", write(tmp_path, NORMS))

    later = Norm.objects.filter(version=version, source="A later study")
    assert sorted(later.values_list("dimension__code", "median")) == [("d1", 3.9), ("d2", 4.4)]
    assert Norm.objects.filter(version=version, source="A published study").count() == 1
    assert "2 norm values added to instrument v1" in capsys.readouterr().out


def test_importing_the_same_source_and_year_again_replaces_its_values(tmp_path: Path) -> None:
    version = framework_import(parse_framework(INSTRUMENT)).version
    call_command("import_norms", write(tmp_path, NORMS))

    call_command("import_norms", write(tmp_path, NORMS.replace("median: 3.9", "median: 4.0")))

    later = Norm.objects.filter(version=version, source="A later study", dimension__code="d1")
    assert list(later.values_list("median", flat=True)) == [4.0]


def test_organisations_with_a_round_on_the_version_are_told_their_data_changed(
    tmp_path: Path,
) -> None:
    version = framework_import(parse_framework(INSTRUMENT)).version
    assessment = AssessmentFactory(framework_version=version)
    told: list[int] = []

    def listen(sender, organisation_id, **kwargs) -> None:
        told.append(organisation_id)

    organisation_data_changed.connect(listen)
    try:
        call_command("import_norms", write(tmp_path, NORMS))
    finally:
        organisation_data_changed.disconnect(listen)

    assert told == [assessment.organisation_id]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("version: 1", "version: 2", ':1: framework: no framework "instrument" with version 2'),
        ("d2: {", "d7: {", ':8: norms[0].dimensions.d7: unknown dimension "d7"'),
        ("q3: 5.0", "q3: 6.5", ":8: norms[0].dimensions.d2: norms lie on the dimension's scale"),
        ("source: A later study", "sourc: A later study", ":4: norms[0].sourc: unknown key"),
    ],
)
def test_a_bad_norms_file_is_refused_with_its_line_and_nothing_is_stored(
    tmp_path: Path, capsys, old: str, new: str, expected: str
) -> None:
    framework_import(parse_framework(INSTRUMENT))
    path = write(tmp_path, NORMS.replace(old, new))

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_norms", path)

    assert f"{path}{expected}" in capsys.readouterr().err
    assert not Norm.objects.filter(source="A later study").exists()
