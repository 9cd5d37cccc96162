"""The demo cooperative's finances, in points: the ledger fed from dues, shares and labor
contracts; pay bands; a finished review cycle with rate proposals; two posted payroll runs; the
bonuses shown suspended (a labor contract is active); and a surplus allocation. The bands and
the allocation are put in force by certified General Conference motions, which their basis names.

Idempotent: each part is found by its natural key (band role, cycle name, run period, entry
source, allocation period) before it is made, so a second run duplicates nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.roles import Role, has_role
from governance.demo import _decide
from governance.models import Body, Motion, Office
from governance.services import bodies_ensure, motion_propose, office_appoint
from membership.models import Member
from projects.models import Project, Task
from projects.services import project_team_add, time_entry_log

from . import selectors, services
from .models import JournalEntry, MemberRate, PayBand, PayrollRun, ReviewCriterion, ReviewCycle, SurplusAllocation
from .services import Line

# The labels are written in the active language (`seed_demo --language`); cycles, criteria and
# motions are found by their name or title in that language.
REASON = gettext_lazy("Demo cooperative")
BANDS = [
    (gettext_lazy("Apprentice"), "18.00", "26.00"),
    (gettext_lazy("Builder"), "24.00", "38.00"),
    (gettext_lazy("Lead"), "34.00", "50.00"),
]
CRITERIA = [
    (gettext_lazy("Craft"), gettext_lazy("The quality of the work and care for materials.")),
    (
        gettext_lazy("Collaboration"),
        gettext_lazy("Helping teammates, sharing knowledge, keeping others informed."),
    ),
    (gettext_lazy("Reliability"), gettext_lazy("Doing what was agreed, when it was agreed.")),
]
CYCLE = gettext_lazy("Spring review")
OPEN_CYCLE = gettext_lazy("Autumn review")
COMMENTS = [
    gettext_lazy(
        "Your framing is precise and you explain your choices well; keep pairing with apprentices on layouts."
    ),
    gettext_lazy("Great energy on site. Next step: flag schedule risks earlier so the crew can adjust together."),
    gettext_lazy("Dependable and calm under pressure; writing short notes at handover would help the next shift."),
]


def _month_bounds(today: date, back: int) -> tuple[date, date]:
    first = today.replace(day=1)
    for _step in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def _workers(context) -> list:
    ids = Member.objects.with_rights().values_list("user_id", flat=True)
    return [u for u in context.users.values() if u.pk in set(ids) and has_role(u, Role.MEMBER)]


def seed(context) -> None:
    president, ceo = context.users["president@demo.coop"], context.users["ceo@demo.coop"]
    treasurer = context.users["treasurer@demo.coop"]
    services.ledger_sync(actor=president, reason=str(REASON))
    _offices(president, ceo)
    bands = _bands(context)
    workers = _workers(context)
    _rates(workers, bands, president, treasurer)
    # The cycle proposes the CEO's own rate: an Operations officer outside its team closes it.
    _reviews(workers, ceo, context.users["manager@demo.coop"])
    _open_reviews(workers, ceo)
    today = timezone.localdate()
    periods = [_month_bounds(today, 2), _month_bounds(today, 1)]
    for start, end in periods:
        _payroll(workers, start, end, ceo, president)
    _surplus(periods[0][0], periods[1][1], treasurer, context)


def _offices(president, ceo) -> None:
    """Have the Board appoint the CEO when no one holds the office yet. The President is elected in
    governance's demo: a Board office is filled by no other way."""
    bodies_ensure(actor=president, reason=str(REASON))
    if selectors.office_holder(Office.Kind.CEO) is None:
        office_appoint(office=Office.objects.get(kind=Office.Kind.CEO), holder=ceo, actor=president, reason=str(REASON))


def _by_general_conference(context, title: str, **payload) -> None:
    """Put a motion to the General Conference, have every owner vote yes, and have the Secretary
    certify it: certification puts the band or the allocation in force, with the motion as basis."""
    if Motion.objects.filter(title=title).exists():
        return
    motion = motion_propose(
        body=Body.objects.get(kind=Body.Kind.GENERAL_CONFERENCE),
        title=title,
        proposer=context.users["president@demo.coop"],
        actor=context.actor,
        reason=str(REASON),
        **payload,
    )
    yes = motion.choices.get(meaning="yes").pk
    _decide(motion, context, lambda voter: [yes], context.users["secretary@demo.coop"])


def _bands(context) -> list[PayBand]:
    for role, low, high in BANDS:
        _by_general_conference(
            context,
            _("Pay band: %(role)s %(low)s–%(high)s") % {"role": role, "low": low, "high": high},
            kind=Motion.Kind.PAY_BAND_CHANGE,
            terms={"pay_band_role": str(role), "pay_band_minimum": Decimal(low), "pay_band_maximum": Decimal(high)},
        )
    return list(PayBand.objects.order_by("minimum"))


def _rates(workers, bands, president, treasurer) -> None:
    have = set(MemberRate.objects.values_list("member_id", flat=True))
    for index, worker in enumerate(workers):
        if worker.pk in have:
            continue
        band = bands[index % len(bands)]
        rate = band.minimum + (band.maximum - band.minimum) * Decimal(index % 3) / 4
        # The President's own rate is set by another Board member, never by themselves.
        services.member_rate_set(
            member=worker,
            band=band,
            rate=rate.quantize(Decimal("0.01")),
            actor=treasurer if worker == president else president,
            reason=str(REASON),
        )


def _reviews(workers, ceo, closer) -> None:
    if ReviewCycle.objects.filter(name=str(CYCLE)).exists():
        return
    criteria = []
    for name, description in CRITERIA:
        criterion = ReviewCriterion.objects.filter(name=str(name)).first() or services.review_criterion_create(
            name=str(name), description=str(description), actor=ceo, reason=str(REASON)
        )
        criteria.append(criterion)
    team = [w for w in workers if w.email == "member@demo.coop"] + [
        w for w in workers if w.email != "member@demo.coop"
    ][:5]
    today = timezone.localdate()
    cycle = services.review_cycle_open(
        name=str(CYCLE),
        period_start=today - timedelta(days=120),
        period_end=today - timedelta(days=30),
        team=team,
        criteria=criteria,
        rate_changes_opted_in=True,
        actor=ceo,
        reason=str(REASON),
    )
    for i, reviewer in enumerate(team):
        for j, reviewee in enumerate(team):
            if reviewer == reviewee:
                continue
            scores = {c.pk: 2 + (i + j + k) % 4 for k, c in enumerate(criteria)}
            services.review_submit(
                cycle=cycle,
                reviewee=reviewee,
                scores=scores,
                comments=str(COMMENTS[(i + j) % 3]),
                actor=reviewer,
                reason=_("Peer review"),
            )
    services.review_cycle_close(cycle=cycle, actor=closer, reason=str(REASON))


def _open_reviews(workers, ceo) -> None:
    """An open cycle in which the demo member has yet to review anyone, and two teammates have begun."""
    if ReviewCycle.objects.filter(name=str(OPEN_CYCLE)).exists():
        return
    criteria = list(ReviewCriterion.objects.filter(name__in=[str(name) for name, _description in CRITERIA]))
    team = [w for w in workers if w.email == "member@demo.coop"] + [
        w for w in workers if w.email != "member@demo.coop"
    ][5:9]
    today = timezone.localdate()
    cycle = services.review_cycle_open(
        name=str(OPEN_CYCLE),
        period_start=today - timedelta(days=29),
        period_end=today,
        team=team,
        criteria=criteria,
        rate_changes_opted_in=False,
        actor=ceo,
        reason=str(REASON),
    )
    for i, reviewer in enumerate(team[1:3], start=1):
        scores = {c.pk: 3 + (i + k) % 3 for k, c in enumerate(criteria)}
        services.review_submit(
            cycle=cycle,
            reviewee=team[0],
            scores=scores,
            comments=str(COMMENTS[i % 3]),
            actor=reviewer,
            reason=_("Peer review"),
        )


def _payroll(workers, start: date, end: date, ceo, president) -> None:
    if PayrollRun.objects.filter(period_start=start, period_end=end).exists():
        return
    _log_internal_hours(workers[:12], start, ceo)
    run = services.payroll_run_draft(period_start=start, period_end=end, actor=ceo, reason=str(REASON))
    services.payroll_run_review(run=run, actor=ceo, reason=_("Demo: hours checked"))
    services.payroll_run_approve(run=run, actor=president, reason=_("Demo: Board approval"))
    services.payroll_run_post(run=run, actor=ceo, reason=_("Demo: payday"))


def _log_internal_hours(workers, month_start: date, ceo) -> None:
    """Internal project time for the month, logged through the projects app."""
    project = Project.objects.filter(status=Project.Status.ACTIVE).order_by("pk").first()
    task = Task.objects.filter(project=project, children__isnull=True).order_by("pk").first() if project else None
    if task is None:
        return
    on_team = set(project.team_members.values_list("user_id", flat=True))
    for index, worker in enumerate(workers):
        if worker.pk not in on_team:
            project_team_add(project=project, user=worker, actor=ceo, reason=str(REASON))
        for week in range(4):
            day = month_start + timedelta(days=1 + week * 7)
            time_entry_log(
                user=worker, task=task, date=day, hours=Decimal(6 + index % 3), actor=worker, reason=_("Hours worked")
            )


def _surplus(start: date, end: date, treasurer, context) -> None:
    if SurplusAllocation.objects.filter(period_start=start, period_end=end).exists():
        return
    if not JournalEntry.objects.filter(source="demo:design-workshops").exists():
        services.journal_entry_post(
            date=end,
            memo=_("Design workshops sold to housing associations"),
            source="demo:design-workshops",
            lines=[Line("1000", debit=Decimal("60000.00")), Line("4100", credit=Decimal("60000.00"))],
            actor=treasurer,
            reason=str(REASON),
        )
    allocation = services.surplus_allocation_propose(
        period_start=start,
        period_end=end,
        reserves_percent="30",
        actor=treasurer,
        reason=_("Demo: the Board's proposal"),
    )
    _by_general_conference(
        context,
        _("Adopt the surplus allocation of %(start)s to %(end)s") % {"start": start, "end": end},
        kind=Motion.Kind.SURPLUS_ALLOCATION,
        terms={"surplus_allocation": allocation},
    )
    allocation.refresh_from_db()
    if allocation.status == SurplusAllocation.Status.ADOPTED:
        services.patronage_cash_pay(
            allocation=allocation,
            on=min(timezone.localdate(), end + timedelta(days=30)),
            actor=treasurer,
            reason=_("Demo: the cash part of the dividends paid"),
        )
