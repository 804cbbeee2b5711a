"""A fingerprint of the database: per table, its number of rows and a hash of all their values.

`fingerprint()` runs one query, however many tables and rows there are (PostgreSQL does the
hashing); two fingerprints taken around something that must not write are compared with
`differences()`. It covers every table of every installed app (the project's apps, users and
the reference tables alike), except the ones below, which a GET legitimately writes."""

from django.apps import apps
from django.db import connection

# Tables a GET may write because they are not domain data, each with the reason.
AXES = "django-axes's security log: it records logins and attempts, and cleans up old ones"
EXCLUDED_TABLES = {
    "django_session": "the session store: logging in, CSRF and flash messages live in it",
    "axes_accessattempt": AXES,
    "axes_accessattemptexpiration": AXES,
    "axes_accessfailurelog": AXES,
    "axes_accesslog": AXES,
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
    """Each table's row count and a hash of all its rows' values, in one query."""
    assert connection.vendor == "postgresql", "The fingerprint needs PostgreSQL: `make test`."
    tables = fingerprinted_tables()
    selects = [_postgresql_select(table, *spec) for table, spec in tables.items()]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        return {table: (count, digest) for table, count, digest in cursor.fetchall()}


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
