"""The dashboard's charts as SVG for documents, drawn by Kaleido in a warm Chromium.

Kaleido (1.x) renders Plotly figures in a headless Chromium it drives over a pipe. Starting
that Chromium costs about a second and a half; drawing one chart in an open one about a
tenth of a second. So each process keeps one `ChartRenderer` open (started on first use,
closed at exit) and every document reuses it: a worker pays the start once, not per build.

The renderer runs Kaleido's asyncio loop in a thread of its own, so callers stay
synchronous; a lock lets one document at a time use it. A failure or a timeout closes the
browser and the next call starts a fresh one. After a fork (Celery's prefork pool) the child
starts its own browser instead of sharing the parent's pipe.

No network: MathJax (which Kaleido would load from a CDN) is off, plotly.js comes from the
plotly package on disk, and Chromium gets an unreachable proxy so any stray request fails at
once. The SVG that comes back is cleaned (`clean_svg`): links are dropped, only ``data:``
images (Plotly draws heatmaps as embedded PNGs) and in-document references stay. Control
characters (invalid in XML, so an SVG with one would vanish from the PDF) and bidirectional
overrides are dropped from the figures before drawing and from the SVG after.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import re
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from django.conf import settings

from lndstrategy.text import document_text

logger = logging.getLogger(__name__)
# Kaleido and choreographer narrate every tab at INFO; only their warnings are news.
for _name in ("kaleido", "choreographer", "logistro"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CHART_WIDTH = 820  # px; the PDF scales charts to the text width (about 660 px)
START_TIMEOUT = 60
RENDER_TIMEOUT = 60
TABS = 2  # charts drawn side by side
BLACKHOLE_PROXY = "http://127.0.0.1:9"  # the discard port: nothing answers

_HREF = re.compile(r"""\s(?:xlink:)?href\s*=\s*(["'])(.*?)\1""", re.DOTALL | re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.DOTALL | re.IGNORECASE)
_EVENT = re.compile(r"""\son[a-z]+\s*=\s*(["']).*?\1""", re.DOTALL | re.IGNORECASE)


def clean_svg(svg: str) -> str:
    """Drop scripts, event handlers and every link that is not ``data:`` or ``#fragment``."""

    def keep_safe(match: re.Match) -> str:
        target = match.group(2).strip().lower()
        return match.group(0) if target.startswith(("data:image/", "#")) else ""

    svg = document_text(svg)
    svg = _SCRIPT.sub("", svg)
    svg = _EVENT.sub("", svg)
    return _HREF.sub(keep_safe, svg)


class RendererError(RuntimeError):
    """Kaleido could not draw the charts (Chromium missing, crashed or too slow)."""


class ChartRenderer:
    """A Kaleido with its Chromium, kept open between calls (one per process)."""

    def __init__(self, *, tabs: int = TABS, chromium: str | None = None):
        self.tabs = tabs
        self.chromium = chromium
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self.starts = 0  # how many browsers this renderer started (tests and bench read it)

    @property
    def is_warm(self) -> bool:
        return self._kaleido is not None and self._pid == os.getpid()

    def _run(self, coroutine, timeout: float):
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise

    def _start(self) -> None:
        import kaleido

        chromium = self.chromium or settings.REPORTS_CHROMIUM_PATH
        if not os.path.exists(chromium):
            raise RendererError(f"Chromium not found at {chromium} (REPORTS_CHROMIUM_PATH)")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        thread.start()
        self._loop, self._thread, self._pid = loop, thread, os.getpid()

        async def open_browser():
            browser = kaleido.Kaleido(
                n=self.tabs,
                timeout=RENDER_TIMEOUT,
                mathjax=False,
                path=chromium,
                proxy_server=BLACKHOLE_PROXY,
            )
            await browser.open()
            return browser

        clock = time.perf_counter()
        try:
            self._kaleido = self._run(open_browser(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise
        self.starts += 1
        logger.info("Kaleido started in %.2f s (pid %s)", time.perf_counter() - clock, self._pid)

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._loop is not None and not self._loop.is_running():
            self._loop.close()
        self._loop = self._thread = self._kaleido = None

    def close(self) -> None:
        """Close the browser (if this process started it)."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._pid != os.getpid():  # a forked child: the parent's browser is not ours
            self._loop = self._thread = self._kaleido = None
            return
        if self._kaleido is not None:
            try:
                self._run(self._kaleido.close(), 20)
            except Exception:
                logger.warning("Kaleido did not close cleanly", exc_info=True)
        self._stop_loop()

    def warm_up(self) -> None:
        """Start the browser now (if it is not running in this process yet)."""
        with self._lock:
            if not self.is_warm:
                self._close()
                self._start()

    def render(self, figures: list[tuple[dict, int]]) -> list[str]:
        """SVG of each (figure, height) pair, in order."""
        if not figures:
            return []
        with self._lock:
            if not self.is_warm:
                self._close()
                self._start()
            browser = self._kaleido

            async def draw_all():
                return await asyncio.gather(
                    *(
                        browser.calc_fig(
                            figure,
                            opts={"format": "svg", "width": CHART_WIDTH, "height": height},
                        )
                        for figure, height in figures
                    )
                )

            try:
                images = self._run(draw_all(), RENDER_TIMEOUT * 2)
            except BaseException as error:
                self._close()  # a broken or stuck browser: start afresh next time
                raise RendererError(f"Kaleido failed: {error!r}") from error
        return [
            clean_svg(image.decode() if isinstance(image, bytes) else image) for image in images
        ]


_renderer: ChartRenderer | None = None
_renderer_guard = threading.Lock()


def renderer() -> ChartRenderer:
    """This process's renderer (created on first use, closed at exit)."""
    global _renderer
    with _renderer_guard:
        if _renderer is None:
            _renderer = ChartRenderer()
            atexit.register(_renderer.close)
        return _renderer


def _clean_strings(value: Any) -> Any:
    """A figure with every string cleaned by the text rule (figures stored before it)."""
    if isinstance(value, str):
        return document_text(value)
    if isinstance(value, dict):
        return {key: _clean_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    return value


def chart_svgs(charts: list[dict[str, Any]], *, use: ChartRenderer | None = None) -> dict[str, str]:
    """SVG of every drawn chart of one language, keyed by chart key (empty charts skipped)."""
    drawn = [chart for chart in charts if chart.get("figure")]
    figures = [
        (
            # The full layout: the page's narrow patch is for phones, not documents.
            _clean_strings({key: chart["figure"][key] for key in ("data", "layout")}),
            int(chart["figure"].get("layout", {}).get("height") or 360),
        )
        for chart in drawn
    ]
    images = (use or renderer()).render(figures)
    return {chart["key"]: image for chart, image in zip(drawn, images, strict=True)}
