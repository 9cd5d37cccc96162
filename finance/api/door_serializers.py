"""Serializers of the Board's and Operations' finance doors: rates, proposals, disputes, bonuses, surplus."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer

from ..models import BonusAward, MemberRate, PayBand, RateAdjustmentProposal, ReviewDispute, SurplusAllocation
from .serializers import money


class MemberRateSerializer(StrictModelSerializer):
    member = serializers.EmailField(source="member.email", read_only=True)
    band = serializers.CharField(source="band.role", read_only=True)

    class Meta:
        model = MemberRate
        fields = ["id", "member", "band", "rate", "band_minimum", "band_maximum", "effective_from"]
        read_only_fields = fields


class MemberRateInputSerializer(StrictSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all())
    band = serializers.PrimaryKeyRelatedField(queryset=PayBand.objects.all())
    rate = money()
    reason = ReasonField()


class RateProposalSerializer(StrictModelSerializer):
    member = serializers.EmailField(source="member_rate.member.email", read_only=True)
    band = serializers.CharField(source="member_rate.band.role", read_only=True)

    class Meta:
        model = RateAdjustmentProposal
        fields = [
            "id",
            "member",
            "band",
            "source",
            "status",
            "current_rate",
            "proposed_rate",
            "target_minimum",
            "target_maximum",
            "explanation",
            "decided_at",
            "decided_by",
        ]
        read_only_fields = fields


class ReviewDisputeSerializer(StrictModelSerializer):
    cycle = serializers.CharField(source="review.cycle.name", read_only=True)
    reviewee = serializers.EmailField(source="review.reviewee.email", read_only=True)

    class Meta:
        model = ReviewDispute
        fields = ["id", "review", "cycle", "reviewee", "statement", "raised_at", "mediation_case"]
        read_only_fields = fields


class DisputeReferSerializer(StrictSerializer):
    mediator = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all())
    reason = ReasonField()


class BonusAwardSerializer(StrictModelSerializer):
    holder = serializers.EmailField(source="holder.email", read_only=True)

    class Meta:
        model = BonusAward
        fields = ["id", "kind", "holder", "period_start", "period_end", "inputs", "amount", "journal_entry"]
        read_only_fields = fields


class BonusAwardInputSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=BonusAward.Kind.choices)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    reason = ReasonField()


class SurplusAllocationSerializer(StrictModelSerializer):
    class Meta:
        model = SurplusAllocation
        fields = [
            "id",
            "period_start",
            "period_end",
            "status",
            "revenue",
            "expenses",
            "surplus",
            "solidarity",
            "reserves",
            "bonuses",
            "dividends",
            "cash_percent",
            "cash_due",
            "cash_payment",
            "redemption",
            "solidarity_payment",
            "bonuses_suspended",
            "proposed_by",
            "basis",
            "journal_entry",
        ]
        read_only_fields = fields


class SurplusProposeSerializer(StrictSerializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    reserves_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    cash_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text="The share of each patronage dividend paid in cash; the bylaws' minimum when omitted.",
    )
    reason = ReasonField()
