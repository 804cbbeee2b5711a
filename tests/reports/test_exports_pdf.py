"""The PDF strategy report: its sections, its charts, its branding, and nothing a user typed
turned into markup or a fetch."""

import re
import subprocess
import zlib

import numpy as np
import pytest
from django.utils import formats, timezone
from PIL import Image

from organisations.models import Role
from reports.exports.document import prepared_by
from reports.exports.fetcher import DocumentURLFetcher
from reports.exports.pdf import build_pdf, report_html
from reports.exports.svg import chart_svgs, clean_svg
from reports.services import snapshot_build
from tests.factories import MembershipFactory
from tests.reports.export_factories import (
    INJECTIONS,
    injected_organisation,
    organisation_with_strategy,
    pdf_pages,
    pdf_text,
)

pytestmark = pytest.mark.django_db

SECTIONS_EN = [
    "Contents", "Executive summary", "Diagnosis", "Strategic context in the respondents' words",
    "Maturity, gaps and agreement", "Key challenges", "Guiding policies",
    "Action plan and roadmap", "Coherence check", "Appendix: method, respondents and reliability",
    "Respondents and response rates", "Scale reliability and agreement", "Top strengths",
    "Largest gaps", "Where leadership disagrees",
]  # fmt: skip
SECTIONS_NL = ["Inhoud", "Samenvatting", "Diagnose", "Richtinggevend beleid", "Samenhangscheck"]


def build(snapshot, language="en", fetcher=None) -> bytes:
    svgs = chart_svgs(snapshot.figures[language])
    author = prepared_by(snapshot.organisation)
    return build_pdf(snapshot, language, svgs, author=author, fetcher=fetcher)


def saturated_pixels(png) -> int:
    """Pixels of clear colour (charts); text, rules and a grey brand stay below the cut."""
    pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
    return int(((pixels.max(axis=2) - pixels.min(axis=2)) > 80).sum())


def page_of(pdf, text: str) -> int:
    """The page that holds ``text``, wherever its lines break."""
    wanted = " ".join(text.split())
    for number in range(1, pdf_pages(pdf) + 1):
        if wanted in " ".join(pdf_text(pdf, number, number).split()):
            return number
    raise AssertionError(f"{text!r} is on no page")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def test_the_report_has_every_section_the_organisation_and_who_prepared_it(
    default_framework, media
):
    organisation, snapshot, _consultant = organisation_with_strategy()
    pdf = media / "report.pdf"
    pdf.write_bytes(build(snapshot))
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for section in SECTIONS_EN:
        assert section in flat, section
    assert organisation.name in flat
    owner = organisation.memberships.get(role="owner").user.get_full_name()
    assert f"PREPARED BY {owner} for {organisation.name}" in flat  # the L&D leader's own report
    figures_at = formats.date_format(timezone.localtime(snapshot.finished_at), "j F Y, H:i")
    assert f"FIGURES AS OF {figures_at}" in flat  # a date and time, not an internal number
    assert f"from the figures of {figures_at}." in flat
    assert "data version" not in flat.lower()
    assert "Decisions wait for managers" in flat
    assert "Push decisions to the teams that do the work" in flat
    assert "Team retrospectives every month" in flat
    assert "We win on reliable deliveries." in flat
    assert re.search(r"Respondent \d", flat)  # anonymous: quotes under a number, not a name
    for name in organisation.respondents.values_list("person__name", flat=True):
        assert name not in flat
    assert f"Page 2 / {pdf_pages(pdf)}" in flat
    contents = pdf_text(pdf, 2, 2)
    listed = re.search(r"Coherence check[ .]*(\d+)", contents)
    assert listed is not None
    assert int(listed[1]) == page_of(pdf, "Coherence is computed, not claimed")


def test_the_charts_pages_show_the_charts(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(brand_colour="#333333")
    pdf = media / "report.pdf"
    pdf.write_bytes(build(snapshot))
    drawn = [chart for chart in snapshot.figures["en"] if chart["figure"]]
    assert len(drawn) >= 8
    blank_page = page_of(pdf, "Appendix: method, respondents and reliability")
    for chart in [drawn[0], drawn[1], drawn[2], *(c for c in drawn if c["key"] == "roadmap")]:
        number = page_of(pdf, chart["summary"][:40])
        prefix = media / f"page-{chart['key']}"
        subprocess.run(
            ["pdftoppm", "-r", "72", "-png", "-f", str(number), "-l", str(number), "-singlefile",
             str(pdf), str(prefix)],
            check=True,
        )  # fmt: skip
        assert saturated_pixels(f"{prefix}.png") > 1500, chart["key"]
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-f", str(blank_page), "-l", str(blank_page),
         "-singlefile", str(pdf), str(media / "appendix")],
        check=True,
    )  # fmt: skip
    assert saturated_pixels(media / "appendix.png") < 300  # the measure tells charts from text


def test_the_logo_and_brand_colour_are_embedded_without_any_fetch(default_framework, media):
    organisation, snapshot, _consultant = organisation_with_strategy()
    fetcher = DocumentURLFetcher()
    html = report_html(snapshot, "en", {}, author="x")
    assert "data:image/png;base64," in html
    assert "--brand: #0b6e4f" in html
    build(snapshot, fetcher=fetcher)
    stylesheet = "https://documents.lndstrategy.invalid/static/reports/pdf/report.css"
    assert [url for url in fetcher.requested if not url.startswith("data:")] == [stylesheet]
    assert any(url.startswith("data:image/png") for url in fetcher.requested)
    assert organisation.logo.name.startswith("logos/")


def test_typed_markup_shows_literally_and_fetches_nothing(default_framework, media):
    _organisation, snapshot, _consultant = injected_organisation()
    html = report_html(snapshot, "en", chart_svgs(snapshot.figures["en"]), author="x")
    for injection in INJECTIONS[1:]:
        assert injection not in html  # never as markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    fetcher = DocumentURLFetcher()
    pdf = media / "injected.pdf"
    pdf.write_bytes(build(snapshot, fetcher=fetcher))
    flat = " ".join(pdf_text(pdf).split())
    for injection in INJECTIONS:
        assert injection in flat, injection
    assert not [url for url in fetcher.requested if "169.254" in url or url.startswith("file:")]
    assert all(
        url.startswith("data:") or url.endswith("/static/reports/pdf/report.css")
        for url in fetcher.requested
    )
    attachments = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, check=True)
    assert attachments.stdout.decode().startswith("0 embedded files")


def test_chart_svgs_keep_no_links_or_scripts():
    svg = (
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="http://x/">t</a>'
        '<image xlink:href="data:image/png;base64,AAAA"/><image href="file:///etc/passwd"/>'
        '<use href="#p1"/><script>alert(1)</script><g onload="alert(2)"/></svg>'
    )
    cleaned = clean_svg(svg)
    assert "http://x/" not in cleaned
    assert "file:///" not in cleaned
    assert "data:image/png;base64,AAAA" in cleaned
    assert 'href="#p1"' in cleaned
    assert "script" not in cleaned
    assert "onload" not in cleaned


def test_the_report_speaks_dutch_and_names_people_in_a_named_round(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(anonymous=False)
    pdf = media / "rapport.pdf"
    pdf.write_bytes(build(snapshot, "nl"))
    flat = " ".join(pdf_text(pdf).split())
    for section in SECTIONS_NL:
        assert section in flat, section
    assert "Pagina 2 /" in flat
    assert not re.search(r"Respondent \d", flat)
    names = snapshot.organisation.respondents.values_list("person__name", flat=True)
    assert any(name in flat for name in names)


def test_an_organisation_without_answers_still_gets_a_report_that_says_so(media, viewer):
    snapshot = snapshot_build(viewer.organisation, force=True)
    pdf = media / "empty.pdf"
    pdf.write_bytes(build_pdf(snapshot, "en", {}, author=""))
    flat = " ".join(pdf_text(pdf).split())
    assert viewer.organisation.name in flat
    assert "No answers have been submitted yet, so there are no scores to summarise." in flat
    assert "No guiding policies have been written yet." in flat
    assert "Nobody has been invited yet." in flat
    assert "PREPARED BY" not in flat


def test_japanese_an_emoji_and_accents_in_a_key_challenge_are_drawn_with_noto_in_the_pdf(
    default_framework, tmp_path
):
    # Liberation and DejaVu have no Japanese nor emoji: they drew boxes before Noto.
    _organisation, snapshot, _consultant = organisation_with_strategy(challenge="日本語 🙂 café")
    path = tmp_path / "report.pdf"
    path.write_bytes(build(snapshot))
    text = pdf_text(path)
    assert "日本語" in text
    assert "🙂" in text
    assert "café" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
    assert re.search(rb"Noto-?Sans-?CJK", fonts)  # "NotoSansCJK" or "Noto-Sans-CJK-JP"
    assert b"Emoji" in fonts  # Noto Color Emoji
    assert b"Liberation" in fonts  # the Latin text keeps its font


def test_the_person_who_asked_for_the_documents_is_named_as_having_prepared_them(
    default_framework,
):
    organisation, _snapshot, consultant = organisation_with_strategy()
    owner = organisation.memberships.get(role="owner").user
    leader = MembershipFactory(organisation=organisation, role=Role.LEADER).user
    assert prepared_by(organisation) == owner.get_full_name()  # built after a change: the owner
    assert prepared_by(organisation, owner) == owner.get_full_name()
    assert prepared_by(organisation, consultant.user) == "Carla Jansen"
    assert prepared_by(organisation, leader) == leader.get_full_name()
    stranger = MembershipFactory(role=Role.OWNER).user  # of another organisation
    assert prepared_by(organisation, stranger) == owner.get_full_name()


def pdf_objects(data: bytes) -> bytes:
    """The PDF's objects as text: the file itself and its compressed object streams."""
    parts = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream[1]))
        except zlib.error:
            continue  # an image or a font, not objects
    return b"\n".join(parts)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_report_is_a_tagged_pdf_ua_document_in_its_language(default_framework, language):
    _organisation, snapshot, _consultant = organisation_with_strategy()
    objects = pdf_objects(build(snapshot, language))
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
    assert re.search(rb"/Lang\s*\(" + language.encode() + rb"\)", objects)
    assert b"/StructTreeRoot" in objects
    assert b"pdfuaid:part" in objects  # the PDF/UA identification in the XMP metadata
    assert re.search(rb"/DisplayDocTitle\s+true", objects)


def test_the_summary_says_how_sure_we_can_be_in_words_and_the_appendix_gives_the_statistics(
    default_framework, media
):
    _organisation, snapshot, _consultant = organisation_with_strategy()
    pdf = media / "report.pdf"
    pdf.write_bytes(build(snapshot))
    flat = " ".join(pdf_text(pdf).split())
    summary = flat[flat.index("Executive summary", flat.index("Contents") + 20) :]
    summary = summary[: summary.index("Strategic context in the respondents' words")]
    assert "How sure can we be?" in summary
    assert "rwg(j)" in summary  # named once, as what the appendix gives
    assert not re.search(r"\b0[.,]\d\d\b", summary.split("How sure can we be?")[0][-600:])
    appendix = flat[flat.index("Appendix: method, respondents and reliability", len(summary)) :]
    assert "Cronbach's alpha" in appendix
    assert "Agreement is rwg(j)" in appendix
