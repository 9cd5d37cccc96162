"""The portal home's reads: what needs the person first, then what is theirs.

Each item comes from its own app's selectors; this module only gathers them. Every list is
cut to a fixed length and every figure is a database aggregate, so the page runs the same
number of queries for a newcomer and for a member with years of history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coop import selectors as core
from coop.desk import desk_for
from coop.models import User
from coop.notices import notices_unread_count_of_user
from finance import selectors as finance
from governance import selectors as governance
from labor_contracts import selectors as labor
from membership import selectors as membership
from projects import selectors as projects

# How many rows of each list the home shows; the app's own page shows the rest.
LIST_LENGTH = 10
TASK_HORIZON_DAYS = 14
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Hours:
    """Hours `user` logged this week (Monday to today): on projects and on labor contracts."""

    since: date
    projects: Decimal
    contracts: Decimal

    @property
    def total(self) -> Decimal:
        return self.projects + self.contracts


@dataclass
class Dashboard:
    ballots: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    timesheets: list = field(default_factory=list)
    timesheets_waiting: int = 0
    dues_owed: Decimal = Decimal("0.00")
    tasks: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    hours: Hours | None = None
    payslip: object | None = None
    member: object | None = None
    capital: object | None = None
    capital_balance: Decimal = Decimal("0.00")
    voting_weight: object | None = None
    documents: list = field(default_factory=list)
    notices_unread: int = 0
    task_horizon_days: int = TASK_HORIZON_DAYS
    # The officer's desk (coop.desk): the decisions the person's roles and offices wait on.
    desk: list = field(default_factory=list)

    @property
    def desk_waiting(self) -> list:
        return [entry for entry in self.desk if entry.waiting]

    @property
    def needs_me(self) -> bool:
        return bool(
            self.desk_waiting or self.ballots or self.reviews or self.timesheets or self.dues_owed > 0 or self.tasks
        )


def _figures(user, *, start: date, end: date) -> dict:
    """Return the home's figures from several apps (hours this week on projects and on labor
    contracts, timesheet entries waiting, the capital account's balance, unread notices, the policy
    numbers a member's standing depends on) in one query: each app's selector gives its figure as
    a subquery on the person's own row."""
    return (
        User.objects.filter(pk=user.pk)
        .values(
            project_hours=projects.hours_logged_of_user(start=start, end=end),
            contract_hours=labor.contract_hours_logged_of_user(start=start, end=end),
            timesheets_waiting=labor.timesheets_to_submit_count_of_user(),
            capital_balance=finance.capital_balance_of_user(),
            notices_unread=notices_unread_count_of_user(),
            **core.policy_values_as_subqueries(*membership.STANDING_POLICIES),
        )
        .get()
    )


def dashboard_for(user, *, today: date | None = None) -> Dashboard:
    """Return what needs `user` (their office's decisions, ballots, reviews, timesheets, dues, tasks)
    and what is theirs.

    Each thing is read once: the figures of every app in one query, the member with their dues,
    shares and voting weight in one query after the policy numbers.
    """
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    figures = _figures(user, start=monday, end=today)
    board = Dashboard(
        ballots=list(governance.ballots_awaiting(user)[:LIST_LENGTH]),
        reviews=list(finance.reviews_to_write(user)[:LIST_LENGTH]),
        timesheets=list(labor.timesheets_to_submit(user)[:LIST_LENGTH]),
        timesheets_waiting=figures["timesheets_waiting"],
        tasks=list(projects.tasks_due(user, today=today, within_days=TASK_HORIZON_DAYS)[:LIST_LENGTH]),
        projects=list(projects.my_projects(user)[:LIST_LENGTH]),
        hours=Hours(since=monday, projects=figures["project_hours"], contracts=figures["contract_hours"]),
        payslip=finance.my_payslips(user).first(),
        capital_balance=Decimal(figures["capital_balance"]).quantize(CENT),
        documents=list(core.documents_with_current_number()),
        desk=desk_for(user),
        notices_unread=figures["notices_unread"],
    )
    policies = core.policy_values_from(figures, *membership.STANDING_POLICIES)
    standing = membership.member_standing(user, policies=policies)
    if standing is not None:
        board.member = standing.member
        board.dues_owed = standing.dues_owed
        board.capital = standing.capital
        board.voting_weight = standing.voting_weight
    return board
