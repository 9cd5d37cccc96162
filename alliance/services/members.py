"""On an alliance: cooperatives apply by a signed join, the Board admits or refuses each with a
reason that travels back, members publish their profiles, and the alliance sends the directory to
every member whenever it changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.roles import Role
from coop.services_common import require_role
from federation.models import Peer
from federation.services import message_send

from .. import selectors
from ..models import MemberCooperative
from .kinds import ADMITTED, DIRECTORY, REFUSED, checked_name, checked_profile, profile_values

OPEN = (MemberCooperative.Status.APPLIED, MemberCooperative.Status.ADMITTED)


def _refuse_unless_alliance(field: str) -> None:
    if not selectors.installation_is_alliance():
        raise ValidationError(
            {field: _("This installation is a cooperative, not an alliance: it admits no cooperative.")}
        )


def join_apply(peer: Peer, payload: dict) -> None:
    """On an alliance: record the application of the cooperative `peer`, with its name and the
    profile it published. Refused on a cooperative, or while the peer's application or membership is open."""
    _refuse_unless_alliance("kind")
    name = checked_name(payload)
    values = profile_values(checked_profile(payload.get("profile", {})))
    if MemberCooperative.objects.filter(peer=peer, status__in=OPEN).exists():
        raise ValidationError({"peer": _("This cooperative has already applied, or is a member.")})
    MemberCooperative.objects.create(peer=peer, name=name, profile_received_at=timezone.now(), **values)


def leave_apply(peer: Peer, payload: dict) -> None:
    """On an alliance: the cooperative `peer` leaves (or withdraws its application); the others are told."""
    _refuse_unless_alliance("kind")
    member = MemberCooperative.objects.select_for_update().filter(peer=peer, status__in=OPEN).first()
    if member is None:
        raise ValidationError({"peer": _("This cooperative is not a member and has no application waiting.")})
    was_admitted = member.status == MemberCooperative.Status.ADMITTED
    member.transition_to(MemberCooperative.Status.LEFT)
    member.save()
    if was_admitted:
        _directory_send(actor=None, reason=_("A member cooperative left the alliance"))


def profile_apply(peer: Peer, payload: dict) -> None:
    """On an alliance: keep the profile the member `peer` published (the last replaces the one
    before, which stays in the history) and send the directory to every member."""
    _refuse_unless_alliance("kind")
    values = profile_values(checked_profile(payload.get("profile", {})))
    member = (
        MemberCooperative.objects.select_for_update()
        .filter(peer=peer, status=MemberCooperative.Status.ADMITTED)
        .first()
    )
    if member is None:
        raise ValidationError({"peer": _("This cooperative is not a member of the alliance.")})
    for field, value in values.items():
        setattr(member, field, value)
    member.profile_received_at = timezone.now()
    member.save()
    _directory_send(actor=None, reason=_("A member cooperative published its profile"))


def _decide(
    member: MemberCooperative, status: str, *, actor, reason: str, action: str
) -> tuple[MemberCooperative, str]:
    require_role(actor, Role.BOARD, action=action)
    _refuse_unless_alliance("status")
    with acting(actor, reason) as stamp:
        member = MemberCooperative.objects.select_for_update().get(pk=member.pk)
        if member.status != MemberCooperative.Status.APPLIED:
            raise ValidationError({"status": _("This cooperative's application was already decided.")})
        member.transition_to(status)
        member.decided_by = person(actor)
        member.decided_at = timezone.now()
        member.save()
    return member, stamp.reason


@transaction.atomic
def member_admit(*, member: MemberCooperative, actor, reason: str) -> MemberCooperative:
    """Admit a cooperative that applied: it is told, and every member receives the directory. Board only."""
    member, reason = _decide(
        member, MemberCooperative.Status.ADMITTED, actor=actor, reason=reason, action=_("admit a cooperative")
    )
    message_send(peer=member.peer, kind=ADMITTED, payload={}, actor=actor, reason=reason)
    _directory_send(actor=actor, reason=reason)
    return member


@transaction.atomic
def member_refuse(*, member: MemberCooperative, actor, reason: str) -> MemberCooperative:
    """Refuse a cooperative that applied: it is told, with the reason. Board only."""
    member, reason = _decide(
        member, MemberCooperative.Status.REFUSED, actor=actor, reason=reason, action=_("refuse a cooperative")
    )
    message_send(peer=member.peer, kind=REFUSED, payload={"reason": reason}, actor=actor, reason=reason)
    return member


def _directory_send(*, actor, reason: str) -> None:
    """Send every admitted member the directory: each member's name and published fields, no more."""
    admitted = list(selectors.member_cooperatives().filter(status=MemberCooperative.Status.ADMITTED))
    listed = [
        {"key": m.pk, "name": m.name, "profile": {f: getattr(m, f) for f in m.published_fields}} for m in admitted
    ]
    for member in admitted:
        message_send(peer=member.peer, kind=DIRECTORY, payload={"members": listed}, actor=actor, reason=reason)
