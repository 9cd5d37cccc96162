"""The labor contracts API: each view translates a request into a selector or a service call."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from coop.api.permissions import ModelPermissionsWithView
from coop.api.serializers import ReasonSerializer

from .. import selectors, services
from . import serializers as s


def _split(serializer) -> tuple[dict, str]:
    data = dict(serializer.validated_data)
    return data, data.pop("reason")


class ClientViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Clients: the businesses the cooperative hires its owners out to. Officers and managers read them."""

    permission_classes = [ModelPermissionsWithView]
    serializer_class = s.ClientSerializer
    filterset_fields = ["is_active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.clients().order_by("name")

    @extend_schema(request=s.ClientInputSerializer, responses=s.ClientSerializer)
    def create(self, request):
        serializer = s.ClientInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        client = services.client_create(actor=request.user, reason=reason, **data)
        return Response(s.ClientSerializer(selectors.clients().get(pk=client.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ClientInputSerializer, responses=s.ClientSerializer)
    def partial_update(self, request, pk=None):
        serializer = s.ClientInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        client = services.client_update(client=self.get_object(), actor=request.user, reason=reason, **data)
        return Response(s.ClientSerializer(selectors.clients().get(pk=client.pk)).data)


LIFECYCLE = {
    "negotiate": services.contract_negotiate,
    "reopen": services.contract_reopen,
    "approve": services.contract_approve,
    "activate": services.contract_activate,
    "complete": services.contract_complete,
    "terminate": services.contract_terminate,
}


class ContractViewSet(viewsets.ReadOnlyModelViewSet):
    """Labor contracts. Owners see those they work on; lifecycle steps check the actor's role."""

    serializer_class = s.ContractSerializer
    filterset_fields = ["status", "client", "billing_basis"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return selectors.contracts().none()
        return selectors.contracts_visible_to(self.request.user).order_by("-starts_on", "pk")

    def _lifecycle(self, request, name):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contract = LIFECYCLE[name](
            contract=self.get_object(), actor=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(s.ContractSerializer(selectors.contracts().get(pk=contract.pk)).data)

    @extend_schema(request=s.ContractInputSerializer, responses=s.ContractSerializer)
    def create(self, request):
        serializer = s.ContractInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        contract = services.contract_create(actor=request.user, reason=reason, **data)
        return Response(
            s.ContractSerializer(selectors.contracts().get(pk=contract.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.ContractInputSerializer, responses=s.ContractSerializer)
    def partial_update(self, request, pk=None):
        serializer = s.ContractInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        contract = services.contract_update(contract=self.get_object(), actor=request.user, reason=reason, **data)
        return Response(s.ContractSerializer(selectors.contracts().get(pk=contract.pk)).data)

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def negotiate(self, request, pk=None):
        return self._lifecycle(request, "negotiate")

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._lifecycle(request, "reopen")

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._lifecycle(request, "approve")

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._lifecycle(request, "activate")

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._lifecycle(request, "complete")

    @extend_schema(request=ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        return self._lifecycle(request, "terminate")


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Who works on which contract; an owner sees their own."""

    serializer_class = s.AssignmentSerializer
    filterset_fields = ["contract", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return selectors.assignments().none()
        return selectors.assignments_visible_to(self.request.user).order_by("pk")

    @extend_schema(request=s.AssignmentInputSerializer, responses=s.AssignmentSerializer)
    def create(self, request):
        serializer = s.AssignmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        assignment = services.assignment_create(actor=request.user, reason=reason, **data)
        return Response(
            s.AssignmentSerializer(selectors.assignments().get(pk=assignment.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ReasonSerializer, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = services.assignment_end(
            assignment=self.get_object(), actor=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(s.AssignmentSerializer(selectors.assignments().get(pk=assignment.pk)).data)


class TimesheetViewSet(viewsets.ReadOnlyModelViewSet):
    """Timesheet entries: owners log and submit their own; managers approve or return them."""

    serializer_class = s.TimesheetSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["contract", "status", "day", "owner"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return selectors.timesheets().none()
        return selectors.timesheets_visible_to(self.request.user).order_by("-day", "pk")

    def _done(self, entry):
        return Response(s.TimesheetSerializer(selectors.timesheets().get(pk=entry.pk)).data)

    @extend_schema(request=s.TimesheetInputSerializer, responses=s.TimesheetSerializer)
    def create(self, request):
        serializer = s.TimesheetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        entry = services.timesheet_log(owner=request.user, actor=request.user, reason=reason, **data)
        return Response(
            s.TimesheetSerializer(selectors.timesheets().get(pk=entry.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ReasonSerializer, responses=s.TimesheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(
            services.timesheet_submit(
                entry=self.get_object(), actor=request.user, reason=serializer.validated_data["reason"]
            )
        )

    @extend_schema(request=s.ReviewSerializer, responses=s.TimesheetSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        serializer = s.ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(
            services.timesheet_approve(entry=self.get_object(), actor=request.user, **serializer.validated_data)
        )

    @extend_schema(request=s.ReviewSerializer, responses=s.TimesheetSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_owner(self, request, pk=None):
        serializer = s.ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(
            services.timesheet_return(entry=self.get_object(), actor=request.user, **serializer.validated_data)
        )


class InvoiceViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Invoices to clients, with their lines and payments. Officers, managers and auditors read them."""

    permission_classes = [ModelPermissionsWithView]
    filterset_fields = ["contract", "status"]

    def get_queryset(self):
        found = selectors.invoices().order_by("-issued_on", "-number")
        if self.action == "retrieve":
            return found.prefetch_related("lines", "payments")
        return found

    def get_serializer_class(self):
        return s.InvoiceDetailSerializer if self.action == "retrieve" else s.InvoiceSerializer

    @extend_schema(request=s.InvoiceInputSerializer, responses=s.InvoiceDetailSerializer)
    def create(self, request):
        serializer = s.InvoiceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        invoice = services.invoice_issue(actor=request.user, reason=reason, **data)
        return Response(
            s.InvoiceDetailSerializer(selectors.invoice_detail(invoice.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.PaymentInputSerializer, responses=s.InvoiceDetailSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def payments(self, request, pk=None):
        serializer = s.PaymentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, reason = _split(serializer)
        invoice = self.get_object()
        services.payment_record(invoice=invoice, actor=request.user, reason=reason, **data)
        return Response(s.InvoiceDetailSerializer(selectors.invoice_detail(invoice.pk)).data)
