"""The recruitment and dues steps follow the register; the demo seeds every state, once."""

from collections import Counter
from decimal import Decimal

from django.core.management import call_command

from coop import startup
from membership import selectors, services
from membership.models import DuesPayment, Member, ShareTransaction
from tests.factories.coop import role_officer
from tests.factories.membership import member_create, policy_set


def _step(cooperative, key):
    return next(s for s in startup.evaluate(cooperative) if s.key == key)


def test_recruitment_is_done_when_enough_members_are_admitted(cooperative):
    policy_set("recruitment_target", 2)
    member_create(status=Member.Status.APPLICANT)
    member_create()
    assert "1 more" in _step(cooperative, "recruitment").needs[0]
    member_create(status=Member.Status.PROVISIONAL)
    assert _step(cooperative, "recruitment").state == startup.StepState.DONE


def test_dues_step_needs_an_active_schedule_and_payments(cooperative):
    assert "dues schedule" in _step(cooperative, "dues").needs[0]
    services.dues_schedule_create(name="Dues", actor=role_officer(), reason="x")
    assert "first dues payments" in _step(cooperative, "dues").needs[0]
    services.dues_payment_record(member=member_create(), amount=Decimal("25"), actor=role_officer(), reason="x")
    assert _step(cooperative, "dues").needs == []


def test_the_demo_has_every_state_share_histories_and_dues_and_runs_twice(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (
        Member.objects.count(),
        ShareTransaction.objects.count(),
        DuesPayment.objects.count(),
        Member.history.count(),
    )
    call_command("seed_demo", password="pw-for-tests-123")
    assert (
        Member.objects.count(),
        ShareTransaction.objects.count(),
        DuesPayment.objects.count(),
        Member.history.count(),
    ) == counts
    assert set(Counter(Member.objects.values_list("status", flat=True))) == set(Member.Status.values)
    assert ShareTransaction.objects.filter(kind="redemption").exists()
    assert selectors.members_in_arrears().exists()
    assert not selectors.ledger_mismatches().exists()
    assert Member.objects.get(user__email="member@demo.coop").status == Member.Status.OWNER
