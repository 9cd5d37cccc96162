"""A trigram index that lets the admin find a member by any part of their legal name.

See coop's 0005 for why the index is on `UPPER(column)` with pg_trgm's operator class, and why
only on PostgreSQL.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_legal_name_search "
        'ON membership_member USING gin (UPPER("legal_name"::text) gin_trgm_ops)'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS member_legal_name_search")


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0003_constraint_messages"),
        ("coop", "0005_account_search_indexes"),  # pg_trgm
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
