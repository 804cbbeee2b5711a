"""Every chart of the demo dashboard readable on a 1366 px desktop and a 390 px phone: plots use
the width, and no tick label, axis title or legend entry overlaps another or is cut off."""

import json

import pytest
from django.core.management import call_command

from organisations.demo import DEMO_PASSWORD, HARBOUR, NORTHWIND

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each drawn chart: the plot area's width (the radar's circle, a bar chart's axes) and the
# labels that overlap another label or stick out of the chart.
MEASURE = """() => {
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
    && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const out = {};
  document.querySelectorAll(".chart-drawn").forEach((chart) => {
    const svg = chart.querySelector(".main-svg").getBoundingClientRect();
    const area = chart.querySelector(
      ".polarlayer .angular-line path, .draglayer .nsewdrag, .indicatorlayer");
    const plot = area ? area.getBoundingClientRect() : svg;
    const groups = {};
    chart.querySelectorAll(
      ".xtick text, .ytick text, .angularaxistick text, .radialaxistick text, " +
      ".g-xtitle text, .g-ytitle text, .legendtext, .cbtitle text"
    ).forEach((text) => {
      const box = text.getBoundingClientRect();
      if (!box.width || !text.textContent.trim()) return;
      const kind = text.closest(".xtick, .ytick, .angularaxistick, .radialaxistick, " +
        ".legend, .g-xtitle, .g-ytitle, .cbtitle");
      const key = kind ? kind.getAttribute("class").split(" ")[0] : "other";
      (groups[key] = groups[key] || []).push({ text: key + " " + text.textContent, box });
    });
    const clipped = [];
    const overlapping = [];
    const all = Object.values(groups).flat();
    all.forEach((label) => { if (!inside(label.box, svg)) clipped.push(label.text); });
    all.forEach((a, i) => all.slice(i + 1).forEach((b) => {
      if (overlap(a.box, b.box)) overlapping.push(a.text + " / " + b.text);
    }));
    out[chart.dataset.chart] = {
      width: Math.round(svg.width), plot: Math.round(plot.width), clipped, overlapping,
    };
  });
  return out;
}"""


def log_in(page, live_server, username) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/orgs/")


@pytest.mark.parametrize("width", [1366, 390])
def test_every_demo_chart_uses_the_width_without_overlapping_or_cut_off_labels(
    live_server, page, artifacts_dir, width
):
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "consultant")
    measured = {}
    for slug in (NORTHWIND, HARBOUR):  # coherent, and incoherent (coherence with findings)
        page.goto(f"{live_server.url}/orgs/{slug}/dashboard/")
        page.locator(".chart-drawn .main-svg").first.wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=artifacts_dir / f"dashboard-{slug}-{width}.png", full_page=True)
        measured[slug] = charts = page.evaluate(MEASURE)
        print(slug, json.dumps(charts, indent=1))
        for key in charts:
            page.locator(f'[data-chart="{key}"]').screenshot(
                path=artifacts_dir / f"chart-{slug}-{key}-{width}.png"
            )
        for key, chart in charts.items():
            assert not chart["clipped"], (slug, key, chart)
            assert not chart["overlapping"], (slug, key, chart)
            assert chart["plot"] >= 0.45 * chart["width"] or chart["plot"] >= 250, (
                slug, key, chart,
            )  # fmt: skip
    charts = measured[NORTHWIND]
    assert {"features", "change", "roadmap", "accountability", "coherence"} <= set(charts)
    # The radar was 50 px wide on a phone: now most of the screen (its names need the rest).
    assert charts["features"]["plot"] >= (220 if width == 390 else 250)
    assert charts["capabilities"]["plot"] >= 150
    assert "coherence" in measured[HARBOUR]
