"""Petition reads: the open petitions with their signatures counted, a petition's signers, and the
number of signatures that calls a special General Conference."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from coop.selectors import policy_value
from membership.selectors import voting_roll

from ..models import Body, MeetingPetition, PetitionSignature

__all__ = [
    "PetitionThreshold",
    "general_conference",
    "petition_for",
    "petition_signature_count",
    "petition_signatures",
    "petition_threshold",
    "petitions_open",
]


@dataclass(frozen=True)
class PetitionThreshold:
    """How many signatures call a special General Conference: `percent` of the `roll` owners with a vote."""

    percent: Decimal
    roll: int
    needed: int


def petition_threshold(roll: int | None = None) -> PetitionThreshold:
    """Return the signatures needed (the policy `meeting_petition_percent` of the owners on the
    voting roll, at least one) and the roll's size; `roll` when the caller has already counted it."""
    size = voting_roll().count() if roll is None else roll
    percent = policy_value("meeting_petition_percent")
    return PetitionThreshold(percent=percent, roll=size, needed=max(math.ceil(size * percent / 100), 1))


def _on_roll() -> Q:
    """Match the signatures of owners still on the voting roll: only they count."""
    return Q(signer_id__in=voting_roll().values("user_id"))


def petitions_open(user=None) -> QuerySet[MeetingPetition]:
    """Return the open petitions, newest first, each with `signature_count` (every signature),
    `counted` (those of owners still on the voting roll) and `signed` (whether `user` signed), in
    one query however many petitions and signatures."""
    on_roll = PetitionSignature.objects.filter(_on_roll(), petition=OuterRef("pk"))
    counted = on_roll.order_by().values("petition").annotate(n=Count("pk")).values("n")
    mine = PetitionSignature.objects.filter(petition=OuterRef("pk"), signer_id=getattr(user, "pk", None))
    return (
        MeetingPetition.objects.filter(status=MeetingPetition.Status.OPEN)
        .select_related("started_by")
        .annotate(
            signature_count=Count("signatures", distinct=True),
            counted=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)),
            signed=Exists(mine) if user is not None else Value(False),
        )
        .order_by("-started_at", "-id")
    )


def petition_for(pk: int) -> MeetingPetition:
    """Return petition `pk` with its starter and the meeting it called, or 404. A petition is
    public among the cooperative's people: anyone who opens the portal reads it."""
    return get_object_or_404(MeetingPetition.objects.select_related("started_by", "meeting"), pk=pk)


def petition_signatures(petition: MeetingPetition) -> QuerySet[PetitionSignature]:
    """Return the petition's signatures in the order signed, each with its signer and `on_roll`:
    whether the signer is still an owner with a vote, and so still counts."""
    roll = voting_roll().filter(user_id=OuterRef("signer_id"))
    return (
        PetitionSignature.objects.filter(petition=petition)
        .select_related("signer")
        .annotate(on_roll=Exists(roll))
        .order_by("signed_at", "pk")
    )


def petition_signature_count(petition: MeetingPetition) -> int:
    """Return how many of the petition's signers are still on the voting roll: the signatures that count."""
    return PetitionSignature.objects.filter(_on_roll(), petition=petition).count()


def general_conference() -> Body:
    """Return the General Conference, the body a petition calls."""
    return Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE)
