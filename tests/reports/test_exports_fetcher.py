"""What WeasyPrint may fetch for a document: data: URLs and our own static files, nothing else."""

import http.server
import subprocess
import threading

import pytest

from reports.exports.fetcher import DocumentURLFetcher
from reports.exports.pdf import html_to_pdf
from reports.exports.safety import DOCUMENT_BASE_URL, RefusedURL

STYLESHEET = f"{DOCUMENT_BASE_URL}static/reports/pdf/report.css"


class Trap(http.server.BaseHTTPRequestHandler):
    """Answers every request with a redirect to a local file, and counts the requests."""

    hits: list[str] = []

    def do_GET(self):
        Trap.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def trap():
    Trap.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trap)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.org/file",
        f"{DOCUMENT_BASE_URL}media/logos/logo.png",
        f"{DOCUMENT_BASE_URL}static/../lndstrategy/settings.py",
        f"{DOCUMENT_BASE_URL}static/%2e%2e/%2e%2e/lndstrategy/settings.py",
        f"{DOCUMENT_BASE_URL}static/reports/pdf/report.css?next=http://x",
        f"{DOCUMENT_BASE_URL}static/reports/dashboard.js",
        "https://documents.lndstrategy.invalid.example.org/static/reports/pdf/report.css",
    ],
)
def test_the_fetcher_refuses_anything_but_data_and_our_static_files(url):
    with pytest.raises(RefusedURL):
        DocumentURLFetcher().fetch(url)


def test_the_fetcher_refuses_http_without_sending_a_request_so_no_redirect_is_followed(trap):
    fetcher = DocumentURLFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{trap}/redirect")
    assert Trap.hits == []


def test_the_fetcher_reads_data_urls_and_our_stylesheet_from_disk():
    fetcher = DocumentURLFetcher()
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"
    css = fetcher.fetch(STYLESHEET)
    assert b"@page" in css.read()
    assert css.content_type == "text/css"


def test_collected_static_files_with_hashed_names_are_read_from_static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "reports" / "pdf").mkdir(parents=True)
    (tmp_path / "reports" / "pdf" / "report.0123abcd.css").write_text("@page { size: A4 }")
    response = DocumentURLFetcher().fetch(
        f"{DOCUMENT_BASE_URL}static/reports/pdf/report.0123abcd.css"
    )
    assert response.read() == b"@page { size: A4 }"


def test_a_document_asking_for_outside_resources_gets_none_of_them(trap, tmp_path):
    html = f"""<html><head>
      <link rel="stylesheet" href="{trap}/style.css">
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{trap}/attachment">
    </head><body>
      <p>Safe text</p>
      <img src="{trap}/redirect-me">
      <img src="http://169.254.169.254/">
      <img src="file:///etc/passwd">
      <svg width="10" height="10"><image href="{trap}/svg-image" width="10" height="10"/></svg>
    </body></html>"""
    fetcher = DocumentURLFetcher()
    pdf = tmp_path / "outside.pdf"
    pdf.write_bytes(html_to_pdf(html, fetcher))
    assert Trap.hits == []
    assert {f"{trap}/style.css", "file:///etc/passwd", f"{trap}/redirect-me"} <= set(
        fetcher.requested
    )
    attachments = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, check=True)
    assert attachments.stdout.decode().startswith("0 embedded files")
