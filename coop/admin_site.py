"""The admin site: roles decide who enters, and logins go through allauth (MFA, rate limits)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import may_use_admin


class CoopAdminSite(admin.AdminSite):
    site_header = _("Cooperative administration")
    site_title = _("Cooperative administration")
    index_title = _("What your role may touch")

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)

    def login(self, request, extra_context=None):
        """Send every admin login through allauth, so its MFA and rate limits apply to officers.

        Someone already logged in without an admin role is told so, not sent round in a loop.
        """
        if request.user.is_authenticated:
            return TemplateResponse(request, "admin/not_permitted.html", self.each_context(request), status=403)
        next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def password_change(self, request, extra_context=None):
        return HttpResponseRedirect(reverse("account_change_password"))

    def logout(self, request, extra_context=None):
        return HttpResponseRedirect(reverse("account_logout"))

    def each_context(self, request):
        from .selectors import cooperative_current

        context = super().each_context(request)
        cooperative = cooperative_current()
        if cooperative is not None:
            context["site_header"] = cooperative.name
        return context
