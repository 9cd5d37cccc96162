"""Writes of the projects app. Each takes the acting person and a reason, runs in one
transaction and leaves its trail in the history."""

from .projects import (
    milestone_create,
    project_create,
    project_manager_assign,
    project_manager_remove,
    project_status_change,
    project_team_add,
    project_team_remove,
    project_update,
    require_may_open_projects,
)
from .staffing import staffing_assign, staffing_need_create, staffing_unassign
from .tasks import dependency_create, dependency_remove, task_assign, task_create, task_update
from .time import time_entry_log

__all__ = [
    "dependency_create",
    "dependency_remove",
    "milestone_create",
    "project_create",
    "project_manager_assign",
    "project_manager_remove",
    "project_status_change",
    "project_team_add",
    "project_team_remove",
    "project_update",
    "require_may_open_projects",
    "staffing_assign",
    "staffing_need_create",
    "staffing_unassign",
    "task_assign",
    "task_create",
    "task_update",
    "time_entry_log",
]
