"""Admin add forms that write through a service while the form is validated, so that the
service's refusal of bad input is shown next to the field with what was typed kept, and its
refusal of a forbidden actor is a 403."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from coop.admin_mixins import REASON_FIELD, add_service_errors


class ServiceFormAdminMixin:
    """For an `AuditedModelAdmin`: run `save_via_service` once the add form is otherwise valid.

    A ValidationError from the service rolls its writes back and becomes form errors, so the page
    is shown again with the typed values; a PermissionDenied goes through to the admin's 403.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        admin = self

        class ServiceForm(form_class):
            saved_by_service = False

            def _post_clean(self):
                super()._post_clean()
                if self._errors or REASON_FIELD not in self.cleaned_data:
                    return
                try:
                    with transaction.atomic():
                        admin.save_via_service(request, self.instance, self, change, self.cleaned_data[REASON_FIELD])
                except ValidationError as error:
                    add_service_errors(self, error)
                else:
                    self.saved_by_service = True

        ServiceForm.__name__ = form_class.__name__
        return ServiceForm

    def save_model(self, request, obj, form, change):
        if not getattr(form, "saved_by_service", False):
            super().save_model(request, obj, form, change)
