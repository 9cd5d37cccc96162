"""A cooperative set up in Spanish gets its governing documents, bodies and offices in Spanish:
its own editions of the templates, not English text with translated words."""

import re

import pytest

from coop.documents import MISSING_PLACEHOLDER, TEMPLATES_DIR, shipped_templates
from coop.models import GoverningDocument
from founding import services as founding_services
from governance.models import Body, Office

MISSING = MISSING_PLACEHOLDER.split("%s")[0]
PLACEHOLDER = re.compile(r"{{\s*([a-z_]+)")
SECTION = re.compile(r"^(\d+(?:\.\d+)+)\.", re.MULTILINE)


@pytest.fixture
def spanish_cooperative(db):
    founding_services.cooperative_setup(
        name="Cooperativa Ribera",
        jurisdiction="Nuevo México, EE. UU.",
        unit="points",
        conveners=[founding_services.ConvenerSpec("ana@ribera.coop", "Ana", "Ruiz", "una-clave-larga-123")],
        default_language="es",
        actor=None,
        reason="Primera configuración",
    )


@pytest.mark.parametrize("template", shipped_templates("es"), ids=lambda t: t.slug)
def test_each_spanish_edition_names_the_same_placeholders_and_sections_as_the_english(template):
    spanish = (TEMPLATES_DIR / "es" / template.filename).read_text(encoding="utf-8")
    english = (TEMPLATES_DIR / template.filename).read_text(encoding="utf-8")
    assert set(PLACEHOLDER.findall(spanish)) == set(PLACEHOLDER.findall(english))
    assert SECTION.findall(spanish) == SECTION.findall(english)


def test_the_documents_are_the_spanish_editions_filled_in(spanish_cooperative):
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    text = bylaws.versions.get(number=1).text
    assert bylaws.title == "Estatutos"
    assert text.startswith("> **Aviso:")
    assert "Estatutos de Cooperativa Ribera" in text
    assert "Nuevo México, EE. UU." in text
    assert MISSING not in text and "{{" not in text
    # Numbers are written the Spanish way: a decimal comma.
    assert "66,67" in text
    for document in GoverningDocument.objects.all():
        assert MISSING not in document.versions.get(number=1).text


def test_the_bodies_and_offices_are_named_in_spanish(spanish_cooperative):
    assert Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE).name == "Conferencia General"
    assert Office.objects.get(kind=Office.Kind.PRESIDENT).title == "Presidente"
    assert Office.objects.get(kind=Office.Kind.CEO).title != "Chief Executive Officer"
