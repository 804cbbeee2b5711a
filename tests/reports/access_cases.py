from tests.access import Case, logged_in, organisation_page

CASES: dict[str, Case] = {
    "dashboard": organisation_page(),
    # The polled freshness line of the dashboard: same audience as the dashboard.
    "dashboard_freshness": organisation_page(),
    # The user's own organisations only; everyone logged in may see their (possibly empty) list.
    "portfolio_overview": logged_in(200),
}
