"""Input and output shapes of the membership API."""

from rest_framework import serializers

from coop.api.serializers import ReasonField

from ..models import DuesCharge, DuesPayment, DuesSchedule, Member, ShareRequest, ShareTransaction


class MemberStaffingSerializer(serializers.ModelSerializer):
    """What Operations needs for staffing: who is a member and since when, no personal data."""

    name = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = ["id", "name", "status", "provisional_since", "owner_since"]
        read_only_fields = fields

    def get_name(self, member) -> str:
        return member.user.get_full_name() or member.legal_name


class MemberSerializer(serializers.ModelSerializer):
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


class MemberApplySerializer(serializers.Serializer):
    user = serializers.IntegerField(help_text="The id of the person's account.")
    legal_name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    postal_address = serializers.CharField(required=False, allow_blank=True, default="")
    applied_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class MemberTransitionSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class VotingWeightSerializer(serializers.Serializer):
    weight = serializers.DecimalField(max_digits=14, decimal_places=2)
    rule = serializers.CharField()
    explanation = serializers.CharField()


class ShareTransactionSerializer(serializers.ModelSerializer):
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


class ShareTransactionCreateSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    kind = serializers.ChoiceField(choices=ShareTransaction.Kind.choices)
    quantity = serializers.IntegerField()
    reason = ReasonField()


class ShareRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShareRequest
        fields = ["id", "member", "kind", "quantity", "status", "submitted_at", "note", "decided_at", "decision_note"]
        read_only_fields = fields


class ShareRequestCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ShareRequest.Kind.choices)
    quantity = serializers.IntegerField()
    reason = ReasonField()


class DecisionSerializer(serializers.Serializer):
    reason = ReasonField()


class DuesScheduleSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesSchedule
        fields = ["id", "name", "amount", "period_days", "starts_on", "active"]
        read_only_fields = fields


class DuesScheduleCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True, default=None)
    period_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = ReasonField()


class DuesChargeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesCharge
        fields = ["id", "member", "schedule", "period_start", "period_end", "amount", "charged_at"]
        read_only_fields = fields


class DuesPaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesPayment
        fields = ["id", "member", "amount", "paid_on", "reference"]
        read_only_fields = fields


class DuesPaymentCreateSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    reason = ReasonField()
