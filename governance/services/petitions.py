"""Petitions for a special General Conference: an owner with a vote starts one, owners sign it
themselves or take their signature back while it is open, and its starter may withdraw it. A signer
calls the meeting through `meeting_call(petition=...)` once enough owners have signed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.models import NoticeKind
from coop.notices import notices_send
from membership.selectors import voting_roll

from .. import selectors
from ..models import MeetingPetition, PetitionSignature


def _require_on_roll(actor, refusal: str) -> None:
    """Refuse anyone who is not an owner on the voting roll now."""
    if getattr(actor, "pk", None) is None or not voting_roll().filter(user_id=actor.pk).exists():
        raise PermissionDenied(refusal)


def _locked(petition: MeetingPetition) -> MeetingPetition:
    return MeetingPetition.objects.select_for_update().get(pk=petition.pk)


def _require_open(petition: MeetingPetition) -> None:
    if petition.status != MeetingPetition.Status.OPEN:
        raise ValidationError({"petition": _("This petition is closed: it was withdrawn or has called its meeting.")})


def _sign(petition: MeetingPetition, signer) -> PetitionSignature:
    if PetitionSignature.objects.filter(petition=petition, signer=signer).exists():
        raise ValidationError({"signer": _("You have already signed this petition.")})
    signature = PetitionSignature(petition=petition, signer=signer)
    signature.full_clean()
    signature.save()
    _notify_if_reached(petition)
    return signature


def _notify_if_reached(petition: MeetingPetition) -> None:
    """Tell the signers when this signature is the one that reaches the threshold (not again with
    each one after it): any of them may now call the special General Conference."""
    count = selectors.petition_signature_count(petition)
    needed = selectors.petition_threshold().needed
    if count != needed:
        return
    notices_send(
        [signature.signer for signature in selectors.petition_signatures(petition) if signature.on_roll],
        NoticeKind.PETITION_REACHED,
        lambda: (
            _("Petition ready: %(title)s") % {"title": petition.title},
            _(
                "The petition “%(title)s” has the %(needed)s signatures it needs. Any owner who "
                "signed it may now call the special General Conference from the petition's page."
            )
            % {"title": petition.title, "needed": needed},
        ),
        link=reverse("governance:petition", args=[petition.pk]),
    )


@transaction.atomic
def petition_start(*, title: str, purpose: str, actor, reason: str) -> MeetingPetition:
    """Start a petition for a special General Conference with its `purpose`. Only an owner on the
    voting roll starts one, and signs it by starting it."""
    _require_on_roll(actor, _("Only an owner with a vote starts a petition."))
    with acting(actor, reason):
        petition = MeetingPetition(title=(title or "").strip(), purpose=(purpose or "").strip(), started_by=actor)
        petition.full_clean()
        petition.save()
        _sign(petition, actor)
    return petition


@transaction.atomic
def petition_sign(*, petition: MeetingPetition, actor, reason: str) -> PetitionSignature:
    """Sign `petition` as `actor`, for themselves: only an owner on the voting roll, only while the
    petition is open, and once."""
    _require_on_roll(actor, _("Only an owner with a vote signs a petition."))
    with acting(actor, reason):
        petition = _locked(petition)
        _require_open(petition)
        return _sign(petition, actor)


@transaction.atomic
def petition_unsign(*, petition: MeetingPetition, actor, reason: str) -> None:
    """Take `actor`'s own signature back from the open `petition`. The signature is deleted; its
    history keeps who signed, who took it back, when and why."""
    with acting(actor, reason):
        petition = _locked(petition)
        _require_open(petition)
        signature = PetitionSignature.objects.filter(petition=petition, signer_id=getattr(actor, "pk", None)).first()
        if signature is None:
            raise ValidationError({"signer": _("You have not signed this petition.")})
        signature.delete()


@transaction.atomic
def petition_withdraw(*, petition: MeetingPetition, actor, reason: str) -> MeetingPetition:
    """Withdraw the open `petition`: only the owner who started it. Its signatures are kept as the
    record of who signed."""
    with acting(actor, reason):
        petition = _locked(petition)
        if petition.started_by_id != getattr(actor, "pk", None):
            raise PermissionDenied(_("Only the owner who started a petition withdraws it."))
        _require_open(petition)
        petition.transition_to(MeetingPetition.Status.WITHDRAWN)
        petition.full_clean()
        petition.save()
    return petition


__all__ = ["petition_sign", "petition_start", "petition_unsign", "petition_withdraw"]
