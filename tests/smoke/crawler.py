"""Follow every in-product link a user can see and record what each page answered.

Used by the smoke tests on both databases: PostgreSQL in-process, and the embedded SQLite
defaults of `make run` in a subprocess (`python -m tests.smoke.crawl_embedded`).
"""

import re
from collections import Counter, deque
from dataclasses import dataclass

from django.test import Client
from django.urls import Resolver404, resolve

HREF = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/")


@dataclass(frozen=True)
class Visit:
    url: str
    status: int
    referrer: str


def crawl(client: Client, start: str, *, limit: int = 400, per_pattern: int = 4) -> list[Visit]:
    """Breadth-first GET crawl of same-site links, at most `per_pattern` URLs per URL name."""
    seen: set[str] = {start}
    per_name: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([(start, "")])
    visits: list[Visit] = []
    while queue and len(visits) < limit:
        url, referrer = queue.popleft()
        response = client.get(url)
        visits.append(Visit(url, response.status_code, referrer))
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in HREF.findall(response.content.decode()):
            link = link.replace("&amp;", "&")
            if link in seen or link.startswith(NOT_FOLLOWED):
                continue
            try:
                name = resolve(link.split("?")[0]).view_name
            except Resolver404:
                name = "<unresolved>"
            seen.add(link)
            if per_name[name] >= per_pattern:
                continue
            per_name[name] += 1
            queue.append((link, url))
    return visits


def failures(visits: list[Visit]) -> list[Visit]:
    """Server errors and broken links (a 404 reached by following a link)."""
    return [visit for visit in visits if visit.status >= 500 or visit.status == 404]
