"""The core app's API: it translates requests into selector and service calls."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services, startup
from ..models import Cooperative
from .permissions import ModelPermissionsOrReadOnlyForMembers
from .serializers import (
    CooperativeSerializer,
    CooperativeUpdateSerializer,
    DocumentDiffSerializer,
    DocumentVersionProposeSerializer,
    DocumentVersionSerializer,
    GoverningDocumentSerializer,
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


class GoverningDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The governing documents, each with its version in force. Read-only: they change by vote."""

    serializer_class = GoverningDocumentSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.documents_with_current()

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True, description="Version to compare from."),
            OpenApiParameter("to", OpenApiTypes.INT, required=True, description="Version to compare to."),
        ],
        responses=DocumentDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, slug=None):
        """The redline between any two versions: removed words in <del>, added words in <ins>."""
        document = self.get_object()
        old, new, redline = selectors.document_redline(
            document=document, from_number=request.query_params.get("from"), to_number=request.query_params.get("to")
        )
        payload = {"document": document.slug, "old": old, "new": new, "redline": redline}
        return Response(DocumentDiffSerializer(payload).data)


class DocumentVersionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Every version of every document, rendered. POST proposes a new version (the Board's
    permission); nothing here edits a version or adopts one: adoption is governance's."""

    serializer_class = DocumentVersionSerializer
    permission_classes = [ModelPermissionsOrReadOnlyForMembers]
    filterset_fields = ["document__slug", "status"]

    def get_queryset(self):
        return selectors.document_versions()

    @extend_schema(request=DocumentVersionProposeSerializer, responses={201: DocumentVersionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = DocumentVersionProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = services.document_version_propose(
            document=data["document"],
            text=data["text"],
            summary=data["summary"],
            actor=request.user,
            reason=data["reason"],
        )
        return Response(DocumentVersionSerializer(version).data, status=status.HTTP_201_CREATED)
