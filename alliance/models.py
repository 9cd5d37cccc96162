"""An alliance of cooperatives: on a cooperative, the alliances it asked to join and its directory
profile; on an alliance, its member cooperatives with the latest profile each published, and on
every member the directory the alliance sends back."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin
from federation.models import Peer

# The fields of a directory profile, in the order the directory shows them. Only those the Board
# chose to publish ever leave the cooperative.
PROFILE_FIELDS = ("sector", "region", "size", "skills", "contracts_sought")
PROFILE_LABELS = {
    "sector": _("sector"),
    "region": _("region"),
    "size": _("size (owners)"),
    "skills": _("skills it can staff"),
    "contracts_sought": _("contracts it seeks"),
}
TEXT_LIMITS = {"sector": 200, "region": 200, "skills": 2000, "contracts_sought": 2000}


class ProfileFields(models.Model):
    """The published part of a directory profile, as an alliance and its members keep it."""

    sector = models.CharField(_("sector"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (owners)"), null=True, blank=True)
    skills = models.TextField(_("skills it can staff"), blank=True)
    contracts_sought = models.TextField(_("contracts it seeks"), blank=True)
    published_fields = models.JSONField(_("published fields"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def shown(self) -> list[tuple[str, object]]:
        """The published fields with their labels and values, in the directory's order."""
        return [(PROFILE_LABELS[f], getattr(self, f)) for f in PROFILE_FIELDS if f in self.published_fields]


class AllianceMembership(TransitionsMixin, models.Model):
    """On a cooperative: an alliance (an active peer) it asked to join, and where that stands."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")  # the join was sent; the alliance's Board decides
        MEMBER = "member", _("Member")  # the alliance admitted this cooperative
        REFUSED = "refused", _("Refused")  # the alliance's Board refused it; final
        LEFT = "left", _("Left")  # this cooperative left; final

    TRANSITIONS = {
        Status.REQUESTED: frozenset({Status.MEMBER, Status.REFUSED, Status.LEFT}),
        Status.MEMBER: frozenset({Status.LEFT}),
    }

    alliance = models.ForeignKey(
        Peer, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="memberships_here"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    alliance_reason = models.TextField(_("the alliance's reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request or membership per alliance; a refused or left one may be followed by another.
            models.UniqueConstraint(
                fields=["alliance"],
                condition=Q(status__in=["requested", "member"]),
                name="alliance_membership_one_open_per_alliance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alliance} ({self.get_status_display()})"


class MemberCooperative(TransitionsMixin, ProfileFields):
    """On an alliance: a cooperative (an active peer) that applied, with the latest profile it published."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")  # its join arrived; the Board admits or refuses it
        ADMITTED = "admitted", _("Admitted")  # a member of the alliance
        REFUSED = "refused", _("Refused")  # the Board refused it; final
        LEFT = "left", _("Left")  # it left the alliance; final

    TRANSITIONS = {
        Status.APPLIED: frozenset({Status.ADMITTED, Status.REFUSED, Status.LEFT}),
        Status.ADMITTED: frozenset({Status.LEFT}),
    }

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.PROTECT, related_name="member_cooperatives")
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    profile_received_at = models.DateTimeField(_("profile received at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member cooperative")
        verbose_name_plural = _("member cooperatives")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer"],
                condition=Q(status__in=["applied", "admitted"]),
                name="alliance_member_one_open_per_peer",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DirectoryProfile(models.Model):
    """On a cooperative: its directory profile and, field by field, whether the Board publishes it.
    The size is not typed: it is counted from the member register when the profile is published."""

    sector = models.CharField(_("sector"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    skills = models.TextField(_("skills it can staff"), blank=True)
    contracts_sought = models.TextField(_("contracts it seeks"), blank=True)
    publish_sector = models.BooleanField(_("publish the sector"), default=False)
    publish_region = models.BooleanField(_("publish the region"), default=False)
    publish_size = models.BooleanField(_("publish the size"), default=False)
    publish_skills = models.BooleanField(_("publish the skills"), default=False)
    publish_contracts_sought = models.BooleanField(_("publish the contracts sought"), default=False)
    last_published_at = models.DateTimeField(_("last published at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")

    def __str__(self) -> str:
        return str(_("Directory profile"))

    @property
    def published_fields(self) -> list[str]:
        """The fields the Board chose to publish, in the directory's order."""
        return [f for f in PROFILE_FIELDS if getattr(self, f"publish_{f}")]

    @property
    def published_labels(self) -> list[str]:
        return [str(PROFILE_LABELS[f]) for f in self.published_fields]


class DirectoryEntry(ProfileFields):
    """On a member cooperative: one cooperative of an alliance's directory, as the alliance last sent it."""

    alliance = models.ForeignKey(
        Peer, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="directory_entries"
    )
    listed_key = models.PositiveIntegerField(_("key at the alliance"))
    name = models.CharField(_("name"), max_length=200)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "listed_key"], name="alliance_directory_entry_once"),
        ]

    def __str__(self) -> str:
        return self.name
