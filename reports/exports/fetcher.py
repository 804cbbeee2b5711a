"""WeasyPrint's URL fetcher for our documents: ``data:`` URLs and our own static files only.

Kept apart from `reports.exports.safety` because importing WeasyPrint loads Pango; only the
code that renders a PDF imports this module.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .safety import RefusedURL, static_path


class DocumentURLFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to ``data:`` URLs and our static files read from disk.

    ``requested`` lists every URL WeasyPrint asked for, allowed or not (tests read it).
    """

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("allowed_protocols", ("data",))
        super().__init__(**kwargs)
        self.requested: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)  # decoded in memory, no I/O
        path = static_path(url)
        if path is None:
            raise RefusedURL(f"Documents may not fetch {url[:200]!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )
