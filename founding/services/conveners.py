"""Conveners: temporary Board powers from the first run until the first Board election is certified."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.audit import acting
from coop.roles import Role, has_role
from coop.services_common import require_role
from governance.models import Motion, OfficeTerm

from ..models import Convenership
from ._common import founding_election_needs

SUNSET_REASON = "Sunset: the first Board election is certified"


def _holds_board_office(user) -> bool:
    return OfficeTerm.objects.active().filter(holder=user, office__role=Role.BOARD.value).exists()


@transaction.atomic
def convenership_grant(*, user, actor, reason: str) -> Convenership:
    """Make `user` a convener with temporary Board powers. Refused once the sunset has come.

    The first setup names the conveners (`actor=None`); afterwards only the Board adds one."""
    require_role(actor, Role.BOARD, action=_("name conveners"), system=True)
    if not founding_election_needs():
        raise ValidationError(
            {
                "user": _(
                    "The first Board election is certified: there are no more conveners, "
                    "Board powers come from an election."
                )
            }
        )
    with acting(actor, reason):
        if Convenership.objects.filter(user=user).exists():
            raise ValidationError({"user": _("%(email)s is already a convener.") % {"email": user.email}})
        convenership = Convenership(user=user)
        convenership.full_clean()
        convenership.save()
        if not has_role(user, Role.BOARD):
            coop_services.role_grant(user=user, role=Role.BOARD, actor=actor, reason=reason)
    return convenership


def _revoke_unelected_board(user, actor, reason: str) -> None:
    if has_role(user, Role.BOARD) and not _holds_board_office(user):
        coop_services.role_revoke(user=user, role=Role.BOARD, actor=actor, reason=reason)


@transaction.atomic
def conveners_sunset_if_due(*, actor, reason: str = SUNSET_REASON, motion=None) -> list[Convenership]:
    """End every convenership once the first Board election is certified, and take back the Board
    role from every former convener not elected to a Board office. Return the conveners ended now.

    Run after each certification and periodically; the second pass also undoes a Board role given
    back by hand to a former convener, so the sunset holds whatever door was used. The Board (the
    certification hook) or the scheduled task (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("end the conveners' powers"), system=True)
    if founding_election_needs():
        return []
    ended = []
    with acting(actor, reason):
        for convenership in Convenership.objects.select_for_update().select_related("user"):
            if convenership.status == Convenership.Status.ACTIVE:
                convenership.transition_to(Convenership.Status.ENDED)
                convenership.ending_motion = motion
                convenership.full_clean()
                convenership.save()
                ended.append(convenership)
            _revoke_unelected_board(convenership.user, actor, reason)
    return ended


def conveners_sunset_after_certification(*, motion, result, actor, reason: str) -> None:
    """Governance's certification hook: an adopted election may be the one that ends the conveners."""
    if motion.kind == Motion.Kind.ELECTION and result.adopted and Convenership.objects.active().exists():
        conveners_sunset_if_due(actor=actor, reason=SUNSET_REASON, motion=motion)
