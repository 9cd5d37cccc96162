"""A cooperative joins an alliance: its Board asks an active peer that is an alliance, the
alliance's answer arrives as a signed message, and the Board may leave. Each step is in the
membership's history; only what the Board chose to publish travels with the request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.roles import Role
from coop.selectors import cooperative_current
from coop.services_common import require_role
from federation.models import Peer
from federation.services import message_send
from finance.services import solidarity_commitment_receive

from .. import selectors
from ..models import AllianceMembership, DirectoryEntry
from .kinds import JOIN, LEAVE, checked_name, checked_profile, profile_values

OPEN = (AllianceMembership.Status.REQUESTED, AllianceMembership.Status.MEMBER)


def _refuse_on_an_alliance(field: str) -> None:
    if selectors.installation_is_alliance():
        raise ValidationError({field: _("This installation is an alliance: only a cooperative joins an alliance.")})


@transaction.atomic
def alliance_join(*, peer: Peer, actor, reason: str) -> AllianceMembership:
    """Ask the alliance `peer` (an active peer) to admit this cooperative: send it the
    cooperative's name and the fields of its directory profile the Board publishes. Board only;
    refused on an alliance, to a peer not active, or while a request or membership is open."""
    require_role(actor, Role.BOARD, action=_("ask to join an alliance"))
    _refuse_on_an_alliance("peer")
    with acting(actor, reason) as stamp:
        peer = Peer.objects.select_for_update().get(pk=peer.pk)
        if peer.status != Peer.Status.ACTIVE:
            raise ValidationError({"peer": _("Only an active peer can be asked: approve it first.")})
        if AllianceMembership.objects.filter(alliance=peer, status__in=OPEN).exists():
            raise ValidationError({"peer": _("This cooperative already asked this alliance, or belongs to it.")})
        membership = AllianceMembership.objects.create(alliance=peer, requested_by=person(actor))
        cooperative = cooperative_current()
        payload = {
            "name": cooperative.name if cooperative else "",
            "profile": selectors.profile_payload(selectors.directory_profile()),
        }
        message_send(peer=peer, kind=JOIN, payload=payload, actor=actor, reason=stamp.reason)
    return membership


@transaction.atomic
def alliance_leave(*, membership: AllianceMembership, actor, reason: str) -> AllianceMembership:
    """Leave an alliance (or withdraw the request to join it) and tell it. Board only."""
    require_role(actor, Role.BOARD, action=_("leave an alliance"))
    with acting(actor, reason) as stamp:
        membership = AllianceMembership.objects.select_for_update().get(pk=membership.pk)
        membership.transition_to(AllianceMembership.Status.LEFT)
        membership.decided_at = timezone.now()
        membership.save()
        message_send(peer=membership.alliance, kind=LEAVE, payload={}, actor=actor, reason=stamp.reason)
    return membership


def _open_request(peer: Peer) -> AllianceMembership:
    membership = (
        AllianceMembership.objects.select_for_update()
        .filter(alliance=peer, status=AllianceMembership.Status.REQUESTED)
        .first()
    )
    if membership is None:
        raise ValidationError({"alliance": _("This cooperative has no request waiting at this peer.")})
    return membership


def admitted_apply(peer: Peer, payload: dict) -> None:
    """On a cooperative: the alliance `peer` admitted it; the membership is recorded."""
    _refuse_on_an_alliance("kind")
    membership = _open_request(peer)
    membership.transition_to(AllianceMembership.Status.MEMBER)
    membership.decided_at = timezone.now()
    membership.save()


def refused_apply(peer: Peer, payload: dict) -> None:
    """On a cooperative: the alliance `peer` refused it; the refusal and the alliance's reason are kept."""
    _refuse_on_an_alliance("kind")
    reason = payload.get("reason", "")
    if not isinstance(reason, str) or len(reason) > 2000:
        raise ValidationError({"reason": _("Give a text of at most %(longest)s characters.") % {"longest": 2000}})
    membership = _open_request(peer)
    membership.transition_to(AllianceMembership.Status.REFUSED)
    membership.decided_at = timezone.now()
    membership.alliance_reason = reason
    membership.save()


def solidarity_contribution_apply(peer: Peer, payload: dict) -> None:
    """On a cooperative: record the solidarity contribution the alliance `peer` voted. Only an
    alliance this cooperative belongs to sets one: from any other peer, or on an alliance, the
    message is refused and nothing is written."""
    _refuse_on_an_alliance("kind")
    if not AllianceMembership.objects.filter(alliance=peer, status=AllianceMembership.Status.MEMBER).exists():
        raise ValidationError(
            {"peer": _("Only an alliance this cooperative belongs to sets its solidarity contribution.")}
        )
    solidarity_commitment_receive(peer, payload)


def directory_apply(peer: Peer, payload: dict) -> None:
    """On a member cooperative: the alliance `peer` sent its directory; it replaces the last one."""
    _refuse_on_an_alliance("kind")
    if not AllianceMembership.objects.filter(alliance=peer, status=AllianceMembership.Status.MEMBER).exists():
        raise ValidationError({"alliance": _("This cooperative is not a member of this peer.")})
    listed = payload.get("members")
    if not isinstance(listed, list):
        raise ValidationError({"members": _("A directory is a list of member cooperatives.")})
    entries = []
    for row in listed:
        if not isinstance(row, dict) or not isinstance(row.get("key"), int) or isinstance(row.get("key"), bool):
            raise ValidationError({"members": _("Each member cooperative has a whole-number key.")})
        values = profile_values(checked_profile(row.get("profile", {})))
        entries.append((row["key"], checked_name(row), values))
    kept = set()
    for key, name, values in entries:
        DirectoryEntry.objects.update_or_create(
            alliance=peer, listed_key=key, defaults={"name": name, "received_at": timezone.now(), **values}
        )
        kept.add(key)
    for gone in DirectoryEntry.objects.filter(alliance=peer).exclude(listed_key__in=kept):
        gone.delete()
