"""The admin site: roles decide who enters, and logins go through allauth (MFA, rate limits)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLResolver, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .desk import Section, desk_for
from .roles import may_use_admin
from .selectors import cooperative_current

SECTION_TITLES = {
    Section.MEMBERSHIP: _("Membership"),
    Section.VOTES: _("Votes and offices"),
    Section.WORK: _("Work and contracts"),
    Section.MONEY: _("Money"),
    Section.FOUNDING: _("Founding"),
    Section.RECORDS: _("Records"),
}

# Where each table sits in the admin's list, by the task it serves: an app's tables go with the
# app's task unless a table is named on its own ("app_label.model").
TABLE_SECTIONS = {
    "coop": Section.RECORDS,
    "membership": Section.MEMBERSHIP,
    "membership.duesschedule": Section.MONEY,
    "membership.duescharge": Section.MONEY,
    "membership.duespayment": Section.MONEY,
    "membership.duesreminder": Section.MONEY,
    "governance": Section.VOTES,
    "labor_contracts": Section.WORK,
    "labor_contracts.invoice": Section.MONEY,
    "labor_contracts.invoiceline": Section.MONEY,
    "labor_contracts.payment": Section.MONEY,
    "labor_contracts.periodsettlement": Section.MONEY,
    "labor_contracts.ownerpay": Section.MONEY,
    "projects": Section.WORK,
    "finance": Section.MONEY,
    "finance.reviewcriterion": Section.WORK,
    "finance.reviewcycle": Section.WORK,
    "finance.reviewteammember": Section.WORK,
    "finance.review": Section.WORK,
    "finance.reviewscore": Section.WORK,
    "finance.reviewdispute": Section.WORK,
    "founding": Section.FOUNDING,
    "founding.application": Section.MEMBERSHIP,
    "founding.applicationanswer": Section.MEMBERSHIP,
    "founding.applicationquestion": Section.MEMBERSHIP,
    "founding.invitation": Section.MEMBERSHIP,
}


def section_of(app_label: str, model_name: str) -> str:
    """Return the task section the table `app_label.model_name` is listed under."""
    return TABLE_SECTIONS.get(f"{app_label}.{model_name}") or TABLE_SECTIONS.get(app_label, Section.RECORDS)


def tables_by_task(app_list: list[dict]) -> list[dict]:
    """Regroup Django's per-app list of tables into task sections, in the desk's order; a section
    with no table the person may see is left out."""
    groups: dict[str, list[dict]] = {key: [] for key in Section.ORDER}
    for app in app_list:
        for model in app["models"]:
            groups[section_of(app["app_label"], model["object_name"].lower())].append(
                {**model, "app_label": app["app_label"], "app_name": app["name"]}
            )
    for models in groups.values():
        names = [str(model["name"]).lower() for model in models]
        for model, name in zip(models, names, strict=True):
            # Two tables of one name in a section (the projects' and the contracts' milestones) say whose.
            model["qualifier"] = model["app_name"] if names.count(name) > 1 else ""
    return [
        {"key": key, "title": SECTION_TITLES[key], "models": sorted(models, key=lambda m: str(m["name"]).lower())}
        for key, models in groups.items()
        if models
    ]


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def atomic_unless_reading(view):
    """Run an admin page in one transaction when it may write, and outside any when it only reads.

    Every request is otherwise one transaction (`ATOMIC_REQUESTS`): for a page that only reads, that
    is a BEGIN and a COMMIT for nothing and, on SQLite, the write lock held while the page renders.
    A write (POST and the rest) still runs whole or not at all, and every service opens its own
    transaction besides.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return transaction.non_atomic_requests(wrapper)


def _patterns(urls):
    for pattern in urls:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        else:
            yield pattern


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's search-as-you-type picker, labelled by the searched admin's `autocomplete_label`
    where it has one: a task reads "Riverside tower · Pour", not a bare "Pour" that several
    projects share."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = str(label(obj))
        return result


class CoopAdminSite(admin.AdminSite):
    site_header = _("Cooperative administration")
    site_title = _("Cooperative administration")
    index_title = _("Your desk")
    index_template = "admin/desk.html"

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
        for pattern in _patterns(urls):
            pattern.callback = atomic_unless_reading(pattern.callback)
        return urls

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)

    def catch_all_view(self, request, url):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().catch_all_view(request, url)

    def index(self, request, extra_context=None):
        """The officer's desk: what waits for the person now, then every table grouped by task."""
        desk = desk_for(request.user)
        sections = [
            {"key": key, "title": SECTION_TITLES[key], "entries": [e for e in desk if e.section == key]}
            for key in Section.ORDER
        ]
        context = {
            "desk_sections": [section for section in sections if section["entries"]],
            "desk_waiting": sum(entry.count for entry in desk),
            "task_groups": tables_by_task(self.get_app_list(request)),
            **(extra_context or {}),
        }
        return super().index(request, extra_context=context)

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

    def get_app_list(self, request, app_label=None):
        """Django's app list, sorted by each name translated once rather than at every comparison.

        The names are lazy translations: sorting them as they are translates both sides of every
        comparison, a few thousand lookups for the sidebar of every admin page.
        """
        app_list = sorted(self._build_app_dict(request, app_label).values(), key=lambda app: str(app["name"]).lower())
        for app in app_list:
            app["models"].sort(key=lambda model: str(model["name"]))
        return app_list

    def each_context(self, request):
        context = super().each_context(request)
        cooperative = cooperative_current()
        if cooperative is not None:
            context["site_header"] = cooperative.name
        return context
