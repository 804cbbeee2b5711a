from tests.access import Case, logged_in

CASES: dict[str, Case] = {
    "framework_list": logged_in(),
}
