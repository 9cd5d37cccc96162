"""Hours on tasks: what finance's payroll will read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.services_common import require_self

from ..models import Project, ProjectTeamMember, Task, TimeEntry
from ..selectors import hours_on_day

MAX_HOURS_PER_DAY = Decimal("24")


@transaction.atomic
def time_entry_log(*, user, task: Task, date: date, hours: Decimal, note: str = "", actor, reason: str) -> TimeEntry:
    """Record hours `user` worked on `task`. Only team members of an active project log hours, on a
    work item (not a summary task), for today or a past day, and one person's hours on one day never
    pass 24. Each person logs their own hours only."""
    require_self(actor, user, action=_("log these hours"))
    with acting(actor, reason):
        # Locking the person's row serialises their entries, so two at once cannot pass 24 hours together.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        task = Task.objects.select_related("project").get(pk=task.pk)
        if not ProjectTeamMember.objects.filter(project_id=task.project_id, user=user).exists():
            raise ValidationError(
                {
                    "task": _("You are not on the team of project “%(project)s”; log hours only on your projects.")
                    % {"project": task.project.name}
                }
            )
        if task.project.status != Project.Status.ACTIVE:
            raise ValidationError(
                {
                    "task": _("Project “%(project)s” is %(status)s; hours are logged only on active projects.")
                    % {"project": task.project.name, "status": task.project.get_status_display()}
                }
            )
        if task.children.exists():
            raise ValidationError(
                {
                    "task": _("“%(task)s” sums up its subtasks; log the hours on the subtask you worked on.")
                    % {"task": task.name}
                }
            )
        if date is None or date > timezone.localdate():
            raise ValidationError({"date": _("Hours are logged for today or a day already past, not a day to come.")})
        if hours is None or not Decimal("0") < hours <= MAX_HOURS_PER_DAY:
            raise ValidationError({"hours": _("Hours must be more than 0 and at most 24.")})
        entry = TimeEntry(user=user, task=task, date=date, hours=hours, note=note)
        entry.full_clean()
        already = hours_on_day(user=user, day=date)
        if already + hours > MAX_HOURS_PER_DAY:
            raise ValidationError(
                {
                    "hours": _("%(already)s hours are already logged on %(day)s; a day has at most 24.")
                    % {"already": already, "day": formats.date_format(date, "SHORT_DATE_FORMAT")}
                }
            )
        entry.save()
    return entry
