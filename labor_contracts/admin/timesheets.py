from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_actions import service_action
from coop.admin_mixins import HistoryAdmin

from .. import selectors, services
from ..models import TimesheetEntry


class QueueFilter(admin.SimpleListFilter):
    """Open on the approval queue: submitted hours first, the rest one click away."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("all", _("All")), *TimesheetEntry.Status.choices]

    def choices(self, changelist):
        value = self.value() or TimesheetEntry.Status.SUBMITTED
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or TimesheetEntry.Status.SUBMITTED
        return queryset if value == "all" else queryset.filter(status=value)


class ReviewableFilter(admin.SimpleListFilter):
    """Hide one's own hours: nobody approves or returns their own, so the desk links here."""

    title = _("whose hours")
    parameter_name = "reviewable"
    OTHERS = "others"

    def lookups(self, request, model_admin):
        return [(self.OTHERS, _("Others' hours (yours are reviewed by another manager)"))]

    def queryset(self, request, queryset):
        return queryset.exclude(owner=request.user) if self.value() == self.OTHERS else queryset


class ContractFilter(admin.SimpleListFilter):
    """Contracts named with their client, read in one query."""

    title = _("contract")
    parameter_name = "contract"

    def lookups(self, request, model_admin):
        return [(c.pk, str(c)) for c in selectors.contracts().prefetch_related(None)]

    def queryset(self, request, queryset):
        return queryset.filter(contract_id=self.value()) if self.value() else queryset


@admin.register(TimesheetEntry)
class TimesheetEntryAdmin(HistoryAdmin):
    """The approval queue. Owners log hours in the portal; managers approve or return them here."""

    list_display = ["day", "owner", "contract", "hours", "status", "description", "reviewed_by", "invoice"]
    list_filter = [QueueFilter, ReviewableFilter, ContractFilter]
    search_fields = ["owner__email", "owner__last_name", "contract__title"]
    date_hierarchy = "day"
    readonly_fields = [
        "assignment",
        "contract",
        "owner",
        "day",
        "hours",
        "description",
        "status",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
        "invoice",
    ]
    fields = readonly_fields
    actions = [
        service_action(
            "approve", _("Approve the selected hours"), lambda obj, **kw: services.timesheet_approve(entry=obj, **kw)
        ),
        service_action(
            "return_to_owner",
            _("Return the selected hours with a comment"),
            lambda obj, **kw: services.timesheet_return(entry=obj, **kw),
            with_comment=True,
        ),
    ]

    def get_queryset(self, request):
        return selectors.timesheets()

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # The actions need the role's change permission; the record itself is never edited here.
        return obj is None and super().has_change_permission(request, obj)
