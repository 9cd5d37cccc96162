"""The API authenticates only the cooperative's people.

An account that belongs to no member and no office (someone who signed up, an applicant not yet
admitted) is treated as not logged in, so every endpoint refuses it as it refuses a stranger; its
own data stays in the portal ("My data"). Checking here rather than in each view's permissions
means an endpoint added later is closed to outsiders without anyone remembering to close it.
"""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from coop.roles import in_cooperative


def _insiders_only(result):
    if result is None or not in_cooperative(result[0]):
        return None
    return result


class CooperativeSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        return _insiders_only(super().authenticate(request))


class CooperativeTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        return _insiders_only(super().authenticate(request))


class CooperativeSessionScheme(SessionScheme):
    """Describe the session login in the OpenAPI schema as DRF's own (drf-spectacular matches the
    token scheme's subclasses by itself, not the session's)."""

    target_class = CooperativeSessionAuthentication
