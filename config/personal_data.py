"""Everything the platform holds about one person, for them to take away (their own data only).

Read-only. It leaves out what would expose someone else: no ballot's choice (a secret vote's
choice is nowhere linked to its voter; a recorded one is left out too, so the export never
becomes a record of how someone voted), and no reviewer of a review written about the person.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from finance.models import MemberRate, PayrollLine, PayrollRun, Review
from governance.models import Participation
from labor_contracts.models import TimesheetEntry
from membership.models import DuesCharge, DuesPayment, Member, ShareTransaction
from projects.models import TimeEntry


def _exact(value):
    """Money, points and hours as exact decimal strings: a JSON encoder would otherwise be free to
    write a Decimal as a float (the API's does), and 0.1 as a float is not 0.1."""
    return format(value, "f") if isinstance(value, Decimal) else value


def _rows(queryset, *fields: str) -> list[dict]:
    return [{key: _exact(value) for key, value in row.items()} for row in queryset.values(*fields)]


def personal_data_export(*, user) -> dict:
    """Return the person's data as JSON-ready values, in a constant number of queries; every
    decimal number (money, points, hours) is an exact decimal string."""
    member = Member.objects.filter(user=user).first()
    membership = None
    if member is not None:
        membership = {
            "legal_name": member.legal_name,
            "status": member.status,
            "phone": member.phone,
            "postal_address": member.postal_address,
            "applied_on": member.applied_on,
            "provisional_since": member.provisional_since,
            "owner_since": member.owner_since,
            "suspended_on": member.suspended_on,
            "departed_on": member.departed_on,
            "shares_held": member.share_balance,
        }
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "membership": membership,
        "share_transactions": _rows(
            ShareTransaction.objects.filter(member__user=user).order_by("occurred_at", "pk"),
            "occurred_at",
            "kind",
            "quantity",
            "balance_after",
            "par_value",
            "amount",
            "note",
        ),
        "dues_charges": _rows(
            DuesCharge.objects.filter(member__user=user).order_by("period_start"),
            "period_start",
            "period_end",
            "amount",
        ),
        "dues_payments": _rows(
            DuesPayment.objects.filter(member__user=user).order_by("paid_on"), "paid_on", "amount", "reference"
        ),
        # That the person took part, and through whom; never what the ballot said.
        "votes_taken_part_in": _rows(
            Participation.objects.filter(voter=user).order_by("cast_at"), "motion__title", "cast_at", "cast_by__email"
        ),
        "timesheets": _rows(
            TimesheetEntry.objects.filter(owner=user).order_by("day"),
            "day",
            "contract__title",
            "hours",
            "description",
            "status",
        ),
        "time_entries": _rows(
            TimeEntry.objects.filter(user=user).order_by("date", "pk"),
            "date",
            "task__project__name",
            "task__name",
            "hours",
            "note",
        ),
        "pay_rates": _rows(
            MemberRate.objects.filter(member=user).order_by("effective_from"), "effective_from", "band__role", "rate"
        ),
        "payslips": _rows(
            PayrollLine.objects.filter(member=user, run__status=PayrollRun.Status.POSTED).order_by("run__period_end"),
            "run__period_start",
            "run__period_end",
            "hours",
            "contract_hours",
            "internal_pay",
            "contract_pay",
            "amount",
        ),
        # Reviews about the person: the words, never who wrote them or when.
        "reviews_about_me": _rows(
            Review.objects.filter(reviewee=user, submitted_at__isnull=False).order_by("cycle__period_end", "pk"),
            "cycle__name",
            "comments",
        ),
    }
