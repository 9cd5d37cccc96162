from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coop.admin_mixins import AuditedModelAdmin

from .. import selectors, services
from ..models import Client, ClientContact
from ..services.clients import CLIENT_FIELDS, CONTACT_FIELDS


@admin.register(Client)
class ClientAdmin(AuditedModelAdmin):
    list_display = ["name", "legal_name", "is_active", "contract_count"]
    list_filter = ["is_active"]
    search_fields = ["name", "legal_name"]
    fields = ["name", "legal_name", "registration_number", "billing_address", "notes", "is_active", "peer"]

    def get_queryset(self, request):
        return selectors.clients()

    @admin.display(description=_("contracts"), ordering="contract_count")
    def contract_count(self, obj):
        return obj.contract_count

    def save_via_service(self, request, obj, form, change, reason):
        values = {name: form.cleaned_data[name] for name in CLIENT_FIELDS if name in form.cleaned_data}
        if change:
            changed = {name: values[name] for name in form.changed_data if name in values}
            saved = services.client_update(client=obj, actor=request.user, reason=reason, **changed)
        else:
            saved = services.client_create(actor=request.user, reason=reason, **values)
        obj.pk = saved.pk


@admin.register(ClientContact)
class ClientContactAdmin(AuditedModelAdmin):
    list_display = ["name", "client", "title", "email", "phone"]
    list_select_related = ["client"]
    search_fields = ["name", "email", "client__name"]
    fields = ["client", "name", "title", "email", "phone"]

    def get_readonly_fields(self, request, obj=None):
        return ["client"] if obj else []

    def save_via_service(self, request, obj, form, change, reason):
        values = {name: form.cleaned_data[name] for name in CONTACT_FIELDS if name in form.cleaned_data}
        if change:
            changed = {name: values[name] for name in form.changed_data if name in values}
            saved = services.client_contact_update(contact=obj, actor=request.user, reason=reason, **changed)
        else:
            saved = services.client_contact_add(
                client=form.cleaned_data["client"], actor=request.user, reason=reason, **values
            )
        obj.pk = saved.pk
