from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .admin_mixins import AuditedModelAdmin
from .models import Cooperative, PolicyNumber, User


@admin.register(Cooperative)
class CooperativeAdmin(AuditedModelAdmin):
    list_display = ["name", "legal_form", "jurisdiction", "unit", "incorporated_on"]
    readonly_fields = ["legal_form", "incorporated_on", "registration_number"]
    fieldsets = [
        (None, {"fields": ["name", "mission", "jurisdiction"]}),
        (_("Unit of account"), {"fields": ["unit", "currency_code"]}),
        (_("Legal standing"), {"fields": ["founded_on", "legal_form", "incorporated_on", "registration_number"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def save_via_service(self, request, obj, form, change, reason):
        editable = services.COOPERATIVE_EDITABLE_FIELDS
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
        services.cooperative_update(cooperative=obj, actor=request.user, reason=reason, **changes)


@admin.register(PolicyNumber)
class PolicyNumberAdmin(SimpleHistoryAdmin):
    """Read-only everywhere: a policy number changes only when the General Conference adopts a motion."""

    list_display = ["key", "display_value", "adopted_at", "basis"]
    readonly_fields = ["key", "value", "adopted_at", "basis"]

    @admin.display(description=_("value"))
    def display_value(self, obj):
        return obj.display_value

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    """Accounts, read-only here: roles follow offices and membership services."""

    list_display = ["email", "first_name", "last_name", "role_names", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["email", "first_name", "last_name", "groups", "is_active", "date_joined", "last_login"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all()))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
