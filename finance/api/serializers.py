from rest_framework import serializers

from coop.api.serializers import ReasonField, SlugLookupField, StrictModelSerializer, StrictSerializer

from ..models import (
    Account,
    JournalEntry,
    JournalLine,
    PayBand,
    PayrollLine,
    PayrollRun,
    Review,
    ReviewCycle,
)


class ExactDecimalField(serializers.DecimalField):
    """A decimal that refuses a JSON float: money and points must be sent as exact text."""

    def to_internal_value(self, data):
        if isinstance(data, float):
            self.fail("invalid_float")
        return super().to_internal_value(data)

    default_error_messages = {
        **serializers.DecimalField.default_error_messages,
        "invalid_float": 'Use an exact decimal written as text (for example "12.50"), not a float.',
    }


def money(**kwargs):
    return ExactDecimalField(max_digits=14, decimal_places=2, **kwargs)


class AccountSerializer(StrictModelSerializer):
    member = serializers.EmailField(source="member.email", read_only=True, default=None)

    class Meta:
        model = Account
        fields = ["id", "code", "name", "type", "member"]
        read_only_fields = fields


class JournalLineSerializer(StrictModelSerializer):
    account = serializers.CharField(source="account.code", read_only=True)

    class Meta:
        model = JournalLine
        fields = ["account", "debit", "credit", "memo"]
        read_only_fields = fields


class JournalEntrySerializer(StrictModelSerializer):
    lines = JournalLineSerializer(many=True, read_only=True)

    class Meta:
        model = JournalEntry
        fields = ["id", "date", "memo", "posted", "posted_at", "reversal_of", "source", "lines"]
        read_only_fields = fields


class LineInputSerializer(StrictSerializer):
    account = SlugLookupField(slug_field="code", queryset=Account.objects.all())
    debit = money(required=False, default="0")
    credit = money(required=False, default="0")
    memo = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class JournalEntryInputSerializer(StrictSerializer):
    date = serializers.DateField()
    memo = serializers.CharField(max_length=300)
    lines = LineInputSerializer(many=True)
    reason = ReasonField()


class PayBandSerializer(StrictModelSerializer):
    class Meta:
        model = PayBand
        fields = ["id", "role", "minimum", "maximum", "basis", "adopted_at", "pending_minimum", "pending_maximum"]
        read_only_fields = fields


class ReviewCycleSerializer(StrictModelSerializer):
    criteria = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    team = serializers.SerializerMethodField()

    class Meta:
        model = ReviewCycle
        fields = ["id", "name", "period_start", "period_end", "status", "rate_changes_opted_in", "criteria", "team"]
        read_only_fields = fields

    def get_team(self, cycle) -> list[str]:
        return [t.member.email for t in cycle.team.all()]


class ReviewSerializer(StrictModelSerializer):
    """A review. The reviewer is named only to officers, auditors and the reviewer themselves:
    the member reviewed sees the feedback without the name."""

    cycle = serializers.CharField(source="cycle.name", read_only=True)
    reviewee = serializers.EmailField(source="reviewee.email", read_only=True)
    reviewer = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "cycle", "reviewee", "reviewer", "comments", "scores", "submitted_at"]
        read_only_fields = fields

    def get_reviewer(self, review) -> str | None:
        viewer = self.context.get("viewer")
        if self.context.get("sees_names") or (viewer is not None and review.reviewer_id == viewer.pk):
            return review.reviewer.email
        return None

    def get_scores(self, review) -> dict[str, int]:
        return {s.criterion.name: s.score for s in review.scores.all()}


class ReviewInputSerializer(StrictSerializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=ReviewCycle.objects.all())
    reviewee = serializers.EmailField()
    scores = serializers.DictField(child=serializers.IntegerField(), help_text="Criterion id to score (1 to 5).")
    comments = serializers.CharField()
    reason = ReasonField()


class PayrollRunSerializer(StrictModelSerializer):
    class Meta:
        model = PayrollRun
        fields = [
            "id",
            "period_start",
            "period_end",
            "status",
            "line_count",
            "total_hours",
            "total_contract_hours",
            "total_internal_pay",
            "total_contract_pay",
            "total",
            "journal_entry",
            "posted_at",
        ]
        read_only_fields = fields


class PayrollRunInputSerializer(StrictSerializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    reason = ReasonField()


class PayslipSerializer(StrictModelSerializer):
    member = serializers.EmailField(source="member.email", read_only=True)
    band = serializers.CharField(source="band.role", read_only=True, default=None)
    period_start = serializers.DateField(source="run.period_start", read_only=True)
    period_end = serializers.DateField(source="run.period_end", read_only=True)

    class Meta:
        model = PayrollLine
        fields = [
            "id",
            "run",
            "period_start",
            "period_end",
            "member",
            "band",
            "rate",
            "hours",
            "contract_hours",
            "internal_pay",
            "contract_pay",
            "amount",
        ]
        read_only_fields = fields
