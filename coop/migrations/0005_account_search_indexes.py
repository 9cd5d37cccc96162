"""Trigram indexes that let the admin find an account by any part of its email or name.

The admin searches with `UPPER(column) LIKE '%term%'`; a GIN index of the same expression with
pg_trgm's operator class answers it without reading the whole table. PostgreSQL only: SQLite
has no such index and scans, which is fine at the sizes it serves.
"""

from django.db import migrations

COLUMNS = {
    "account_email_search": "email",
    "account_first_name_search": "first_name",
    "account_last_name_search": "last_name",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON coop_user USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("coop", "0004_constraint_messages")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
