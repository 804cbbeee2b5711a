from tests.access import Case, organisation_page

CASES: dict[str, Case] = {
    "dashboard": organisation_page(),
}
