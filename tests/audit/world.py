"""A whole cooperative for the audit tests: the demo seed, then `grow(n)` to add rows everywhere.

Every row is built through the services, as the platform builds them, so the audit measures
the pages and endpoints on the data they really meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import count, pairwise

from django.core.management import call_command
from django.utils import timezone

from coop.models import User
from finance import services as finance_services
from finance.models import Account, PayBand
from finance.services.ledger import Line
from governance import services as governance_services
from governance.models import Body
from labor_contracts import services as labor_services
from membership import services as membership_services
from membership.models import Member
from projects import services as project_services
from tests.factories import governance as gf
from tests.factories import labor_contracts as lf
from tests.factories import projects as pf
from tests.factories.coop import document_create

PASSWORD = "audit-demo-pass-123"
REASON = "audit setup"
_round = count(1)


@dataclass(frozen=True)
class World:
    board: User  # the President: Board and Member
    operations: User  # the CEO: Operations and Member
    member: User  # a plain owner
    auditor: User


def seed() -> World:
    """Seed the demo cooperative and return its four demo logins."""
    call_command("seed_demo", password=PASSWORD, verbosity=0)
    by_email = {u.email: u for u in User.objects.filter(email__in=[
        "president@demo.coop", "ceo@demo.coop", "member@demo.coop", "auditor@demo.coop"])}
    return World(board=by_email["president@demo.coop"], operations=by_email["ceo@demo.coop"],
                 member=by_email["member@demo.coop"], auditor=by_email["auditor@demo.coop"])


def grow(world: World, n: int) -> None:
    """Add `n` owners and, around them, rows in every app: votes, projects, contracts, ledger."""
    step = next(_round)
    owners = [gf.owner(shares=1) for _i in range(n)]
    members = list(Member.objects.filter(user__in=owners))
    _membership(members)
    _governance(world, owners, step)
    _projects(world, owners, step)
    _labor(world, owners, step)
    _finance(world, members, step)
    _founding(n, step)


def _membership(members: list[Member]) -> None:
    document_create(slug=f"audit-policy-{next(_round)}", title="Audit policy", text="Be kind.")
    for member in members:
        membership_services.share_request_submit(member=member, kind="purchase", quantity=1, actor=member.user,
                                                 reason=REASON)


def _governance(world: World, owners: list[User], step: int) -> None:
    motion = gf.open_motion(gf.motion(proposer=world.board, title=f"Audit motion {step}"), board=world.board)
    for voter in owners:
        if motion.roll.filter(voter=voter).exists():
            governance_services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
        governance_services.comment_add(motion=motion, author=voter, text="I agree.", actor=voter)
    governance_services.motion_close(motion=motion, actor=world.board, reason=REASON)
    later = gf.motion(proposer=world.board, title=f"Audit later motion {step}")
    for grantor, holder in zip(owners[::2], owners[1::2], strict=False):
        governance_services.proxy_grant(grantor=grantor, holder=holder, motion=later, actor=grantor, reason=REASON)
    governance_services.mediation_open(
        title=f"Audit dispute {step}", parties=owners[:2], mediator=world.operations,
        escalation_body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE), actor=world.board, reason=REASON,
    )


def _projects(world: World, owners: list[User], step: int) -> None:
    project = pf.project_create(name=f"Audit project {step}", actor=world.operations)
    pf.team_add(project, *owners)
    pf.manager_assign(project, world.operations)
    tasks = [pf.task_create(project, f"Audit task {step}.{i}", start=pf.START + timedelta(days=i))
             for i in range(len(owners))]
    for before, after in pairwise(tasks):
        pf.depend(before, after)
    project_services.milestone_create(project=project, name=f"Audit milestone {step}", due_date=pf.START,
                                      actor=world.operations, reason=REASON)
    need = project_services.staffing_need_create(
        project=project, role_name="Builder", period_start=pf.START, period_end=pf.START + timedelta(days=30),
        headcount=len(owners), actor=world.operations, reason=REASON,
    )
    for owner in owners:
        project_services.staffing_assign(need=need, user=owner, actor=world.operations, reason=REASON)
    for task, owner in zip(tasks, owners, strict=True):
        project_services.task_assign(task=task, user=owner, actor=world.operations, reason=REASON)
        project_services.time_entry_log(user=owner, task=task, date=task.start_date, hours=Decimal("2"),
                                        actor=owner, reason=REASON)


def _labor(world: World, owners: list[User], step: int) -> None:
    contract = lf.contract_active(world.operations, world.board, title=f"Audit contract {step}")
    labor_services.client_contact_add(client=contract.client, name=f"Contact {step}", email=f"c{step}@client.test",
                                      actor=world.operations, reason=REASON)
    today = timezone.localdate()
    for index, owner in enumerate(owners):
        lf.assign(contract, owner, world.operations)
        lf.hours_approved(contract, owner, today - timedelta(days=index % 5), "3", world.operations)
    invoice = labor_services.invoice_issue(contract=contract, period_start=contract.starts_on, period_end=today,
                                           actor=world.operations, reason=REASON)
    labor_services.payment_record(invoice=invoice, amount=invoice.total, received_on=today, actor=world.operations,
                                  reason=REASON)


def _finance(world: World, members: list[Member], step: int) -> None:
    band = PayBand.objects.first()
    for member in members:
        finance_services.member_rate_set(member=member.user, band=band, rate=band.minimum, actor=world.board,
                                         reason=REASON)
    accounts = list(Account.objects.order_by("pk")[:2])
    for i in range(len(members)):
        finance_services.journal_entry_record(
            date=timezone.localdate(), memo=f"Audit entry {step}.{i}", actor=world.board, reason=REASON,
            lines=[Line(account=accounts[0], debit=Decimal("10.00")),
                   Line(account=accounts[1], credit=Decimal("10.00"))],
        )


def _founding(n: int, step: int) -> None:
    from founding.models import ApplicationQuestion
    from founding.services import application_submit

    questions = ApplicationQuestion.objects.filter(active=True)
    for i in range(n):
        application_submit(
            email=f"applicant{step}-{i}@example.org", legal_name=f"Applicant {step}-{i}",
            answers={q.pk: "Because we build together." for q in questions},
        )
