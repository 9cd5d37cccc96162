"""Factories for the membership app. They build state through the services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from coop.audit import acting
from coop.models import PolicyNumber
from coop.policy import definition
from membership import services
from membership.models import Member
from tests.factories.coop import UserFactory, role_officer

REASON = "test setup"


def policy_set(key: str, value) -> None:
    """Stand in for a General Conference vote (governance's job) by storing a policy number."""
    number = PolicyNumber.objects.get(key=key)
    with acting(None, REASON):
        number.value = definition(key).normalise(value)
        number.adopted_at = timezone.now()
        number.basis = "Test vote"
        number.full_clean()
        number.save()


def member_create(
    *, status: str = Member.Status.OWNER, shares: int = 0, user=None, on: date | None = None, **user_fields
) -> Member:
    """Return a member who reached `status` through the services, holding `shares`."""
    user = user or UserFactory(**user_fields)
    board = role_officer()
    member = services.member_apply(
        user=user, legal_name=user.get_full_name() or user.email, actor=board, reason=REASON, applied_on=on
    )
    if status == Member.Status.APPLICANT:
        return member
    member = services.member_admit(member=member, actor=board, reason=REASON, on=on)
    if shares:
        services.share_purchase(member=member, quantity=shares, actor=board, reason=REASON)
    if status in (Member.Status.OWNER,):
        member = services.member_promote(member=member, actor=board, reason=REASON, on=on)
    elif status == Member.Status.SUSPENDED:
        member = services.member_suspend(member=member, actor=board, reason=REASON, on=on)
    elif status == Member.Status.DEPARTED:
        member = services.member_depart(member=member, actor=board, reason=REASON, on=on)
    member.refresh_from_db()
    return member


def members_create(count: int, **kwargs) -> list[Member]:
    return [member_create(**kwargs) for _ in range(count)]
