"""The alliance's solidarity contribution arrives as a signed message: recorded from the peer that
sent it, and superseded by a later message from its own start date, the earlier rows kept."""

from datetime import date
from decimal import Decimal

import pytest

from federation import services as federation_services
from federation.models import InboundMessage
from finance import selectors
from finance.models import SolidarityCommitment
from tests.federation.conftest import post, signed
from tests.finance.conftest import commit, solidarity_payload

pytestmark = pytest.mark.django_db


def test_the_message_through_the_inbox_records_the_commitment(alliance, alliance_key, client):
    # When the alliance sends its signed decision to the inbox
    message = {"kind": "alliance.solidarity_contribution", "payload": solidarity_payload("3.50", "2026-01-01")}
    response = post(client, *signed(alliance_key, message))

    # Then it is applied, and the commitment holds what the alliance voted, from that peer
    assert response.status_code == 200, response.json()
    commitment = SolidarityCommitment.objects.get()
    assert commitment.peer == alliance
    assert commitment.percent == Decimal("3.50")
    assert commitment.starts_on == date(2026, 1, 1)
    assert (commitment.motion_number, commitment.motion_title) == (
        "A-7",
        "Solidarity contribution of the member cooperatives",
    )
    assert commitment.certified_on == date(2025, 12, 15)
    assert InboundMessage.objects.get().applied_at is not None
    # and its history names the message it came from
    assert "alliance.solidarity_contribution" in commitment.history.get().history_change_reason


def test_a_later_message_supersedes_from_its_start_date_and_the_earlier_stays(alliance):
    first = commit(alliance, "5.00", "2026-01-01")
    second = commit(alliance, "3.33", "2026-03-01")

    # A period starting before the second's start falls under the first; from it on, the second
    assert selectors.solidarity_commitment_for(date(2026, 2, 1)) == first
    assert selectors.solidarity_commitment_for(date(2026, 3, 1)) == second
    assert selectors.solidarity_commitment_for(date(2027, 1, 1)) == second
    # No commitment before the first applies
    assert selectors.solidarity_commitment_for(date(2025, 12, 1)) is None

    # A later message starting earlier supersedes both from its own start date
    third = commit(alliance, "1.00", "2026-02-01")
    assert selectors.solidarity_commitment_for(date(2026, 1, 1)) == first
    assert selectors.solidarity_commitment_for(date(2026, 3, 1)) == third
    assert SolidarityCommitment.objects.count() == 3


def test_a_removed_alliance_no_longer_binds_the_cooperative(alliance, board_user):
    commit(alliance)
    federation_services.peer_remove(peer=alliance, actor=board_user, reason="We left the alliance")
    assert selectors.solidarity_commitment_for(date(2026, 3, 1)) is None
