"""Request-wide rules of the core app."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import translation

from .languages import browser_language, cooperative_language, shipped
from .roles import in_cooperative, user_roles

# Pages a user without a second factor may still reach: setting one up, logging out, assets.
_MFA_SETUP_PREFIXES = ("/accounts/", "/static/", "/health/")


class RequireMFAForRolesMiddleware:
    """Send users in `settings.MFA_REQUIRED_FOR_ROLES` to TOTP setup until they have it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = settings.MFA_REQUIRED_FOR_ROLES
        user = getattr(request, "user", None)
        if (
            required
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(_MFA_SETUP_PREFIXES)
            and {r.value for r in user_roles(user)} & set(required)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class PagesTakeGetAndPostMiddleware:
    """Answer 405 to PUT, PATCH and DELETE everywhere but the API.

    A page's form sends GET or POST, nothing else; Django's admin and some library views would take
    another method as a GET or as a POST. Refusing them here, before any view runs, keeps every page's
    door to the two methods the census (coop/access.py) declares.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "POST", "OPTIONS") and not request.path.startswith("/api/"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.get_response(request)


class RefuseNullCharactersMiddleware:
    """Answer 400 to an address whose path or query holds a NUL character.

    PostgreSQL refuses a NUL in any text it is sent, so a filter, a search or a key carrying one
    would fail in the database as a 500. Forms and API fields refuse it in bodies; this refuses it
    in the address, before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        texts = [request.path, *query.keys(), *(v for key in query for v in query.getlist(key))]
        if any("\x00" in text for text in texts):
            return HttpResponseBadRequest("Null characters are not allowed in the address.", content_type="text/plain")
        return self.get_response(request)


# The portal pages an account outside the cooperative may open: its own home (which tells it where
# it stands), its own data and its language. Every other portal page, including one added later, is
# refused.
OUTSIDER_PORTAL_PAGES = frozenset(
    {
        "portal:home",
        "portal:my_data",
        "portal:language",
        # An applicant hears of their application's decision here, before they are let in.
        "portal:notices",
        "portal:notices_read_all",
        "portal:notice_open",
        "portal:notice_preferences",
    }
)


class PortalForTheCooperativeMiddleware:
    """Keep accounts that belong to no member and no office out of the member portal.

    Anyone with an invitation can hold an account, and an applicant holds one before the Board
    admits them: such an account sees its own home and data, and nothing of the cooperative (its
    votes, members, documents). The API refuses them in its authentication (coop.api.authentication).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not request.path.startswith("/portal/"):
            return None
        if request.resolver_match.view_name in OUTSIDER_PORTAL_PAGES or in_cooperative(user):
            return None
        return render(request, "portal/outsider.html", {"refused": True}, status=403)


# What a machine asks for (probes, files) speaks no language, and must not read the database for one.
_NO_LANGUAGE_PREFIXES = ("/health/", "/static/")


class PersonLanguageMiddleware:
    """Speak each person's language: the one they chose on their account, else the one they picked
    on a public page (the language cookie), else their browser's, else the cooperative's default.

    Django's LocaleMiddleware runs earlier, before the user is known; this one, after
    authentication, puts the person's own choice first and the cooperative's default last.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(_NO_LANGUAGE_PREFIXES):
            return self.get_response(request)
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

    @staticmethod
    def _language(request) -> str:
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if chosen and shipped(chosen):
            return chosen
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if shipped(cookie):
            return cookie
        return browser_language(request) or cooperative_language()
