"""`seed_demo --language es` seeds the demo cooperative in Spanish: the cooperative's default
language, its Spanish governing documents with the Bylaws amended, and every label translated as
it is saved. The English seed (no option) is unchanged."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from coop.models import Cooperative, DocumentVersion, GoverningDocument, User
from finance.demo import CYCLE
from finance.models import ReviewCycle
from governance.demo import AMENDMENT_VOTE, OPEN_VOTE, POLICY_VOTE, SECRET_VOTE
from governance.models import Motion
from labor_contracts.demo import ACTIVE_TITLE, COMPLETED_TITLE
from labor_contracts.models import Client, LaborContract
from projects.demo import TOWER
from projects.models import Project, Task

PASSWORD = "pw-for-tests-123"


def in_spanish(label) -> str:
    with translation.override("es"):
        return str(label)


def test_the_spanish_demo_is_a_spanish_cooperative_with_spanish_labels(db):
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    cooperative = Cooperative.objects.get()
    assert cooperative.default_language == "es"
    assert cooperative.name == "Cooperativa Constructora Demo"
    assert Motion.objects.filter(title="Adoptar una prueba de semana laboral de cuatro días").exists()
    assert Motion.objects.filter(title__startswith="Elección fundacional: ").count() == 4
    assert not Motion.objects.filter(title__startswith="Founding election").exists()
    tower = Project.objects.get(name="Torre residencial Ribera")
    assert Task.objects.filter(project=tower, name="Levantamiento del terreno").exists()
    assert Client.objects.filter(name="Estructuras de Madera Cascade").exists()
    assert ReviewCycle.objects.filter(name="Evaluación de primavera").exists()
    # The demo member's tasks are found by the tower's Spanish name.
    assert Task.objects.filter(project=tower, assignments__user__email="member@demo.coop").exists()


def test_every_label_is_written_in_the_active_language(db):
    """Whatever the catalogue holds, each label is the Spanish catalogue's rendering of the English."""
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    for title in (OPEN_VOTE, SECRET_VOTE, POLICY_VOTE, AMENDMENT_VOTE):
        assert Motion.objects.filter(title=in_spanish(title)).exists()
    assert Project.objects.filter(name=in_spanish(TOWER)).exists()
    assert LaborContract.objects.filter(title__in=[in_spanish(ACTIVE_TITLE), in_spanish(COMPLETED_TITLE)]).count() == 2
    assert ReviewCycle.objects.filter(name=in_spanish(CYCLE)).exists()


def test_the_spanish_bylaws_are_amended_by_the_general_conference(db):
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    assert bylaws.title == "Estatutos"
    versions = list(bylaws.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert "durante un periodo de votación. El censo" in versions[0].text
    assert "al menos tres días" not in versions[0].text
    assert "durante un periodo de votación de al menos tres días, para que las personas de" in versions[1].text
    assert versions[1].status == DocumentVersion.Status.ADOPTED


def test_seeding_in_spanish_twice_duplicates_nothing(db):
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    counts = (User.objects.count(), Motion.objects.count(), Task.objects.count(), DocumentVersion.objects.count())
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    assert (
        User.objects.count(),
        Motion.objects.count(),
        Task.objects.count(),
        DocumentVersion.objects.count(),
    ) == counts


def test_the_english_demo_is_unchanged(db):
    call_command("seed_demo", password=PASSWORD, verbosity=0)
    cooperative = Cooperative.objects.get()
    assert cooperative.default_language == "en"
    assert cooperative.name == "Demo Builders Cooperative"
    assert Motion.objects.filter(title="Adopt a four-day work week trial").exists()
    assert Motion.objects.filter(title="Founding election: Secretary").exists()
    tower = Project.objects.get(name="Riverside residential tower")
    assert Task.objects.filter(project=tower, name="Site survey").exists()
    assert Client.objects.filter(name="Cascade Timber Frames").exists()
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    assert "voting period of at least three days, so that members" in bylaws.versions.get(number=2).text


def test_an_unshipped_language_is_refused(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", "--language", "fr", password=PASSWORD, verbosity=0)
    assert not Cooperative.objects.exists()


def test_a_demo_seeded_before_keeps_its_language(db):
    call_command("seed_demo", password=PASSWORD, verbosity=0)
    counts = (Motion.objects.count(), Task.objects.count())
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    assert Cooperative.objects.get().default_language == "en"
    assert (Motion.objects.count(), Task.objects.count()) == counts
