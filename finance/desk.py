"""What finance puts on the officers' desk (coop.desk): payroll runs at each step, rate proposals
review disputes and departed members' capital to pay out. Registered by `FinanceConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop.desk import Section, admin_changelist_url, register_desk_item
from coop.roles import Role

from . import selectors
from .models import PayrollRun, RateAdjustmentProposal

# The account changelist's filter of departed members' capital accounts still owed (finance.admin).
DEPARTURE_FILTER, DEPARTURE_OWED = "departure", "owed"

# (status, label, who acts, order): a run moves draft → reviewed → approved → posted.
PAYROLL_STEPS = (
    (PayrollRun.Status.DRAFT, _("Payroll runs to review"), Role.OPERATIONS, 10),
    (PayrollRun.Status.REVIEWED, _("Payroll runs to approve"), Role.BOARD, 20),
    (PayrollRun.Status.APPROVED, _("Payroll runs to post to the ledger"), Role.OPERATIONS, 30),
)


def _payroll_item(status: str, label, role: Role, order: int) -> None:
    register_desk_item(
        f"finance.payroll_{status}",
        label,
        section=Section.MONEY,
        count_fn=lambda user: selectors.payroll_runs_at(status).count(),
        url_fn=lambda: admin_changelist_url("finance.payrollrun", status__exact=status),
        roles=(role,),
        order=order,
    )


def desk_register() -> None:
    """Register finance's items on the desk."""
    for status, label, role, order in PAYROLL_STEPS:
        _payroll_item(status, label, role, order)
    register_desk_item(
        "finance.rate_proposals",
        _("Pay rate proposals to decide"),
        section=Section.MONEY,
        count_fn=lambda user: selectors.rate_proposals_pending().count(),
        url_fn=lambda: admin_changelist_url(
            "finance.rateadjustmentproposal", status__exact=RateAdjustmentProposal.Status.PENDING
        ),
        roles=(Role.BOARD,),
        order=50,
    )
    register_desk_item(
        "finance.disputes_to_refer",
        _("Review disputes to refer to mediation"),
        section=Section.WORK,
        count_fn=lambda user: selectors.disputes_to_refer().count(),
        url_fn=lambda: admin_changelist_url("finance.reviewdispute", mediation_case__isnull="True"),
        roles=(Role.BOARD,),
        order=30,
    )
    register_desk_item(
        "finance.departed_capital",
        _("Departed members' capital to pay out"),
        section=Section.MONEY,
        count_fn=lambda user: selectors.departed_capital_owed().count(),
        url_fn=lambda: admin_changelist_url("finance.account", **{DEPARTURE_FILTER: DEPARTURE_OWED}),
        roles=(Role.BOARD,),
        order=60,
    )
