"""Every membership write service checks who acts: a forbidden actor gets PermissionDenied and
nothing is written; the allowed actor succeeds. The same check meets every door."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coop.models import User
from membership import services
from membership.models import (
    DuesCharge,
    DuesPayment,
    DuesReminder,
    DuesSchedule,
    Member,
    ShareRequest,
    ShareTransaction,
)
from tests.factories.coop import UserFactory
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db

MODELS = [Member, ShareTransaction, ShareRequest, DuesSchedule, DuesCharge, DuesPayment, DuesReminder]


def _written() -> tuple:
    """Every row and every history row of the register: a write of any kind changes one of them."""
    return (
        User.objects.count(),
        *(model.objects.count() for model in MODELS),
        *(model.history.count() for model in MODELS),
        tuple(Member.objects.order_by("pk").values_list("status", "share_balance", "phone")),
    )


@pytest.fixture
def people(cooperative, board_user, operations_user, member_user, auditor_user):
    """The actors: the Board, a plain member (an owner), the Auditor, a stranger with no membership,
    Operations (the wrong office for the register)."""
    member_create(user=member_user)
    return {
        "board": board_user,
        "member": member_user,
        "auditor": auditor_user,
        "stranger": UserFactory(email="stranger@example.coop"),
        "operations": operations_user,
    }


@pytest.fixture
def state(people):
    """What the services act on: an applicant, an owner with shares, a suspended member, a pending
    share request, an active dues schedule."""
    board = people["board"]
    owner = member_create(status=Member.Status.OWNER, shares=3)
    schedule = services.dues_schedule_create(name="Dues", actor=board, reason="setup", amount=Decimal("10.00"))
    services.dues_charge_period(schedule=schedule, actor=board, reason="setup")  # everyone in arrears
    return {
        "applicant": member_create(status=Member.Status.APPLICANT),
        "owner": owner,
        "provisional": member_create(status=Member.Status.PROVISIONAL),
        "suspended": member_create(status=Member.Status.SUSPENDED),
        "newcomer": UserFactory(email="newcomer@example.coop"),
        "request": services.share_request_submit(
            member=owner, kind="purchase", quantity=1, actor=owner.user, reason="More"
        ),
        "schedule": schedule,
    }


BOARD_SERVICES = {
    "member_apply": lambda s, actor: services.member_apply(
        user=s["newcomer"], legal_name="New Person", actor=actor, reason="r"
    ),
    "member_admit": lambda s, actor: services.member_admit(member=s["applicant"], actor=actor, reason="r"),
    "member_promote": lambda s, actor: services.member_promote(member=s["provisional"], actor=actor, reason="r"),
    "member_suspend": lambda s, actor: services.member_suspend(member=s["owner"], actor=actor, reason="r"),
    "member_reinstate": lambda s, actor: services.member_reinstate(member=s["suspended"], actor=actor, reason="r"),
    "member_depart": lambda s, actor: services.member_depart(member=s["owner"], actor=actor, reason="r"),
    "members_promote_due": lambda s, actor: services.members_promote_due(
        actor=actor, reason="r", today=date.today() + timedelta(days=3650)
    ),
    "member_import": lambda s, actor: services.member_import(
        email="imported@example.coop", legal_name="Imported", status="applicant", actor=actor, reason="r"
    ),
    "member_update": lambda s, actor: services.member_update(
        member=s["owner"], actor=actor, reason="r", phone="555-0199"
    ),
    "share_purchase": lambda s, actor: services.share_purchase(member=s["owner"], quantity=1, actor=actor, reason="r"),
    "share_redeem": lambda s, actor: services.share_redeem(member=s["owner"], quantity=1, actor=actor, reason="r"),
    "share_request_approve": lambda s, actor: services.share_request_approve(
        share_request=s["request"], actor=actor, reason="r"
    ),
    "share_request_reject": lambda s, actor: services.share_request_reject(
        share_request=s["request"], actor=actor, reason="r"
    ),
    "dues_schedule_create": lambda s, actor: services.dues_schedule_create(name="New", actor=actor, reason="r"),
    "dues_charge_period": lambda s, actor: services.dues_charge_period(
        schedule=s["schedule"],
        period_start=s["schedule"].starts_on + timedelta(days=s["schedule"].period_days),
        actor=actor,
        reason="r",
    ),
    "dues_payment_record": lambda s, actor: services.dues_payment_record(
        member=s["owner"], amount=Decimal("10.00"), actor=actor, reason="r"
    ),
    "dues_reminders_send": lambda s, actor: services.dues_reminders_send(actor=actor, reason="r"),
}

FORBIDDEN = ["member", "auditor", "stranger", "operations"]


@pytest.mark.parametrize("who", FORBIDDEN)
@pytest.mark.parametrize("name", sorted(BOARD_SERVICES))
def test_the_register_refuses_everyone_but_the_board(people, state, name, who):
    # given the register as it stands
    before = _written()
    # when someone other than the Board calls the service
    with pytest.raises(PermissionDenied, match="Only the Board"):
        BOARD_SERVICES[name](state, people[who])
    # then nothing is written
    assert _written() == before


@pytest.mark.parametrize("name", sorted(BOARD_SERVICES))
def test_the_board_may_act(people, state, name):
    before = _written()
    BOARD_SERVICES[name](state, people["board"])
    assert _written() != before


@pytest.mark.parametrize("name", ["member_promote", "members_promote_due", "dues_charge_period", "dues_reminders_send"])
def test_the_scheduled_tasks_act_as_the_system(people, state, name):
    # the scheduled task passes no actor: the cooperative itself acts
    before = _written()
    BOARD_SERVICES[name](state, None)
    assert _written() != before


@pytest.mark.parametrize("name", ["member_suspend", "share_purchase", "dues_payment_record", "member_update"])
def test_no_actor_is_refused_where_no_task_calls_the_service(people, state, name):
    before = _written()
    with pytest.raises(PermissionDenied):
        BOARD_SERVICES[name](state, None)
    assert _written() == before


@pytest.mark.parametrize("who", ["board", "auditor", "stranger", "operations", "member"])
def test_only_the_member_asks_for_their_own_shares(people, state, who):
    # given an owner, and someone else (the Board included) asking in their name
    before = _written()
    with pytest.raises(PermissionDenied):
        services.share_request_submit(member=state["owner"], kind="purchase", quantity=1, actor=people[who], reason="r")
    assert _written() == before
    # the owner asks for themselves
    request = services.share_request_submit(
        member=state["owner"], kind="purchase", quantity=1, actor=state["owner"].user, reason="r"
    )
    assert request.member == state["owner"]


def test_a_person_applies_for_themselves_but_not_for_someone_else(people):
    applicant = UserFactory(email="self@example.coop")
    before = _written()
    with pytest.raises(PermissionDenied):
        services.member_apply(user=applicant, legal_name="Self", actor=people["stranger"], reason="r")
    assert _written() == before
    member = services.member_apply(user=applicant, legal_name="Self", actor=applicant, reason="r")
    assert member.status == Member.Status.APPLICANT and member.user == applicant
