"""The membership API: it translates requests into selector and service calls.

A person without the model's view permission sees only the rows of their own membership.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from coop.api.permissions import ModelPermissionsOrReadOnlyForMembers
from coop.models import User

from .. import selectors, services
from ..models import DuesCharge, DuesPayment, DuesSchedule, Member, ShareRequest, ShareTransaction
from . import serializers as s


def requires(perm: str) -> type[BasePermission]:
    """A permission class for one workflow action, named by the model permission it needs."""

    class Requires(BasePermission):
        def has_permission(self, request, view) -> bool:
            return request.user.has_perm(perm)

    return Requires


def _own_unless_permitted(request, queryset, model, member_path: str = "member__user"):
    if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        return queryset
    return queryset.filter(**{member_path: request.user})


def _created(serializer_class, obj) -> Response:
    return Response(serializer_class(obj).data, status=status.HTTP_201_CREATED)


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    """The register, with each member's voting weight and its rule; a member sees only themselves."""

    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    filterset_fields = ["status"]
    queryset = Member.objects.none()

    def get_permissions(self):
        if self.action in {"admit", "promote", "suspend", "reinstate", "depart"}:
            return [IsAuthenticated(), requires("membership.change_member")()]
        return super().get_permissions()

    def get_queryset(self):
        queryset = _own_unless_permitted(self.request, selectors.members(), Member, "user")
        return selectors.with_voting_weight(queryset).order_by("pk")

    def get_serializer_class(self):
        if selectors.may_see_personal_data(self.request.user) or not self.request.user.has_perm(
            "membership.view_member"
        ):
            return s.MemberSerializer
        return s.MemberStaffingSerializer

    @extend_schema(request=s.MemberApplySerializer, responses=s.MemberSerializer)
    def create(self, request):
        data = self._valid(s.MemberApplySerializer)
        user = get_object_or_404(User, pk=data.pop("user"))
        member = services.member_apply(user=user, actor=request.user, **data)
        return _created(s.MemberSerializer, self.get_queryset().get(pk=member.pk))

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _transition(self, service, pk):
        member = self.get_object()
        service(member=member, actor=self.request.user, **self._valid(s.MemberTransitionSerializer))
        return Response(s.MemberSerializer(self.get_queryset().get(pk=member.pk)).data)

    @extend_schema(request=s.MemberTransitionSerializer, responses=s.MemberSerializer)
    @action(detail=True, methods=["post"])
    def admit(self, request, pk=None):
        return self._transition(services.member_admit, pk)

    @extend_schema(request=s.MemberTransitionSerializer, responses=s.MemberSerializer)
    @action(detail=True, methods=["post"])
    def promote(self, request, pk=None):
        return self._transition(services.member_promote, pk)

    @extend_schema(request=s.MemberTransitionSerializer, responses=s.MemberSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._transition(services.member_suspend, pk)

    @extend_schema(request=s.MemberTransitionSerializer, responses=s.MemberSerializer)
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        return self._transition(services.member_reinstate, pk)

    @extend_schema(request=s.MemberTransitionSerializer, responses=s.MemberSerializer)
    @action(detail=True, methods=["post"])
    def depart(self, request, pk=None):
        return self._transition(services.member_depart, pk)

    @extend_schema(responses=s.VotingWeightSerializer)
    @action(detail=True, methods=["get"], url_path="voting-weight")
    def voting_weight(self, request, pk=None):
        weight = selectors.voting_weight(member=self.get_object())
        return Response(s.VotingWeightSerializer(weight).data)


class ShareTransactionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The share ledger. The Board issues and redeems; nothing is ever edited or deleted."""

    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    serializer_class = s.ShareTransactionSerializer
    filterset_fields = ["member", "kind"]
    queryset = ShareTransaction.objects.none()

    def get_queryset(self):
        return _own_unless_permitted(self.request, selectors.share_ledger(), ShareTransaction)

    @extend_schema(request=s.ShareTransactionCreateSerializer, responses=s.ShareTransactionSerializer)
    def create(self, request):
        serializer = s.ShareTransactionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        action_ = services.share_purchase if data.pop("kind") == ShareTransaction.Kind.ISSUE else services.share_redeem
        tx = action_(actor=request.user, **data)
        return _created(s.ShareTransactionSerializer, tx)


class ShareRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Members ask to buy or redeem shares; the Board approves or rejects."""

    serializer_class = s.ShareRequestSerializer
    filterset_fields = ["status", "kind"]
    queryset = ShareRequest.objects.none()

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated()]
        if self.action in {"approve", "reject"}:
            return [IsAuthenticated(), requires("membership.change_sharerequest")()]
        return [ModelPermissionsOrReadOnlyForMembers()]

    def get_queryset(self):
        if getattr(self, "action", None) in {"approve", "reject"}:
            return ShareRequest.objects.all()
        return _own_unless_permitted(self.request, selectors.share_requests(), ShareRequest)

    @extend_schema(request=s.ShareRequestCreateSerializer, responses=s.ShareRequestSerializer)
    def create(self, request):
        serializer = s.ShareRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = selectors.member_for_user(request.user)
        if member is None:
            raise ValidationError({"member": _("You hold no membership, so you cannot ask for shares.")})
        share_request = services.share_request_submit(member=member, actor=request.user, **serializer.validated_data)
        return _created(s.ShareRequestSerializer, share_request)

    def _decide(self, service):
        serializer = s.DecisionSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        decided = service(share_request=self.get_object(), actor=self.request.user, **serializer.validated_data)
        return Response(s.ShareRequestSerializer(decided).data)

    @extend_schema(request=s.DecisionSerializer, responses=s.ShareRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(services.share_request_approve)

    @extend_schema(request=s.DecisionSerializer, responses=s.ShareRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(services.share_request_reject)


class DuesScheduleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Dues schedules: every member reads them, the Board starts a new one."""

    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    serializer_class = s.DuesScheduleSerializer
    queryset = DuesSchedule.objects.all()

    @extend_schema(request=s.DuesScheduleCreateSerializer, responses=s.DuesScheduleSerializer)
    def create(self, request):
        serializer = s.DuesScheduleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        schedule = services.dues_schedule_create(actor=request.user, **serializer.validated_data)
        return _created(s.DuesScheduleSerializer, schedule)


class DuesChargeViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    serializer_class = s.DuesChargeSerializer
    filterset_fields = ["member", "schedule"]
    queryset = DuesCharge.objects.none()

    def get_queryset(self):
        return _own_unless_permitted(self.request, selectors.dues_charges(), DuesCharge)


class DuesPaymentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    serializer_class = s.DuesPaymentSerializer
    filterset_fields = ["member"]
    queryset = DuesPayment.objects.none()

    def get_queryset(self):
        return _own_unless_permitted(self.request, selectors.dues_payments(), DuesPayment)

    @extend_schema(request=s.DuesPaymentCreateSerializer, responses=s.DuesPaymentSerializer)
    def create(self, request):
        serializer = s.DuesPaymentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = services.dues_payment_record(actor=request.user, **serializer.validated_data)
        return _created(s.DuesPaymentSerializer, payment)
