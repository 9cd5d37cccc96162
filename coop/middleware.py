"""Request-wide rules of the core app."""

from django.conf import settings
from django.shortcuts import redirect

# Pages a user without a second factor may still reach: setting one up, logging out, assets.
_MFA_SETUP_PREFIXES = ("/accounts/", "/static/", "/health/")


class RequireMFAForRolesMiddleware:
    """Send users in `settings.MFA_REQUIRED_FOR_ROLES` to TOTP setup until they have it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = settings.MFA_REQUIRED_FOR_ROLES
        user = getattr(request, "user", None)
        if required and user is not None and user.is_authenticated and not request.path.startswith(_MFA_SETUP_PREFIXES):
            from allauth.mfa.models import Authenticator

            from .roles import user_roles

            if {r.value for r in user_roles(user)} & set(required) and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)
