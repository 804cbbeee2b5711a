"""Crawl the demo on the embedded defaults (SQLite, no Redis) as `make run` serves it.

Run as a subprocess by tests/smoke/test_demo_crawl.py with a throwaway LNDSTRATEGY_VAR_DIR.
Exits non-zero and lists the failures if any page answered 5xx or a link led to a 404.
"""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lndstrategy.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from tests.smoke.crawler import crawl, failures

    assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    problems = []
    total = 0
    for username in ("consultant", "lnd.leader", "ceo", "viewer"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        visits = crawl(client, "/orgs/")
        total += len(visits)
        problems += [(username, visit) for visit in failures(visits)]
    for username, visit in problems:
        print(f"{visit.status} {visit.url} as {username} (linked from {visit.referrer})")
    print(f"crawled {total} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
