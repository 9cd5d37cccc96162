"""Club-phase dues: schedules, charges per period, payments, arrears and reminders by email."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from membership import selectors, services
from membership.models import DuesCharge, DuesReminder, DuesSchedule, Member
from tests.factories.coop import role_officer
from tests.factories.membership import member_create


def _schedule(**kwargs):
    return services.dues_schedule_create(
        name="Club dues",
        actor=role_officer(),
        reason="Adopted",
        starts_on=kwargs.pop("starts_on", date(2026, 1, 1)),
        **kwargs,
    )


def test_a_schedule_takes_the_policy_numbers_and_replaces_the_active_one(cooperative):
    first = _schedule()
    assert (first.amount, first.period_days) == (Decimal("25.00"), 30)
    second = _schedule(amount=Decimal("10.00"), period_days=7)
    first.refresh_from_db()
    assert not first.active and second.active
    assert DuesSchedule.objects.filter(active=True).count() == 1


@pytest.mark.parametrize(("field", "value"), [("amount", Decimal("0")), ("period_days", 0)])
def test_a_schedule_with_a_zero_amount_or_period_is_refused(cooperative, field, value):
    with pytest.raises(ValidationError) as error:
        _schedule(**{field: value})
    assert field in error.value.message_dict
    assert not DuesSchedule.objects.exists()


def test_charging_a_period_charges_admitted_members_once(cooperative):
    schedule = _schedule()
    owner, provisional = member_create(), member_create(status=Member.Status.PROVISIONAL)
    member_create(status=Member.Status.APPLICANT)
    charges = services.dues_charge_period(schedule=schedule, period_start=date(2026, 1, 31), actor=None, reason="x")
    assert {c.member_id for c in charges} == {owner.pk, provisional.pk}
    assert charges[0].period_end == date(2026, 3, 1)
    again = services.dues_charge_period(schedule=schedule, period_start=date(2026, 1, 31), actor=None, reason="x")
    assert again == [] and DuesCharge.objects.count() == 2
    assert DuesCharge.history.count() == 2


def test_a_period_start_off_the_schedule_is_refused(cooperative):
    schedule = _schedule()
    with pytest.raises(ValidationError) as error:
        services.dues_charge_period(schedule=schedule, period_start=date(2026, 1, 2), actor=None, reason="x")
    assert "period_start" in error.value.message_dict


def test_arrears_are_charges_minus_payments(cooperative):
    schedule = _schedule()
    member = member_create()
    for start in (date(2026, 1, 1), date(2026, 1, 31)):
        services.dues_charge_period(schedule=schedule, period_start=start, actor=None, reason="x")
    services.dues_payment_record(member=member, amount=Decimal("30.00"), actor=role_officer(), reason="Cash")
    assert selectors.dues_arrears(member) == Decimal("20.00")
    with pytest.raises(ValidationError) as error:
        services.dues_payment_record(member=member, amount=Decimal("-5"), actor=role_officer(), reason="x")
    assert "amount" in error.value.message_dict


def test_reminders_email_members_in_arrears_once_per_period(cooperative, django_capture_on_commit_callbacks):
    schedule = _schedule(starts_on=timezone.localdate() - timedelta(days=5))
    late, paid = member_create(), member_create()
    services.dues_charge_period(schedule=schedule, actor=None, reason="x")
    services.dues_payment_record(member=paid, amount=schedule.amount, actor=role_officer(), reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.dues_reminders_send(actor=None, reason="Monthly reminder")
    assert [r.member_id for r in sent] == [late.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [late.user.email]
    assert "25.00" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.dues_reminders_send(actor=None, reason="again") == []
    assert len(mail.outbox) == 1 and DuesReminder.objects.count() == 1


def test_the_reminder_task_sends_through_the_service(cooperative, django_capture_on_commit_callbacks):
    from membership.tasks import dues_charge_current_task, dues_reminders_send_task

    _schedule(starts_on=timezone.localdate())
    member_create()
    assert dues_charge_current_task.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert dues_reminders_send_task.delay().get() == 1
    assert len(mail.outbox) == 1
