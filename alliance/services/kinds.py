"""The kinds of message the alliance sends and receives, and the check of what arrives."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import PROFILE_FIELDS, TEXT_LIMITS

JOIN = "alliance.join"
ADMITTED = "alliance.admitted"
REFUSED = "alliance.refused"
LEAVE = "alliance.leave"
PROFILE = "alliance.profile"
DIRECTORY = "alliance.directory"
NAME_LIMIT = 200


def checked_name(payload: dict, field: str = "name") -> str:
    """Return the cooperative's name a message carries, or refuse it naming the field."""
    value = payload.get(field)
    if not isinstance(value, str) or not value.strip() or len(value) > NAME_LIMIT:
        raise ValidationError({field: _("Give a name of 1 to %(longest)s characters.") % {"longest": NAME_LIMIT}})
    return value.strip()


def checked_profile(profile) -> dict:
    """Return a received profile's fields, each checked; refuse an unknown field or a bad value, naming it."""
    if not isinstance(profile, dict):
        raise ValidationError({"profile": _("A profile is a JSON object.")})
    for field, value in profile.items():
        if field not in PROFILE_FIELDS:
            raise ValidationError({"profile": _("A profile has no field %(field)s.") % {"field": field}})
        if field == "size":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValidationError({"size": _("The size is a whole number of owners, 0 or more.")})
        elif not isinstance(value, str) or len(value) > TEXT_LIMITS[field]:
            raise ValidationError(
                {field: _("Give a text of at most %(longest)s characters.") % {"longest": TEXT_LIMITS[field]}}
            )
    return profile


def profile_values(profile: dict) -> dict:
    """Return the model values of a checked profile: every field, blank where it was not published."""
    values = {field: ("" if field != "size" else None) for field in PROFILE_FIELDS}
    values |= profile
    values["published_fields"] = [field for field in PROFILE_FIELDS if field in profile]
    return values
