"""The core services check who acts: the Board changes the cooperative's identity, creates
accounts, proposes and withdraws document versions and records the incorporation; the system
(`actor=None`) only where the setup calls them. A forbidden actor gets PermissionDenied and
nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from coop import services
from coop.models import Cooperative, DocumentVersion, GoverningDocument, PolicyNumber, User
from tests.factories.coop import UserFactory, document_create, version_propose

pytestmark = pytest.mark.django_db


def _written() -> tuple:
    return (
        User.objects.count(),
        *(model.objects.count() for model in (GoverningDocument, DocumentVersion, PolicyNumber)),
        *(model.history.count() for model in (Cooperative, GoverningDocument, DocumentVersion, PolicyNumber, User)),
        tuple(DocumentVersion.objects.order_by("pk").values_list("status", flat=True)),
        tuple(Cooperative.objects.values_list("name", "legal_form")),
    )


@pytest.fixture
def people(cooperative, board_user, operations_user, member_user, auditor_user):
    return {
        "board": board_user,
        "operations": operations_user,
        "member": member_user,
        "auditor": auditor_user,
        "stranger": UserFactory(email="stranger@example.coop"),
    }


@pytest.fixture
def state(cooperative):
    document = document_create(text="One.")
    return {"cooperative": cooperative, "document": document, "proposal": version_propose(document, "Two.")}


SERVICES = {
    "cooperative_update": lambda s, actor: services.cooperative_update(
        cooperative=s["cooperative"], actor=actor, reason="r", name="Renamed"
    ),
    "document_create": lambda s, actor: services.document_create(
        kind=GoverningDocument.Kind.POLICY,
        title="Tools",
        slug="tools",
        adoption_threshold=GoverningDocument.Threshold.MAJORITY,
        actor=actor,
        reason="r",
    ),
    "document_version_propose": lambda s, actor: services.document_version_propose(
        document=s["document"], text="Three.", summary="s", actor=actor, reason="r"
    ),
    "document_version_withdraw": lambda s, actor: services.document_version_withdraw(
        version=s["proposal"], actor=actor, reason="r"
    ),
    "cooperative_record_incorporation": lambda s, actor: services.cooperative_record_incorporation(
        cooperative=s["cooperative"],
        legal_form=Cooperative.LegalForm.C_CORP,
        incorporated_on=date(2026, 1, 5),
        registration_number="OR-1",
        actor=actor,
        reason="r",
    ),
    "account_create": lambda s, actor: services.account_create(
        email="new@example.coop", password=None, verified=True, actor=actor, reason="r"
    ),
}


@pytest.mark.parametrize("who", ["operations", "member", "auditor", "stranger"])
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_everyone_but_the_board_is_refused(people, state, name, who):
    before = _written()
    with pytest.raises(PermissionDenied, match="Only the Board"):
        SERVICES[name](state, people[who])
    assert _written() == before


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_the_board_acts(people, state, name):
    before = _written()
    SERVICES[name](state, people["board"])
    assert _written() != before


@pytest.mark.parametrize(
    "name", ["cooperative_update", "document_version_withdraw", "cooperative_record_incorporation"]
)
def test_no_actor_is_refused_where_neither_setup_nor_certification_calls(people, state, name):
    before = _written()
    with pytest.raises(PermissionDenied):
        SERVICES[name](state, None)
    assert _written() == before
