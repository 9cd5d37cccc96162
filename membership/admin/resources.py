"""CSV import and export of the member register (django-import-export)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from import_export import fields, resources

from .. import services
from ..models import Member

IMPORT_REASON = "Imported from a CSV file in the admin"


class MemberResource(resources.ModelResource):
    """Columns: email, legal_name, status, applied_on (YYYY-MM-DD), phone, postal_address.

    Each row goes through `member_import`, so an import follows the same rules as the Board
    does by hand; a row with any error is reported by row and field, and the whole file is
    rolled back.
    """

    email = fields.Field(attribute="user__email", column_name="email")
    shares = fields.Field(attribute="share_balance", column_name="shares", readonly=True)

    class Meta:
        model = Member
        fields = (
            "email",
            "legal_name",
            "status",
            "applied_on",
            "provisional_since",
            "owner_since",
            "phone",
            "postal_address",
            "shares",
        )
        export_order = fields
        import_id_fields = ()
        clean_model_instances = False

    def __init__(self, actor=None, **kwargs):
        super().__init__(**kwargs)
        self.actor = actor

    def get_queryset(self):
        return Member.objects.select_related("user")

    def get_instance(self, instance_loader, row):
        return None  # every imported row is a new membership; a known email is refused by the service

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        email = (row.get("email") or "").strip()
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("“%(email)s” is not a valid email address.") % {"email": email}]
        status = (row.get("status") or Member.Status.APPLICANT).strip()
        if status not in Member.Status.values:
            errors["status"] = [
                _("Unknown status “%(status)s”; use one of: %(allowed)s.")
                % {"status": status, "allowed": ", ".join(Member.Status.values)}
            ]
        applied_on = None
        if row.get("applied_on"):
            try:
                applied_on = date.fromisoformat(str(row["applied_on"]).strip())
            except ValueError:
                errors["applied_on"] = [_("Write the date as YYYY-MM-DD.")]
        if not (row.get("legal_name") or "").strip():
            errors["legal_name"] = [_("The legal name is required.")]
        if errors:
            raise ValidationError(errors)
        instance._import = {
            "email": email,
            "legal_name": row["legal_name"].strip(),
            "status": status,
            "applied_on": applied_on,
            "phone": (row.get("phone") or "").strip(),
            "postal_address": (row.get("postal_address") or "").strip(),
        }

    def do_instance_save(self, instance, is_create):
        saved = services.member_import(**instance._import, actor=self.actor, reason=IMPORT_REASON)
        for field in Member._meta.concrete_fields:
            setattr(instance, field.attname, getattr(saved, field.attname))
        instance.user = saved.user

    def import_data(self, dataset, **kwargs):
        # A file with any bad row writes no row at all.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, **kwargs)
