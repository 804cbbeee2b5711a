"""Seconds to build the PDF strategy report of the demo organisation, with Kaleido cold and warm.

Run: ``.venv/bin/python bench/report_pdf.py``. Printed, not asserted. Seeds the demo
(``manage.py seed_demo``) into a throwaway SQLite database in a temporary folder and builds
Northwind's English report from its snapshot:

- **cold**: a new Kaleido, so Chromium starts first (what the first export of a worker
  process pays), then the charts as SVG, then WeasyPrint;
- **warm**: the same Kaleido again, Chromium already running (every later export of that
  process); best of three.

It also prints the whole export step of one snapshot (PDF, XLSX and two CSVs in English and
Dutch) with a warm Kaleido, and a warm build with one Kaleido tab instead of two.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regeneration import setup_django

REPEATS = 3


def timed(function, *args, **kwargs):
    clock = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - clock, result


def build_once(snapshot, renderer, language: str = "en") -> dict[str, float]:
    from reports.exports.document import prepared_by
    from reports.exports.pdf import build_pdf
    from reports.exports.svg import chart_svgs

    start = 0.0
    if not renderer.is_warm:
        start, _ = timed(renderer.warm_up)  # the cold start on its own
    svg_seconds, svgs = timed(chart_svgs, snapshot.figures[language], use=renderer)
    author = prepared_by(snapshot.organisation)
    pdf_seconds, pdf = timed(build_pdf, snapshot, language, svgs, author=author)
    return {
        "start": start,
        "svg": svg_seconds,
        "pdf": pdf_seconds,
        "total": start + svg_seconds + pdf_seconds,
        "bytes": len(pdf),
        "charts": len(svgs),
    }


def main() -> None:
    os.environ["REPORTS_BUILD_EXPORTS"] = "false"  # the bench builds the documents itself
    var_dir = setup_django()
    try:
        measure(var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def measure(var_dir: str) -> None:
    from django.core.management import call_command

    from organisations.demo import NORTHWIND
    from organisations.models import Organisation
    from reports.exports import services
    from reports.exports.svg import ChartRenderer

    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    organisation = Organisation.objects.get(slug=NORTHWIND)
    snapshot = services.newest_snapshot(organisation)
    snapshot.refresh_from_db()
    print(f"Northwind snapshot v{snapshot.data_version} in {var_dir}")

    renderer = ChartRenderer()
    try:
        cold = build_once(snapshot, renderer)
        warm = min(
            (build_once(snapshot, renderer) for _ in range(REPEATS)), key=lambda r: r["total"]
        )
        snapshot.svgs = {}
        export_seconds, built = timed(services.build_exports, snapshot, renderer=renderer)
    finally:
        renderer.close()
    single = ChartRenderer(tabs=1)
    try:
        build_once(snapshot, single)  # start its browser
        warm_single = min(
            (build_once(snapshot, single) for _ in range(REPEATS)), key=lambda r: r["total"]
        )
    finally:
        single.close()

    print(f"PDF report (English, {cold['charts']} charts, {cold['bytes'] / 1024:.0f} KB):")
    print(
        f"  cold Kaleido: {cold['total']:.2f} s  (Chromium start {cold['start']:.2f} s, "
        f"SVG {cold['svg']:.2f} s, WeasyPrint {cold['pdf']:.2f} s)"
    )
    print(
        f"  warm Kaleido: {warm['total']:.2f} s  (SVG {warm['svg']:.2f} s, "
        f"WeasyPrint {warm['pdf']:.2f} s; best of {REPEATS})"
    )
    print(f"  warm Kaleido with one tab instead of two: {warm_single['total']:.2f} s")
    print(
        f"Whole export step, warm ({len(built)} files: PDF, XLSX, 2 CSV x English, Dutch): "
        f"{export_seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
