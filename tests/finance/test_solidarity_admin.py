"""The solidarity fund in the admin: the Board pays with the allocations' action, nobody else
does, and the commitments are read-only, since only the alliance's message writes them."""

import pytest
from django.urls import reverse

from federation.models import OutboundMessage
from finance import services
from finance.models import SolidarityCommitment, SurplusAllocation
from tests.factories.finance import PERIOD
from tests.finance.conftest import commit

pytestmark = pytest.mark.django_db

PAY = "pay_solidarity_contribution"


@pytest.fixture
def adopted(march_books, board_user, alliance):
    commit(alliance, "5.00", "2026-01-01")
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def _pay(client, allocation):
    return client.post(
        reverse("admin:finance_surplusallocation_changelist"),
        {"action": PAY, "_selected_action": [allocation.pk], "confirm": "yes", "reason": "Paid to the alliance"},
        follow=True,
    )


def test_the_board_pays_with_the_admin_action(adopted, board_client):
    response = _pay(board_client, adopted)

    assert response.status_code == 200
    adopted.refresh_from_db()
    assert adopted.solidarity_payment.lines.get(account__code="1000").credit == adopted.solidarity
    message = OutboundMessage.objects.get(kind="alliance.solidarity_paid")
    assert message.payload["amount"] == "37.50" and message.reason == "Paid to the alliance"


def test_operations_cannot_pay_in_the_admin(adopted, operations_client):
    _pay(operations_client, adopted)

    assert SurplusAllocation.objects.get(pk=adopted.pk).solidarity_payment is None
    assert not OutboundMessage.objects.filter(kind="alliance.solidarity_paid").exists()


def test_the_commitments_are_read_only_in_the_admin(alliance, board_client):
    commitment = commit(alliance, "5.00", "2026-01-01")
    change = reverse("admin:finance_solidaritycommitment_change", args=[commitment.pk])

    listing = board_client.get(reverse("admin:finance_solidaritycommitment_changelist"))
    assert listing.status_code == 200 and "A-7" in listing.content.decode()
    assert board_client.get(reverse("admin:finance_solidaritycommitment_add")).status_code == 403
    board_client.post(change, {"percent": "50.00", "motion_number": "forged"})
    commitment.refresh_from_db()
    assert commitment.percent == 5 and commitment.motion_number == "A-7"
    assert SolidarityCommitment.objects.count() == 1
