"""The demo cooperative's register: members in every state, share histories and dues.

Idempotent: a person who already holds a membership is left alone, and the dues schedule,
charges and payments are made only once.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import DuesPayment, DuesSchedule, Member

# The labels are written in the active language (`seed_demo --language`).
REASON = gettext_lazy("Demo cooperative")

# Per person: the status they reach and how many shares they buy.
APPLICANTS = {"tariq.aziz@demo.coop", "uma.patel@demo.coop"}
PROVISIONAL = {"quinn.murphy@demo.coop", "ravi.shah@demo.coop", "sofia.lindqvist@demo.coop"}
SUSPENDED = {"omar.farouk@demo.coop"}
DEPARTED = {"victor.dubois@demo.coop"}
NOT_MEMBERS = {"auditor@demo.coop"}
IN_ARREARS = {"ben.carter@demo.coop", "grace.owusu@demo.coop", "quinn.murphy@demo.coop"}
# The demo member has paid all but the latest period, so the portal home shows dues owed.
LATEST_UNPAID = {"member@demo.coop"}


def _status_for(email: str) -> str:
    for group, status in [
        (APPLICANTS, Member.Status.APPLICANT),
        (PROVISIONAL, Member.Status.PROVISIONAL),
        (SUSPENDED, Member.Status.SUSPENDED),
        (DEPARTED, Member.Status.DEPARTED),
    ]:
        if email in group:
            return status
    return Member.Status.OWNER


def seed(context) -> None:
    today = timezone.localdate()
    actor = context.actor
    created = []
    for email, user in context.users.items():
        if email in NOT_MEMBERS or hasattr(user, "membership"):
            continue
        status = _status_for(email)
        member = services.member_apply(
            user=user,
            legal_name=user.get_full_name(),
            actor=actor,
            reason=str(REASON),
            applied_on=today - timedelta(days=420),
        )
        if status != Member.Status.APPLICANT:
            admitted = today - timedelta(days=60 if status == Member.Status.PROVISIONAL else 400)
            member = services.member_admit(member=member, actor=actor, reason=str(REASON), on=admitted)
            # Two shares each first: the 10 % cap binds from the tenth holder on.
            services.share_purchase(member=member, quantity=2, actor=actor, reason=str(REASON))
        if status in (Member.Status.OWNER, Member.Status.SUSPENDED, Member.Status.DEPARTED):
            member = services.member_promote(
                member=member, actor=actor, reason=str(REASON), on=today - timedelta(days=220)
            )
        created.append((member, status))
    for index, (member, status) in enumerate(created):
        if member.has_rights and index % 4:
            services.share_purchase(member=member, quantity=index % 4, actor=actor, reason=_("Demo: more shares"))
        if status == Member.Status.SUSPENDED:
            services.member_suspend(member=member, actor=actor, reason=_("Demo: dues unpaid for a year"))
        elif status == Member.Status.DEPARTED:
            services.member_depart(member=member, actor=actor, reason=_("Demo: moved away"))
        elif status == Member.Status.OWNER and member.pk % 3 == 0:
            services.share_redeem(member=member, quantity=1, actor=actor, reason=_("Demo: partial redemption"))
    if created:
        _seed_dues(context, today)


def _seed_dues(context, today) -> None:
    actor = context.actor
    schedule = DuesSchedule.objects.filter(active=True).first() or services.dues_schedule_create(
        name=_("Club-phase dues"),
        actor=actor,
        reason=str(REASON),
        starts_on=today - timedelta(days=89),
    )
    for offset in range(0, 90, schedule.period_days):
        services.dues_charge_period(
            schedule=schedule, actor=actor, reason=str(REASON), period_start=schedule.starts_on + timedelta(days=offset)
        )
    if DuesPayment.objects.exists():
        return
    for member in Member.objects.with_rights().select_related("user"):
        if member.user.email in IN_ARREARS:
            continue
        charges = list(member.dues_charges.order_by("period_start"))
        if member.user.email in LATEST_UNPAID:
            charges = charges[:-1]
        paid = sum((c.amount for c in charges), Decimal("0.00"))
        if paid:
            services.dues_payment_record(
                member=member, amount=paid, actor=actor, reason=str(REASON), reference=f"DEMO-{member.pk}"
            )
