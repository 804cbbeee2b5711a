"""Autosave on the embedded SQLite defaults while another connection holds the write lock.

Run as a subprocess by tests/diagnosis/test_autosave_on_sqlite.py with a throwaway
LNDSTRATEGY_VAR_DIR and no DATABASE_URL (so the settings pick SQLite in that folder, as
`make run` does). A second connection -- standing in for the worker writing a snapshot --
takes the write lock with ``BEGIN IMMEDIATE`` and holds it; meanwhile a respondent autosaves
through their personal link. Prints one line ``RESULT {json}`` with what was observed.
"""

import json
import os
import sqlite3
import sys
import threading
import time


class Holder(threading.Thread):
    """Another connection that holds SQLite's write lock until `release` is set."""

    def __init__(self, path: str, seconds: float | None = None) -> None:
        super().__init__(daemon=True)
        self.path, self.seconds = path, seconds
        self.locked, self.release = threading.Event(), threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO bench_holder (note) VALUES ('writing a snapshot')")
        self.locked.set()
        self.release.wait(self.seconds)
        connection.execute("COMMIT")
        connection.close()


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lndstrategy.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from diagnosis.models import Answer
    from maturity.services import default_framework_version
    from tests.diagnosis.helpers import respondent_with_link

    assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    path = str(settings.DATABASES["default"]["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_holder (note TEXT)")
        pragmas = {
            name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "busy_timeout", "synchronous")
        }
    result: dict = {"pragmas": pragmas, "transaction_mode": connection.transaction_mode}

    respondent, token = respondent_with_link(
        assessment__framework_version=default_framework_version()
    )
    item = respondent.assessment.framework_version.items.filter(response="likert5").first()
    slug = respondent.assessment.organisation.slug
    url = reverse("questionnaire_link_save", args=[slug, token])
    client = Client()

    def save(value: int) -> dict:
        started = time.monotonic()
        response = client.post(
            url, {"item": item.code, "value": str(value)}, HTTP_HX_REQUEST="true"
        )
        stored = (
            Answer.objects.filter(respondent=respondent, item=item)
            .values_list("value", flat=True)
            .first()
        )
        return {
            "status": response.status_code,
            "seconds": round(time.monotonic() - started, 2),
            "answer_status": response.get("X-Answer-Status"),
            "retry_after": response.get("Retry-After"),
            "text": response.content.decode(),
            "stored": stored,
        }

    # 1. The other writer holds the lock for 1.5 s, well within the busy timeout.
    holder = Holder(path, seconds=1.5)
    holder.start()
    holder.locked.wait()
    result["within_timeout"] = save(4)
    holder.join()

    # 2. With a 1 s busy timeout, the other writer holds the lock until told to stop.
    connection.close()
    connection.settings_dict["OPTIONS"]["timeout"] = 1
    holder = Holder(path)
    holder.start()
    holder.locked.wait()
    result["beyond_timeout"] = save(2)
    holder.release.set()
    holder.join()
    result["retried"] = save(2)

    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
