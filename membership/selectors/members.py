"""Reads of the member register."""

from __future__ import annotations

from django.db.models import QuerySet

from coop.roles import Role, has_role

from ..models import Member


def members() -> QuerySet[Member]:
    """Return the member register, each member with their account."""
    return Member.objects.select_related("user")


def member_for_user(user) -> Member | None:
    """Return `user`'s membership, or None when they hold none."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("user").filter(user=user).first()


def may_see_personal_data(user) -> bool:
    """Personal data (legal name, email, phone, address) is for the Board and Auditors only."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.BOARD) or has_role(user, Role.AUDITOR)


def member_history(member: Member):
    """Return the register's history of `member`, newest first, with who changed it and why."""
    return member.history.select_related("history_user").order_by("-history_date", "-history_id")
