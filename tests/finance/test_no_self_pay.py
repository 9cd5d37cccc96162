"""No office-holder sets, proposes or approves their own rate, band or bonus, through any door.

The demo cooperative: the President has a rate and a pending review proposal, the Treasurer is
another Board member who may decide it.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from finance import services
from finance.models import MemberRate, PayBand, RateAdjustmentProposal, ReviewCriterion, ReviewCycle
from finance.services import Line
from governance.models import Office
from tests.audit import world as w
from tests.clients import logged_in
from tests.factories.coop import UserFactory
from tests.factories.finance import PERIOD, band, entry, internal_hours, rate, run_posted
from tests.factories.governance import officer

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    """Return the row count of every finance table, history tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("finance").get_models()}


@pytest.fixture
def world():
    return w.seed()


@pytest.fixture
def president_without_pending_proposal(world):
    """The President's review proposal decided by the Treasurer, as the demo would after a cycle."""
    proposal = RateAdjustmentProposal.objects.get(
        member_rate__member=world.board, status=RateAdjustmentProposal.Status.PENDING
    )
    services.rate_adjustment_reject(proposal=proposal, actor=world.treasurer, reason="Kept for now")
    return world


def _higher_band_for(user) -> PayBand:
    current = MemberRate.objects.get(member=user).band
    return PayBand.objects.exclude(pk=current.pk).order_by("-maximum").first()


def test_president_setting_their_own_rate_through_the_api_is_refused(president_without_pending_proposal):
    world = president_without_pending_proposal
    band = _higher_band_for(world.board)
    before, rate = _snapshot(), MemberRate.objects.get(member=world.board)
    # When the President places themselves in a higher band at its maximum through the API
    response = logged_in(world.board).post(
        "/api/member-rates/",
        json.dumps({"member": world.board.pk, "band": band.pk, "rate": str(band.maximum), "reason": "A raise"}),
        content_type="application/json",
    )
    # Then it is refused as forbidden and nothing is written
    assert response.status_code == 403, response.content
    assert "own hourly rate" in response.json()["detail"]
    assert _snapshot() == before
    assert MemberRate.objects.get(member=world.board).rate == rate.rate


def test_president_setting_their_own_rate_through_the_admin_is_refused(president_without_pending_proposal):
    world = president_without_pending_proposal
    band = _higher_band_for(world.board)
    before = _snapshot()
    response = logged_in(world.board).post(
        "/admin/finance/memberrate/add/",
        {"member": world.board.pk, "band": band.pk, "rate": str(band.maximum), "change_reason": "A raise"},
    )
    assert response.status_code == 403
    assert _snapshot() == before


def test_another_board_member_still_sets_the_presidents_rate(president_without_pending_proposal):
    world = president_without_pending_proposal
    band = _higher_band_for(world.board)
    response = logged_in(world.treasurer).post(
        "/api/member-rates/",
        json.dumps({"member": world.board.pk, "band": band.pk, "rate": str(band.minimum), "reason": "New role"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert MemberRate.objects.get(member=world.board).band == band


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_president_deciding_their_own_rate_proposal_is_refused(world, decision):
    proposal = RateAdjustmentProposal.objects.get(
        member_rate__member=world.board, status=RateAdjustmentProposal.Status.PENDING
    )
    before = _snapshot()
    # Through the API
    response = logged_in(world.board).post(
        f"/api/rate-proposals/{proposal.pk}/{decision}/", {"reason": "Mine"}, content_type="application/json"
    )
    assert response.status_code == 403, response.content
    # Through the service, as the shell or a task would call it
    service = getattr(services, f"rate_adjustment_{decision}")
    with pytest.raises(PermissionDenied, match="own rate"):
        service(proposal=proposal, actor=world.board, reason="Mine")
    assert _snapshot() == before
    proposal.refresh_from_db()
    assert proposal.status == RateAdjustmentProposal.Status.PENDING


def test_president_awarding_their_own_bonus_is_refused_at_every_door(world):
    today = timezone.localdate()
    period = {"kind": "president", "period_start": str(today - timedelta(days=30)), "period_end": str(today)}
    before = _snapshot()
    response = logged_in(world.board).post(
        "/api/bonus-awards/", json.dumps({**period, "reason": "Mine"}), content_type="application/json"
    )
    assert response.status_code == 403, response.content
    response = logged_in(world.board).post("/admin/finance/bonusaward/add/", {**period, "change_reason": "Mine"})
    assert response.status_code == 403
    assert _snapshot() == before


def test_closing_a_cycle_that_proposes_your_own_rate_is_refused(world):
    # Given a cycle of the CEO and three teammates who score the CEO highly, with rate changes opted in
    ceo, teammates = world.operations, [world.member, world.secretary, world.treasurer]
    today = timezone.localdate()
    criteria = list(ReviewCriterion.objects.all())
    cycle = services.review_cycle_open(
        name="Summer review",
        period_start=today - timedelta(days=20),
        period_end=today,
        team=[ceo, *teammates],
        criteria=criteria,
        rate_changes_opted_in=True,
        actor=ceo,
        reason="Summer",
    )
    for reviewer in teammates:
        services.review_submit(
            cycle=cycle,
            reviewee=ceo,
            scores={c.pk: 5 for c in criteria},
            comments="Clear plans and a calm hand on every site.",
            actor=reviewer,
            reason="Peer review",
        )
    before = _snapshot()
    # When the CEO closes it, which would propose a higher rate for the CEO
    with pytest.raises(PermissionDenied, match="your own rate"):
        services.review_cycle_close(cycle=cycle, actor=ceo, reason="Done")
    # Then nothing is written and the cycle stays open for another officer to close
    assert _snapshot() == before
    cycle.refresh_from_db()
    assert cycle.status == ReviewCycle.Status.OPEN


def test_president_proposing_an_allocation_that_funds_their_own_bonus_is_refused(
    incorporated, operations_user, board_user
):
    # Given a March with revenue and a posted payroll, so the President's bonus is more than 0
    worker, builder = UserFactory(), band()
    rate(worker, builder, "25.00", board_user)
    internal_hours(worker, date(2026, 3, 5), "8")
    entry([Line("1000", debit="1000.00"), Line("4100", credit="1000.00")], memo="Client work", day=date(2026, 3, 20))
    run_posted(operations_user, board_user)
    officer(Office.Kind.PRESIDENT, user=board_user)
    before = _snapshot()
    # When the President proposes the surplus allocation, which funds the President's bonus
    with pytest.raises(PermissionDenied, match="your own bonus"):
        services.surplus_allocation_propose(
            period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
        )
    # Then nothing is written
    assert _snapshot() == before
