"""Input and output serializers of the labor contracts API. Outputs are read-only; inputs carry a reason."""

from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer
from coop.models import User

from ..models import Assignment, Client, ClientContact, Invoice, InvoiceLine, LaborContract, Payment, TimesheetEntry


class ClientContactSerializer(StrictModelSerializer):
    class Meta:
        model = ClientContact
        fields = ["id", "name", "title", "email", "phone"]
        read_only_fields = fields


class ClientSerializer(StrictModelSerializer):
    contacts = ClientContactSerializer(many=True, read_only=True)

    class Meta:
        model = Client
        fields = [
            "id",
            "name",
            "legal_name",
            "registration_number",
            "billing_address",
            "notes",
            "is_active",
            "contacts",
        ]
        read_only_fields = fields


class ClientInputSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    legal_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    registration_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    billing_address = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    reason = ReasonField()


class ContractSerializer(StrictModelSerializer):
    client_name = serializers.CharField(source="client.name", read_only=True)
    msa_version = serializers.StringRelatedField()
    role_rates = serializers.SerializerMethodField()

    class Meta:
        model = LaborContract
        fields = [
            "id",
            "client",
            "client_name",
            "title",
            "scope",
            "msa_version",
            "billing_basis",
            "fixed_value",
            "starts_on",
            "ends_on",
            "status",
            "owner_percent",
            "negotiated_at",
            "approved_at",
            "activated_at",
            "closed_at",
            "role_rates",
        ]
        read_only_fields = fields

    def get_role_rates(self, contract) -> dict[str, str]:
        return {rate.role: str(rate.hourly_rate) for rate in contract.role_rates.all()}


class ContractInputSerializer(StrictSerializer):
    """The terms of a draft. `owner_percent` is accepted only to refuse it by name: it is captured at approval."""

    client = serializers.PrimaryKeyRelatedField(queryset=Client.objects.all(), required=False)
    title = serializers.CharField(max_length=200, required=False)
    scope = serializers.CharField(required=False)
    billing_basis = serializers.ChoiceField(choices=LaborContract.BillingBasis.choices, required=False)
    fixed_value = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    owner_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, write_only=True)
    reason = ReasonField()


class AssignmentSerializer(StrictModelSerializer):
    owner_email = serializers.EmailField(source="owner.email", read_only=True)
    contract_title = serializers.CharField(source="contract.title", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "contract", "contract_title", "owner", "owner_email", "role", "hourly_rate", "status"]
        read_only_fields = fields


class AssignmentInputSerializer(StrictSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=LaborContract.objects.all())
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    role = serializers.CharField(max_length=100)
    hourly_rate = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    reason = ReasonField()


class TimesheetSerializer(StrictModelSerializer):
    owner_email = serializers.EmailField(source="owner.email", read_only=True)
    contract_title = serializers.CharField(source="contract.title", read_only=True)
    invoice_number = serializers.CharField(source="invoice.number", read_only=True, default=None)

    class Meta:
        model = TimesheetEntry
        fields = [
            "id",
            "contract",
            "contract_title",
            "owner",
            "owner_email",
            "day",
            "hours",
            "description",
            "status",
            "review_comment",
            "reviewed_at",
            "invoice_number",
        ]
        read_only_fields = fields


class TimesheetInputSerializer(StrictSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=LaborContract.objects.all())
    day = serializers.DateField()
    # Range checks are the service's, so the API and the portal give the same message.
    hours = serializers.DecimalField(max_digits=6, decimal_places=2)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    reason = ReasonField()


class ReviewSerializer(StrictSerializer):
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    reason = ReasonField()


class InvoiceLineSerializer(StrictModelSerializer):
    class Meta:
        model = InvoiceLine
        fields = ["description", "owner", "role", "hours", "rate", "amount"]
        read_only_fields = fields


class PaymentSerializer(StrictModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "amount", "received_on", "reference"]
        read_only_fields = fields


class InvoiceSerializer(StrictModelSerializer):
    client_name = serializers.CharField(source="contract.client.name", read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "contract",
            "client_name",
            "period_start",
            "period_end",
            "issued_on",
            "due_on",
            "total",
            "paid_total",
            "status",
        ]
        read_only_fields = fields


class InvoiceDetailSerializer(InvoiceSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta(InvoiceSerializer.Meta):
        fields = [*InvoiceSerializer.Meta.fields, "lines", "payments"]
        read_only_fields = fields


class InvoiceInputSerializer(StrictSerializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=LaborContract.objects.all())
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    issued_on = serializers.DateField(required=False)
    due_on = serializers.DateField(required=False)
    reason = ReasonField()


class PaymentInputSerializer(StrictSerializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    received_on = serializers.DateField()
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    reason = ReasonField()
