"""Input and output shapes of the membership API."""

from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer

from ..models import DuesCharge, DuesPayment, DuesSchedule, Member, ShareRequest, ShareTransaction


class MemberStaffingSerializer(StrictModelSerializer):
    """What Operations needs for staffing: who is a member and since when, no personal data."""

    name = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = ["id", "name", "status", "provisional_since", "owner_since"]
        read_only_fields = fields

    def get_name(self, member) -> str:
        return member.user.get_full_name() or member.legal_name


class MemberSerializer(StrictModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    shares = serializers.IntegerField(source="share_balance", read_only=True)
    weight = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    weight_rule = serializers.CharField(read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "email",
            "legal_name",
            "phone",
            "postal_address",
            "status",
            "applied_on",
            "provisional_since",
            "owner_since",
            "suspended_on",
            "departed_on",
            "shares",
            "weight",
            "weight_rule",
        ]
        read_only_fields = fields


class MemberApplySerializer(StrictSerializer):
    user = serializers.IntegerField(help_text="The id of the person's account.")
    legal_name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    postal_address = serializers.CharField(required=False, allow_blank=True, default="")
    applied_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class MemberTransitionSerializer(StrictSerializer):
    on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class VotingWeightSerializer(StrictSerializer):
    weight = serializers.DecimalField(max_digits=14, decimal_places=2)
    rule = serializers.CharField()
    explanation = serializers.CharField()


class ShareTransactionSerializer(StrictModelSerializer):
    class Meta:
        model = ShareTransaction
        fields = [
            "id",
            "member",
            "kind",
            "quantity",
            "change",
            "balance_after",
            "par_value",
            "amount",
            "occurred_at",
            "request",
            "note",
        ]
        read_only_fields = fields


class ShareTransactionCreateSerializer(StrictSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    kind = serializers.ChoiceField(choices=ShareTransaction.Kind.choices)
    quantity = serializers.IntegerField()
    reason = ReasonField()


class ShareRequestSerializer(StrictModelSerializer):
    class Meta:
        model = ShareRequest
        fields = ["id", "member", "kind", "quantity", "status", "submitted_at", "note", "decided_at", "decision_note"]
        read_only_fields = fields


class ShareRequestCreateSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=ShareRequest.Kind.choices)
    quantity = serializers.IntegerField()
    reason = ReasonField()


class DecisionSerializer(StrictSerializer):
    reason = ReasonField()


class DuesScheduleSerializer(StrictModelSerializer):
    class Meta:
        model = DuesSchedule
        fields = ["id", "name", "amount", "period_days", "starts_on", "active"]
        read_only_fields = fields


class DuesScheduleCreateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True, default=None)
    period_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class DuesChargeSerializer(StrictModelSerializer):
    class Meta:
        model = DuesCharge
        fields = ["id", "member", "schedule", "period_start", "period_end", "amount", "charged_at"]
        read_only_fields = fields


class DuesPaymentSerializer(StrictModelSerializer):
    class Meta:
        model = DuesPayment
        fields = ["id", "member", "amount", "paid_on", "reference"]
        read_only_fields = fields


class DuesPaymentCreateSerializer(StrictSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    reason = ReasonField()
