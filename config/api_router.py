"""Every API route, in one router."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from coop.api import views as coop_views
from finance.api import doors as finance_doors
from finance.api import views as finance_views
from founding.api import views as founding_views
from governance.api import views as governance_views
from labor_contracts.api import views as labor_views
from membership.api import views as membership_views
from projects.api import views as project_views

from . import api as wiring_views

router = DefaultRouter()
router.register("policy-numbers", coop_views.PolicyNumberViewSet, basename="policy-number")
router.register("documents", coop_views.GoverningDocumentViewSet, basename="document")
router.register("document-versions", coop_views.DocumentVersionViewSet, basename="document-version")
router.register("members", membership_views.MemberViewSet, basename="member")
router.register("share-transactions", membership_views.ShareTransactionViewSet, basename="share-transaction")
router.register("share-requests", membership_views.ShareRequestViewSet, basename="share-request")
router.register("dues-schedules", membership_views.DuesScheduleViewSet, basename="dues-schedule")
router.register("dues-charges", membership_views.DuesChargeViewSet, basename="dues-charge")
router.register("dues-payments", membership_views.DuesPaymentViewSet, basename="dues-payment")
router.register("labor-clients", labor_views.ClientViewSet, basename="labor-client")
router.register("labor-contracts", labor_views.ContractViewSet, basename="labor-contract")
router.register("labor-assignments", labor_views.AssignmentViewSet, basename="labor-assignment")
router.register("timesheets", labor_views.TimesheetViewSet, basename="timesheet")
router.register("labor-invoices", labor_views.InvoiceViewSet, basename="labor-invoice")
router.register("projects", project_views.ProjectViewSet, basename="project")
router.register("tasks", project_views.TaskViewSet, basename="task")
router.register("task-dependencies", project_views.DependencyViewSet, basename="task-dependency")
router.register("time-entries", project_views.TimeEntryViewSet, basename="time-entry")
router.register("motions", governance_views.MotionViewSet, basename="motion")
router.register("proxies", governance_views.ProxyViewSet, basename="proxy")
router.register("participations", governance_views.ParticipationViewSet, basename="participation")
router.register("officers", governance_views.OfficerViewSet, basename="officer")
router.register("meetings", governance_views.MeetingViewSet, basename="meeting")
router.register("accounts", finance_views.AccountViewSet, basename="account")
router.register("journal-entries", finance_views.JournalEntryViewSet, basename="journal-entry")
router.register("pay-bands", finance_views.PayBandViewSet, basename="pay-band")
router.register("review-cycles", finance_views.ReviewCycleViewSet, basename="review-cycle")
router.register("reviews", finance_views.ReviewViewSet, basename="review")
router.register("payroll-runs", finance_views.PayrollRunViewSet, basename="payroll-run")
router.register("payslips", finance_views.PayslipViewSet, basename="payslip")
router.register("member-rates", finance_doors.MemberRateViewSet, basename="member-rate")
router.register("rate-proposals", finance_doors.RateProposalViewSet, basename="rate-proposal")
router.register("review-disputes", finance_doors.ReviewDisputeViewSet, basename="review-dispute")
router.register("bonus-awards", finance_doors.BonusAwardViewSet, basename="bonus-award")
router.register("surplus-allocations", finance_doors.SurplusAllocationViewSet, basename="surplus-allocation")
router.register("conveners", founding_views.ConvenershipViewSet, basename="convener")
router.register("applications", founding_views.ApplicationViewSet, basename="application")

urlpatterns = [
    path("cooperative/", coop_views.CooperativeView.as_view(), name="cooperative"),
    path("me/", coop_views.MeView.as_view(), name="me"),
    path("me/data/", wiring_views.MyDataView.as_view(), name="my-data"),
    path("startup-sequence/", coop_views.StartupSequenceView.as_view(), name="startup-sequence"),
    path("capital-progress/", founding_views.CapitalProgressView.as_view(), name="capital-progress"),
    path("incorporation/", founding_views.IncorporationView.as_view(), name="incorporation"),
    *router.urls,
]
