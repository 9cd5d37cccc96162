"""The Board's finance doors in the API: each works for the Board, is refused to the other roles
with nothing written, and refuses bad input with a 400 naming the field."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import BonusAward, MemberRate, RateAdjustmentProposal, ReviewDispute, SurplusAllocation
from governance.models import MediationCase, Office
from tests.factories import finance as ff
from tests.factories.coop import UserFactory
from tests.factories.governance import officer
from tests.factories.labor_contracts import contract_active, documents_install

pytestmark = pytest.mark.django_db
REFUSED = ["Operations", "Member", "Auditor", "anonymous"]


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_board_sets_a_rate_inside_the_band(board_client, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = _post(
        board_client,
        reverse("member-rate-list"),
        {"member": worker.pk, "band": builder.pk, "rate": "25.00", "reason": "Hired"},
    )
    assert response.status_code == 201, response.content
    assert MemberRate.objects.get(member=worker).rate == Decimal("25.00")


def test_a_rate_outside_the_band_is_refused(board_client, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = _post(
        board_client,
        reverse("member-rate-list"),
        {"member": worker.pk, "band": builder.pk, "rate": "55.00", "reason": "Hired"},
    )
    assert response.status_code == 400 and "rate" in response.json()
    assert not MemberRate.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_only_the_board_sets_rates(role_clients, role, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = _post(
        role_clients[role],
        reverse("member-rate-list"),
        {"member": worker.pk, "band": builder.pk, "rate": "25.00", "reason": "Hired"},
    )
    assert response.status_code in {401, 403}
    assert not MemberRate.objects.exists()


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("reject", "rejected")])
def test_board_decides_a_rate_proposal(board_client, board_user, operations_user, action, status):
    proposal = ff.rate_proposal(operations_user, board_user)
    response = _post(board_client, reverse(f"rate-proposal-{action}", args=[proposal.pk]), {"reason": "Bylaws"})
    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert proposal.status == status and proposal.decided_by == board_user


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_only_the_board_decides_rate_proposals(role_clients, role, action, board_user, operations_user):
    proposal = ff.rate_proposal(operations_user, board_user)
    response = _post(role_clients[role], reverse(f"rate-proposal-{action}", args=[proposal.pk]), {"reason": "x"})
    assert response.status_code in {401, 403, 404}
    proposal.refresh_from_db()
    assert proposal.status == RateAdjustmentProposal.Status.PENDING
    assert proposal.member_rate.rate == Decimal("30.00")


def test_a_decision_without_a_reason_is_refused(board_client, board_user, operations_user):
    proposal = ff.rate_proposal(operations_user, board_user)
    response = _post(board_client, reverse("rate-proposal-approve", args=[proposal.pk]), {})
    assert response.status_code == 400 and "reason" in response.json()
    proposal.refresh_from_db()
    assert proposal.status == RateAdjustmentProposal.Status.PENDING


def test_board_refers_a_dispute_to_mediation(board_client, board_user, operations_user):
    dispute, mediator = ff.dispute(operations_user, board_user)
    response = _post(
        board_client,
        reverse("review-dispute-refer", args=[dispute.pk]),
        {"mediator": mediator.pk, "reason": "Needs a mediator"},
    )
    assert response.status_code == 200, response.content
    assert ReviewDispute.objects.get().mediation_case.mediator == mediator


def test_a_party_cannot_mediate_the_dispute(board_client, board_user, operations_user):
    dispute, _mediator = ff.dispute(operations_user, board_user)
    response = _post(
        board_client,
        reverse("review-dispute-refer", args=[dispute.pk]),
        {"mediator": dispute.review.reviewee_id, "reason": "x"},
    )
    assert response.status_code == 400 and "mediator" in response.json()
    assert not MediationCase.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_only_the_board_refers_disputes(role_clients, role, board_user, operations_user):
    dispute, mediator = ff.dispute(operations_user, board_user)
    response = _post(
        role_clients[role], reverse("review-dispute-refer", args=[dispute.pk]), {"mediator": mediator.pk, "reason": "x"}
    )
    assert response.status_code in {401, 403, 404}
    assert not MediationCase.objects.exists()


def test_board_awards_the_ceo_bonus(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    response = _post(
        board_client,
        reverse("bonus-award-list"),
        {"kind": "ceo", "period_start": "2026-03-01", "period_end": "2026-03-31", "reason": "March"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["inputs"]["surplus"] == "750.00"


def test_a_bonus_while_a_labor_contract_is_active_is_refused(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    documents_install()
    contract_active(operations_user, board_user)
    response = _post(
        board_client,
        reverse("bonus-award-list"),
        {"kind": "ceo", "period_start": "2026-03-01", "period_end": "2026-03-31", "reason": "March"},
    )
    assert response.status_code == 400 and "suspended" in str(response.json()["kind"])
    assert not BonusAward.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_only_the_board_awards_bonuses(role_clients, role, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    response = _post(
        role_clients[role],
        reverse("bonus-award-list"),
        {"kind": "ceo", "period_start": "2026-03-01", "period_end": "2026-03-31", "reason": "x"},
    )
    assert response.status_code in {401, 403}
    assert not BonusAward.objects.exists()


def test_board_proposes_a_surplus_allocation(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    response = _post(
        board_client,
        reverse("surplus-allocation-list"),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "reserves_percent": "20", "reason": "Year end"},
    )
    assert response.status_code == 201, response.content
    allocation = SurplusAllocation.objects.get()
    assert allocation.status == SurplusAllocation.Status.PROPOSED and allocation.reserves == Decimal("150.00")


def test_a_surplus_proposal_over_100_percent_is_refused(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    response = _post(
        board_client,
        reverse("surplus-allocation-list"),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "reserves_percent": "120", "reason": "x"},
    )
    assert response.status_code == 400 and "reserves_percent" in response.json()
    assert not SurplusAllocation.objects.exists()


@pytest.mark.parametrize("role", REFUSED)
def test_only_the_board_proposes_surplus_allocations(role_clients, role, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    response = _post(
        role_clients[role],
        reverse("surplus-allocation-list"),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "reserves_percent": "20", "reason": "x"},
    )
    assert response.status_code in {401, 403}
    assert not SurplusAllocation.objects.exists()


def test_surplus_allocations_cannot_be_adopted_or_edited_through_the_api(
    board_client, incorporated, board_user, operations_user
):
    ff.books_with_surplus(operations_user, board_user)
    _post(
        board_client,
        reverse("surplus-allocation-list"),
        {"period_start": "2026-03-01", "period_end": "2026-03-31", "reserves_percent": "20", "reason": "x"},
    )
    allocation = SurplusAllocation.objects.get()
    url = reverse("surplus-allocation-detail", args=[allocation.pk])
    patch = board_client.patch(url, json.dumps({"status": "adopted", "reason": "x"}), content_type="application/json")
    assert patch.status_code == 405
    assert SurplusAllocation.objects.get().status == SurplusAllocation.Status.PROPOSED


@pytest.mark.parametrize(
    "name",
    ["member-rate-list", "rate-proposal-list", "review-dispute-list", "bonus-award-list", "surplus-allocation-list"],
)
def test_door_lists_run_a_constant_number_of_queries(board_client, board_user, operations_user, name):
    ff.dispute(operations_user, board_user)
    ff.rate_proposal(operations_user, board_user)
    with CaptureQueriesContext(connection) as few:
        assert board_client.get(reverse(name)).status_code == 200
    ff.dispute(operations_user, board_user)
    ff.rate_proposal(operations_user, board_user)
    with CaptureQueriesContext(connection) as many:
        assert board_client.get(reverse(name)).status_code == 200
    assert len(many) == len(few)
