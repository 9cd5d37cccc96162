"""Relabelling fields changes the migration state only: the labels the models declare, no SQL, and
the same state AlterField would leave (so `makemigrations --check` finds nothing to do)."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

from coop.migration_operations import RelabelFields

pytestmark = pytest.mark.django_db


def _state_before_labels():
    # The suite runs without migrations: read this app's from their files.
    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("membership", "0001_squashed_0006_share_subscriptions"))


def test_relabelling_changes_the_label_and_nothing_else():
    state = _state_before_labels()
    before = state.models["membership", "duespayment"].fields["recorded_by"].deconstruct()
    after_state = state.clone()
    RelabelFields(labels={"duespayment": {"recorded_by": "recorded by"}}).state_forwards("membership", after_state)
    after = after_state.models["membership", "duespayment"].fields["recorded_by"].deconstruct()
    assert after[3].pop("verbose_name") == "recorded by"
    assert before[3].pop("verbose_name", None) is None
    assert before == after
    # The relation index follows the new field, as after AlterField.
    relations = after_state.relations["coop", "user"]["membership", "duespayment"]
    assert relations["recorded_by"].verbose_name == "recorded by"


@pytest.mark.django_db(transaction=True)
def test_relabelling_writes_no_sql():
    state = _state_before_labels()
    new_state = state.clone()
    operation = RelabelFields(labels={"duespayment": {"member": "member"}})
    operation.state_forwards("membership", new_state)
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        operation.database_forwards("membership", editor, state, new_state)
        operation.database_backwards("membership", editor, new_state, state)
    assert editor.collected_sql == []
