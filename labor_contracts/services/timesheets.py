"""Writes for timesheets: owners log and submit their hours; a manager approves or returns them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.models import User
from coop.roles import Role
from coop.services_common import exact_decimal, require_role

from ..models import Assignment, LaborContract, TimesheetEntry
from ..models.timesheets import MAX_HOURS_PER_DAY

Status = TimesheetEntry.Status


def _check_hours(hours):
    hours = exact_decimal(hours, field="hours", max_digits=4, decimal_places=2)
    if hours <= 0:
        raise ValidationError({"hours": _("Hours must be more than 0.")})
    if hours > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": _("A day has at most 24 hours.")})
    return hours


@transaction.atomic
def timesheet_log(
    *, owner, contract: LaborContract, day: date, hours, description: str = "", actor, reason: str
) -> TimesheetEntry:
    """Write `owner`'s hours on `contract` for `day`, or change them while they are still a draft or
    returned. Only the owner logs their own hours."""
    if person(actor) is None or actor.pk != owner.pk:
        raise PermissionDenied(_("Owners log their own hours only."))
    hours = _check_hours(hours)
    with acting(actor, reason):
        # Locking the owner serialises their writes, so two contracts cannot together pass 24 hours a day.
        User.objects.select_for_update().get(pk=owner.pk)
        contract = LaborContract.objects.get(pk=contract.pk)
        if contract.status != LaborContract.Status.ACTIVE:
            raise ValidationError({"contract": _("Hours are logged only on an active contract.")})
        assignment = Assignment.objects.filter(contract=contract, owner=owner, status=Assignment.Status.ACTIVE).first()
        if assignment is None:
            raise ValidationError({"contract": _("You are not assigned to this contract.")})
        if not (contract.starts_on <= day <= contract.ends_on):
            raise ValidationError(
                {
                    "day": _("%(day)s is outside the contract (%(start)s to %(end)s).")
                    % {
                        "day": date_format(day),
                        "start": date_format(contract.starts_on),
                        "end": date_format(contract.ends_on),
                    }
                }
            )
        if day > timezone.localdate():
            raise ValidationError({"day": _("Hours cannot be logged for a day still to come.")})
        entry = TimesheetEntry.objects.select_for_update().filter(contract=contract, owner=owner, day=day).first()
        if entry is not None and not entry.is_editable:
            raise ValidationError(
                {
                    "hours": _("These hours are %(status)s and locked; they can no longer change.")
                    % {"status": entry.get_status_display().lower()}
                }
            )
        elsewhere = (
            TimesheetEntry.objects.filter(owner=owner, day=day).exclude(contract=contract).aggregate(total=Sum("hours"))
        )["total"] or 0
        if elsewhere + hours > MAX_HOURS_PER_DAY:
            raise ValidationError(
                {
                    "hours": _("With %(other)s hours on other contracts that day, %(hours)s more would pass 24.")
                    % {"other": elsewhere, "hours": hours}
                }
            )
        if entry is None:
            entry = TimesheetEntry(assignment=assignment, contract=contract, owner=owner, day=day)
        entry.hours = hours
        entry.description = description
        entry.full_clean()
        entry.save()
    return entry


@transaction.atomic
def timesheet_submit(*, entry: TimesheetEntry, actor, reason: str) -> TimesheetEntry:
    """Send a draft or returned entry to a manager for approval."""
    if person(actor) is None or actor.pk != entry.owner_id:
        raise PermissionDenied(_("Owners submit their own hours only."))
    with acting(actor, reason):
        entry = TimesheetEntry.objects.select_for_update().get(pk=entry.pk)
        entry.transition_to(Status.SUBMITTED)
        entry.submitted_at = timezone.now()
        entry.full_clean()
        entry.save()
    return entry


def _review(entry: TimesheetEntry, status: str, actor, comment: str = "") -> TimesheetEntry:
    require_role(actor, Role.OPERATIONS, action=_("review timesheets (a manager)"))
    entry = TimesheetEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.owner_id == actor.pk:
        raise ValidationError({"reviewed_by": _("No one approves or returns their own hours; ask another manager.")})
    entry.transition_to(status)
    entry.reviewed_by = actor
    entry.reviewed_at = timezone.now()
    entry.review_comment = comment
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def timesheet_approve(*, entry: TimesheetEntry, actor, reason: str, comment: str = "") -> TimesheetEntry:
    """Approve submitted hours: they become billable."""
    with acting(actor, reason):
        return _review(entry, Status.APPROVED, actor, comment)


@transaction.atomic
def timesheet_return(*, entry: TimesheetEntry, comment: str, actor, reason: str) -> TimesheetEntry:
    """Send submitted hours back to the owner with a comment saying what to fix."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the owner should fix.")})
    with acting(actor, reason):
        return _review(entry, Status.RETURNED, actor, comment)
