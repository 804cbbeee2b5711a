"""`manage.py import_framework`: validates every file first, imports all or nothing, and never
changes a stored version."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from maturity.framework_files import DEFAULT_FRAMEWORK_PATH, load_framework
from maturity.models import Dimension, Framework, FrameworkVersion, Item, Question, Section
from maturity.services import default_framework_version
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.maturity.samples import EXAMPLE_PATH, MINIMAL

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MODELS = (Framework, FrameworkVersion, Section, Dimension, Item, Question)


def run(*paths: Path | str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_framework", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*paths: Path | str) -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_framework", *map(str, paths), stdout=StringIO(), stderr=err)
    return str(raised.value), err.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot(version: FrameworkVersion) -> dict[str, list[dict]]:
    """Every stored row of one version, as plain values."""
    return {
        "version": list(FrameworkVersion.objects.filter(pk=version.pk).values()),
        **{
            model.__name__: list(model.objects.filter(version=version).order_by("pk").values())
            for model in (Section, Dimension, Item, Question)
        },
    }


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def changed_default(tmp_path: Path) -> Path:
    text = DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8")
    first_item = load_framework(DEFAULT_FRAMEWORK_PATH).items[0].text["en"]
    changed = text.replace(first_item, first_item + " Every week.", 1)
    assert changed != text
    return write(tmp_path, "ld-strategy.yaml", changed)


def test_it_imports_the_default_and_the_example_framework() -> None:
    out, err = run(DEFAULT_FRAMEWORK_PATH, EXAMPLE_PATH)

    assert out.splitlines() == ["imported ld-strategy v1", "imported team-learning-pulse v1"]
    assert err == ""
    default = FrameworkVersion.objects.get(framework__code="ld-strategy")
    parsed = load_framework(DEFAULT_FRAMEWORK_PATH)
    assert default.items.count() == len(parsed.items) == 57
    assert default.dimensions.count() == len(parsed.dimensions)
    assert default.questions.count() == len(parsed.questions) == 5
    assert default.source == DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8")
    assert default.source_name == "ld-strategy.yaml"
    assert FrameworkVersion.objects.get(framework__code="team-learning-pulse").items.count() == 9


def test_importing_the_same_files_again_changes_nothing() -> None:
    run(DEFAULT_FRAMEWORK_PATH, EXAMPLE_PATH)
    before = row_counts()

    out, _ = run(DEFAULT_FRAMEWORK_PATH, EXAMPLE_PATH)

    assert out.splitlines() == [
        "unchanged: ld-strategy v1 already stored",
        "unchanged: team-learning-pulse v1 already stored",
    ]
    assert row_counts() == before


def test_a_changed_file_becomes_a_new_version_and_the_one_in_use_stays_as_it_was(
    tmp_path: Path,
) -> None:
    assessment = AssessmentFactory()  # on the default framework, v1
    v1 = assessment.framework_version
    before = snapshot(v1)

    out, _ = run(changed_default(tmp_path))

    assert out.strip() == "imported ld-strategy v2 (v1 is used by assessments and stays as it was)"
    assert snapshot(v1) == before
    assessment.refresh_from_db()
    assert assessment.framework_version_id == v1.pk
    v2 = FrameworkVersion.objects.get(framework__code="ld-strategy", version=2)
    assert v2.items.get(code="f1_1").text["en"].endswith(" Every week.")
    assert v1.items.get(code="f1_1").text["en"] == before["Item"][0]["text"]["en"]
    assert not v1.items.get(code="f1_1").text["en"].endswith(" Every week.")


def test_a_new_version_of_a_framework_no_assessment_uses_says_so(tmp_path: Path) -> None:
    run(EXAMPLE_PATH)
    text = EXAMPLE_PATH.read_text(encoding="utf-8").replace("Team learning pulse", "Team pulse")

    out, _ = run(write(tmp_path, "pulse.yaml", text))

    assert out.strip() == "imported team-learning-pulse v2 (v1 stays as it was)"


def test_the_files_version_number_is_kept_when_it_is_free(tmp_path: Path) -> None:
    default_framework_version()
    text = changed_default(tmp_path).read_text(encoding="utf-8")
    path = write(tmp_path, "v5.yaml", text.replace("\nversion: 1\n", "\nversion: 5\n", 1))

    out, _ = run(path)

    assert out.strip() == "imported ld-strategy v5 (v1 stays as it was)"


def test_a_json_file_is_imported_too(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL)
    out, _ = run(write(tmp_path, "mini.json", json.dumps(data, indent=2)))

    assert out.strip() == "imported mini v1"
    assert FrameworkVersion.objects.get().download_name() == "mini-v1.json"


BROKEN = {
    "bad YAML": (
        MINIMAL.replace("title: {en: Mini}", "title: {en: Mini"),
        ["mini.yaml:4:10: invalid YAML: expected ',' or '}', but got ':'"],
    ),
    "a missing key": (
        MINIMAL.replace("    title: {en: One}\n", ""),
        ['mini.yaml:6: sections[0]: missing required key "title"'],
    ),
    "a wrong type": (
        MINIMAL.replace("version: 1", 'version: "1"'),
        ['mini.yaml:2: version: expected a whole number, got the text "1"'],
    ),
    "a duplicate code": (
        MINIMAL + "      - code: i1\n        text: {en: Item two}\n        response: likert5\n",
        [
            'mini.yaml:23: dimensions[0].items[1].code: duplicate item code "i1" '
            "(first used at line 20)"
        ],
    ),
    "a level out of range": (
        MINIMAL.replace(
            "{level: 5, description: {en: five}}", "{level: 6, description: {en: six}}"
        ),
        [
            "mini.yaml:13: dimensions[0].levels: level 5 is missing: describe each of the levels "
            "1 to 5 exactly once",
            "mini.yaml:18: dimensions[0].levels[4].level: level 6 is out of range: levels run "
            "from 1 to 5",
        ],
    ),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_file_is_rejected_with_the_place_named_and_nothing_imported(
    tmp_path: Path, kind: str
) -> None:
    text, expected = BROKEN[kind]
    path = write(tmp_path, "mini.yaml", text)

    message, err = run_failing(path)

    lines = err.splitlines()
    for line in expected:
        assert any(reported.startswith(f"{tmp_path}/{line}") for reported in lines), (line, err)
    assert message.endswith("; nothing was imported")
    assert set(row_counts().values()) == {0}


def test_one_broken_file_stops_the_good_ones_from_being_imported(tmp_path: Path) -> None:
    broken = write(tmp_path, "mini.yaml", BROKEN["a wrong type"][0])

    message, err = run_failing(DEFAULT_FRAMEWORK_PATH, broken, EXAMPLE_PATH)

    assert message == "1 problem in 1 file; nothing was imported"
    assert err.strip() == f'{broken}:2: version: expected a whole number, got the text "1"'
    assert set(row_counts().values()) == {0}


def test_every_problem_of_every_file_is_listed(tmp_path: Path) -> None:
    levels = write(tmp_path, "levels.yaml", BROKEN["a level out of range"][0])
    missing = tmp_path / "missing.yaml"

    message, err = run_failing(levels, missing)

    assert message == "3 problems in 2 files; nothing was imported"
    assert err.splitlines()[-1] == f"{missing}: cannot read the file (No such file or directory)"


def test_it_exits_with_a_non_zero_status_on_a_broken_file(tmp_path: Path) -> None:
    broken = write(tmp_path, "mini.yaml", BROKEN["a duplicate code"][0])

    # A real process: the file is rejected before the database is touched.
    finished = subprocess.run(
        [sys.executable, "manage.py", "import_framework", str(broken)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert finished.returncode != 0
    expected = f"{broken}:23: dimensions[0].items[1].code: duplicate item code"
    assert expected in finished.stderr
    assert finished.stdout == ""


# --- owners -------------------------------------------------------------------------------------


def test_without_an_owner_the_files_become_built_in_frameworks() -> None:
    run(DEFAULT_FRAMEWORK_PATH, EXAMPLE_PATH)

    assert Framework.objects.built_in().count() == Framework.objects.count() == 2


def test_with_org_the_framework_belongs_to_that_organisation_only(tmp_path: Path) -> None:
    organisation = OrganisationFactory(slug="acme")

    out, _ = run("--org", "acme", write(tmp_path, "mini.yaml", MINIMAL))

    assert out.strip() == "imported mini v1"
    framework = Framework.objects.get()
    assert (framework.organisation, framework.practice) == (organisation, None)
    assert list(Framework.objects.visible_in(organisation)) == [framework]
    assert not Framework.objects.visible_in(OrganisationFactory()).exists()


def test_with_practice_the_framework_belongs_to_that_consultant(tmp_path: Path) -> None:
    consultant = MembershipFactory(role=Role.CONSULTANT, user__username="casey")

    run("--practice", "casey", write(tmp_path, "mini.yaml", MINIMAL))

    framework = Framework.objects.get()
    assert (framework.organisation, framework.practice) == (None, consultant.user)
    assert list(Framework.objects.visible_in(consultant.organisation)) == [framework]


def test_an_unknown_owner_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    path = write(tmp_path, "mini.yaml", MINIMAL)

    assert run_failing("--org", "nowhere", path)[0] == (
        "No organisation has the slug 'nowhere'; nothing was imported"
    )
    assert run_failing("--practice", "nobody", path)[0] == (
        "No user is called 'nobody'; nothing was imported"
    )
    assert set(row_counts().values()) == {0}


def test_a_built_in_code_is_refused_for_an_organisation(tmp_path: Path) -> None:
    OrganisationFactory(slug="acme")
    mini = write(tmp_path, "mini.yaml", MINIMAL)

    message, _ = run_failing("--org", "acme", mini, EXAMPLE_PATH)

    assert message == (
        "“team-learning-pulse” is the code of a built-in framework, which nobody can change. "
        "Give your framework another code. Nothing was imported."
    )
    assert set(row_counts().values()) == {0}


def test_org_and_practice_exclude_each_other(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command("import_framework", "--org", "a", "--practice", "b", str(tmp_path / "x.yaml"))
