"""The ledger's triggers: see `finance.db_triggers` for what they refuse and why."""

from django.db import migrations

from finance import db_triggers


def forward(apps, schema_editor):
    db_triggers.install(schema_editor.connection)


def backward(apps, schema_editor):
    db_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
