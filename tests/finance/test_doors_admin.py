"""The finance doors in the admin: the Board sets rates, decides proposals, refers disputes, awards
bonuses and proposes surplus allocations; Operations drafts payroll. Other roles are refused and
nothing is written; bad input is refused with a message and nothing is written."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.models import (
    BonusAward,
    MemberRate,
    PayBand,
    PayrollRun,
    RateAdjustmentProposal,
    SurplusAllocation,
)
from governance.models import MediationCase, Office
from tests.factories import finance as ff
from tests.factories.coop import UserFactory
from tests.factories.governance import officer
from tests.factories.labor_contracts import contract_active, documents_install

pytestmark = pytest.mark.django_db
ADD = "admin:finance_{}_add"


def test_board_sets_a_rate_inside_the_band(board_client, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = board_client.post(
        reverse(ADD.format("memberrate")),
        {"member": worker.pk, "band": builder.pk, "rate": "25.00", "change_reason": "Hired"},
    )
    assert response.status_code == 302
    assert MemberRate.objects.get(member=worker).rate == Decimal("25.00")


def test_a_rate_outside_the_band_is_refused_in_the_admin(board_client, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = board_client.post(
        reverse(ADD.format("memberrate")),
        {"member": worker.pk, "band": builder.pk, "rate": "55.00", "change_reason": "Hired"},
        follow=True,
    )
    assert "outside the Builder band" in response.content.decode()
    assert not MemberRate.objects.exists()


@pytest.mark.parametrize("role", ["Operations", "Member", "Auditor"])
def test_only_the_board_sets_rates_in_the_admin(role_clients, role, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = role_clients[role].post(
        reverse(ADD.format("memberrate")),
        {"member": worker.pk, "band": builder.pk, "rate": "25.00", "change_reason": "x"},
    )
    assert response.status_code in {302, 403} and not MemberRate.objects.exists()


def _action(client, model, action, pks, reason="Bylaws"):
    return client.post(
        reverse(f"admin:finance_{model}_changelist"),
        {"action": action, "_selected_action": pks, "confirm": "yes", "reason": reason},
        follow=True,
    )


@pytest.mark.parametrize(("action", "status"), [("approve_proposals", "approved"), ("reject_proposals", "rejected")])
def test_board_decides_rate_proposals_in_the_admin(board_client, board_user, operations_user, action, status):
    proposal = ff.rate_proposal(operations_user, board_user)
    _action(board_client, "rateadjustmentproposal", action, [proposal.pk])
    proposal.refresh_from_db()
    assert proposal.status == status


@pytest.mark.parametrize("role", ["Operations", "Member", "Auditor"])
def test_other_roles_cannot_decide_rate_proposals(role_clients, role, board_user, operations_user):
    proposal = ff.rate_proposal(operations_user, board_user)
    _action(role_clients[role], "rateadjustmentproposal", "approve_proposals", [proposal.pk])
    proposal.refresh_from_db()
    assert proposal.status == RateAdjustmentProposal.Status.PENDING
    assert proposal.member_rate.rate == Decimal("30.00")


def test_board_refers_a_dispute_on_its_own_page(board_client, board_user, operations_user):
    dispute, mediator = ff.dispute(operations_user, board_user)
    url = reverse("admin:finance_reviewdispute_refer", args=[dispute.pk])
    page = board_client.get(url)
    assert page.status_code == 200 and b"Refer to mediation" in page.content
    board_client.post(url, {"mediator": mediator.pk, "reason": "Needs a mediator"})
    dispute.refresh_from_db()
    assert dispute.mediation_case.mediator == mediator


def test_a_party_as_mediator_is_refused_with_a_message(board_client, board_user, operations_user):
    dispute, _mediator = ff.dispute(operations_user, board_user)
    response = board_client.post(
        reverse("admin:finance_reviewdispute_refer", args=[dispute.pk]),
        {"mediator": dispute.review.reviewee_id, "reason": "x"},
    )
    assert "neither party" in response.content.decode()
    assert not MediationCase.objects.exists()


@pytest.mark.parametrize("role", ["Operations", "Member", "Auditor"])
def test_other_roles_cannot_refer_disputes(role_clients, role, board_user, operations_user):
    dispute, mediator = ff.dispute(operations_user, board_user)
    response = role_clients[role].post(
        reverse("admin:finance_reviewdispute_refer", args=[dispute.pk]), {"mediator": mediator.pk, "reason": "x"}
    )
    assert response.status_code in {302, 403} and not MediationCase.objects.exists()


def _bonus(client):
    return client.post(
        reverse(ADD.format("bonusaward")),
        {"kind": "ceo", "period_start": "2026-03-01", "period_end": "2026-03-31", "change_reason": "March"},
        follow=True,
    )


def test_board_awards_a_bonus_in_the_admin(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    _bonus(board_client)
    assert BonusAward.objects.get().amount == Decimal("15.00")


def test_a_bonus_while_suspended_is_refused_in_the_admin(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    documents_install()
    contract_active(operations_user, board_user)
    response = _bonus(board_client)
    assert "suspended" in response.content.decode() and not BonusAward.objects.exists()


@pytest.mark.parametrize("role", ["Operations", "Member", "Auditor"])
def test_other_roles_cannot_award_bonuses(role_clients, role, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    officer(Office.Kind.CEO)
    _bonus(role_clients[role])
    assert not BonusAward.objects.exists()


def _propose(client, percent="20", cash_percent=""):
    return client.post(
        reverse(ADD.format("surplusallocation")),
        {
            "period_start": "2026-03-01",
            "period_end": "2026-03-31",
            "reserves_percent": percent,
            "cash_percent": cash_percent,
            "change_reason": "Year end",
        },
        follow=True,
    )


def test_board_proposes_a_surplus_allocation_in_the_admin(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    _propose(board_client)
    allocation = SurplusAllocation.objects.get()
    assert allocation.status == SurplusAllocation.Status.PROPOSED and allocation.reserves == Decimal("150.00")


def test_a_cash_share_below_the_minimum_is_refused_in_the_admin_keeping_the_form(
    board_client, incorporated, board_user, operations_user
):
    ff.books_with_surplus(operations_user, board_user)
    response = _propose(board_client, cash_percent="10")
    page = response.content.decode()
    assert "at least 20" in page and 'value="10"' in page
    assert not SurplusAllocation.objects.exists()


def test_board_pays_the_cash_part_with_the_admin_action(board_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    _propose(board_client, cash_percent="50")
    allocation = SurplusAllocation.objects.get()
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #1", actor=None, reason="Adopted")
    response = _action(board_client, "surplusallocation", "pay_dividends_in_cash", [allocation.pk], reason="Paid")
    assert response.status_code == 200
    allocation.refresh_from_db()
    assert allocation.cash_payment is not None
    assert allocation.cash_payment.lines.get(account__code="1000").credit == allocation.dividends / 2


def test_operations_cannot_pay_dividends_in_the_admin(operations_client, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    allocation = services.surplus_allocation_propose(
        period_start=ff.PERIOD[0], period_end=ff.PERIOD[1], reserves_percent="20", actor=board_user, reason="Year"
    )
    services.surplus_allocation_adopt(allocation=allocation, basis="Motion #1", actor=None, reason="Adopted")
    _action(operations_client, "surplusallocation", "pay_dividends_in_cash", [allocation.pk], reason="Paid")
    allocation.refresh_from_db()
    assert allocation.cash_payment is None


def test_a_period_without_surplus_is_refused_in_the_admin(board_client, incorporated):
    response = _propose(board_client)
    assert "no surplus" in response.content.decode() and not SurplusAllocation.objects.exists()


@pytest.mark.parametrize("role", ["Operations", "Member", "Auditor"])
def test_other_roles_cannot_propose_surplus_allocations(role_clients, role, incorporated, board_user, operations_user):
    ff.books_with_surplus(operations_user, board_user)
    _propose(role_clients[role])
    assert not SurplusAllocation.objects.exists()


def _draft(client):
    return client.post(
        reverse(ADD.format("payrollrun")),
        {"period_start": "2026-04-01", "period_end": "2026-04-30", "change_reason": "April"},
        follow=True,
    )


def test_operations_drafts_payroll_in_the_admin(operations_client, incorporated, board_user):
    worker = UserFactory()
    ff.rate(worker, ff.band(), "30.00", board_user)
    _draft(operations_client)
    assert PayrollRun.objects.get().status == PayrollRun.Status.DRAFT


@pytest.mark.parametrize("role", ["Member", "Auditor"])
def test_members_and_auditors_cannot_draft_payroll(role_clients, role, incorporated):
    _draft(role_clients[role])
    assert not PayrollRun.objects.exists()


def test_payroll_in_the_club_phase_is_refused_in_the_admin(operations_client, cooperative):
    response = _draft(operations_client)
    assert "club phase" in response.content.decode() and not PayrollRun.objects.exists()


def test_pay_bands_and_adopted_allocations_cannot_be_changed_in_the_admin(
    board_client, incorporated, board_user, operations_user
):
    # Given a band in force and a proposed allocation
    ff.books_with_surplus(operations_user, board_user)
    _propose(board_client)
    builder, allocation = PayBand.objects.get(), SurplusAllocation.objects.get()
    # When the Board tries to add or edit a band, or edit the allocation, in the admin
    add_band = board_client.post(
        reverse(ADD.format("payband")),
        {"role": "Lead", "minimum": "1", "maximum": "99", "basis": "x", "change_reason": "x"},
    )
    edit_band = board_client.post(
        reverse("admin:finance_payband_change", args=[builder.pk]),
        {"minimum": "1", "maximum": "99", "change_reason": "x"},
    )
    edit_allocation = board_client.post(
        reverse("admin:finance_surplusallocation_change", args=[allocation.pk]),
        {"status": "adopted", "change_reason": "x"},
    )
    # Then each is refused and nothing changed
    assert {add_band.status_code, edit_band.status_code, edit_allocation.status_code} == {403}
    builder.refresh_from_db()
    assert (builder.minimum, PayBand.objects.count()) == (Decimal("20.00"), 1)
    assert SurplusAllocation.objects.get().status == SurplusAllocation.Status.PROPOSED
