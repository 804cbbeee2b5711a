from tests.access import Case, organisation_page

CASES: dict[str, Case] = {
    "actions_index": organisation_page(),
}
