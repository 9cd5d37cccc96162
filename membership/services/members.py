"""Writes of the member register: applying, admission, promotion, suspension and departure."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.models import NoticeKind, User
from coop.notices import notices_send
from coop.roles import Role, has_role
from coop.selectors import policy_value
from coop.services import account_create, role_grant
from coop.services_common import require_role

from ..models import Member
from .shares import share_redeem


def _locked(member: Member) -> Member:
    return Member.objects.select_for_update().select_related("user").get(pk=member.pk)


def _move(member: Member, status: str, *, on: date | None, actor, reason: str) -> Member:
    with acting(actor, reason):
        member = _locked(member)
        member.transition_to(status, on=on or timezone.localdate())
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def member_apply(
    *,
    user: User,
    legal_name: str,
    actor,
    reason: str,
    applied_on: date | None = None,
    phone: str = "",
    postal_address: str = "",
) -> Member:
    """Record `user`'s application. One person holds at most one membership.

    The Board records it, or the person applies for themselves (signing up from an invitation);
    the first setup records the conveners' (`actor=None`)."""
    if getattr(actor, "pk", None) is None or actor.pk != user.pk:
        require_role(actor, Role.BOARD, action=_("record another person's application"), system=True)
    with acting(actor, reason):
        if Member.objects.filter(user=user).exists():
            raise ValidationError(
                {"user": _("%(email)s already holds a membership: one person, one membership.") % {"email": user.email}}
            )
        member = Member(
            user=user,
            legal_name=(legal_name or "").strip(),
            phone=phone,
            postal_address=postal_address,
            applied_on=applied_on or timezone.localdate(),
        )
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def member_admit(*, member: Member, actor, reason: str, on: date | None = None) -> Member:
    """Admit an applicant as a provisional owner and give them the Member role.

    The Board admits; the first setup admits the conveners (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("admit members"), system=True)
    member = _move(member, Member.Status.PROVISIONAL, on=on, actor=actor, reason=reason)
    if not has_role(member.user, Role.MEMBER):
        role_grant(user=member.user, role=Role.MEMBER, actor=actor, reason=reason)
    if actor is not None:
        # The conveners admitted at the first setup are told nothing: they set it up themselves.
        notices_send(
            [member.user],
            NoticeKind.APPLICATION_DECIDED,
            partial(_admission_text, member, reason),
            reverse("membership_portal:overview"),
        )
    return member


def _admission_text(member: Member, note: str) -> tuple[str, str]:
    subject = _("Welcome: your application is accepted")
    body = _(
        "The Board admitted you as a provisional owner on %(date)s. After the provisional period the "
        "bylaws set (%(days)s days) you become an owner with full rights. The Board's note: %(note)s"
    ) % {
        "date": date_format(member.provisional_since),
        "days": policy_value("provisional_period_days"),
        "note": note,
    }
    return subject, body


@transaction.atomic
def member_promote(*, member: Member, actor, reason: str, on: date | None = None) -> Member:
    """Make a provisional owner a full owner. The Board, or the scheduled task at the end of the
    Provisional Period (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("promote members"), system=True)
    return _move(member, Member.Status.OWNER, on=on, actor=actor, reason=reason)


@transaction.atomic
def member_suspend(*, member: Member, actor, reason: str, on: date | None = None) -> Member:
    """Pause a member's rights; their shares stay on the register. The Board only."""
    require_role(actor, Role.BOARD, action=_("suspend members"))
    return _move(member, Member.Status.SUSPENDED, on=on, actor=actor, reason=reason)


@transaction.atomic
def member_reinstate(*, member: Member, actor, reason: str, on: date | None = None) -> Member:
    """End a suspension, returning the member to the status they held before it. The Board only."""
    require_role(actor, Role.BOARD, action=_("reinstate members"))
    current = _locked(member)
    if current.status != Member.Status.SUSPENDED:
        raise ValidationError({"status": _("Only a suspended member can be reinstated.")})
    return _move(current, current.suspended_from or Member.Status.PROVISIONAL, on=on, actor=actor, reason=reason)


@transaction.atomic
def member_depart(*, member: Member, actor, reason: str, on: date | None = None) -> Member:
    """Record a departure. The cooperative redeems every share the member still holds, at par.
    The Board only."""
    require_role(actor, Role.BOARD, action=_("record departures"))
    member = _locked(member)
    # Checked before any redemption, so a refused departure writes nothing to the ledger either.
    if not member.can_transition_to(Member.Status.DEPARTED):
        raise ValidationError({"status": _("This member has already departed; a departure is final.")})
    if member.share_balance:
        share_redeem(member=member, quantity=member.share_balance, actor=actor, reason=reason)
    return _move(member, Member.Status.DEPARTED, on=on, actor=actor, reason=reason)


@transaction.atomic
def members_promote_due(*, actor, reason: str, today: date | None = None) -> list[Member]:
    """Promote every provisional owner whose Provisional Period has ended by `today`. The Board,
    or the scheduled task (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("promote members"), system=True)
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=policy_value("provisional_period_days"))
    due = Member.objects.provisional().filter(provisional_since__lte=cutoff).order_by("pk")
    return [member_promote(member=m, actor=actor, reason=reason, on=today) for m in due]


@transaction.atomic
def member_import(
    *,
    email: str,
    legal_name: str,
    status: str,
    actor,
    reason: str,
    applied_on: date | None = None,
    phone: str = "",
    postal_address: str = "",
) -> Member:
    """Register a person from an imported list: their login (unverified), their application,
    then each allowed step up to `status`, so the history shows the same path as by hand.
    The Board only."""
    require_role(actor, Role.BOARD, action=_("import members"))
    if status not in Member.Status.values:
        raise ValidationError(
            {
                "status": _("Unknown status “%(status)s”; use one of: %(allowed)s.")
                % {"status": status, "allowed": ", ".join(Member.Status.values)}
            }
        )
    user = User.objects.filter(email__iexact=email.strip()).first() or account_create(
        email=email, password=None, verified=False, actor=actor, reason=reason
    )
    member = member_apply(
        user=user,
        legal_name=legal_name,
        actor=actor,
        reason=reason,
        applied_on=applied_on,
        phone=phone,
        postal_address=postal_address,
    )
    start = applied_on or timezone.localdate()
    path = {
        Member.Status.APPLICANT: [],
        Member.Status.PROVISIONAL: [member_admit],
        Member.Status.OWNER: [member_admit, member_promote],
        Member.Status.SUSPENDED: [member_admit, member_suspend],
        Member.Status.DEPARTED: [member_depart],
    }[status]
    for step in path:
        member = step(member=member, actor=actor, reason=reason, on=start)
    return member


MEMBER_EDITABLE_FIELDS = frozenset({"legal_name", "phone", "postal_address"})


@transaction.atomic
def member_update(*, member: Member, actor, reason: str, **changes) -> Member:
    """Correct a member's legal name or contact details; status and dates change only by their actions.
    The Board only."""
    require_role(actor, Role.BOARD, action=_("change the member register"))
    unknown = set(changes) - MEMBER_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with acting(actor, reason):
        member = _locked(member)
        for name, value in changes.items():
            setattr(member, name, value)
        member.full_clean()
        member.save()
    return member
