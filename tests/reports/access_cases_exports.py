"""Who may see the exports page, download which document, and ask for fresh documents.

Every member may download the PDF strategy report; the spreadsheets (every answer, under a
pseudonym) and rebuilding are for owners and consultants (EDIT_STRATEGY).
"""

from tests.access import MANAGERS, organisation_page
from tests.reports.export_helpers import stored_documents


def with_documents(**kwargs):
    def build(world) -> dict:
        stored_documents(world.organisation)
        return kwargs

    return build


CASES = {
    "exports": organisation_page(),
    "exports_status": organisation_page(),
    # A POST that enqueues a rebuild, then redirects back to the exports page.
    "exports_regenerate": organisation_page(allowed=MANAGERS, ok=302, method="POST"),
    "export_pdf": organisation_page(kwargs=with_documents(language="en")),
    "export_file": organisation_page(
        allowed=MANAGERS, kwargs=with_documents(kind="xlsx", language="en")
    ),
}
