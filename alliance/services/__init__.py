"""Every write of the alliance: joining and leaving (on a cooperative), admitting and refusing
cooperatives (on an alliance), the directory profile, and the handlers of the messages it receives."""

from finance.services import SOLIDARITY_CONTRIBUTION

from .directory import profile_publish, profile_update
from .joining import (
    admitted_apply,
    alliance_join,
    alliance_leave,
    directory_apply,
    refused_apply,
    solidarity_contribution_apply,
)
from .kinds import ADMITTED, DIRECTORY, JOIN, LEAVE, PROFILE, REFUSED
from .members import join_apply, leave_apply, member_admit, member_refuse, profile_apply

HANDLERS = {
    JOIN: join_apply,
    ADMITTED: admitted_apply,
    REFUSED: refused_apply,
    LEAVE: leave_apply,
    PROFILE: profile_apply,
    DIRECTORY: directory_apply,
    SOLIDARITY_CONTRIBUTION: solidarity_contribution_apply,
}

__all__ = [
    "HANDLERS",
    "admitted_apply",
    "alliance_join",
    "alliance_leave",
    "directory_apply",
    "join_apply",
    "leave_apply",
    "member_admit",
    "member_refuse",
    "profile_apply",
    "profile_publish",
    "profile_update",
    "refused_apply",
    "solidarity_contribution_apply",
]
