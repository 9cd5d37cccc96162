"""Every field of ours names its label for translation. A field with no label of its own is shown by
its name ("recorded by", "member"), in English on a Spanish page, on every form, list column and
history row of the admin."""

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

OURS = set(settings.DOMAIN_APPS)


def _our_fields():
    for model in apps.get_models():
        if model._meta.app_config.name not in OURS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            # Reverse relations are named by the other model; a key nobody reads needs no label.
            if field.auto_created or field.primary_key:
                continue
            yield model, field


def test_each_field_names_its_label_for_translation():
    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model, field in _our_fields()
        if not isinstance(field.verbose_name, Promise)
    ]
    assert unnamed == []


def test_in_spanish_the_foreign_keys_read_in_spanish():
    labels = {}
    with translation.override("es"):
        for model, field in _our_fields():
            labels[f"{model._meta.label}.{field.name}"] = str(field.verbose_name)
    assert labels["membership.DuesPayment.recorded_by"] == "registrada por"
    assert labels["membership.ShareTransaction.member"] == "miembro"
    assert labels["projects.Task.project"] == "proyecto"
    assert labels["labor_contracts.TimesheetEntry.reviewed_by"] == "revisado por"
