"""Projects, their team, their manager and their milestones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from coop.audit import acting
from coop.roles import Role
from coop.services_common import require_role

from ..models import ManagerAppointment, Milestone, Project, ProjectTeamMember
from ..selectors import MANAGE_PERMISSION, may_manage

PROJECT_EDITABLE_FIELDS = frozenset(
    {"name", "goal", "client_name", "start_date", "end_date", "budget_hours", "budget_amount"}
)


def _locked(project: Project) -> Project:
    """Lock the project row: every change to a project's plan is serialised through it."""
    return Project.objects.select_for_update().get(pk=project.pk)


def require_may_open_projects(actor) -> None:
    """Refuse with PermissionDenied unless `actor` is Operations: only Operations opens projects."""
    require_role(actor, Role.OPERATIONS, action=_("open projects"))


def require_manager(actor, project: Project, *, action: str) -> None:
    """Refuse `action` on `project` with PermissionDenied unless `actor` is Operations or holds the
    project's manager grant. `project` must be a fresh row, not one annotated for another user."""
    if getattr(actor, "pk", None) is None or not may_manage(actor, project):
        raise PermissionDenied(
            _("Only Operations or the manager of project “%(project)s” may %(action)s.")
            % {"project": project.name, "action": action}
        )


def check_period(start: date, end: date, *, field: str = "end_date", what: str = "") -> None:
    """Refuse an end before the start, naming the field, before the database check would."""
    if start and end and end < start:
        raise ValidationError(
            {
                field: _("%(what)s cannot end (%(end)s) before it starts (%(start)s).")
                % {
                    "what": what or _("It"),
                    "end": formats.date_format(end, "SHORT_DATE_FORMAT"),
                    "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
                }
            }
        )


def refuse_if_closed(project: Project) -> None:
    """Refuse any change to the plan of a completed or cancelled project."""
    if project.is_closed:
        raise ValidationError(
            {
                "project": _("Project “%(name)s” is %(status)s; its plan can no longer change.")
                % {"name": project.name, "status": project.get_status_display()}
            }
        )


@transaction.atomic
def project_create(
    *,
    name: str,
    start_date: date,
    end_date: date,
    goal: str = "",
    client_name: str = "",
    budget_hours: Decimal = Decimal("0"),
    budget_amount: Decimal = Decimal("0"),
    actor,
    reason: str,
) -> Project:
    """Open a project in the proposed status. Operations only."""
    require_may_open_projects(actor)
    with acting(actor, reason):
        check_period(start_date, end_date, what=_("A project"))
        project = Project(
            name=name,
            goal=goal,
            client_name=client_name,
            start_date=start_date,
            end_date=end_date,
            budget_hours=budget_hours,
            budget_amount=budget_amount,
        )
        project.full_clean()
        project.save()
    return project


@transaction.atomic
def project_update(*, project: Project, actor, reason: str, **changes) -> Project:
    """Change a project's description, dates or budget. Its status changes through `project_status_change`.
    Operations or the project's manager."""
    unknown = set(changes) - PROJECT_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        for name, value in changes.items():
            setattr(project, name, value)
        check_period(project.start_date, project.end_date, what=_("A project"))
        project.full_clean()
        project.save()
    return project


@transaction.atomic
def project_status_change(*, project: Project, status: str, actor, reason: str) -> Project:
    """Move the project to `status` along its lifecycle. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its status"))
        project.transition_to(status)
        project.full_clean()
        project.save()
    return project


@transaction.atomic
def project_team_add(
    *, project: Project, user, role_name: str = "", joined_on: date | None = None, actor, reason: str
) -> ProjectTeamMember:
    """Put `user` on the project's team. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its team"))
        refuse_if_closed(project)
        if ProjectTeamMember.objects.filter(project=project, user=user).exists():
            raise ValidationError({"user": _("%(user)s is already on this project's team.") % {"user": user}})
        member = ProjectTeamMember(
            project=project, user=user, role_name=role_name, joined_on=joined_on or timezone.localdate()
        )
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def project_team_remove(*, project: Project, user, actor, reason: str) -> None:
    """Take `user` off the team; a manager must first be removed as manager. Operations or the
    project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its team"))
        if ManagerAppointment.objects.filter(project=project, user=user, ended_at__isnull=True).exists():
            raise ValidationError(
                {"user": _("Remove %(user)s as manager before taking them off the team.") % {"user": user}}
            )
        member = ProjectTeamMember.objects.filter(project=project, user=user).first()
        if member is None:
            raise ValidationError({"user": _("%(user)s is not on this project's team.") % {"user": user}})
        member.delete()


@transaction.atomic
def project_manager_assign(*, project: Project, user, actor, reason: str) -> ManagerAppointment:
    """Give `user` the manager's object permission on `project`; they join the team if not on it.
    Operations only: a manager does not appoint managers."""
    require_role(actor, Role.OPERATIONS, action=_("appoint project managers"))
    with acting(actor, reason):
        project = _locked(project)
        refuse_if_closed(project)
        if ManagerAppointment.objects.filter(project=project, user=user, ended_at__isnull=True).exists():
            raise ValidationError({"user": _("%(user)s already manages this project.") % {"user": user}})
        if not ProjectTeamMember.objects.filter(project=project, user=user).exists():
            member = ProjectTeamMember(
                project=project, user=user, role_name=_("Manager"), joined_on=timezone.localdate()
            )
            member.full_clean()
            member.save()
        appointment = ManagerAppointment(project=project, user=user, appointed_at=timezone.now())
        appointment.full_clean()
        appointment.save()
        assign_perm(f"projects.{MANAGE_PERMISSION}", user, project)
    return appointment


@transaction.atomic
def project_manager_remove(*, project: Project, user, actor, reason: str) -> ManagerAppointment:
    """Take the manager's object permission on `project` away from `user`. Operations only."""
    require_role(actor, Role.OPERATIONS, action=_("remove project managers"))
    with acting(actor, reason):
        project = _locked(project)
        appointment = ManagerAppointment.objects.filter(project=project, user=user, ended_at__isnull=True).first()
        if appointment is None:
            raise ValidationError({"user": _("%(user)s does not manage this project.") % {"user": user}})
        appointment.ended_at = timezone.now()
        appointment.full_clean()
        appointment.save()
        remove_perm(f"projects.{MANAGE_PERMISSION}", user, project)
    return appointment


@transaction.atomic
def milestone_create(*, project: Project, name: str, due_date: date, actor, reason: str) -> Milestone:
    """Add a milestone to the project's plan. Operations or the project's manager."""
    with acting(actor, reason):
        project = _locked(project)
        require_manager(actor, project, action=_("change its plan"))
        refuse_if_closed(project)
        milestone = Milestone(project=project, name=name, due_date=due_date)
        milestone.full_clean()
        milestone.save()
    return milestone
