"""Migration operations of our own, for changes Django's operations make needlessly slow."""

from __future__ import annotations

from django.db.migrations.operations.base import Operation
from django.utils.module_loading import import_string


class RelabelFields(Operation):
    """Give fields new labels (verbose names): a change of the migration state only, no SQL.

    `AlterField` would do the same, but each one re-renders every model related to its model,
    recursively; as every history model's `history_user` relates all our models to one another,
    that is the whole project per field, and two hundred labels added over a minute to the first
    `migrate` of a new installation. This operation changes every label it holds, then renders the
    models it touched once. A label changes no column, constraint or relation, so nothing a later
    operation reads differs from what `AlterField` would leave.

    `labels` maps a model's lower-case name to {field name: label}.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, labels: dict[str, dict[str, str]]):
        self.labels = labels

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"labels": self.labels}

    def state_forwards(self, app_label, state):
        for model_name, labels in self.labels.items():
            key = (app_label, model_name)
            fields = state.models[key].fields
            for name, label in labels.items():
                old = fields.pop(name)
                _name, path, args, kwargs = old.deconstruct()
                new = import_string(path)(*args, **{**kwargs, "verbose_name": label})
                # As ProjectState.alter_field does: the index of relations holds the field itself,
                # so the old one leaves it (while out of the model) and the new one enters it.
                if state._relations is not None and old.is_relation:
                    state.resolve_model_field_relations(key, name, old)
                fields[name] = new
                if state._relations is not None and new.is_relation:
                    state.resolve_model_field_relations(key, name, new)
        state.reload_models([(app_label, model_name) for model_name in self.labels], delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        """A label is not in the database."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        """A label is not in the database."""

    def describe(self):
        return f"Relabel {sum(len(labels) for labels in self.labels.values())} fields"

    @property
    def migration_name_fragment(self):
        return "field_labels"
