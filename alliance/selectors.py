"""Reads of the alliance, shared by the admin and the portal: what this installation is, its
memberships and member cooperatives, the directory, and what it shares with each peer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max, QuerySet

from federation.models import OutboundMessage, Peer
from membership.models import Member
from membership.selectors import members

from .models import AllianceMembership, DirectoryEntry, DirectoryProfile, MemberCooperative

ALLIANCE = "alliance"
OWNER_STATUSES = (Member.Status.PROVISIONAL, Member.Status.OWNER)


def installation_is_alliance() -> bool:
    """Whether this installation is an alliance of cooperatives (setting INSTALLATION_KIND)."""
    return settings.INSTALLATION_KIND == ALLIANCE


def directory_profile() -> DirectoryProfile:
    """Return this cooperative's directory profile; an unsaved blank one, nothing published, before
    the Board first writes it."""
    return DirectoryProfile.objects.order_by("pk").first() or DirectoryProfile()


def owners_count() -> int:
    """Count the owners (provisional or not) in the member register: the size a profile publishes."""
    return members().filter(status__in=OWNER_STATUSES).count()


def profile_payload(profile: DirectoryProfile) -> dict:
    """Return the fields of `profile` the Board chose to publish, and only those, as they travel;
    the size is counted now from the member register."""
    values = {
        "sector": profile.sector,
        "region": profile.region,
        "skills": profile.skills,
        "contracts_sought": profile.contracts_sought,
    }
    published = profile.published_fields
    payload = {field: values[field] for field in published if field != "size"}
    if "size" in published:
        payload["size"] = owners_count()
    return payload


def alliance_memberships() -> QuerySet[AllianceMembership]:
    """Return this cooperative's requests to join alliances and memberships, with each alliance."""
    return AllianceMembership.objects.select_related("alliance", "requested_by")


def alliances_joined() -> QuerySet[Peer]:
    """Return the alliances that admitted this cooperative and that it has not left."""
    return Peer.objects.filter(memberships_here__status=AllianceMembership.Status.MEMBER).distinct()


def peers_to_join() -> QuerySet[Peer]:
    """Return the active peers this cooperative may ask to join: none it already asked or belongs to."""
    open_statuses = (AllianceMembership.Status.REQUESTED, AllianceMembership.Status.MEMBER)
    return Peer.objects.active().exclude(memberships_here__status__in=open_statuses)


def member_cooperatives() -> QuerySet[MemberCooperative]:
    """Return the alliance's member cooperatives and applications, each with its peer and who decided."""
    return MemberCooperative.objects.select_related("peer", "decided_by")


def directory() -> list[ProfileRow]:
    """Return the directory this installation shows, in one query: on an alliance, its admitted
    member cooperatives; on a cooperative, the entries its alliances last sent. Only published
    fields are kept."""
    if installation_is_alliance():
        rows = member_cooperatives().filter(status=MemberCooperative.Status.ADMITTED)
        return [ProfileRow(name=r.name, alliance="", shown=r.shown) for r in rows]
    entries = DirectoryEntry.objects.select_related("alliance").filter(
        alliance__memberships_here__status=AllianceMembership.Status.MEMBER
    )
    return [ProfileRow(name=e.name, alliance=e.alliance.name, shown=e.shown) for e in entries.distinct()]


@dataclass(frozen=True)
class ProfileRow:
    """One cooperative of the directory: its name, the alliance that listed it, its published fields."""

    name: str
    alliance: str
    shown: list


@dataclass(frozen=True)
class KindSent:
    """How many messages of one kind went to a peer, and when the last one did."""

    kind: str
    count: int
    last_at: datetime


@dataclass(frozen=True)
class Sharing:
    """What this installation shares with one peer."""

    peer: Peer
    kinds: list[KindSent]
    published_fields: list[str]
    is_alliance_joined: bool


def peer_sharing(peer: Peer) -> Sharing:
    """Return what this installation shares with `peer`, in a fixed number of queries: each kind of
    message sent to it with its count and last time, and, when the peer is an alliance this
    cooperative asked to join or belongs to, the directory fields currently published."""
    counted = (
        OutboundMessage.objects.filter(peer=peer)
        .values("kind")
        .annotate(count=Count("pk"), last_at=Max("created_at"))
        .order_by("kind")
    )
    open_statuses = (AllianceMembership.Status.REQUESTED, AllianceMembership.Status.MEMBER)
    joined = AllianceMembership.objects.filter(alliance=peer, status__in=open_statuses).exists()
    published = directory_profile().published_labels if joined else []
    return Sharing(
        peer=peer,
        kinds=[KindSent(row["kind"], row["count"], row["last_at"]) for row in counted],
        published_fields=published,
        is_alliance_joined=joined,
    )
