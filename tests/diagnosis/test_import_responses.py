"""`import_responses`: answers from another survey tool become a closed round, or nothing at all."""

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from diagnosis import imports
from diagnosis.models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer
from diagnosis.results import assessment_results
from diagnosis.selectors import assessment_frames, respondents_frame
from maturity.framework_files import parse_framework
from maturity.services import framework_import
from reports.models import OrganisationDataVersion
from tests.diagnosis.factories import AssessmentFactory
from tests.diagnosis.helpers import pulse_framework
from tests.diagnosis.import_samples import (
    good,
    onboarding_check,
    rows,
    worked_framework_text,
    worked_responses,
)
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROUND = "Onboarding survey 2025"


@pytest.fixture
def acme():
    return OrganisationFactory(slug="acme", name="Acme")


@pytest.fixture
def onboarding(acme):
    return onboarding_check(acme)


def write(tmp_path: Path, content: str | bytes, name: str = "answers.csv") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def run(path: str, *, framework: str = "onboarding-check", name: str = ROUND, **options) -> str:
    out = io.StringIO()
    args = ["--org", "acme", "--framework", framework, "--round", name, path]
    if "version" in options:
        args[:0] = ["--version", str(options["version"])]
    call_command("import_responses", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refusal(path: str, **options) -> tuple[str, list[str]]:
    """The command's error and the problem lines it printed."""
    err = io.StringIO()
    args = ["--org", "acme", "--framework", "onboarding-check", "--round", ROUND, path]
    with pytest.raises(CommandError) as raised:
        call_command("import_responses", *args, stdout=io.StringIO(), stderr=err, **options)
    return str(raised.value), err.getvalue().splitlines()


def stored(assessment: Assessment) -> dict[tuple[int, str], tuple]:
    """(file row order, item code) -> (value, target, choice, dont_know) of the stored answers."""
    order = {
        pk: n
        for n, pk in enumerate(
            assessment.respondents.order_by("pk").values_list("pk", flat=True), start=1
        )
    }
    return {
        (order[a.respondent_id], a.item.code): (a.value, a.target, a.choice, a.dont_know)
        for a in Answer.objects.filter(respondent__assessment=assessment).select_related("item")
    }


def nothing_stored() -> bool:
    return not (
        Assessment.objects.exists()
        or Respondent.objects.exists()
        or Answer.objects.exists()
        or TextAnswer.objects.exists()
    )


# --- the happy path --------------------------------------------------------------------------


def test_the_worked_example_of_the_documentation_becomes_a_closed_round_of_submitted_responses(
    tmp_path, onboarding
):
    out = run(write(tmp_path, worked_responses()))

    assessment = Assessment.objects.get(organisation__slug="acme")
    assert (assessment.title, assessment.status) == (ROUND, AssessmentStatus.CLOSED)
    assert assessment.framework_version == onboarding
    assert assessment.anonymous
    assert assessment.groups == ["ld", "leadership", "staff"]
    respondents = assessment.respondents.order_by("pk")
    assert [r.group for r in respondents] == ["leadership", "leadership", "ld", "staff"]
    assert [r.language for r in respondents] == ["en", "nl", "en", ""]
    assert all(r.submitted_at and r.person_id is None for r in respondents)
    assert "imported 4 responses (33 answers, 2 written answers)" in out
    assert 'into the closed round "Onboarding survey 2025" on onboarding-check v1' in out


def test_the_worked_example_stores_each_answer_as_the_questionnaire_would(tmp_path, onboarding):
    run(write(tmp_path, worked_responses()))

    answers = stored(Assessment.objects.get())
    # likert5: the point; "dk" is "don't know" without a value.
    assert [answers[(n, "support_1")] for n in (1, 3)] == [
        (4.0, None, "", False),
        (None, None, "", True),
    ]
    # A scale of the framework's own: the point, and its missing point kept with "don't know".
    assert [answers[(n, "moments_review")][::3] for n in (1, 2, 3, 4)] == [
        (3.0, False),
        (4.0, False),
        (9.0, True),
        (2.0, False),
    ]
    assert answers[(1, "support_level")] == (2.0, 4.0, "", False)  # current, target
    assert answers[(1, "effort_admin")] == (50.0, 20.0, "", False)  # today, desired
    assert (3, "effort_admin") not in answers  # empty cells are unanswered
    assert answers[(2, "first_weeks_format")] == (None, None, "classroom", False)
    assert answers[(3, "first_weeks_format")] == (None, None, "", True)
    texts = TextAnswer.objects.order_by("respondent_id").values_list("question__code", "text")
    assert list(texts) == [
        ("best_help", "My buddy, who always had time for me."),
        ("best_help", "Shadowing a colleague for a week."),
    ]


def test_imported_answers_are_what_the_scoring_frames_read(tmp_path, onboarding):
    run(write(tmp_path, worked_responses()))
    assessment = Assessment.objects.get()

    frames = assessment_frames(assessment)

    assert len(frames.respondents) == 4
    likert = frames.answers.merge(frames.items[["item", "code"]], on="item")
    support = likert[likert["code"] == "support_1"].sort_values("respondent")
    assert support["value"].tolist()[:2] == [4.0, 5.0]
    assert support["dont_know"].tolist() == [False, False, True, False]
    splits = frames.splits.sort_values(["respondent", "quadrant"])
    first = splits[splits["respondent"] == splits["respondent"].min()]
    assert first[["quadrant", "today", "desired"]].values.tolist() == [
        ["effort_admin", 50.0, 20.0],
        ["effort_people", 30.0, 40.0],
        ["effort_work", 20.0, 40.0],
    ]


def test_imported_respondents_have_no_name_but_a_label_of_their_own(tmp_path, onboarding):
    run(write(tmp_path, worked_responses()))
    assessment = Assessment.objects.get()

    frame = respondents_frame(assessment)

    assert frame["name"].tolist() == ["Imported respondent"] * 4
    assert str(assessment.respondents.first()) == "Imported respondent"


def test_likert_answers_imported_give_the_scores_worked_out_by_hand(tmp_path, acme):
    pulse_framework()
    path = write(
        tmp_path,
        "respondent,speak_1,speak_2,speak_3\nA,4,5,2\nB,3,3,3\nC,5,4,1\n",
    )

    run(path, framework="team-learning-pulse", name="Pulse 2024")

    results = assessment_results(Assessment.objects.get())
    # speak_3 is reverse-worded (6 - answer): A 4, 5, 4; B 3, 3, 3; C 5, 4, 5.
    speaking = results.dimension("speaking-up")
    assert speaking.n == 3
    assert speaking.score == pytest.approx((13 / 3 + 3 + 14 / 3) / 3)
    assert speaking.score_100 == pytest.approx(75.0)


def test_a_semicolon_separated_file_with_a_byte_order_mark_imports_the_same_answers(
    tmp_path, onboarding
):
    text = worked_responses().replace(",", ";").replace("My buddy; who", "My buddy, who")
    run(write(tmp_path, "\ufeff" + text), name="Comma")
    by_comma = stored(Assessment.objects.get())
    Assessment.objects.all().delete()

    run(write(tmp_path, ("\ufeff" + text).encode("utf-8"), name="semicolons.csv"))

    assert stored(Assessment.objects.get()) == by_comma
    assert TextAnswer.objects.filter(text="My buddy, who always had time for me.").exists()


def test_an_xlsx_workbook_imports_like_the_csv_file_numbers_and_all(tmp_path, onboarding):
    run(write(tmp_path, worked_responses()), name="From CSV")
    by_csv = stored(Assessment.objects.get())
    Assessment.objects.all().delete()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in worked_responses().splitlines():
        cells = next(csv.reader([line]))
        # Numbers as a spreadsheet holds them: ints, and a float for one of them.
        sheet.append([int(c) if c.isdigit() else c or None for c in cells])
    sheet["D2"] = 4.0
    buffer = io.BytesIO()
    workbook.save(buffer)

    run(write(tmp_path, buffer.getvalue(), name="answers.xlsx"))

    assert stored(Assessment.objects.get()) == by_csv


def xlsx(*lines: list) -> bytes:
    workbook = openpyxl.Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbooks_problems_are_placed_at_its_rows_and_columns_like_a_csv_files(
    tmp_path, onboarding
):
    content = xlsx(["respondent", "support_1"], [1001, 4], [1002, 6.5], [1003, 4, "stray"])
    path = write(tmp_path, content, name="answers.xlsx")

    _message, problems = refusal(path)

    assert problems == [
        f'{path}:3:support_1: "6.5" is not a point of the scale "likert5": use a whole number '
        'from 1 to 5, or dk for "don\'t know"',
        f"{path}:4:column 3: a value in a column without a heading: name the column or remove it",
    ]


def test_a_workbook_with_a_far_away_empty_row_imports_its_respondents(tmp_path, onboarding):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (["respondent", "support_1"], ["A", 4], ["B", 5], ["C", 3]):
        sheet.append(line)
    sheet.cell(row=60_000, column=1, value="")  # a formatted, empty cell far down
    buffer = io.BytesIO()
    workbook.save(buffer)

    run(write(tmp_path, buffer.getvalue(), name="answers.xlsx"))

    assert Respondent.objects.count() == 3


def test_the_respondent_ids_are_stored_only_as_keyed_hashes(tmp_path, onboarding):
    run(write(tmp_path, worked_responses()))
    assessment = Assessment.objects.get()

    refs = list(assessment.respondents.order_by("pk").values_list("external_ref", flat=True))
    assert refs[0] == imports.external_ref(assessment_id=assessment.pk, respondent="R-1001")
    assert all(len(ref) == 64 and "R-10" not in ref for ref in refs)
    dump = "".join(
        serializers.serialize("json", model._default_manager.all())
        for model in apps.get_models()
        if model._meta.managed
    )
    assert "R-1001" not in dump
    assert "R-1004" not in dump
    assert refs[0] in dump


def test_the_same_id_in_two_rounds_gives_unrelated_hashes(tmp_path, onboarding):
    path = write(tmp_path, worked_responses())
    run(path, name="First")
    run(path, name="Second")

    first, second = Assessment.objects.order_by("pk")
    assert not set(first.respondents.values_list("external_ref", flat=True)) & set(
        second.respondents.values_list("external_ref", flat=True)
    )
    assert first.respondents.count() == second.respondents.count() == 4


def test_an_older_version_is_used_when_asked_for(tmp_path, acme, onboarding):
    path = write(tmp_path, worked_responses())
    changed = (
        worked_framework_text()
        .replace("version: 1", "version: 2")
        .replace("Inwerkcheck", "Inwerkcheck 2")
    )
    newer = framework_import(parse_framework(changed), organisation=acme).version

    run(path, name="Latest")
    run(path, name="Older", version=1)

    assert Assessment.objects.get(title="Latest").framework_version == newer
    assert Assessment.objects.get(title="Older").framework_version == onboarding


def test_the_default_framework_is_stored_on_first_use(tmp_path, acme):
    path = write(tmp_path, "respondent,f1_1,cap_curation.current,cap_curation.target\nA,4,2,4\n")

    run(path, framework="ld-strategy", name="Survey 2024")

    assessment = Assessment.objects.get()
    assert assessment.framework_version.framework.code == "ld-strategy"
    assert sorted(stored(assessment).values()) == [(2.0, 4.0, "", False), (4.0, None, "", False)]


# --- regeneration, anonymity -----------------------------------------------------------------


def test_the_import_bumps_the_data_version_and_asks_for_regeneration_after_commit(
    tmp_path, onboarding, monkeypatch, django_capture_on_commit_callbacks
):
    asked = []
    monkeypatch.setattr("reports.versioning.request_regeneration", asked.append)
    acme = onboarding.framework.organisation
    before = OrganisationDataVersion.objects.filter(organisation=acme).first()

    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, worked_responses()))

    after = OrganisationDataVersion.objects.get(organisation=acme)
    assert after.version > (before.version if before else 0)
    assert set(asked) == {acme.pk}


def test_fewer_responses_than_the_threshold_show_nothing_of_the_round(tmp_path, onboarding):
    out = run(write(tmp_path, rows(good(1), good(2))))

    results = assessment_results(Assessment.objects.get())
    assert results.withheld
    assert results.needed == 1
    assert results.dimensions == ()
    assert "nothing of this round is shown until at least 3 have been submitted" in out


def test_from_the_threshold_on_the_imported_round_shows_its_results(tmp_path, onboarding):
    out = run(write(tmp_path, rows(good(1), good(2), good(3))))

    results = assessment_results(Assessment.objects.get())
    assert not results.withheld
    assert results.n_respondents == 3
    assert "nothing of this round is shown" not in out


def test_the_imported_round_stays_anonymous_when_edited(client, tmp_path, onboarding):
    run(write(tmp_path, rows(good(1), good(2), good(3))))
    assessment = Assessment.objects.get()
    owner = MembershipFactory(organisation=assessment.organisation, role="owner").user
    client.force_login(owner)

    response = client.post(
        f"/orgs/acme/diagnosis/assessments/{assessment.pk}/edit/",
        {
            "title": ROUND,
            "groups": ["leadership"],
            "anonymous": "False",
            "anonymity_threshold": 3,
            "framework_version": onboarding.pk,
        },
    )

    assert response.status_code == 200
    assert "promised anonymity" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.anonymous


# --- the model -------------------------------------------------------------------------------


def test_a_respondent_is_either_a_person_or_an_imported_response_never_both_nor_neither():
    assessment = AssessmentFactory()
    person = assessment.organisation.people.create(name="Ann", email="ann@example.org")

    for fields in ({}, {"person": person, "external_ref": "a" * 64}, {"external_ref": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Respondent.objects.create(
                organisation=assessment.organisation, assessment=assessment, **fields
            )
    Respondent.objects.create(
        organisation=assessment.organisation, assessment=assessment, external_ref="b" * 64
    )
    Respondent.objects.create(
        organisation=assessment.organisation, assessment=assessment, person=person
    )
    assert assessment.respondents.count() == 2


def test_one_external_id_has_one_response_per_round():
    assessment = AssessmentFactory()
    ref = imports.external_ref(assessment_id=assessment.pk, respondent="R-1")
    Respondent.objects.create(
        organisation=assessment.organisation, assessment=assessment, external_ref=ref
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Respondent.objects.create(
            organisation=assessment.organisation, assessment=assessment, external_ref=ref
        )
    assert assessment.respondents.count() == 1


# --- refusals --------------------------------------------------------------------------------

HEADER_PROBLEMS = [
    (
        rows(good(1), header=rows().strip().replace("support_2", "support_3")),
        'answers.csv:1:support_3: unknown item code "support_3" in onboarding-check v1 '
        '(did you mean "support_2"?)',
    ),
    (
        rows(
            "R-1,4,2",
            header="respondent,support_1,support_level",
        ),
        "answers.csv:1:support_level: support_level is a current_target item: its answers go "
        'in the columns "support_level.current" and "support_level.target"',
    ),
    (
        rows("R-1,4", header="respondent,support_1.current"),
        "answers.csv:1:support_1.current: support_1 is a likert5 item: its answers go in the "
        'column "support_1"',
    ),
    (
        rows("R-1,4,5", header="respondent,support_1,Support_1"),
        'answers.csv:1:Support_1: the column "Support_1" appears twice (first as column 2)',
    ),
    (
        rows("R-1,4", header="respondent_id,support_1"),
        'answers.csv:1:respondent_id: unknown item code "respondent_id" in onboarding-check v1 '
        '(did you mean "respondent"?)\n'
        'answers.csv:1: no "respondent" column: one column must be called "respondent" and hold '
        "each respondent's id in the other tool",
    ),
    (
        rows("R-1,leadership", header="respondent,group"),
        "answers.csv:1: no column holds answers: name the columns after the item and question "
        'codes of onboarding-check v1, such as "support_1"',
    ),
]

CELL_PROBLEMS = [
    (
        good(1).replace(",4,2,", ",7,2,", 1),
        'answers.csv:2:support_1: 7 is not a point of the scale "likert5": use a whole number '
        'from 1 to 5, or dk for "don\'t know"',
    ),
    (
        good(1).replace(",4,2,", ",agree,2,", 1),
        'answers.csv:2:support_1: "agree" is not a point of the scale "likert5": use a whole '
        'number from 1 to 5, or dk for "don\'t know"',
    ),
    (
        good(1).replace(",2,4,3,1,", ",2,4,5,1,"),
        'answers.csv:2:moments_review: 5 is not a point of the scale "frequency4": use a whole '
        "number from 1 to 4, or 9 (Not applicable)",
    ),
    (
        good(1).replace(",2,4,3,1,", ",2,4,dk,1,"),
        'answers.csv:2:moments_review: moments_review offers no "don\'t know", so dk is not an '
        "answer: use a whole number from 1 to 4, or 9 (Not applicable)",
    ),
    (
        good(1).replace(",4,2,2,4,", ",4,2,2,6,"),
        "answers.csv:2:support_level.target: 6 is not a level: use a whole number from 1 to 5",
    ),
    (
        good(1).replace(",50,30,20,", ",50,30,12.5,"),
        'answers.csv:2:effort_work: points are whole numbers from 0 to 100, not "12.5"',
    ),
    (
        good(1).replace(",50,30,20,", ",50,30,10,"),
        'answers.csv:2:effort_admin: the points of "Where onboarding effort goes" (effort_admin, '
        "effort_people, effort_work) add up to 90; they must add up to 100",
    ),
    (
        good(1).replace(",on-the-job,", ",on-the-jb,"),
        'answers.csv:2:first_weeks_format: unknown option "on-the-jb" (did you mean '
        '"on-the-job"?): use classroom, on-the-job, or dk for "don\'t know"',
    ),
    (
        good(1).replace(",leadership,", ",leadershp,"),
        'answers.csv:2:group: unknown group "leadershp" (did you mean "leadership"?): use one '
        'of ld, leadership, staff, other, or leave it empty for "other"',
    ),
    (
        good(1).replace(",en,", ",de,"),
        'answers.csv:2:language: unknown language "de": onboarding-check v1 is written in en, nl',
    ),
    (
        good(1).replace("R-1,", ","),
        "answers.csv:2:respondent: no respondent id: every row needs the respondent's id",
    ),
    (
        good(1).replace("Shadowing", "Shadow\x0bing"),
        "answers.csv:2:best_help: the text contains invisible control characters (for example "
        "a vertical tab pasted from a word processor); remove them",
    ),
    (
        good(1).replace("Shadowing", "x" * 5001),
        "answers.csv:2:best_help: the answer is 5,001 characters; written answers may be at "
        "most 5,000",
    ),
    (
        good(1) + ",stray",
        "answers.csv:2:column 15: a value in a column without a heading: name the column or "
        "remove it",
    ),
    (
        "R-1,leadership,en,,,,,,,,,,,",
        "answers.csv:2: the row holds no answers; leave out respondents who answered nothing",
    ),
]


@pytest.mark.parametrize(("content", "line"), HEADER_PROBLEMS)
def test_a_heading_that_names_no_column_is_refused_at_its_place(
    tmp_path, onboarding, content, line
):
    path = write(tmp_path, content)

    message, problems = refusal(path)

    assert [problem.replace(path, "answers.csv") for problem in problems] == line.split("\n")
    assert message.endswith(f" in {path}; nothing was imported")
    assert nothing_stored()


@pytest.mark.parametrize(("row", "line"), CELL_PROBLEMS)
def test_a_cell_that_is_no_answer_of_its_item_is_refused_at_its_row_and_column(
    tmp_path, onboarding, row, line
):
    path = write(tmp_path, rows(row))

    _message, problems = refusal(path)

    assert [problem.replace(path, "answers.csv") for problem in problems] == [line]
    assert nothing_stored()


def test_desired_points_must_add_up_to_100_too(tmp_path, onboarding):
    header = (
        "respondent,effort_admin,effort_people,effort_work,effort_admin.desired,effort_work.desired"
    )
    path = write(tmp_path, rows("R-1,50,30,20,50,40", header=header))

    _message, problems = refusal(path)

    assert problems == [
        f'{path}:2:effort_admin.desired: the desired points of "Where onboarding effort goes" '
        "(effort_admin.desired, effort_work.desired) add up to 90; they must add up to 100"
    ]


def test_a_repeated_respondent_is_refused_naming_the_earlier_row(tmp_path, onboarding):
    path = write(tmp_path, rows(good(1), good(2), good(1)))

    _message, problems = refusal(path)

    assert problems == [
        f'{path}:4:respondent: respondent "R-1" is already in row 2: one row per respondent'
    ]


def test_dont_know_in_one_column_of_a_current_and_target_item_covers_both(tmp_path, acme):
    path = write(tmp_path, "respondent,cap_curation.current,cap_curation.target\nA,dk,4\nB,dk,dk\n")

    with pytest.raises(CommandError):
        call_command(
            "import_responses", "--org", "acme", "--framework", "ld-strategy", "--round", "R",
            path, stdout=io.StringIO(), stderr=(err := io.StringIO()),
        )  # fmt: skip

    assert err.getvalue().splitlines() == [
        f'{path}:2:cap_curation.target: dk ("don\'t know") in cap_curation.current covers the '
        "whole item: leave cap_curation.target empty or write dk there too"
    ]
    assert not Assessment.objects.exists()


FILE_PROBLEMS = [
    (b"", "answers.csv: the file is empty"),
    (
        b"respondent,support_1\n\n",
        "answers.csv: the file has no respondents: it holds only its heading row",
    ),
    (
        "respondent,support_1\nR-1,4\nR-\xe9,5\n".encode("latin-1"),
        "answers.csv:3: the file is not UTF-8 text; save it as CSV UTF-8 (or as an Excel "
        "workbook, .xlsx)",
    ),
    (
        b"\n\nrespondent,support_1\nR-1,4\n",
        "answers.csv:1: the first row is empty; it must name the columns",
    ),
    (
        b'respondent,best_help\nR-1,"never closed\n',
        "answers.csv:2: the file is not valid CSV: unexpected end of data",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "answers.csv: this is an old Excel workbook (.xls); save it as an Excel workbook "
        "(.xlsx) or as CSV UTF-8",
    ),
    (
        b"PK\x03\x04not really a workbook",
        "answers.csv: the file is not a readable Excel workbook (.xlsx); save it again as .xlsx "
        "or CSV",
    ),
    (
        ("respondent," + ",".join(f"c{n}" for n in range(500)) + "\nR-1\n").encode(),
        "answers.csv:1: the file has more than 500 columns; response files may have at most 500",
    ),
    (
        (
            "respondent,support_1,support_2,"
            + ",".join(f"c{n}" for n in range(98))
            + "\n"
            + "".join(f"R-{n}" + "," * 100 + "\n" for n in range(3001))
        ).encode(),
        "answers.csv:2972: the file holds more than 300,000 cells (rows × columns); with 101 "
        "columns, import at most 2,970 respondents in one file",
    ),
    (
        ("respondent,support_1\n" + "".join(f"R-{n},4\n" for n in range(5001))).encode(),
        "answers.csv:5002: the file has more than 5,000 rows of respondents; import at most "
        "5,000 in one file",
    ),
]


@pytest.mark.parametrize(("content", "line"), FILE_PROBLEMS)
def test_a_file_that_cannot_be_read_as_responses_is_refused_with_the_reason(
    tmp_path, onboarding, content, line
):
    path = write(tmp_path, content)

    _message, problems = refusal(path)

    assert [problem.replace(path, "answers.csv") for problem in problems] == [line]
    assert nothing_stored()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, onboarding):
    path = write(tmp_path, b"respondent,support_1\n" + b"R,4\n" * 1_400_000)

    _message, problems = refusal(path)

    assert problems == [
        f"{path}: the file is 5,600,021 bytes; response files may be at most 5 MB (5,242,880 bytes)"
    ]


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path, onboarding):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b" " * (51 * 1024 * 1024))
    path = write(tmp_path, buffer.getvalue(), name="big.xlsx")

    _message, problems = refusal(path)

    assert problems == [
        f"{path}: the workbook unpacks to 53,477,376 bytes; response workbooks may unpack to at "
        "most 50 MB"
    ]


def test_every_problem_is_counted_and_the_first_50_are_listed(tmp_path, onboarding):
    lines = [good(n).replace(",4,2,", ",7,2,", 1) for n in range(60)]
    path = write(tmp_path, rows(*lines))

    message, problems = refusal(path)

    assert len(problems) == 51
    assert problems[0].startswith(f"{path}:2:support_1: 7 is not a point")
    assert problems[-1] == f"{path}: … and 10 more"
    assert message == f"60 problems in {path}; nothing was imported"


def test_problems_are_listed_by_row_then_column(tmp_path, onboarding):
    path = write(
        tmp_path,
        rows(
            good(1).replace(",on-the-job,", ",x,").replace(",4,2,", ",7,2,", 1),
            good(2).replace(",leadership,", ",sales,"),
        ),
    )

    _message, problems = refusal(path)

    assert [line.split(": ", 1)[0].removeprefix(path) for line in problems] == [
        ":2:support_1",
        ":2:first_weeks_format",
        ":3:group",
    ]


# --- atomicity, names, tenancy, queries ------------------------------------------------------


def test_one_bad_row_among_good_ones_stores_nothing(tmp_path, onboarding):
    path = write(tmp_path, rows(good(1), good(2), good(3).replace(",4,2,", ",6,2,", 1)))

    refusal(path)

    assert nothing_stored()


def test_a_failure_while_storing_leaves_nothing_behind(tmp_path, onboarding, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(TextAnswer.objects, "bulk_create", fail)

    with pytest.raises(RuntimeError):
        run(write(tmp_path, worked_responses()))

    assert nothing_stored()


def test_a_round_name_already_used_in_the_organisation_is_refused(tmp_path, onboarding):
    AssessmentFactory(
        organisation=onboarding.framework.organisation, title="onboarding SURVEY 2025"
    )

    message, _problems = refusal(write(tmp_path, worked_responses()))

    assert message == (
        "This organisation already has a round called “Onboarding survey 2025”; choose another "
        "name. Nothing was imported."
    )
    assert Assessment.objects.count() == 1
    assert not Respondent.objects.exists()


def test_the_same_name_in_another_organisation_is_no_obstacle(tmp_path, onboarding):
    AssessmentFactory(title=ROUND)

    run(write(tmp_path, worked_responses()))

    assert Assessment.objects.filter(organisation__slug="acme", title=ROUND).exists()


def test_another_organisations_framework_is_not_available(tmp_path, acme):
    onboarding_check(OrganisationFactory())

    message, _problems = refusal(write(tmp_path, worked_responses()))

    assert message.startswith("No framework “onboarding-check” is available to Acme")
    assert nothing_stored()


def test_a_framework_shared_by_a_consultant_of_another_organisation_is_not_available(
    tmp_path, acme
):
    stranger = MembershipFactory(role="consultant").user
    framework_import(parse_framework(worked_framework_text()), practice=stranger)

    message, _problems = refusal(write(tmp_path, worked_responses()))

    assert message.startswith("No framework “onboarding-check” is available to Acme")
    assert not Respondent.objects.exists()


def test_an_unknown_version_is_refused_naming_the_versions_there_are(tmp_path, onboarding):
    message, _problems = refusal(write(tmp_path, worked_responses()), version=7)

    assert (
        message == "onboarding-check has no version 7; its versions are v1. Nothing was imported."
    )


def test_an_unknown_organisation_is_refused(tmp_path, onboarding):
    with pytest.raises(CommandError, match="No organisation has the slug 'nowhere'"):
        call_command(
            "import_responses", "--org", "nowhere", "--framework", "onboarding-check",
            "--round", ROUND, write(tmp_path, worked_responses()),
        )  # fmt: skip


def test_storing_takes_the_same_number_of_queries_for_3_rows_as_for_300(onboarding):
    acme = onboarding.framework.organisation

    def queries(count: int, name: str) -> int:
        content = rows(*(good(n) for n in range(count))).encode()
        responses = imports.response_file_check(
            content=content, filename="answers.csv", version=onboarding
        )
        with CaptureQueriesContext(connection) as captured:
            imports.responses_import(
                organisation=acme, framework_version=onboarding, name=name, responses=responses
            )
        return len(captured)

    assert queries(3, "Small") == queries(300, "Large")
    assert Answer.objects.filter(respondent__assessment__title="Large").count() == 300 * 9
