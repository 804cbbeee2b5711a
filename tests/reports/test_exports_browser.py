"""A consultant downloads the branded PDF report from the dashboard, in real Chromium."""

import subprocess

import pytest
from django.utils import timezone

from reports.exports import services
from reports.selectors import latest_snapshot
from tests.reports.export_factories import organisation_with_strategy, pdf_text
from tests.reports.test_dashboard_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_downloads_the_report_from_the_dashboard(
    live_server, page, artifacts_dir, default_framework, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation, _snapshot, consultant = organisation_with_strategy()
    snapshot = latest_snapshot(organisation)
    snapshot.refresh_from_db()
    services.build_exports(snapshot, langs=["en"])  # what the export task does after a build

    log_in(page, live_server, consultant.user)
    page.goto(f"{live_server.url}/orgs/{organisation.slug}/dashboard/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download report").click()
    download = download_info.value
    assert (
        download.suggested_filename == f"{organisation.slug}-strategy-report-"
        f"{timezone.localtime(snapshot.finished_at):%Y-%m-%d-%H%M}-en.pdf"
    )
    pdf = artifacts_dir / "strategy-report.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert organisation.name in text
    assert "Executive summary" in text
    for number in (1, 2):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number), "-singlefile",
             str(pdf), str(artifacts_dir / f"strategy-report-page-{number}")],
            check=True,
        )  # fmt: skip
        assert (artifacts_dir / f"strategy-report-page-{number}.png").stat().st_size > 5000

    page.goto(f"{live_server.url}/orgs/{organisation.slug}/dashboard/exports/")
    page.get_by_role("heading", name="Reports and exports").wait_for()
    row = page.locator('tr[data-kind="pdf"] td[data-language="en"]')
    assert "Built " in row.inner_text()
    assert "version" not in page.locator("main").inner_text().lower()
    page.screenshot(path=artifacts_dir / "exports-page.png", full_page=True)
