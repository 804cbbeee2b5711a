"""Documents and charts never fail on, or are subverted by, stored user text: control
characters, bidirectional overrides, markup in chart labels and full-width formula prefixes;
and a document build that fails says why, keeps no file and is tried again with back-off."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from actions.models import Action
from diagnosis.models import Assessment, KeyChallenge, KnowledgeGap
from organisations.models import Organisation, Person, Role
from policy.models import Policy
from reports import services as snapshot_services
from reports.exports import services, storage
from reports.exports.csv import build_csv, convention
from reports.exports.safety import neutralise_cell
from reports.exports.svg import chart_svgs
from reports.exports.xlsx import build_xlsx
from reports.versioning import bump_data_version
from tests.factories import MembershipFactory
from tests.reports.export_factories import organisation_with_strategy, pdf_text

pytestmark = pytest.mark.django_db

CONTROL = "Control\x01char\x0bvt"
CLEANED = "Controlcharvt"
LINK = '<a href="https://evil.example">Click here to re-authenticate</a><br><b>BOLD</b>'
REVERSED = "Invoice \u202efdp.exe"  # shows as "Invoice exe.pdf" when the override is obeyed


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """A cache of this test's own: the shared Redis is flushed by other runs' cache.clear()."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


def store_everywhere(organisation, text: str) -> None:
    """Write ``text`` straight into every free-text field the documents show (as data from
    before the text rule would be), bypassing the forms."""
    Organisation.objects.filter(pk=organisation.pk).update(name=text)
    Assessment.objects.filter(organisation=organisation).update(title=text)
    KeyChallenge.objects.filter(organisation=organisation).update(title=text, description=text)
    KnowledgeGap.objects.filter(organisation=organisation).update(competence=text, notes=text)
    Policy.objects.filter(organisation=organisation).update(statement=text, rationale=text)
    Action.objects.filter(organisation=organisation).update(title=text, metric_name=text)
    Person.objects.filter(organisation=organisation).update(name=text)
    bump_data_version(organisation.pk)  # as a save through the product would


def workbook_texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value]


def csv_rows(data: bytes, language: str = "en") -> list[list[str]]:
    """The rows of a CSV export, read with its language's separator (`convention`)."""
    text = io.StringIO(data.decode("utf-8-sig"), newline="")
    return list(csv.reader(text, delimiter=convention(language)["sep"]))


@pytest.mark.exports
def test_control_characters_stored_before_the_rule_still_let_all_eight_documents_build(
    default_framework, media
):
    organisation, _snapshot, _consultant = organisation_with_strategy()
    store_everywhere(organisation, CONTROL)
    snapshot = snapshot_services.snapshot_build(Organisation.objects.get(pk=organisation.pk))
    built = services.export_snapshot(snapshot.pk, force=True)
    assert set(built) == services.expected_keys()
    snapshot.refresh_from_db()
    xlsx = (media / snapshot.files["xlsx-en"]["path"]).read_bytes()
    assert CLEANED in workbook_texts(xlsx)  # openpyxl raised IllegalCharacterError before
    actions = csv_rows((media / snapshot.files["csv-actions-en"]["path"]).read_bytes())
    assert actions[1][0] == CLEANED
    # No chart vanished: the roadmap is drawn, with the action's title, in the PDF.
    assert "<svg" in snapshot.svgs["en"]["roadmap"]
    assert CLEANED in snapshot.svgs["en"]["roadmap"]
    assert CLEANED in pdf_text(media / snapshot.files["pdf-en"]["path"])


@pytest.mark.exports
def test_a_right_to_left_override_does_not_show_reversed_in_the_pdf(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(action=REVERSED)
    services.export_snapshot(snapshot.pk, force=True)
    snapshot.refresh_from_db()
    text = pdf_text(media / snapshot.files["pdf-en"]["path"])
    assert "Invoice fdp.exe" in text
    assert "exe.pdf" not in text
    assert "\u202e" not in build_csv(snapshot, "en", "actions").decode("utf-8-sig")


def test_markup_in_an_action_title_is_text_in_the_roadmap_figure_and_its_svg(
    default_framework, media
):
    _organisation, snapshot, _consultant = organisation_with_strategy(action=LINK)
    roadmap = next(c for c in snapshot.figures["en"] if c["key"] == "roadmap")
    dumped = json.dumps(roadmap["figure"])
    assert '&lt;a href=\\"https://evil.example\\"&gt;Click here' in dumped
    assert "&lt;br&gt;&lt;b&gt;BOLD&lt;/b&gt;" in dumped
    assert "<a href" not in dumped
    assert "<b>" not in dumped
    svg = chart_svgs([roadmap])["roadmap"]
    # Shown as the characters typed (the SVG escapes "<" as "&#60;"), in no link element; the
    # axis shortens a long title to two lines (the table beside the chart has it whole).
    assert "Now · &#60;a" in svg
    assert 'href="https://evil.example"&#62;Click' in svg
    assert "<a" not in svg
    assert "<b>" not in svg


def test_long_labels_still_break_over_lines_in_charts(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy()
    heatmaps = [c["figure"] for c in snapshot.figures["en"] if c.get("figure")]
    assert any("<br>" in json.dumps(figure) for figure in heatmaps)
    assert not any("\ue000" in json.dumps(figure) for figure in heatmaps)


@pytest.mark.parametrize("prefix", ["＝", "＋", "－", "＠", "﹦", "−"])
def test_full_width_formula_prefixes_are_quoted_like_ascii_ones(prefix):
    assert neutralise_cell(f"{prefix}1+1") == f"'{prefix}1+1"
    assert neutralise_cell("Ｘ＝1") == "Ｘ＝1"  # only a leading sign makes a formula


def test_a_full_width_formula_is_neutralised_in_the_csv_and_the_workbook(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(action="＝1+1")
    titles = [row[0] for row in csv_rows(build_csv(snapshot, "en", "actions"))[1:]]
    assert "'＝1+1" in titles
    assert "＝1+1" not in titles
    cells = workbook_texts(build_xlsx(snapshot, "en"))
    assert "'＝1+1" in cells
    assert "＝1+1" not in cells


def test_a_failing_build_shows_its_reason_to_the_owner_and_keeps_no_file(
    default_framework, media, client, monkeypatch
):
    organisation, snapshot, _consultant = organisation_with_strategy()
    folder = media / storage.folder(organisation.pk, snapshot.pk)
    real_xlsx = services.build_xlsx

    def broken_xlsx(*args, **kwargs):
        raise ValueError("Cannot convert 'Control\\x01char' to Excel")

    monkeypatch.setattr(services, "build_xlsx", broken_xlsx)
    with pytest.raises(ValueError, match="Cannot convert"):
        services.export_snapshot(snapshot.pk, force=True)
    assert not folder.exists() or not any(folder.iterdir())  # the CSVs and PDF were not kept
    snapshot.refresh_from_db()
    assert not snapshot.files

    owner = MembershipFactory(organisation=organisation, role=Role.OWNER)
    client.force_login(owner.user)
    html = client.get(reverse("exports", args=[organisation.slug])).content.decode()
    assert "The last build of the documents failed" in html
    assert "Cannot convert" in html
    assert "retried automatically" not in html

    # Fixed, the next build clears the message and stores its files.
    monkeypatch.setattr(services, "build_xlsx", real_xlsx)
    services.export_snapshot(snapshot.pk, force=True, requested_by=None)
    html = client.get(reverse("exports", args=[organisation.slug])).content.decode()
    assert "The last build of the documents failed" not in html
    assert any(folder.iterdir())


def test_the_sweep_retries_a_failing_export_with_back_off_and_no_cap(
    default_framework, media, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_BUILD_EXPORTS = True
    organisation, snapshot, _consultant = organisation_with_strategy()

    def broken(*args, **kwargs):
        raise RuntimeError("Chromium vanished")

    monkeypatch.setattr(services, "build_document", broken)
    for failure in range(1, 6):  # more than the three attempts of old
        with pytest.raises(RuntimeError):
            services.export_snapshot(snapshot.pk)
        assert cache.get(services.FAILURES_KEY.format(snapshot.pk)) == failure
        with django_capture_on_commit_callbacks(execute=False):
            assert services.sweep() == []  # waiting out the back-off
        cache.delete(services.RETRY_KEY.format(snapshot.pk))  # the back-off has passed
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert services.sweep() == [organisation.pk]
        assert len(callbacks) == 1
        cache.delete(services.PENDING_KEY.format(organisation.pk))
    assert [services.retry_delay(n) for n in (1, 2, 3, 7, 50)] == [60, 120, 240, 3600, 3600]


# --- Arbitrary Unicode in every stored free-text field ----------------------------------------

# PostgreSQL text cannot hold NUL (the forms refuse it anyway); everything else may come.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        st.sampled_from(
            "\x01\x08\x0b\x0c\x1f\x7f\x85\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
            "\u2069\ue000＝＋－＠=+-@<>&\"'\t\n\r"
        ),
    ),
    min_size=1,
    max_size=40,
)


@pytest.fixture
def strategy_organisation(default_framework, media):
    organisation, _snapshot, _consultant = organisation_with_strategy(respondents=3, logo=False)
    return organisation


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=ANY_TEXT)
def test_any_stored_unicode_lets_the_workbook_and_the_csv_files_build(strategy_organisation, text):
    store_everywhere(strategy_organisation, text)
    organisation = Organisation.objects.get(pk=strategy_organisation.pk)
    snapshot = snapshot_services.snapshot_build(organisation)
    assert snapshot.scores["assessment"]["title"] == text
    for language in ("en", "nl"):
        assert load_workbook(io.BytesIO(build_xlsx(snapshot, language))).worksheets
        for what in ("scores", "actions"):
            assert csv_rows(build_csv(snapshot, language, what), language)


@pytest.mark.exports
def test_the_pdf_builds_with_every_kind_of_hostile_character_at_once(default_framework, media):
    organisation, _snapshot, _consultant = organisation_with_strategy(respondents=3)
    hostile = f"{CONTROL} {REVERSED} \u2066x\u2069 \x7f\x85 {LINK} ＝1+1 \ue000 end"
    store_everywhere(organisation, hostile)
    snapshot = snapshot_services.snapshot_build(Organisation.objects.get(pk=organisation.pk))
    built = services.export_snapshot(snapshot.pk, force=True)
    assert set(built) == services.expected_keys()
    snapshot.refresh_from_db()
    text = pdf_text(media / snapshot.files["pdf-en"]["path"])
    assert "Invoice fdp.exe" in text
    assert "Click here to re-authenticate" in text
