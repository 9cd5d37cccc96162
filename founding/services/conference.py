"""The founding General Conference: the Bylaws adoption motion and the election of the officers,
put before the General Conference through governance's own services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.models import DocumentVersion, GoverningDocument
from governance.models import Body, Motion
from governance.services import bodies_ensure, motion_propose

from ._common import require_board

LIVE = ["draft", "scheduled", "open", "closed"]


def _general_conference():
    return bodies_ensure(actor=None, reason="Bodies for the founding General Conference")[Body.Kind.GENERAL_CONFERENCE]


@transaction.atomic
def founding_bylaws_motion_propose(*, actor, reason: str, text: str | None = None):
    """Put the Bylaws before the General Conference: the shipped template as proposed at setup, or
    an edited text (which replaces the pending proposal). Refused while a Bylaws motion is under way."""
    require_board(actor, action=_("put the Bylaws to the founding General Conference"))
    bylaws = GoverningDocument.objects.filter(kind=GoverningDocument.Kind.BYLAWS).first()
    if bylaws is None:
        raise ValidationError({"document": _("The Bylaws are not installed; run the setup first.")})
    if Motion.objects.filter(kind=Motion.Kind.BYLAW_AMENDMENT, status__in=LIVE).exists():
        raise ValidationError(
            {"motion": _("A Bylaws motion is already before the General Conference; decide or withdraw it first.")}
        )
    pending = bylaws.versions.filter(status=DocumentVersion.Status.PROPOSED).order_by("-number").first()
    text = (text or "").replace("\r\n", "\n").strip()
    if text and (pending is None or pending.text.strip() != text):
        if pending is not None:
            coop_services.document_version_withdraw(version=pending, actor=actor, reason=reason)
        pending = coop_services.document_version_propose(
            document=bylaws,
            text=text,
            summary=_("Edited by the conveners for the founding General Conference."),
            actor=actor,
            reason=reason,
        )
    if pending is None:
        raise ValidationError({"text": _("The Bylaws in force are unchanged; write the edited text to adopt.")})
    return motion_propose(
        body=_general_conference(),
        kind=Motion.Kind.BYLAW_AMENDMENT,
        title=_("Adopt the Bylaws"),
        text=_("The founding General Conference adopts the Bylaws (version %(n)s).") % {"n": pending.number},
        proposer=actor,
        actor=actor,
        reason=reason,
        document_version=pending,
    )


@transaction.atomic
def founding_election_propose(*, office, actor, reason: str, method: str = "plurality"):
    """Put the election of `office` (a Board office) before the General Conference; nominations follow."""
    require_board(actor, action=_("call the founding elections"))
    if Motion.objects.filter(kind=Motion.Kind.ELECTION, office=office, status__in=LIVE).exists():
        raise ValidationError({"office": _("An election for %(office)s is already under way.") % {"office": office}})
    return motion_propose(
        body=_general_conference(),
        kind=Motion.Kind.ELECTION,
        method=method,
        office=office,
        title=_("Election: %(office)s") % {"office": office},
        proposer=actor,
        actor=actor,
        reason=reason,
    )
