"""The admin site: roles decide who enters, and logins go through allauth (MFA, rate limits)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .roles import may_use_admin


class CoopAdminSite(admin.AdminSite):
    site_header = _("Cooperative administration")
    site_title = _("Cooperative administration")
    index_title = _("What your role may touch")

    # The site's own pages that only show something: a POST to them is a 405, not a second GET.
    READ_ONLY_PAGES = frozenset({"index", "app_list", "view_on_site", "jsi18n", "autocomplete", "password_change_done"})

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)

    def admin_view(self, view, cacheable=False, *, read_only=False):
        """Django's admin_view; a `read_only` page answers 405 to anything but GET and HEAD."""
        return super().admin_view(require_safe(view) if read_only else view, cacheable)

    def get_urls(self):
        urls = super().get_urls()
        for pattern in urls:
            if getattr(pattern, "name", None) in self.READ_ONLY_PAGES:
                pattern.callback = require_safe(pattern.callback)
        return urls

    def catch_all_view(self, request, url):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().catch_all_view(request, url)

    def login(self, request, extra_context=None):
        """Send every admin login through allauth, so its MFA and rate limits apply to officers.

        Someone already logged in without an admin role is told so, not sent round in a loop.
        """
        if self.has_permission(request):
            wanted = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
            return HttpResponseRedirect(wanted if safe else reverse("admin:index"))
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
