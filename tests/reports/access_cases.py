from tests.access import Case, logged_in, organisation_page


def consultants_only() -> Case:
    case = logged_in(403)
    case.expect["consultant"] = 200
    return case


CASES: dict[str, Case] = {
    "dashboard": organisation_page(),
    # The polled freshness line of the dashboard: same audience as the dashboard.
    "dashboard_freshness": organisation_page(),
    # A consultant's clients compared, and the same as XLSX: consultants only (the matrix's
    # consultant advises the world's organisation; nobody else advises any).
    "portfolio_overview": consultants_only(),
    "portfolio_overview_xlsx": consultants_only(),
}
