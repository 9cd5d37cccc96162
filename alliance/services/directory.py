"""A cooperative's directory profile: the Board writes it and chooses field by field what is
published; publishing sends only those fields to the alliances the cooperative belongs to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.roles import Role
from coop.services_common import require_role
from federation.services import message_send

from .. import selectors
from ..models import PROFILE_FIELDS, TEXT_LIMITS, DirectoryProfile
from .kinds import PROFILE


@transaction.atomic
def profile_update(*, values: dict, published: set[str], actor, reason: str) -> DirectoryProfile:
    """Write this cooperative's directory profile (sector, region, skills, contracts sought) and the
    fields the Board publishes. Nothing leaves until it is published. Board only."""
    require_role(actor, Role.BOARD, action=_("change the directory profile"))
    unknown = set(published) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({"published": _("A profile has no field %(field)s.") % {"field": sorted(unknown)[0]}})
    with acting(actor, reason):
        profile = DirectoryProfile.objects.select_for_update().order_by("pk").first() or DirectoryProfile()
        for field, longest in TEXT_LIMITS.items():
            value = (values.get(field) or "").strip()
            if len(value) > longest:
                raise ValidationError(
                    {field: _("Give a text of at most %(longest)s characters.") % {"longest": longest}}
                )
            setattr(profile, field, value)
        for field in PROFILE_FIELDS:
            setattr(profile, f"publish_{field}", field in published)
        profile.save()
    return profile


@transaction.atomic
def profile_publish(*, actor, reason: str) -> DirectoryProfile:
    """Send the published fields of the profile, the size counted now, to every alliance this
    cooperative belongs to. Board only; refused when it belongs to none."""
    require_role(actor, Role.BOARD, action=_("publish the directory profile"))
    with acting(actor, reason) as stamp:
        alliances = list(selectors.alliances_joined())
        if not alliances:
            raise ValidationError({"alliance": _("This cooperative belongs to no alliance to publish to.")})
        profile = DirectoryProfile.objects.select_for_update().order_by("pk").first() or DirectoryProfile()
        payload = {"profile": selectors.profile_payload(profile)}
        for alliance in alliances:
            message_send(peer=alliance, kind=PROFILE, payload=payload, actor=actor, reason=stamp.reason)
        profile.last_published_at = timezone.now()
        profile.save()
    return profile
