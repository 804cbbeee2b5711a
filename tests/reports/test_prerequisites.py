"""A machine that cannot build the PDF report says so at start-up, naming what to install."""

import logging

import pytest
from django.core.management import call_command

from reports.prerequisites import check_pdf_prerequisites, pdf_prerequisites_missing, warn_in_worker


@pytest.fixture
def no_chromium(settings):
    settings.REPORTS_BUILD_EXPORTS = True
    settings.REPORTS_CHROMIUM_PATH = "/nowhere/chromium"


def test_a_missing_chromium_is_named_with_how_to_install_it(no_chromium):
    assert pdf_prerequisites_missing() == ["Chromium at /nowhere/chromium (REPORTS_CHROMIUM_PATH)"]
    (warning,) = check_pdf_prerequisites()
    assert warning.id == "reports.W001"
    assert "PDF reports cannot be built: missing Chromium at /nowhere/chromium" in warning.msg
    assert "scripts/services.sh install-pdf" in warning.hint
    assert "chromium, libpango-1.0-0" in warning.hint


def test_the_start_up_check_prints_the_warning(no_chromium, capsys):
    call_command("check")
    assert "PDF reports cannot be built: missing Chromium" in capsys.readouterr().err


def test_the_worker_log_says_the_same_when_the_worker_starts(no_chromium, caplog):
    with caplog.at_level(logging.WARNING, logger="reports.prerequisites"):
        warn_in_worker()
    assert "PDF reports cannot be built: missing Chromium at /nowhere/chromium" in caplog.text


def test_a_machine_with_everything_installed_gets_no_warning(settings, caplog):
    settings.REPORTS_BUILD_EXPORTS = True
    settings.REPORTS_CHROMIUM_PATH = "/usr/bin/chromium"  # installed by `make test`
    assert pdf_prerequisites_missing() == []
    assert check_pdf_prerequisites() == []
    with caplog.at_level(logging.WARNING, logger="reports.prerequisites"):
        warn_in_worker()
    assert "PDF reports" not in caplog.text


def test_without_document_builds_nothing_is_asked_of_the_machine(no_chromium, settings):
    settings.REPORTS_BUILD_EXPORTS = False
    assert check_pdf_prerequisites() == []
    assert pdf_prerequisites_missing()  # still missing, but nothing needs it
