"""The Board's finance doors in the API: hourly rates, rate proposals, review disputes, bonuses
and surplus proposals. Each write is one service call; the services check the roles again."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from coop.api.permissions import ChangeActionPermissions
from coop.api.serializers import ReasonSerializer

from .. import selectors, services
from ..models import BonusAward, MemberRate, RateAdjustmentProposal, ReviewDispute, SurplusAllocation
from . import door_serializers as s


class ListCreateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ChangeActionPermissions]


class MemberRateViewSet(ListCreateViewSet):
    """Members' hourly rates. POST places a member in a band at a rate inside it (the Board)."""

    serializer_class = s.MemberRateSerializer
    queryset = MemberRate.objects.none()
    filterset_fields = ["band"]

    def get_queryset(self):
        return selectors.member_rates()

    @extend_schema(request=s.MemberRateInputSerializer, responses={201: s.MemberRateSerializer})
    def create(self, request):
        data = s.MemberRateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        row = services.member_rate_set(
            member=v["member"], band=v["band"], rate=v["rate"], actor=request.user, reason=v["reason"]
        )
        return Response(s.MemberRateSerializer(self.get_queryset().get(pk=row.pk)).data, status=status.HTTP_201_CREATED)


class RateProposalViewSet(ListCreateViewSet):
    """Proposed rate adjustments; the Board approves or rejects each."""

    serializer_class = s.RateProposalSerializer
    queryset = RateAdjustmentProposal.objects.none()
    filterset_fields = ["status", "source"]
    change_actions = {"approve", "reject"}

    def get_queryset(self):
        return selectors.rate_proposals()

    def _decide(self, request, service):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = service(proposal=self.get_object(), actor=request.user, reason=data.validated_data["reason"])
        return Response(s.RateProposalSerializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(request=ReasonSerializer, responses=s.RateProposalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.rate_adjustment_approve)

    @extend_schema(request=ReasonSerializer, responses=s.RateProposalSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.rate_adjustment_reject)


class ReviewDisputeViewSet(ListCreateViewSet):
    """Disputed reviews; the Board refers each to a mediator (a governance mediation case)."""

    serializer_class = s.ReviewDisputeSerializer
    queryset = ReviewDispute.objects.none()
    change_actions = {"refer"}

    def get_queryset(self):
        return selectors.disputes()

    @extend_schema(request=s.DisputeReferSerializer, responses=s.ReviewDisputeSerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        data = s.DisputeReferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dispute = services.review_dispute_refer(
            dispute=self.get_object(),
            mediator=data.validated_data["mediator"],
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(s.ReviewDisputeSerializer(self.get_queryset().get(pk=dispute.pk)).data)


class BonusAwardViewSet(ListCreateViewSet):
    """Bonus awards with their inputs. POST awards one (the Board; refused while suspended)."""

    serializer_class = s.BonusAwardSerializer
    queryset = BonusAward.objects.none()
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.bonus_awards()

    @extend_schema(request=s.BonusAwardInputSerializer, responses={201: s.BonusAwardSerializer})
    def create(self, request):
        data = s.BonusAwardInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        award = services.bonus_award(
            kind=v["kind"],
            period_start=v["period_start"],
            period_end=v["period_end"],
            actor=request.user,
            reason=v["reason"],
        )
        return Response(
            s.BonusAwardSerializer(self.get_queryset().get(pk=award.pk)).data, status=status.HTTP_201_CREATED
        )


class SurplusAllocationViewSet(ListCreateViewSet):
    """Surplus allocations. POST is the Board's proposal; only a General Conference motion adopts it."""

    serializer_class = s.SurplusAllocationSerializer
    queryset = SurplusAllocation.objects.none()
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.surplus_allocations()

    @extend_schema(request=s.SurplusProposeSerializer, responses={201: s.SurplusAllocationSerializer})
    def create(self, request):
        data = s.SurplusProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        allocation = services.surplus_allocation_propose(
            period_start=v["period_start"],
            period_end=v["period_end"],
            reserves_percent=v["reserves_percent"],
            cash_percent=v.get("cash_percent"),
            actor=request.user,
            reason=v["reason"],
        )
        return Response(
            s.SurplusAllocationSerializer(self.get_queryset().get(pk=allocation.pk)).data,
            status=status.HTTP_201_CREATED,
        )
