from tests.access import Case, organisation_page

CASES: dict[str, Case] = {
    "policy_index": organisation_page(),
}
