"""The core app's API: it translates requests into selector and service calls."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services, startup
from ..models import Cooperative
from .permissions import ModelPermissionsOrReadOnlyForMembers
from .serializers import (
    CooperativeSerializer,
    CooperativeUpdateSerializer,
    MeSerializer,
    PolicyNumberSerializer,
    StartupStepSerializer,
)


class CooperativeView(APIView):
    """The cooperative's identity: every logged-in person reads it, the Board changes it."""

    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    queryset = Cooperative.objects.all()

    def _current(self):
        cooperative = selectors.cooperative_current()
        if cooperative is None:
            raise Http404
        return cooperative

    @extend_schema(responses=CooperativeSerializer)
    def get(self, request):
        return Response(CooperativeSerializer(self._current()).data)

    @extend_schema(request=CooperativeUpdateSerializer, responses=CooperativeSerializer)
    def patch(self, request):
        serializer = CooperativeUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("reason")
        cooperative = services.cooperative_update(
            cooperative=self._current(), actor=request.user, reason=reason, **changes
        )
        return Response(CooperativeSerializer(cooperative).data)


class PolicyNumberViewSet(viewsets.ReadOnlyModelViewSet):
    """The policy numbers in force, each with the basis that set it. Read-only: they change by vote."""

    serializer_class = PolicyNumberSerializer
    lookup_field = "key"
    filterset_fields = ["key"]

    def get_queryset(self):
        return selectors.policy_numbers()


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class StartupSequenceView(APIView):
    """Where the cooperative stands in the startup sequence, and what each step still needs."""

    @extend_schema(responses=StartupStepSerializer(many=True))
    def get(self, request):
        steps = startup.evaluate(selectors.cooperative_current())
        return Response(StartupStepSerializer(steps, many=True).data)
