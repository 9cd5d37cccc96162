"""Founding API: conveners and the sunset, the application queue, the capital target, and the
Board's record of the incorporation. Each view calls one selector or service."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from coop.api.permissions import ChangeActionPermissions
from coop.api.serializers import CooperativeSerializer, ReasonSerializer

from .. import selectors, services
from ..models import Application
from . import serializers as s


class ConvenershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The conveners, each with the sunset condition that ends their temporary Board powers."""

    serializer_class = s.ConvenershipSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.conveners()


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """The Board's review queue (the Board and the Auditor read it; the Board acts on it)."""

    serializer_class = s.ApplicationSerializer
    permission_classes = [ChangeActionPermissions]
    change_actions = ("invite", "admit", "decline")
    filterset_fields = ["status"]
    queryset = Application.objects.none()  # for the permission class and the schema; see get_queryset

    def get_queryset(self):
        return selectors.applications()

    def _run(self, request, service, **extra):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = self.get_object()
        service(application=application, actor=request.user, reason=data.validated_data["reason"], **extra)
        return Response(s.ApplicationSerializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(request=ReasonSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        return self._run(request, services.application_invite, base_url=request.build_absolute_uri("/"))

    @extend_schema(request=ReasonSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def admit(self, request, pk=None):
        return self._run(request, services.application_admit)

    @extend_schema(request=ReasonSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._run(request, services.application_decline)


class CapitalProgressView(APIView):
    """The capital target of the business plan in force, and what dues, shares and contracts raised."""

    @extend_schema(responses=s.CapitalProgressSerializer)
    def get(self, request):
        return Response(s.CapitalProgressSerializer(selectors.capital_progress()).data)


class IncorporationView(APIView):
    """The Board records the filing of the Articles; refused before the founding election is certified."""

    @extend_schema(request=s.IncorporationSerializer, responses=CooperativeSerializer)
    def post(self, request):
        data = s.IncorporationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        cooperative = services.incorporation_record(
            legal_form=v["legal_form"],
            incorporated_on=v["incorporated_on"],
            registration_number=v["registration_number"],
            actor=request.user,
            reason=v["reason"],
        )
        return Response(CooperativeSerializer(cooperative).data)
