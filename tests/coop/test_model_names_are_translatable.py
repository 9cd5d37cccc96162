"""Every model of ours names its singular and its plural for translation: Django's default plural
adds an "s" to the translated singular ("Mocións"), which no language but English wants."""

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

OURS = set(settings.DOMAIN_APPS)


def _our_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.name in OURS and not model.__name__.startswith("Historical")
    ]


def test_each_model_names_its_plural_for_translation():
    missing = [
        m._meta.label
        for m in _our_models()
        if not isinstance(m._meta.original_attrs.get("verbose_name_plural"), Promise)
    ]
    assert missing == []


def test_each_app_names_itself_for_translation():
    assert [c.name for c in apps.get_app_configs() if c.name in OURS and not isinstance(c.verbose_name, Promise)] == []


def test_in_spanish_the_plurals_are_spanish():
    with translation.override("es"):
        plurals = {m._meta.label: str(m._meta.verbose_name_plural) for m in _our_models()}
    assert plurals["governance.Motion"] == "mociones"
    assert plurals["finance.PayBand"] == "bandas salariales"
    assert not [label for label, plural in plurals.items() if plural.endswith(("ns", "ls", "ss", "rs"))]
