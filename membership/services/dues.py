"""Writes of club-phase dues: schedules, charges per period, payments and reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from coop.audit import acting, history_kwargs, person
from coop.ledger_feed import ledger_record_ready
from coop.models import NoticeKind
from coop.money import MONEY
from coop.notices import notices_send
from coop.roles import Role
from coop.selectors import cooperative_current, policy_value
from coop.services_common import exact_decimal, require_role

from ..models import DuesCharge, DuesPayment, DuesReminder, DuesSchedule, Member
from ..selectors import members_in_arrears


@transaction.atomic
def dues_schedule_create(
    *,
    name: str,
    actor,
    reason: str,
    starts_on: date | None = None,
    amount: Decimal | None = None,
    period_days: int | None = None,
) -> DuesSchedule:
    """Start a dues schedule (the policy numbers' amount and period unless given); it replaces the
    active one. The Board only."""
    require_role(actor, Role.BOARD, action=_("set dues schedules"))
    with acting(actor, reason):
        for previous in DuesSchedule.objects.select_for_update().filter(active=True):
            previous.active = False
            previous.full_clean()
            previous.save()
        schedule = DuesSchedule(
            name=name,
            amount=policy_value("dues_amount") if amount is None else amount,
            period_days=policy_value("dues_period_days") if period_days is None else period_days,
            starts_on=starts_on or timezone.localdate(),
        )
        schedule.full_clean()
        schedule.save()
    return schedule


DUES_POLICY_KEYS = {"dues_amount": "amount", "dues_period_days": "period_days"}


@transaction.atomic
def dues_schedule_follow_policy(
    *, key: str, old_value: str, new_value: str, basis: str, actor, reason: str
) -> DuesSchedule | None:
    """When a vote changes the dues amount or period, replace the active schedule by one that
    charges the new values from the start of its next period (the period under way was charged
    at the old amount). Return the new schedule, or None when nothing depends on `key`.

    Run from the adoption of the policy number (a hook `MembershipConfig.ready()` registers):
    the certification of the motion checked who acts, so no role is checked here."""
    field = DUES_POLICY_KEYS.get(key)
    if field is None:
        return None
    with acting(actor, reason):
        current = DuesSchedule.objects.select_for_update().filter(active=True).first()
        parse = Decimal if field == "amount" else int
        if current is None or parse(getattr(current, field)) == parse(new_value):
            return None
        today = timezone.localdate()
        if today < current.starts_on:
            starts_on = current.starts_on  # nothing was charged yet: the new values apply from the first day
        else:
            starts_on = period_containing(current, today)[1] + timedelta(days=1)
        values = {"amount": current.amount, "period_days": current.period_days}
        values[field] = parse(new_value)
        current.active = False
        current.full_clean()
        current.save()
        schedule = DuesSchedule(
            name=_("%(name)s, as changed by %(basis)s") % {"name": current.name, "basis": basis},
            starts_on=starts_on,
            **values,
        )
        schedule.name = schedule.name[: DuesSchedule._meta.get_field("name").max_length]
        schedule.full_clean()
        schedule.save()
    return schedule


def period_containing(schedule: DuesSchedule, day: date) -> tuple[date, date]:
    """Return the first and last day of the schedule's period that contains `day`."""
    index = max((day - schedule.starts_on).days // schedule.period_days, 0)
    start = schedule.starts_on + timedelta(days=index * schedule.period_days)
    return start, start + timedelta(days=schedule.period_days - 1)


@transaction.atomic
def dues_charge_period(
    *, schedule: DuesSchedule, actor, reason: str, period_start: date | None = None
) -> list[DuesCharge]:
    """Charge every provisional owner and owner for one period; members already charged are skipped.
    The Board, or the scheduled task (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("charge dues"), system=True)
    if not schedule.active:
        raise ValidationError({"schedule": _("This dues schedule is no longer active.")})
    if period_start is None and timezone.localdate() < schedule.starts_on:
        return []  # a schedule that starts later charges nothing yet
    start, end = period_containing(schedule, period_start or timezone.localdate())
    if period_start is not None and period_start != start:
        raise ValidationError(
            {
                "period_start": _(
                    "A period of this schedule starts every %(days)s days from %(first)s; %(given)s is not such a day."
                )
                % {
                    "days": schedule.period_days,
                    "first": date_format(schedule.starts_on),
                    "given": date_format(period_start),
                }
            }
        )
    with acting(actor, reason):
        charged = DuesCharge.objects.filter(schedule=schedule, period_start=start).values("member_id")
        due = Member.objects.with_rights().exclude(pk__in=charged).order_by("pk").values_list("pk", flat=True)
        charges = [
            DuesCharge(schedule=schedule, member_id=pk, period_start=start, period_end=end, amount=schedule.amount)
            for pk in due
        ]
        for charge in charges:
            # One row's fields, not its keys: the keys come from the query above.
            charge.full_clean(exclude=["schedule", "member"], validate_unique=False, validate_constraints=False)
        return bulk_create_with_history(charges, DuesCharge, **history_kwargs())


@transaction.atomic
def dues_payment_record(
    *, member: Member, amount: Decimal, actor, reason: str, paid_on: date | None = None, reference: str = ""
) -> DuesPayment:
    """Record a dues payment from `member`. The Board only."""
    require_role(actor, Role.BOARD, action=_("record dues payments"))
    amount = exact_decimal(amount, field="amount", **MONEY)
    with acting(actor, reason):
        payment = DuesPayment(
            member=member,
            amount=amount,
            paid_on=paid_on or timezone.localdate(),
            reference=reference,
            recorded_by=person(actor),
        )
        payment.full_clean()
        payment.save()
    ledger_record_ready(prefix="dues-payment", pk=payment.pk)
    return payment


@transaction.atomic
def dues_reminders_send(*, actor, reason: str, members=None, now: datetime | None = None) -> list[DuesReminder]:
    """Email every member in arrears (or those of `members` in arrears) who had no reminder this period.
    The Board, or the scheduled task (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("send dues reminders"), system=True)
    now = now or timezone.now()
    schedule = DuesSchedule.objects.filter(active=True).first()
    period_days = schedule.period_days if schedule else policy_value("dues_period_days")
    recent = DuesReminder.objects.filter(sent_at__gt=now - timedelta(days=period_days)).values("member_id")
    due = members_in_arrears().exclude(status=Member.Status.DEPARTED).exclude(pk__in=recent).order_by("pk")
    if members is not None:
        due = due.filter(pk__in=[m.pk for m in members])
    due = list(due)
    with acting(actor, reason):
        reminders = [DuesReminder(member=m, arrears=m.arrears, sent_at=now) for m in due]
        reminders = bulk_create_with_history(reminders, DuesReminder, **history_kwargs())
    cooperative = cooperative_current()
    link = reverse("membership_portal:dues")
    for member in due:
        # In the member's inbox, and emailed as they chose, once the reminders are committed: a
        # rollback sends nothing. Written in the language the member reads, whoever sends them.
        notices_send([member.user], NoticeKind.DUES_DUE, partial(_reminder_text, member, cooperative), link)
    return reminders


def _reminder_text(member: Member, cooperative) -> tuple[str, str]:
    amount = cooperative.format_amount(member.arrears) if cooperative else f"{member.arrears:.2f}"
    subject = _("Your club-phase dues: %(amount)s outstanding") % {"amount": amount}
    body = _(
        "Dear %(name)s,\n\nOur records show %(amount)s of club-phase dues outstanding. "
        "You can see your charges and payments on the member portal under “My membership”.\n\n"
        "Thank you for building the cooperative with us."
    ) % {"name": member.legal_name, "amount": amount}
    return subject, body
