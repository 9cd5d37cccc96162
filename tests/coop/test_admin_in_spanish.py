"""The officer's admin speaks the officer's language beyond the menus: a record's history (its
headings, who acted, each change's values as the record's page shows them), the accounts' roles,
a voter roll's rule, the records named by their own description, and the chart of accounts that
setup writes in the cooperative's language."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from coop import services as coop_services
from coop.models import User
from finance.models import Account
from governance.models import Motion, RollEntry
from membership.models import DuesPayment
from membership.selectors.voting import rule_label
from tests.clients import logged_in

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-123"


@pytest.fixture
def president():
    call_command("seed_demo", password=PASSWORD, language="es", verbosity=0)
    user = User.objects.get(email="president@demo.coop")
    coop_services.account_language_set(user=user, language="es", actor=user, reason="Mi idioma")
    return user


def _page(user, url) -> str:
    response = logged_in(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _history_of_a_motion(president):
    motion = next(m for m in Motion.objects.filter(status=Motion.Status.CERTIFIED) if m.history.count() > 2)
    page = _page(president, reverse("admin:governance_motion_history", args=[motion.pk]))
    assert f"Historial de {motion.title}" in page
    assert "Cambiado por" in page and "Motivo" in page and "Cambios" in page
    # A change of state shows the states as the motion's page names them, never their stored codes.
    assert "Certificada" in page
    for english in ("View history", "Changed by", "Change reason", ">None<", "→&nbsp;&nbsp;certified"):
        assert english not in page


def _roles(president):
    page = _page(president, reverse("admin:coop_user_changelist"))
    assert "Junta, Miembro" in page
    assert "Board, Member" not in page
    # The filter offers the roles by name, and filters by them.
    assert "?role=Board" in page
    filtered = _page(president, reverse("admin:coop_user_changelist") + "?role=Operations")
    assert "ceo@demo.coop" in filtered and "member@demo.coop" not in filtered


def _roll_rule(president):
    entry = RollEntry.objects.order_by("pk").first()
    page = _page(president, reverse("admin:governance_rollentry_change", args=[entry.pk]))
    with translation.override("es"):
        words = rule_label(entry.rule)
    assert words in page
    assert f">{entry.rule}<" not in page


def _record_names(president):
    payment = DuesPayment.objects.order_by("pk").first()
    page = _page(president, reverse("admin:membership_duespayment_change", args=[payment.pk]))
    assert "pagados el" in page
    assert " on 20" not in page


def _chart_of_accounts():
    names = dict(Account.objects.filter(member=None).values_list("code", "name"))
    assert names["1000"] == "Caja"
    assert names["3000"] == "Capital social"
    capital = Account.objects.exclude(member=None).first()
    assert capital.name.startswith("Cuenta de capital: ")


def test_the_admin_of_a_spanish_cooperative_reads_in_spanish(president):
    # Seeding the demo is the slow part: one seed, each page checked in turn.
    _history_of_a_motion(president)
    _roles(president)
    _roll_rule(president)
    _record_names(president)
    _chart_of_accounts()
