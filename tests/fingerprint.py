"""A fingerprint of the database: per table, its number of rows and a hash of all their values.

`fingerprint()` runs one query (on PostgreSQL; elsewhere one per table), however many rows
there are; two fingerprints taken
around something that must not write are compared with `differences()`. It covers every table
of every installed app (the project's apps, users and the reference tables alike), except the
ones below, which a GET legitimately writes.
"""

import hashlib

from django.apps import apps
from django.db import connection

# Tables a GET may write because they are not domain data; each says why.
EXCLUDED_TABLES = {
    # The session store: logging in, CSRF and flash messages live in it.
    "django_session": "sessions",
    # django-axes logs every login and attempt, and cleans up old ones, as a security audit.
    "axes_accessattempt": "django-axes",
    "axes_accessattemptexpiration": "django-axes",
    "axes_accessfailurelog": "django-axes",
    "axes_accesslog": "django-axes",
}
# Columns a GET may write: logging in (also `force_login` in tests) stamps `last_login`.
EXCLUDED_COLUMNS = {"auth_user": {"last_login"}}

Fingerprint = dict[str, tuple[int, str]]


def fingerprinted_tables() -> dict[str, tuple[str, list[str]]]:
    """db_table -> (primary key column, the columns hashed), for every table checked."""
    tables: dict[str, tuple[str, list[str]]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in EXCLUDED_TABLES:
            continue
        skipped = EXCLUDED_COLUMNS.get(meta.db_table, set())
        columns = [
            field.column
            for field in meta.concrete_fields
            if field.column and field.column not in skipped
        ]
        tables[meta.db_table] = (meta.pk.column, columns)
    return tables


def _postgresql_select(table: str, pk: str, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    row = ", ".join(f"t.{quote(column)}" for column in columns)
    return (
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(ROW({row})::text, E'\\n' "
        f"ORDER BY t.{quote(pk)}), '')) FROM {quote(table)} t"
    )


def fingerprint() -> Fingerprint:
    """Each table's row count and a hash of all its rows' values.

    On PostgreSQL the database hashes and one query covers every table; elsewhere each table's
    rows come over in one query and are hashed here.
    """
    tables = fingerprinted_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            selects = [_postgresql_select(table, *spec) for table, spec in tables.items()]
            cursor.execute(" UNION ALL ".join(selects))
            return {table: (count, digest) for table, count, digest in cursor.fetchall()}
        quote = connection.ops.quote_name
        result: Fingerprint = {}
        for table, (pk, columns) in tables.items():
            selected = ", ".join(quote(column) for column in columns)
            cursor.execute(f"SELECT {selected} FROM {quote(table)} ORDER BY {quote(pk)}")
            rows = cursor.fetchall()
            result[table] = (len(rows), hashlib.md5(repr(rows).encode()).hexdigest())
        return result


def differences(before: Fingerprint, after: Fingerprint) -> list[str]:
    """What changed, one line per table: rows created or deleted, or rows changed."""
    found = []
    for table in sorted(before.keys() | after.keys()):
        (count_before, digest_before) = before.get(table, (0, ""))
        (count_after, digest_after) = after.get(table, (0, ""))
        if count_before != count_after:
            found.append(f"{table}: {count_before} -> {count_after} rows")
        elif digest_before != digest_after:
            found.append(f"{table}: rows changed ({count_after} rows)")
    return found
