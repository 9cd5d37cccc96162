"""A whole cooperative for the audit tests: the demo seed, then `grow(n)` to add rows everywhere.

Every row is built through the services, as the platform builds them, so the audit measures
the pages and endpoints on the data they really meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import count, pairwise

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from nacl.signing import SigningKey

from alliance import services as alliance_services
from alliance.models import MemberCooperative
from coop.models import GoverningDocument, NoticeDelivery, NoticeKind, User
from coop.notices import notice_preferences_set
from coop.selectors import policy_value
from federation import identity, signing
from federation import services as federation_services
from finance import services as finance_services
from finance.models import Account, BonusAward, PayBand, PayrollRun, ReviewCriterion
from finance.services.ledger import Line
from founding import services as founding_services
from founding.models import ApplicationQuestion
from governance import services as governance_services
from governance.models import Body, Motion, Office, OfficeTerm
from labor_contracts import services as labor_services
from labor_contracts.models import IncomingContract, IncomingInvoice, IncomingTimesheet, LaborContract
from membership import services as membership_services
from membership.models import DuesSchedule, Member
from projects import services as project_services
from projects.models import Project
from tests.factories import governance as gf
from tests.factories import labor_contracts as lf
from tests.factories import projects as pf
from tests.factories.coop import document_create
from tests.governance.encrypted import world as encrypted_world

PASSWORD = "audit-demo-pass-123"
REASON = "audit setup"
_round = count(1)


@dataclass(frozen=True)
class World:
    board: User  # the President: Board and Member
    operations: User  # the CEO: Operations and Member
    member: User  # a plain owner
    auditor: User
    secretary: User  # certifies the General Conference's votes
    treasurer: User  # a Board officer who awards the President's bonus, which the President may not


def seed() -> World:
    """Seed the demo cooperative and return its demo logins."""
    call_command("seed_demo", password=PASSWORD, verbosity=0)
    by_email = {
        u.email: u
        for u in User.objects.filter(
            email__in=[
                "president@demo.coop",
                "ceo@demo.coop",
                "member@demo.coop",
                "auditor@demo.coop",
                "secretary@demo.coop",
                "treasurer@demo.coop",
            ]
        )
    }
    return World(
        board=by_email["president@demo.coop"],
        operations=by_email["ceo@demo.coop"],
        member=by_email["member@demo.coop"],
        auditor=by_email["auditor@demo.coop"],
        secretary=by_email["secretary@demo.coop"],
        treasurer=by_email["treasurer@demo.coop"],
    )


def grow(world: World, n: int) -> None:
    """Add `n` owners and, around them, rows in every app: dues, votes, offices, projects, reviews,
    payroll, bonuses and surplus, labor contracts, recruitment and the business plan."""
    step = next(_round)
    owners = [gf.owner(shares=1) for _i in range(n)]
    members = list(Member.objects.filter(user__in=owners))
    _membership(members)
    _subscriptions(world, members)
    _notice_preferences(owners)
    _dues(world, members)
    _governance(world, owners, step)
    _encrypted_vote(world, owners, step)
    _meetings(world, owners, step)
    _offices(world, owners)
    _policy(world)
    project = _projects(world, owners, step)
    _finance(world, members, step)
    _reviews(world, owners, step)
    month = _payroll(world, owners, project)
    _surplus_and_bonuses(world, month)
    _labor(world, owners, step)
    _founding(world, project, n, step)
    _federation(world, n, step)
    _alliance(world, n, step)
    _contracts_from_peers(world, owners, n, step)
    # Last, so that the newest motion, whose admin page the budget test reads, has a choice per candidate.
    _election(world, owners)


def _membership(members: list[Member]) -> None:
    document_create(slug=f"audit-policy-{next(_round)}", title="Audit policy", text="Be kind.")
    for member in members:
        membership_services.share_request_submit(
            member=member, kind="purchase", quantity=1, actor=member.user, reason=REASON
        )


def _subscriptions(world: World, members: list[Member]) -> None:
    """Each new owner subscribes a share by instalments: half from their payslips, half monthly in cash."""
    par = policy_value("share_par_value")
    for index, member in enumerate(members):
        subscription = membership_services.share_subscribe(
            member=member,
            quantity=1,
            down_payment=par / 10,
            instalment=par / 20,
            frequency="payslip" if index % 2 else "monthly",
            actor=world.board,
            reason=REASON,
        )
        if not index % 2:
            membership_services.subscription_pay(
                subscription=subscription, amount=par / 20, actor=world.board, reason=REASON
            )


def _notice_preferences(owners: list[User]) -> None:
    """Half the new owners take vote notices in a daily digest."""
    for owner in owners[::2]:
        notice_preferences_set(
            user=owner, deliveries={NoticeKind.VOTE_OPENED: NoticeDelivery.DAILY}, actor=owner, reason=REASON
        )


def _meetings(world: World, owners: list[User], step: int) -> None:
    """A General Conference in session, with an item and a document on its agenda, the new owners checked in."""
    meeting = gf.meeting_in_session(board=world.board, title=f"Audit conference {step}")
    report = governance_services.agenda_item_add(
        meeting=meeting, kind="report", title=f"Report {step}", actor=world.board, reason=REASON
    )
    governance_services.meeting_document_attach(
        meeting=meeting, title=f"Minutes {step}", link="https://example.org/minutes", actor=world.board, reason=REASON
    )
    for owner in owners:
        governance_services.attendance_check_in(meeting=meeting, attendee=owner, how="remote", actor=owner)
        governance_services.agenda_speaker_add(item=report, speaker=owner, actor=world.board, reason=REASON)
    _hybrid_votes(world, meeting, owners, step)
    _minutes(world, step)
    _petition(owners, step)


def _petition(owners: list[User], step: int) -> None:
    """A petition for a special General Conference the first new owner starts and the others sign;
    the last takes their signature back, so its history holds a withdrawn signature."""
    petition = governance_services.petition_start(
        title=f"Petition {step}", purpose="A special conference", actor=owners[0], reason=REASON
    )
    for owner in owners[1:]:
        governance_services.petition_sign(petition=petition, actor=owner, reason=REASON)
    governance_services.petition_unsign(petition=petition, actor=owners[-1], reason=REASON)


def _minutes(world: World, step: int) -> None:
    """A Board meeting held and closed, its minutes drafted from the record by the platform."""
    held = gf.meeting_in_session(board=world.board, body_kind=Body.Kind.BOARD, title=f"Board held {step}")
    governance_services.meeting_close(meeting=held, actor=world.board, reason=REASON)
    governance_services.minutes_draft(meeting=held, actor=None, reason=REASON)


def _hybrid_votes(world: World, meeting, owners: list[User], step: int) -> None:
    """Two of the new owners count a motion's paper ballots: one paper per new owner, entered by
    both tellers with one difference the chair resolves, added to the count; and a Board meeting
    decides a motion by a show of hands."""
    motion = gf.motion(proposer=owners[0], title=f"Paper vote {step}")
    governance_services.agenda_item_add(
        meeting=meeting, kind="motion", motion=motion, title="", actor=world.board, reason=REASON
    )
    motion = gf.open_motion(motion, board=world.board)
    governance_services.meeting_tellers_appoint(meeting=meeting, tellers=owners[:2], actor=world.board, reason=REASON)
    issued = [governance_services.paper_ballot_issue(motion=motion, voter=o, actor=world.board) for o in owners]
    for number, teller in enumerate(owners[:2]):
        for i, issue in enumerate(issued):
            marks = gf.no(motion) if (i, number) == (0, 1) else gf.yes(motion)
            governance_services.paper_ballot_enter(
                motion=motion, serial=f"P{i}", weight=issue.weight, marks=marks, actor=teller
            )
        governance_services.paper_entry_finish(motion=motion, actor=teller)
    governance_services.paper_difference_resolve(
        motion=motion, serial="P0", weight=issued[0].weight, marks=gf.yes(motion), actor=world.board, reason=REASON
    )
    governance_services.paper_ballots_add(motion=motion, actor=world.board, reason=REASON)
    board_meeting = gf.meeting_in_session(board=world.board, body_kind=Body.Kind.BOARD, title=f"Board {step}")
    procedural = gf.motion(proposer=world.board, body_kind=Body.Kind.BOARD, title=f"Adjourn {step}")
    governance_services.agenda_item_add(
        meeting=board_meeting, kind="motion", motion=procedural, title="", actor=world.board, reason=REASON
    )
    procedural = gf.open_motion(procedural, board=world.board)
    governance_services.show_of_hands_record(
        motion=procedural, counts={gf.yes(procedural)[0]: 1}, actor=world.board, reason=REASON
    )


def _dues(world: World, members: list[Member]) -> None:
    """Charge the new owners the running period of the club-phase schedule; half pay, the rest are reminded."""
    schedule = DuesSchedule.objects.get(active=True)
    # The demo's dues vote moved the dues to a schedule that starts with the next period: charge that one.
    first = schedule.starts_on if schedule.starts_on > timezone.localdate() else None
    membership_services.dues_charge_period(schedule=schedule, period_start=first, actor=world.treasurer, reason=REASON)
    for member in members[::2]:
        membership_services.dues_payment_record(
            member=member, amount=schedule.amount, actor=world.treasurer, reason=REASON
        )
    membership_services.dues_reminders_send(members=members[1::2], actor=world.treasurer, reason=REASON)


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
        title=f"Audit dispute {step}",
        parties=owners[:2],
        mediator=world.operations,
        escalation_body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        actor=world.board,
        reason=REASON,
    )


def _encrypted_vote(world: World, owners: list[User], step: int) -> None:
    """An encrypted vote from the key ceremony to the trustees' decryption, the new owners casting."""
    motion, election, keys = encrypted_world.ready(
        proposer=world.board,
        board=world.board,
        trustees=[world.board, world.secretary, f"Audit outside trustee {step}"],
        title=f"Audit encrypted motion {step}",
    )
    for voter in owners:
        encrypted_world.cast(motion, election, voter, [1, 0])
    governance_services.motion_close(motion=motion, actor=world.board, reason=REASON)
    encrypted_world.decrypt(election, keys, (1, 3), world.board)


def _offices(world: World, owners: list[User]) -> None:
    """Each new owner serves a term as a manager: the Board appoints, then removes them."""
    office = Office.objects.get(kind=Office.Kind.MANAGER)
    for owner in owners:
        term = governance_services.office_appoint(office=office, holder=owner, actor=world.board, reason=REASON)
        governance_services.office_term_end(
            term=term, status=OfficeTerm.Status.REMOVED, actor=world.board, reason=REASON
        )


def _by_general_conference(world: World, motion: Motion, marks: list[int]) -> None:
    """Open `motion`, have every owner on its roll vote `marks`, close it and have the Secretary certify it."""
    gf.open_motion(motion, board=world.board)
    for voter in User.objects.filter(pk__in=motion.roll.values("voter")):
        governance_services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    governance_services.motion_close(motion=motion, actor=world.board, reason=REASON)
    governance_services.motion_certify(motion=motion, actor=world.secretary, reason=REASON)


def _policy(world: World) -> None:
    """The General Conference raises the share cap by one."""
    motion = gf.motion(
        proposer=world.board,
        kind=Motion.Kind.POLICY_CHANGE,
        title="Audit: raise the share cap",
        policy_key="share_cap_count",
        policy_value=str(policy_value("share_cap_count") + 1),
    )
    _by_general_conference(world, motion, gf.yes(motion))


def _election(world: World, owners: list[User]) -> None:
    """The General Conference elects Directors from the new owners; the sitting Directors' terms end."""
    motion = gf.election(
        proposer=world.board, board=world.board, candidates=owners, method=Motion.Method.APPROVAL, open_it=False
    )
    _by_general_conference(
        world, motion, list(motion.choices.order_by("position").values_list("pk", flat=True)[: motion.seats])
    )


def _projects(world: World, owners: list[User], step: int) -> Project:
    project = pf.project_create(name=f"Audit project {step}", actor=world.operations)
    pf.team_add(project, *owners)
    pf.manager_assign(project, world.operations)
    tasks = [
        pf.task_create(project, f"Audit task {step}.{i}", start=pf.START + timedelta(days=i))
        for i in range(len(owners))
    ]
    for before, after in pairwise(tasks):
        pf.depend(before, after)
    project_services.milestone_create(
        project=project, name=f"Audit milestone {step}", due_date=pf.START, actor=world.operations, reason=REASON
    )
    need = project_services.staffing_need_create(
        project=project,
        role_name="Builder",
        period_start=pf.START,
        period_end=pf.START + timedelta(days=30),
        headcount=len(owners),
        actor=world.operations,
        reason=REASON,
    )
    for owner in owners:
        project_services.staffing_assign(need=need, user=owner, actor=world.operations, reason=REASON)
    for task, owner in zip(tasks, owners, strict=True):
        project_services.task_assign(task=task, user=owner, actor=world.operations, reason=REASON)
        project_services.time_entry_log(
            user=owner, task=task, date=task.start_date, hours=Decimal("2"), actor=owner, reason=REASON
        )
    return project


def _labor(world: World, owners: list[User], step: int) -> None:
    contract = lf.contract_active(world.operations, world.board, title=f"Audit contract {step}")
    labor_services.client_contact_add(
        client=contract.client,
        name=f"Contact {step}",
        email=f"c{step}@client.test",
        actor=world.operations,
        reason=REASON,
    )
    today = timezone.localdate()
    for index, owner in enumerate(owners):
        lf.assign(contract, owner, world.operations)
        lf.hours_approved(contract, owner, today - timedelta(days=index % 5), "3", world.operations)
    invoice = labor_services.invoice_issue(
        contract=contract, period_start=contract.starts_on, period_end=today, actor=world.operations, reason=REASON
    )
    labor_services.payment_record(
        invoice=invoice, amount=invoice.total, received_on=today, actor=world.operations, reason=REASON
    )
    _fixed_value_contract(world, len(owners), step)


def _fixed_value_contract(world: World, milestones: int, step: int) -> None:
    """A fixed-value contract paid by `milestones` milestones, each delivered before the work completes."""
    contract = lf.contract_draft(
        world.operations,
        basis=LaborContract.BillingBasis.FIXED,
        fixed_value=Decimal(1000 * milestones),
        title=f"Audit fixed contract {step}",
    )
    for i in range(milestones):
        labor_services.milestone_add(
            contract=contract,
            title=f"Stage {i + 1}",
            amount=Decimal(1000),
            due_on=contract.starts_on + timedelta(days=i),
            actor=world.operations,
            reason=REASON,
        )
    labor_services.contract_negotiate(contract=contract, actor=world.operations, reason=REASON)
    labor_services.contract_approve(contract=contract, actor=world.board, reason=REASON)
    labor_services.contract_activate(contract=contract, actor=world.operations, reason=REASON)
    for milestone in contract.milestones.all():
        labor_services.milestone_reach(
            milestone=milestone, reached_on=milestone.due_on, actor=world.operations, reason=REASON
        )
    labor_services.contract_complete(contract=contract, actor=world.operations, reason=REASON)


def _finance(world: World, members: list[Member], step: int) -> None:
    band = PayBand.objects.first()
    for member in members:
        finance_services.member_rate_set(
            member=member.user, band=band, rate=band.minimum, actor=world.board, reason=REASON
        )
    accounts = list(Account.objects.order_by("pk")[:2])
    for i in range(len(members)):
        finance_services.journal_entry_record(
            date=timezone.localdate(),
            memo=f"Audit entry {step}.{i}",
            actor=world.board,
            reason=REASON,
            lines=[
                Line(account=accounts[0], debit=Decimal("10.00")),
                Line(account=accounts[1], credit=Decimal("10.00")),
            ],
        )


def _reviews(world: World, owners: list[User], step: int) -> None:
    """The new owners review each other in a cycle of their own; closing it proposes their new rates,
    and each disputes one review of them."""
    today = timezone.localdate()
    cycle = finance_services.review_cycle_open(
        name=f"Audit review {step}",
        period_start=today - timedelta(days=30),
        period_end=today,
        team=owners,
        criteria=list(ReviewCriterion.objects.all()),
        rate_changes_opted_in=True,
        actor=world.operations,
        reason=REASON,
    )
    criteria = list(cycle.criteria.all())
    reviews = {}
    for reviewer in owners:
        for reviewee in owners:
            if reviewer != reviewee:
                reviews[reviewee] = finance_services.review_submit(
                    cycle=cycle,
                    reviewee=reviewee,
                    scores={c.pk: 4 for c in criteria},
                    comments="Steady work and generous with help.",
                    actor=reviewer,
                    reason=REASON,
                )
    finance_services.review_cycle_close(cycle=cycle, actor=world.operations, reason=REASON)
    for reviewee, review in reviews.items():
        finance_services.review_dispute_raise(
            review=review, statement="The score misses my site work.", actor=reviewee, reason=REASON
        )


def _payroll(world: World, owners: list[User], project: Project) -> tuple[date, date]:
    """Pay the month before the earliest run, with the new owners' hours in it; return that month."""
    earliest = PayrollRun.objects.order_by("period_start").values_list("period_start", flat=True).first()
    end = earliest - timedelta(days=1)
    start = end.replace(day=1)
    task = project.tasks.order_by("pk").first()
    for owner in owners:
        project_services.time_entry_log(
            user=owner, task=task, date=start, hours=Decimal("6"), actor=owner, reason=REASON
        )
    run = finance_services.payroll_run_draft(period_start=start, period_end=end, actor=world.operations, reason=REASON)
    finance_services.payroll_run_review(run=run, actor=world.operations, reason=REASON)
    finance_services.payroll_run_approve(run=run, actor=world.board, reason=REASON)
    finance_services.payroll_run_post(run=run, actor=world.operations, reason=REASON)
    return start, end


def _surplus_and_bonuses(world: World, month: tuple[date, date]) -> None:
    """Sell work in `month`, propose its surplus allocation and award both bonuses for it.

    Bonuses are suspended while any labor contract is active, so the running contracts complete
    first; the round's own contract starts afterwards (`_labor`) and suspends them again. The
    General Conference then adopts the allocation, whose entry credits each worker's dividend.
    """
    start, end = month
    finance_services.journal_entry_record(
        date=end,
        memo="Audit client work",
        actor=world.treasurer,
        reason=REASON,
        lines=[Line("1000", debit=Decimal("50000.00")), Line("4100", credit=Decimal("50000.00"))],
    )
    allocation = finance_services.surplus_allocation_propose(
        period_start=start, period_end=end, reserves_percent="30", actor=world.treasurer, reason=REASON
    )
    for contract in LaborContract.objects.active():
        labor_services.contract_complete(contract=contract, actor=world.operations, reason=REASON)
    for kind, actor in ((BonusAward.Kind.PRESIDENT, world.treasurer), (BonusAward.Kind.CEO, world.board)):
        finance_services.bonus_award(kind=kind, period_start=start, period_end=end, actor=actor, reason=REASON)
    motion = gf.motion(
        proposer=world.treasurer,
        kind=Motion.Kind.SURPLUS_ALLOCATION,
        title=f"Audit: adopt the surplus allocation of {start:%B %Y}",
        terms={"surplus_allocation": allocation},
    )
    _by_general_conference(world, motion, gf.yes(motion))


def _founding(world: World, project: Project, n: int, step: int) -> None:
    """A new application question, `n` applications, and a business plan of `n` milestones carried
    out by `project`, put to the General Conference in place of the last one, which the Board withdraws."""
    founding_services.application_question_create(text=f"Audit question {step}", actor=world.board, reason=REASON)
    questions = ApplicationQuestion.objects.filter(active=True)
    for i in range(n):
        founding_services.application_submit(
            email=f"applicant{step}-{i}@example.org",
            legal_name=f"Applicant {step}-{i}",
            answers={q.pk: "Because we build together." for q in questions},
        )
    pending = Motion.objects.filter(
        document_version__document__kind=GoverningDocument.Kind.BUSINESS_PLAN, status=Motion.Status.DRAFT
    )
    for motion in pending:
        governance_services.motion_withdraw(motion=motion, actor=world.board, reason=REASON)
    today = timezone.localdate()
    founding_services.business_plan_propose(
        capital_target=Decimal(100000 * step),
        actor=world.board,
        reason=REASON,
        text=f"Audit plan {step}: raise the capital, then build the workshop.",
        milestones=[
            founding_services.MilestoneSpec(
                f"Audit milestone {step}.{i}", today + timedelta(days=30 * i), project=project
            )
            for i in range(n)
        ],
    )


def _signed_to_inbox(key: SigningKey, kind: str, payload: dict, nonce: str) -> None:
    url = "http://testserver/federation/inbox/"
    headers, body = signing.signed_request(
        url=url,
        body={"kind": kind, "payload": payload},
        key=key,
        key_id=identity.key_id(key.verify_key.encode().hex()),
        nonce=nonce,
    )
    answer = federation_services.inbox_receive(method="POST", url=url, headers=headers, body=body)
    assert answer.ok, answer.message


def _active_peer(world: World, name: str, key: SigningKey):
    peer = federation_services.peer_register(
        name=name,
        base_url="https://" + name.lower().replace(" ", "-").replace(".", "-") + ".example.coop",
        public_key=key.verify_key.encode().hex(),
        actor=world.board,
        reason=REASON,
    )
    return federation_services.peer_approve(peer=peer, fingerprint=peer.fingerprint, actor=world.board, reason=REASON)


def _alliance(world: World, n: int, step: int) -> None:
    """`n` alliances this cooperative joins and is admitted to, and, as an alliance, `n` cooperatives
    that apply through the signed inbox and that the Board admits."""
    for i in range(n):
        alliance_key, cooperative_key = SigningKey.generate(), SigningKey.generate()
        alliance = _active_peer(world, f"Audit alliance {step}.{i}", alliance_key)
        cooperative = _active_peer(world, f"Audit cooperative {step}.{i}", cooperative_key)
        alliance_services.alliance_join(peer=alliance, actor=world.board, reason=REASON)
        _signed_to_inbox(alliance_key, "alliance.admitted", {}, f"00000000-0000-4000-8001-{step:06d}{i:06d}")
        # Its solidarity commitment, from a day far enough ahead that no round's surplus falls under it.
        commitment = {
            "percent": "2.50",
            "starts_on": "2099-01-01",
            "motion_number": f"A-{step}.{i}",
            "motion_title": "Audit solidarity contribution",
            "certified_on": "2026-01-15",
        }
        nonce = f"00000000-0000-4000-8003-{step:06d}{i:06d}"
        _signed_to_inbox(alliance_key, "alliance.solidarity_contribution", commitment, nonce)
        with override_settings(INSTALLATION_KIND="alliance"):
            join = {"name": f"Audit cooperative {step}.{i}", "profile": {"sector": "Audit"}}
            _signed_to_inbox(cooperative_key, "alliance.join", join, f"00000000-0000-4000-8002-{step:06d}{i:06d}")
            applied = MemberCooperative.objects.get(peer=cooperative, status=MemberCooperative.Status.APPLIED)
            alliance_services.member_admit(member=applied, actor=world.board, reason=REASON)


def _contracts_from_peers(world: World, owners: list[User], n: int, step: int) -> None:
    """A peer cooperative offers `n` contracts through the signed inbox; the CEO accepts each,
    Operations confirms the hours it sends and pays every other invoice. The other way, this
    cooperative hires its owners out to that peer, which accepts, and sends it `n` weeks of hours."""
    key = SigningKey.generate()
    peer = _active_peer(world, f"Audit provider {step}", key)
    today = timezone.localdate()
    _contract_with_a_peer(world, peer, key, owners, n, step)
    period = {"period_start": (today - timedelta(days=7)).isoformat(), "period_end": today.isoformat()}
    for i in range(n):
        ref = step * 1000 + i + 1

        def nonce(kind: int, i=i) -> str:
            return f"00000000-0000-4000-{8010 + kind}-{step:06d}{i:06d}"

        offer = {
            "contract": ref,
            "title": f"Audit peer contract {step}.{i}",
            "scope": "Cooks for the audit kitchen",
            "starts_on": (today - timedelta(days=30)).isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
            "rates": [{"role": "Cook", "hourly_rate": "30.00"}],
        }
        _signed_to_inbox(key, "contracts.offer", offer, nonce(0))
        contract = IncomingContract.objects.get(peer=peer, remote_ref=ref)
        labor_services.incoming_contract_accept(contract=contract, actor=world.operations, reason=REASON)
        hours = {"contract": ref, "timesheet": ref, **period, "hours_by_role": [{"role": "Cook", "hours": "4.00"}]}
        _signed_to_inbox(key, "contracts.timesheet", hours, nonce(1))
        timesheet = IncomingTimesheet.objects.get(contract=contract)
        labor_services.incoming_timesheet_confirm(timesheet=timesheet, actor=world.operations, reason=REASON)
        invoice = {
            "contract": ref,
            "number": f"P-{ref}",
            **period,
            "issued_on": today.isoformat(),
            "due_on": (today + timedelta(days=30)).isoformat(),
            "total": "120.00",
            "lines": [{"role": "Cook", "hours": "4.00", "rate": "30.00", "amount": "120.00"}],
        }
        _signed_to_inbox(key, "contracts.invoice", invoice, nonce(2))
        if i % 2:
            payable = IncomingInvoice.objects.get(contract=contract)
            labor_services.incoming_invoice_pay(invoice=payable, paid_on=today, actor=world.operations, reason=REASON)


def _contract_with_a_peer(world: World, peer, key: SigningKey, owners: list[User], n: int, step: int) -> None:
    client = labor_services.client_create(
        actor=world.operations, reason=REASON, name=f"Audit peer client {step}", peer=peer
    )
    contract = lf.contract_draft(
        world.operations, client=client, rates=(("Cook", "32.50"),), title=f"Audit contract with a peer {step}"
    )
    labor_services.contract_offer(contract=contract, actor=world.operations, reason=REASON)
    _signed_to_inbox(key, "contracts.accepted", {"contract": contract.pk}, f"00000000-0000-4000-8020-{step:012d}")
    labor_services.contract_approve(contract=contract, actor=world.board, reason=REASON)
    contract = labor_services.contract_activate(contract=contract, actor=world.operations, reason=REASON)
    lf.assign(contract, owners[0], world.operations, role="Cook")
    today = timezone.localdate()
    for week in range(n):
        day = today - timedelta(days=7 * week)
        lf.hours_approved(contract, owners[0], day, "3", world.operations)
        labor_services.peer_timesheet_send(
            contract=contract, period_start=day, period_end=day, actor=world.operations, reason=REASON
        )


def _federation(world: World, n: int, step: int) -> None:
    """A new peer, approved by the Board, and `n` messages each way: hellos sent to it, and signed
    hellos from it received at the inbox."""
    key = SigningKey.generate()
    public_key = key.verify_key.encode().hex()
    peer = federation_services.peer_register(
        name=f"Audit peer {step}",
        base_url=f"https://peer{step}.example.coop",
        public_key=public_key,
        actor=world.board,
        reason=REASON,
    )
    peer = federation_services.peer_approve(peer=peer, fingerprint=peer.fingerprint, actor=world.board, reason=REASON)
    for i in range(n):
        federation_services.peer_hello_send(peer=peer, actor=world.board, reason=REASON)
        headers, body = signing.signed_request(
            url="http://testserver/federation/inbox/",
            body={"kind": "federation.hello", "payload": {"name": f"Audit peer {step}", "software": "audit"}},
            key=key,
            key_id=identity.key_id(public_key),
            nonce=f"00000000-0000-4000-8000-{step:06d}{i:06d}",
        )
        federation_services.inbox_receive(
            method="POST", url="http://testserver/federation/inbox/", headers=headers, body=body
        )
