"""The staffing plan: roles needed per period, and who fills them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop.audit import acting

from ..models import Project, ProjectTeamMember, StaffingAssignment, StaffingNeed
from .projects import _locked, check_period, refuse_if_closed, require_manager


@transaction.atomic
def staffing_need_create(
    *, project: Project, role_name: str, period_start: date, period_end: date, headcount: int, actor, reason: str
) -> StaffingNeed:
    """Record a role the project needs for a period. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its staffing plan"))
        refuse_if_closed(project)
        check_period(period_start, period_end, field="period_end", what=_("A staffing period"))
        need = StaffingNeed(
            project=project, role_name=role_name, period_start=period_start, period_end=period_end, headcount=headcount
        )
        need.full_clean()
        need.save()
    return need


@transaction.atomic
def staffing_assign(*, need: StaffingNeed, user, actor, reason: str) -> StaffingAssignment:
    """Fill one place of a staffing need with a team member; a need is never filled past its headcount."""
    with acting(actor, reason):
        project = _locked(need.project)
        require_manager(actor, project, action=_("change its staffing plan"))
        refuse_if_closed(project)
        need = StaffingNeed.objects.get(pk=need.pk)
        if not ProjectTeamMember.objects.filter(project_id=need.project_id, user=user).exists():
            raise ValidationError({"user": _("%(user)s is not on this project's team.") % {"user": user}})
        if StaffingAssignment.objects.filter(need=need, user=user).exists():
            raise ValidationError({"user": _("%(user)s already fills this need.") % {"user": user}})
        if StaffingAssignment.objects.filter(need=need).count() >= need.headcount:
            raise ValidationError({"need": _("This need is already fully staffed.")})
        assignment = StaffingAssignment(need=need, user=user)
        assignment.full_clean()
        assignment.save()
    return assignment


@transaction.atomic
def staffing_unassign(*, assignment: StaffingAssignment, actor, reason: str) -> None:
    """Free a place of a staffing need. Operations or the project's manager."""
    with acting(actor, reason):
        require_manager(actor, _locked(assignment.need.project), action=_("change its staffing plan"))
        StaffingAssignment.objects.get(pk=assignment.pk).delete()
