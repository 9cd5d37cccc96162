"""Write many rows fast: COPY on PostgreSQL, batched bulk_create elsewhere.

Rows are unsaved model instances with their primary keys already set, so that later rows can
point at earlier ones without reading them back. Nothing here runs model validation, signals
or history: the seed that calls it builds rows that already satisfy the database constraints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models

CHUNK = 10_000


def _chunks(rows: Iterable[models.Model], size: int) -> Iterator[list[models.Model]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def next_id(model: type[models.Model]) -> int:
    """Return the first free integer id of `model`'s table (the seed hands out ids itself)."""
    latest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (latest or 0) + 1


def write(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    """Insert `rows` into `model`'s table and return how many were written."""
    fields = list(model._meta.concrete_fields)
    written = 0
    if connection.vendor != "postgresql":
        for chunk in _chunks(rows, 2_000):
            model.objects.bulk_create(chunk)
            written += len(chunk)
        return written
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields])
            written += 1
    # COPY takes the ids it is given and leaves the sequence behind: a row the seed then makes
    # through the ORM (an officer through the services) would be handed an id already taken.
    sequences_reset(model)
    return written


def sequences_reset(*models_: type[models.Model]) -> None:
    """Move each table's id sequence past the ids the seed handed out (PostgreSQL only needs it)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
