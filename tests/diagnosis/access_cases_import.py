"""Access to "Import responses": owners and consultants of the organisation (see tests/access.py).

The page names no object in its address: another organisation's framework version posted to it
is not one of the choices (tests/diagnosis/test_import_responses_page.py).
"""

from tests.access import MANAGERS, Case, organisation_page

CASES: dict[str, Case] = {
    "responses_import": organisation_page(allowed=MANAGERS),
}
