"""The finance API: it translates requests into selector and service calls."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from coop.api.permissions import ModelPermissionsWithView
from coop.api.serializers import ReasonSerializer
from coop.roles import Role, has_role

from .. import selectors, services
from ..models import JournalEntry, PayrollLine, PayrollRun, Review
from . import serializers as s

OFFICERS = (Role.BOARD, Role.OPERATIONS, Role.AUDITOR)


class RunPermissions(ModelPermissionsWithView):
    """Moving a run along (review, approve, post) needs the change permission, drafting the add one;
    the services then check which role may take which step."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) in {"review", "approve", "post_to_ledger"}:
            return bool(
                request.user and request.user.is_authenticated and request.user.has_perm("finance.change_payrollrun")
            )
        return super().has_permission(request, view)


def _officer(user) -> bool:
    return any(has_role(user, r) for r in OFFICERS)


class AccountViewSet(viewsets.ReadOnlyModelViewSet):
    """The chart of accounts. Officers and auditors only."""

    serializer_class = s.AccountSerializer
    permission_classes = [ModelPermissionsWithView]
    queryset = selectors.accounts().none()
    filterset_fields = ["type", "code"]

    def get_queryset(self):
        return selectors.accounts()


class JournalEntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Journal entries with their lines. POST records a balanced entry (the Board); an entry is
    never edited: POST .../reverse/ posts its mirror image."""

    serializer_class = s.JournalEntrySerializer
    permission_classes = [ModelPermissionsWithView]
    queryset = JournalEntry.objects.none()
    filterset_fields = ["posted", "date"]

    def get_queryset(self):
        return selectors.journal_entries()

    @extend_schema(request=s.JournalEntryInputSerializer, responses={201: s.JournalEntrySerializer})
    def create(self, request, *args, **kwargs):
        data = s.JournalEntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.journal_entry_record(
            date=v["date"],
            memo=v["memo"],
            actor=request.user,
            reason=v["reason"],
            lines=[
                services.Line(ln["account"], debit=ln["debit"], credit=ln["credit"], memo=ln["memo"])
                for ln in v["lines"]
            ],
        )
        return Response(
            s.JournalEntrySerializer(selectors.journal_entries().get(pk=entry.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ReasonSerializer, responses={201: s.JournalEntrySerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.journal_entry_reverse(
            entry=self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(
            s.JournalEntrySerializer(selectors.journal_entries().get(pk=entry.pk)).data, status=status.HTTP_201_CREATED
        )


class PayBandViewSet(viewsets.ReadOnlyModelViewSet):
    """Pay bands in force. Read-only: they change by a General Conference vote."""

    serializer_class = s.PayBandSerializer

    def get_queryset(self):
        return selectors.pay_bands()


class ReviewCycleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReviewCycleSerializer

    def get_queryset(self):
        return selectors.review_cycles()


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Reviews. A member sees those they wrote and those about them, the latter without the
    reviewer's name. POST writes a review of a teammate."""

    serializer_class = s.ReviewSerializer
    queryset = Review.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return selectors.reviews_visible_to(self.request.user)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "viewer": self.request.user,
            "sees_names": _officer(self.request.user),
        }

    @extend_schema(request=s.ReviewInputSerializer, responses={201: s.ReviewSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        reviewee = get_user_model().objects.filter(email__iexact=v["reviewee"]).first()
        if reviewee is None:
            raise ValidationError({"reviewee": _("No one has this email address.")})
        review = services.review_submit(
            cycle=v["cycle"],
            reviewee=reviewee,
            scores=v["scores"],
            comments=v["comments"],
            actor=request.user,
            reason=v["reason"],
        )
        review = selectors.reviews().get(pk=review.pk)
        return Response(
            s.ReviewSerializer(review, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class PayrollRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Payroll runs: POST drafts one; review, approve and post move it on. Officers only."""

    serializer_class = s.PayrollRunSerializer
    permission_classes = [RunPermissions]
    queryset = PayrollRun.objects.none()
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.payroll_runs()

    @extend_schema(request=s.PayrollRunInputSerializer, responses={201: s.PayrollRunSerializer})
    def create(self, request, *args, **kwargs):
        data = s.PayrollRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        run = services.payroll_run_draft(
            period_start=v["period_start"], period_end=v["period_end"], actor=request.user, reason=v["reason"]
        )
        return Response(s.PayrollRunSerializer(run).data, status=status.HTTP_201_CREATED)

    def _move(self, request, service):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = service(run=self.get_object(), actor=request.user, reason=data.validated_data["reason"])
        return Response(s.PayrollRunSerializer(run).data)

    @extend_schema(request=ReasonSerializer, responses=s.PayrollRunSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._move(request, services.payroll_run_review)

    @extend_schema(request=ReasonSerializer, responses=s.PayrollRunSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._move(request, services.payroll_run_approve)

    @extend_schema(request=ReasonSerializer, responses=s.PayrollRunSerializer)
    @action(detail=True, methods=["post"], url_path="post")
    def post_to_ledger(self, request, pk=None):
        return self._move(request, services.payroll_run_post)


class PayslipViewSet(viewsets.ReadOnlyModelViewSet):
    """Payslips: a member sees only their own, once the run is posted."""

    serializer_class = s.PayslipSerializer
    queryset = PayrollLine.objects.none()
    filterset_fields = ["run"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PayrollLine.objects.none()
        return selectors.payslips_visible_to(self.request.user)
