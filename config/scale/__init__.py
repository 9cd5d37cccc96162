"""A large cooperative for benchmarks: `manage.py seed_scale` (see that command's help).

The structure (the cooperative, its bodies, the vote, the project) is made through the services;
the bulk rows (accounts, memberships, share transactions, ballots, tasks, time entries) are
written straight to their tables by `writer`, without history rows, because a history row per
bulk row would double the load and measure nothing the benchmarks need. One member gets a
long history of its own so that the history page can be measured.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coop import services as coop_services
from coop.models import User
from coop.roles import Role, sync_roles
from coop.selectors import policy_value
from governance import services as governance_services
from governance.models import Ballot, BallotTotal, Body, Motion, Participation, RollEntry
from membership.models import Member, ShareTransaction
from projects import services as project_services
from projects.models import Project, Task, TaskDependency, TimeEntry

from . import writer

EMAIL_DOMAIN = "scale.invalid"
REASON = "Scale seed"


@dataclass(frozen=True)
class Sizes:
    members: int = 100_000
    share_transactions: int = 1_000_000
    ballots: int = 100_000
    tasks: int = 5_000
    time_entries: int = 30_000
    history_versions: int = 1_000

    def check(self) -> None:
        if self.members < 1:
            raise ValidationError({"members": "At least one member."})
        if self.ballots > self.members:
            raise ValidationError({"ballots": "At most one ballot per member: ballots cannot exceed members."})
        if self.time_entries and not self.tasks:
            raise ValidationError({"time_entries": "Time entries need tasks to be logged on."})
        if min(self.share_transactions, self.ballots, self.tasks, self.time_entries, self.history_versions) < 0:
            raise ValidationError({"sizes": "Sizes cannot be negative."})


def scale_email(index: int) -> str:
    return f"owner{index:07d}@{EMAIL_DOMAIN}"


def already_seeded() -> int:
    """Return how many scale accounts exist (0 when the database has none)."""
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()


def seed(sizes: Sizes, *, log: Callable[[str], None] = print) -> dict[str, int]:
    """Build the large cooperative in one transaction and return the row counts written."""
    sizes.check()
    if already_seeded():
        raise ValidationError(
            {
                "members": (
                    f"This database already holds the scale cooperative ({already_seeded()} accounts @{EMAIL_DOMAIN}). "
                    "seed_scale runs once per database: use a fresh database to seed other sizes."
                )
            }
        )
    counts: dict[str, int] = {}
    with transaction.atomic():
        sync_roles()
        _step(log, counts, "accounts and members", lambda: _members(sizes))
        _step(log, counts, "share transactions", lambda: _shares(sizes))
        _step(log, counts, "vote: roll frozen by motion_open, ballots", lambda: _vote(sizes))
        _step(log, counts, "project tasks and time entries", lambda: _project(sizes))
        _step(log, counts, "history versions of one member", lambda: _history(sizes))
    writer.analyze()
    return counts


def _step(log, counts: dict[str, int], label: str, action: Callable[[], dict[str, int]]) -> None:
    began = time.perf_counter()
    written = action()
    counts.update(written)
    summary = ", ".join(f"{n} {name}" for name, n in written.items())
    log(f"{label}: {summary} in {time.perf_counter() - began:.1f} s")


def _members(sizes: Sizes) -> dict[str, int]:

    now = timezone.now()
    today = timezone.localdate()
    unusable = make_password(None)  # scale accounts never log in with a password
    first_user = writer.next_id(User)
    first_member = writer.next_id(Member)
    users = writer.write(
        User,
        (
            User(
                id=first_user + i,
                email=scale_email(i),
                password=unusable,
                first_name="Owner",
                last_name=f"{i:07d}",
                is_active=True,
                date_joined=now,
            )
            for i in range(sizes.members)
        ),
    )
    member_group = Group.objects.get(name=Role.MEMBER.value)
    Through = User.groups.through
    first_link = writer.next_id(Through)
    writer.write(
        Through,
        (Through(id=first_link + i, user_id=first_user + i, group_id=member_group.pk) for i in range(sizes.members)),
    )
    holdings = _holdings(sizes)

    def member(i: int) -> Member:
        applied = today - timedelta(days=400 + i % 900)
        # One in ten is still in the Provisional Period; the others are full owners.
        provisional = i % 10 == 9
        return Member(
            id=first_member + i,
            user_id=first_user + i,
            legal_name=f"Owner {i:07d}",
            phone="",
            postal_address="",
            status=Member.Status.PROVISIONAL if provisional else Member.Status.OWNER,
            applied_on=applied,
            provisional_since=applied + timedelta(days=7),
            owner_since=None if provisional else applied + timedelta(days=190),
            suspended_from="",
            share_balance=sum(holdings(i)),
        )

    members = writer.write(Member, (member(i) for i in range(sizes.members)))
    _SEEDED.update(first_user=first_user, first_member=first_member)
    return {"accounts": users, "members": members}


# Ids handed out by one step and read by the next, within one `seed` call.
_SEEDED: dict[str, int] = {}


def _holdings(sizes: Sizes) -> Callable[[int], list[int]]:
    """Return, for member i, the quantities of its share issues (ones and twos, in order)."""
    base, extra = divmod(sizes.share_transactions, sizes.members)

    def quantities(i: int) -> list[int]:
        n = base + (1 if i < extra else 0)
        return [1 + (i + k) % 2 for k in range(n)]

    return quantities


def _shares(sizes: Sizes) -> dict[str, int]:

    par = Decimal(policy_value("share_par_value"))
    holdings = _holdings(sizes)
    first = writer.next_id(ShareTransaction)
    start = timezone.now() - timedelta(days=1000)

    def rows() -> Iterator[ShareTransaction]:
        pk = first
        for i in range(sizes.members):
            balance = 0
            for k, quantity in enumerate(holdings(i)):
                balance += quantity
                yield ShareTransaction(
                    id=pk,
                    member_id=_SEEDED["first_member"] + i,
                    kind=ShareTransaction.Kind.ISSUE,
                    quantity=quantity,
                    change=quantity,
                    balance_after=balance,
                    par_value=par,
                    amount=par * quantity,
                    occurred_at=start + timedelta(minutes=(i * 37 + k * 1440) % 1_400_000),
                    note=REASON,
                )
                pk += 1

    return {"share transactions": writer.write(ShareTransaction, rows())}


def _vote(sizes: Sizes) -> dict[str, int]:
    """Open a General Conference vote through the services (the roll is frozen as in production),
    then write one ballot for each of the first `ballots` voters on the roll."""
    if not sizes.ballots:
        return {"ballots": 0}
    bodies = governance_services.bodies_ensure(actor=None, reason=REASON)
    proposer = User.objects.get(email=scale_email(0))
    motion = governance_services.motion_propose(
        body=bodies[Body.Kind.GENERAL_CONFERENCE],
        kind=Motion.Kind.ORDINARY,
        title="Scale vote: adopt the plan",
        proposer=proposer,
        actor=None,
        reason=REASON,
    )
    motion = governance_services.motion_open(
        motion=motion, actor=None, reason=REASON, closes_at=timezone.now() + timedelta(days=30)
    )
    choices = list(motion.choices.order_by("position").values_list("pk", flat=True))
    roll = list(
        RollEntry.objects.filter(motion=motion).order_by("pk").values_list("pk", "voter_id", "weight")[: sizes.ballots]
    )
    ballots = [
        Ballot(id=uuid.uuid4(), motion_id=motion.pk, marks=str(choices[i % 7 % 3]), receipt=f"SCALE-{i:09d}")
        for i in range(len(roll))
    ]
    written = writer.write(Ballot, ballots)
    first = writer.next_id(Participation)
    now = timezone.now()
    writer.write(
        Participation,
        (
            Participation(
                id=first + i,
                motion_id=motion.pk,
                voter_id=voter,
                cast_by_id=voter,
                roll_entry_id=entry,
                ballot_id=ballots[i].id,
                cast_at=now,
            )
            for i, (entry, voter, _w) in enumerate(roll)
        ),
    )
    totals: dict[str, list] = {}
    for (_entry, _voter, weight), ballot in zip(roll, ballots, strict=True):
        total = totals.setdefault(ballot.marks, [Decimal(0), 0])
        total[0] += weight
        total[1] += 1
    # The running totals have no history and no service of their own: casting keeps them.
    changed = list(BallotTotal.objects.filter(motion=motion, marks__in=totals))
    for row in changed:
        row.weight, row.ballots = totals[row.marks]
    BallotTotal.objects.bulk_update(changed, ["weight", "ballots"])
    _SEEDED["motion"] = motion.pk
    return {"roll entries": RollEntry.objects.filter(motion=motion).count(), "ballots": written}


def _operations_officer() -> User:
    user = coop_services.account_create(
        email=f"operations@officers.{EMAIL_DOMAIN}", password=None, verified=True, actor=None, reason=REASON
    )
    return coop_services.role_grant(user=user, role=Role.OPERATIONS, actor=None, reason=REASON)


def _project(sizes: Sizes) -> dict[str, int]:
    """A project with `tasks` tasks in chains of ten (finish to start) and time logged on them."""
    if not sizes.tasks:
        return {"tasks": 0}
    today = timezone.localdate()
    start, days = today - timedelta(days=365), 730
    # Projects are Operations' work: the seed opens this one as an Operations officer would.
    operations = _operations_officer()
    project = project_services.project_create(
        name=f"Scale project ({sizes.tasks} tasks)",
        start_date=start,
        end_date=start + timedelta(days=days),
        actor=operations,
        reason=REASON,
    )
    project_services.project_status_change(
        project=project, status=Project.Status.ACTIVE, actor=operations, reason=REASON
    )
    first = writer.next_id(Task)

    def task(i: int) -> Task:
        begins = start + timedelta(days=(i // 10) % (days - 20) + i % 10)
        return Task(
            id=first + i,
            project_id=project.pk,
            name=f"Task {i + 1}",
            position=i + 1,
            start_date=begins,
            end_date=begins + timedelta(days=1),
            progress=(i * 13) % 101,
            estimate_hours=Decimal(8),
        )

    tasks = writer.write(Task, (task(i) for i in range(sizes.tasks)))
    first_link = writer.next_id(TaskDependency)
    links = [(first + i - 1, first + i) for i in range(sizes.tasks) if i % 10]
    dependencies = writer.write(
        TaskDependency,
        (
            TaskDependency(
                id=first_link + n, predecessor_id=a, successor_id=b, kind=TaskDependency.Kind.FINISH_TO_START
            )
            for n, (a, b) in enumerate(links)
        ),
    )
    first_entry = writer.next_id(TimeEntry)
    workers = min(sizes.members, 300)
    entries = writer.write(
        TimeEntry,
        (
            TimeEntry(
                id=first_entry + n,
                user_id=_SEEDED["first_user"] + n % workers,
                task_id=first + n % sizes.tasks,
                date=start + timedelta(days=(n // workers) % days),
                hours=Decimal(1 + n % 8),
                note="",
            )
            for n in range(sizes.time_entries)
        ),
    )
    return {"tasks": tasks, "task dependencies": dependencies, "time entries": entries}


def _history(sizes: Sizes) -> dict[str, int]:
    """Give the first scale member `history_versions` versions (its phone number changing)."""
    if not sizes.history_versions:
        return {"history versions": 0}
    member = Member.objects.get(pk=_SEEDED["first_member"])
    Historical = Member.history.model
    values = {f.attname: getattr(member, f.attname) for f in Member._meta.concrete_fields}
    began = timezone.now() - timedelta(days=sizes.history_versions)
    first = writer.next_id(Historical)
    versions = writer.write(
        Historical,
        (
            Historical(
                **{**values, "phone": member.phone if n == sizes.history_versions - 1 else f"+1 555 {n:07d}"},
                history_id=first + n,
                history_date=began + timedelta(days=n),
                history_type="+" if n == 0 else "~",
                history_change_reason=REASON if n == 0 else "Phone number updated",
                history_user_id=None,
            )
            for n in range(sizes.history_versions)
        ),
    )
    return {"history versions": versions}
