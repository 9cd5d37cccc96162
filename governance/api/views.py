"""Governance API: each action translates a request into one selector or service call."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from coop.api.serializers import ReasonSerializer
from coop.models import DocumentVersion
from coop.roles import Role, has_role

from .. import outcomes, selectors, services
from ..models import Body, Meeting, Motion, Office, OfficeTerm, Participation, Proxy
from ..results_view import choice_labels
from . import serializers as s


def _get(model, pk, field):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: f"No {model._meta.verbose_name} has the id {pk}."})
    return found


class MotionViewSet(viewsets.ReadOnlyModelViewSet):
    """Motions: propose, read, vote; the Board opens and closes, the Secretary certifies."""

    serializer_class = s.MotionSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Motion.objects.none()
        return selectors.motions_for(self.request.user).prefetch_related("choices")

    @extend_schema(request=s.MotionProposeSerializer, responses=s.MotionSerializer)
    def create(self, request):
        data = s.MotionProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        terms = {name: v.pop(name) for name in outcomes.api_fields() if name in v}
        body = Body.objects.filter(kind=v.pop("body")).first()
        if body is None:
            # Bodies are set up with the cooperative's governance; before that no motion has a body to go to.
            raise ValidationError({"body": "This cooperative has no such body yet."})
        motion = services.motion_propose(
            body=body,
            proposer=request.user,
            actor=request.user,
            reason=v.pop("reason"),
            office=_get(Office, v.pop("office", None), "office"),
            recall_term=_get(OfficeTerm, v.pop("recall_term", None), "recall_term"),
            document_version=_get(DocumentVersion, v.pop("document_version", None), "document_version"),
            terms=terms,
            **v,
        )
        return Response(s.MotionSerializer(self.get_queryset().get(pk=motion.pk)).data, status=status.HTTP_201_CREATED)

    def _run(self, request, pk, service):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        motion = self.get_object()
        service(motion=motion, actor=request.user, reason=data.validated_data["reason"])
        return Response(s.MotionSerializer(self.get_queryset().get(pk=motion.pk)).data)

    @extend_schema(request=ReasonSerializer, responses=s.MotionSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._run(request, pk, services.motion_open)

    @extend_schema(request=ReasonSerializer, responses=s.MotionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._run(request, pk, services.motion_close)

    @extend_schema(request=ReasonSerializer, responses=s.MotionSerializer)
    @action(detail=True, methods=["post"])
    def certify(self, request, pk=None):
        return self._run(request, pk, services.motion_certify)

    @extend_schema(request=s.BallotCastSerializer, responses=s.ReceiptSerializer)
    @action(detail=True, methods=["get", "post"])
    def ballots(self, request, pk=None):
        """POST casts your ballot; GET lists the counted ballots by receipt, after the close."""
        # Keep the marks out of Django's error reports (DRF wraps the HttpRequest).
        request._request.sensitive_post_parameters = "__ALL__"
        # The bare motion, under the same visibility rule: a cast needs none of the list's joins,
        # counts and choices, and reading them was most of a cast's time at scale.
        motion = get_object_or_404(selectors.motions_visible_to(request.user), pk=pk)
        if request.method == "GET":
            try:
                ballots = selectors.published_ballots(motion)
            except Exception as error:
                raise PermissionDenied(str(error)) from None
            labels = choice_labels(motion)
            rows = [{"receipt": b.receipt, "marks": labels.marks(b.marks)} for b in ballots]
            return Response(s.PublishedBallotSerializer(rows, many=True).data)
        data = s.BallotCastSerializer(data=request.data, context={"motion": motion})
        data.is_valid(raise_exception=True)
        grantor_id = data.validated_data.get("on_behalf_of")
        on_behalf_of = get_object_or_404(get_user_model(), pk=grantor_id) if grantor_id else None
        receipt = services.ballot_cast(
            motion=motion, cast_by=request.user, marks=data.validated_data["marks"], on_behalf_of=on_behalf_of
        )
        return Response(s.ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.ResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        motion = self.get_object()
        result = getattr(motion, "result", None)
        if result is None:
            raise NotFound("No result is shown before the vote closes.")
        return Response(s.ResultSerializer(result).data)


class ProxyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your proxies; the Board and auditors see them all."""

    serializer_class = s.ProxySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proxy.objects.none()
        user = self.request.user
        qs = selectors.proxies()
        if has_role(user, Role.BOARD) or has_role(user, Role.AUDITOR):
            return qs
        return qs.filter(Q(grantor=user) | Q(holder=user))

    @extend_schema(request=s.ProxyGrantSerializer, responses=s.ProxySerializer)
    def create(self, request):
        data = s.ProxyGrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        proxy = services.proxy_grant(
            grantor=request.user,
            holder=_get(get_user_model(), v["holder"], "holder"),
            motion=_get(Motion, v.get("motion"), "motion"),
            starts_at=v.get("starts_at"),
            ends_at=v.get("ends_at"),
            actor=request.user,
            reason=v["reason"],
        )
        return Response(s.ProxySerializer(proxy).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses=s.ProxySerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proxy = get_object_or_404(Proxy, pk=pk, grantor=request.user)
        proxy = services.proxy_revoke(proxy=proxy, actor=request.user, reason=data.validated_data["reason"])
        return Response(s.ProxySerializer(proxy).data)


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    """The votes you took part in (never what you chose)."""

    serializer_class = s.ParticipationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Participation.objects.none()
        return selectors.my_participations(self.request.user)


class OfficerViewSet(viewsets.ReadOnlyModelViewSet):
    """Officers in office, each with the election that installed them."""

    serializer_class = s.OfficeTermSerializer

    def get_queryset(self):
        return selectors.officers_in_office()


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings with their agenda; those on a meeting's roll check themselves in remotely."""

    serializer_class = s.MeetingSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.meetings_for(self.request.user).prefetch_related("agenda")

    @extend_schema(request=ReasonSerializer, responses=s.AttendanceSerializer)
    @action(detail=True, methods=["post"])
    def check_in(self, request, pk=None):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attendance = services.attendance_check_in(
            meeting=self.get_object(),
            attendee=request.user,
            how="remote",
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(s.AttendanceSerializer(attendance).data, status=status.HTTP_201_CREATED)
