from tests.access import Case, organisation_page

CASES: dict[str, Case] = {
    "diagnosis_index": organisation_page(),
}
