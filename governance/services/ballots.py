"""Casting ballots and naming proxies.

Nothing here logs, raises or queues anything that contains a ballot's marks: errors name the
rule that was broken, never the choice. `sensitive_variables` keeps the marks out of Django's
error reports should anything unexpected fail.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from coop.audit import acting
from coop.languages import local_datetime
from coop.queue import enqueue_on_commit
from coop.roles import Role, has_role
from coop.selectors import policy_value
from membership.models import Member

from ..models import Ballot, BallotTotal, EncryptedElection, Motion, Participation, Proxy, RollEntry
from .ranked_board import ranked_board_append

# A fixed reason: a free-text reason typed by the voter could carry their choice into the history.
CAST_REASON = gettext_lazy("Ballot cast")
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class CastReceipt:
    """What the voter is shown once: the receipt code to find their ballot after the close."""

    motion: Motion
    voter_id: int
    receipt: str
    via_proxy: bool
    tracking_code: str = ""  # a secret ranked vote's board entry, linked to nothing else


RELATED = ["motion", "voter", "cast_by", "roll_entry", "proxy", "ballot"]


def _receipt() -> str:
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(12))
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


@sensitive_variables("marks", "ordered", "encoded")
def encode_marks(motion: Motion, marks: list[int]) -> str:
    """Check `marks` against the ballot's rules and return their canonical text."""
    # Unordered: the choices' default ordering would join the motion for nothing.
    valid = set(motion.choices.order_by().values_list("pk", flat=True))
    try:
        ordered = [int(m) for m in marks]
    except (TypeError, ValueError):
        raise ValidationError({"marks": _("Each mark is the id of a choice on this ballot.")}) from None
    if not ordered:
        raise ValidationError({"marks": _("Mark at least one choice.")})
    if any(m not in valid for m in ordered):
        raise ValidationError({"marks": _("A mark is not a choice on this ballot.")})
    if len(set(ordered)) != len(ordered):
        raise ValidationError({"marks": _("Mark each choice at most once.")})
    if motion.method in {Motion.Method.YES_NO, Motion.Method.PLURALITY} and len(ordered) != 1:
        raise ValidationError({"marks": _("Mark exactly one choice.")})
    if motion.method == Motion.Method.APPROVAL:
        return ",".join(str(m) for m in sorted(ordered))
    separator = ">" if motion.is_ranked else ","
    return separator.join(str(m) for m in ordered)


def _add_to_total(motion: Motion, encoded: str, weight) -> None:
    """Add one ballot's weight to the total of its marks, creating the total on first use."""

    def increment() -> int:
        return BallotTotal.objects.filter(motion=motion, marks=encoded).update(
            weight=F("weight") + weight, ballots=F("ballots") + 1
        )

    if increment():
        return
    try:
        with transaction.atomic():
            BallotTotal.objects.create(motion=motion, marks=encoded, weight=weight, ballots=1)
    except IntegrityError:
        increment()  # a concurrent ballot with the same marks created it first


def held_proxy(motion: Motion, cast_by, on_behalf_of, now) -> Proxy | None:
    """The proxy `cast_by` holds from `on_behalf_of` for this vote, locked until commit; None when
    they cast for themselves. Refused naming `on_behalf_of` when no such proxy is in force."""
    if on_behalf_of is None or on_behalf_of.pk == cast_by.pk:
        return None
    # Locked until commit, so a revoke racing this cast either lands first (and the lock, once
    # granted, no longer finds the proxy in force) or waits and then finds it used.
    proxy = Proxy.objects.covering(motion, now).filter(grantor=on_behalf_of, holder=cast_by).select_for_update().first()
    if proxy is None:
        raise ValidationError({"on_behalf_of": _("You hold no proxy from this owner for this vote.")})
    return proxy


def use_proxy(proxy: Proxy | None) -> None:
    """A proxy given for one vote is used up by its ballot; a standing proxy carries on."""
    if proxy is not None and proxy.motion_id is not None:
        proxy.transition_to(Proxy.Status.USED)
        proxy.save(update_fields=["status"])


@sensitive_variables("marks", "encoded")
@transaction.atomic
def ballot_cast(*, motion: Motion, cast_by, marks: list[int], on_behalf_of=None) -> CastReceipt:
    """Record one ballot for `cast_by`, or for `on_behalf_of` through a proxy `cast_by` holds.

    Exactly one ballot per voter: the participation row's unique constraint holds even when two
    requests race. The second insert waits on the first's uncommitted row, holding no lock on the
    motion, and is refused if the first commits (it goes on if the first rolls back). For a
    secret vote the ballot row is written with no link to the voter.

    No ballot counts after the close: `motion_close` locks the motion `FOR UPDATE`, and this
    transaction takes the motion's `FOR NO KEY UPDATE` lock, which conflicts with it, before it
    adds to the running total and commits, and checks the status and the closing time again under
    that lock. So either the cast commits first and the close, waiting for the lock, counts it; or
    the close commits first and the cast, finding the vote closed, rolls back all it wrote. The
    close cannot see the rows written before the lock: they are uncommitted until after it.

    Order, to hold that lock as briefly as possible (casting is serialised per motion on it):
    every read and check (roll, proxy, an earlier ballot, the marks, `full_clean`) and the inserts
    of the ballot and the participation come first, unlocked; the lock is taken only for the
    re-check, the running total and, in a secret ranked vote, the board entry (whose own row lock
    the motion's lock already serialises). It must come before the total's row update: a caster holding
    a total's row lock while waiting for the motion would deadlock with one holding the motion
    and updating that total. Foreign keys on PostgreSQL are checked at commit (Django makes them
    deferrable, initially deferred), so the inserts take no lock on the motion row before ours.
    """
    # Unlocked first look: refuse a vote that is not open before writing anything.
    # Whether the vote is encrypted comes with that look, not in a query of its own per ballot.
    encrypted = Exists(EncryptedElection.objects.filter(motion=OuterRef("pk")))
    motion = Motion.objects.annotate(encrypted=encrypted).get(pk=motion.pk)
    now = timezone.now()
    _check_open(motion, now)
    if motion.encrypted:
        raise ValidationError({"marks": _("This vote takes encrypted ballots only: cast it from your browser.")})
    voter = on_behalf_of or cast_by
    proxy = held_proxy(motion, cast_by, on_behalf_of, now)
    # One row by its unique key, unordered: the roll's default ordering (or `first()`'s by id) would
    # join the motion and the accounts, or walk the key's index, and with a freshly frozen roll's
    # stale statistics scan the whole roll on every ballot.
    try:
        entry = RollEntry.objects.get(motion=motion, voter=voter)
    except RollEntry.DoesNotExist:
        raise ValidationError({"voter": _("This voter is not on the roll frozen when the vote opened.")}) from None
    if Participation.objects.filter(motion=motion, voter=voter).exists():
        raise ValidationError({"voter": _("A ballot has already been cast for this voter in this vote.")})
    encoded = encode_marks(motion, marks)
    with acting(cast_by, CAST_REASON):
        participation = Participation(
            motion=motion, voter=voter, cast_by=cast_by, roll_entry=entry, proxy=proxy, cast_at=now
        )
        # The related rows were all just read (or are the caller's accounts): checking that each
        # still exists would cost a query apiece on every ballot, for nothing.
        participation.full_clean(exclude=RELATED, validate_unique=False, validate_constraints=False)
        # The ballot first, so a recorded vote's participation is inserted once, already pointing
        # at it (one history row, no update). The ballot has no link to the participation.
        ballot = Ballot(motion=motion, marks=encoded, receipt=_receipt())
        ballot.save(force_insert=True)
        if not motion.secret:
            participation.ballot = ballot
        try:
            with transaction.atomic():
                participation.save()
        except IntegrityError:
            raise ValidationError({"voter": _("A ballot has already been cast for this voter in this vote.")}) from None
        use_proxy(proxy)
    # Ids only: the notice says that the voter took part, never how.
    enqueue_on_commit("governance.tasks.notify_ballot_recorded", participation.pk)
    # Serialise against the close only now, and look again: the vote may have closed meanwhile.
    locked = Motion.objects.select_for_update(no_key=True).get(pk=motion.pk)
    _check_open(locked, timezone.now())
    _add_to_total(locked, encoded, entry.weight)
    code = ranked_board_append(locked)
    return CastReceipt(
        motion=locked, voter_id=voter.pk, receipt=ballot.receipt, via_proxy=proxy is not None, tracking_code=code
    )


def _check_open(motion: Motion, at: datetime) -> None:
    if motion.status != Motion.Status.OPEN:
        raise ValidationError(
            {"motion": _("This vote is not open: it is %(status)s.") % {"status": motion.get_status_display().lower()}}
        )
    if not motion.can_vote(at):
        raise ValidationError({"motion": _("This vote closed at %(at)s.") % {"at": local_datetime(motion.closes_at)}})


OWNER_STATUSES = {"provisional", "owner"}


def _is_owner(user) -> bool:
    return Member.objects.filter(user=user, status__in=OWNER_STATUSES).exists()


@transaction.atomic
def proxy_grant(
    *,
    grantor,
    holder,
    actor,
    reason: str,
    motion: Motion | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Proxy:
    """Name `holder` to cast `grantor`'s ballot in one vote, or in every vote of a period."""
    limit = policy_value("proxy_limit")
    if limit == 0:
        raise ValidationError({"holder": _("The bylaws allow no proxies (the proxy limit is 0).")})
    if actor is None or actor.pk != grantor.pk:
        raise PermissionDenied(_("Only the owner names their own proxy."))
    if not (_is_owner(grantor) and _is_owner(holder)):
        raise ValidationError({"holder": _("A proxy is named by an owner, for another owner.")})
    if grantor.pk == holder.pk:
        raise ValidationError({"holder": _("Name someone other than yourself.")})
    if motion is not None and motion.status not in {Motion.Status.DRAFT, Motion.Status.SCHEDULED, Motion.Status.OPEN}:
        raise ValidationError({"motion": _("This vote is over.")})
    with acting(actor, reason):
        # Lock the holder's proxies so two owners naming the same holder cannot pass the cap together.
        carried = list(Proxy.objects.select_for_update().active().filter(holder=holder).values_list("pk", flat=True))
        if len(carried) >= limit:
            raise ValidationError(
                {"holder": _("This owner already carries %(n)s proxies, the most the policy allows.") % {"n": limit}}
            )
        if Proxy.objects.active().filter(grantor=grantor).exists():
            raise ValidationError({"grantor": _("You already have an active proxy; revoke it first.")})
        proxy = Proxy(grantor=grantor, holder=holder, motion=motion, starts_at=starts_at, ends_at=ends_at)
        proxy.full_clean()
        proxy.save()
    return proxy


@transaction.atomic
def proxy_revoke(*, proxy: Proxy, actor, reason: str) -> Proxy:
    """Take a proxy back. A proxy that has cast a ballot cannot be revoked."""
    with acting(actor, reason):
        proxy = Proxy.objects.select_for_update().get(pk=proxy.pk)
        if actor is None or (actor.pk != proxy.grantor_id and not has_role(actor, Role.BOARD)):
            raise PermissionDenied(_("Only the owner who named this proxy revokes it."))
        if proxy.uses.exists():
            raise ValidationError({"proxy": _("This proxy has already cast a ballot; it can no longer be revoked.")})
        proxy.transition_to(Proxy.Status.REVOKED)
        proxy.full_clean()
        proxy.save()
    return proxy
