"""The startup steps this app owns, decided from the register and the dues ledger."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from coop.selectors import policy_value

from .models import DuesPayment, DuesSchedule, Member


def recruitment_check(cooperative) -> tuple[list[str], str]:
    """Done once as many people are admitted (provisional owners or owners) as the target asks."""
    target = policy_value("recruitment_target")
    count = Member.objects.with_rights().count()
    if count < target:
        return [
            _("Recruit %(missing)s more members (%(count)s of %(target)s admitted).")
            % {"missing": target - count, "count": count, "target": target}
        ], reverse("admin:membership_member_changelist")
    return [], ""


def dues_check(cooperative) -> tuple[list[str], str]:
    """Done when a dues schedule is active and members have paid into it (or once incorporated)."""
    if cooperative is not None and cooperative.is_incorporated:
        return [], ""
    needs = []
    schedule = DuesSchedule.objects.filter(active=True).first()
    if schedule is None:
        needs.append(_("Start a dues schedule for the club phase."))
    elif not DuesPayment.objects.filter(paid_on__gte=schedule.starts_on).exists():
        needs.append(_("Collect the first dues payments under the active schedule."))
    return needs, reverse("admin:membership_duesschedule_changelist")
