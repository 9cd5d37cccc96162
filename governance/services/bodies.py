"""Bodies, offices and terms: holding an office grants its group; ending it takes it away."""

from __future__ import annotations

import calendar
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop import services as coop_services
from coop.audit import acting
from coop.roles import Role, has_role
from coop.services_common import require_role

from ..models import Body, Choice, Motion, Office, OfficeTerm

# The Board's offices are those of the Bylaws (7.1: a President, a Secretary, a Treasurer and further
# directors), each filled by a General Conference election; Operations (8.1) are the CEO and the
# managers the Board appoints. Only `bodies_ensure` creates the Board's offices, from this list; the
# titles are written in the language active when it runs (the cooperative's, at setup).
DEFAULT_OFFICES = [
    # (body, kind, title, seats, role)
    (Body.Kind.BOARD, Office.Kind.PRESIDENT, gettext_lazy("President"), 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.SECRETARY, gettext_lazy("Secretary"), 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.TREASURER, gettext_lazy("Treasurer"), 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.DIRECTOR, gettext_lazy("Director"), 2, Role.BOARD),
    (Body.Kind.OPERATIONS, Office.Kind.CEO, gettext_lazy("Chief Executive Officer"), 1, Role.OPERATIONS),
    (Body.Kind.OPERATIONS, Office.Kind.MANAGER, gettext_lazy("Manager"), 3, Role.OPERATIONS),
]


# Which kinds of office each body has, and the role its holders receive.
BODY_OFFICES = {
    Body.Kind.BOARD: (
        {Office.Kind.PRESIDENT, Office.Kind.SECRETARY, Office.Kind.TREASURER, Office.Kind.DIRECTOR},
        Role.BOARD,
    ),
    Body.Kind.OPERATIONS: ({Office.Kind.CEO, Office.Kind.MANAGER}, Role.OPERATIONS),
}


def add_months(moment: datetime, months: int) -> datetime:
    """Return `moment` plus `months` calendar months; a day past the month's end falls on its last day."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def bodies_ensure(*, actor, reason: str) -> dict[str, Body]:
    """Create the three bodies and the default offices that do not exist yet."""
    with acting(actor, reason):
        bodies = {}
        for kind in Body.Kind:
            body = Body.objects.filter(kind=kind).first()
            if body is None:
                body = Body(kind=kind, name=kind.label)
                body.full_clean()
                body.save()
            bodies[kind] = body
        for body_kind, kind, title, seats, role in DEFAULT_OFFICES:
            if not Office.objects.filter(body=bodies[body_kind], kind=kind).exists():
                _office_add(body=bodies[body_kind], kind=kind, title=str(title), seats=seats, role=role, term_months=24)
    return bodies


def _office_add(*, body: Body, kind: str, title: str, role: str, seats: int, term_months: int) -> Office:
    """Write an office whose kind and role belong to `body`, so no seat grants another body's powers."""
    if body.kind not in BODY_OFFICES:
        raise ValidationError({"body": _("The General Conference has no offices: every owner sits in it.")})
    kinds, body_role = BODY_OFFICES[body.kind]
    if kind not in kinds:
        raise ValidationError(
            {
                "kind": _("%(body)s has only these offices: %(kinds)s.")
                % {"body": body, "kinds": ", ".join(str(Office.Kind(k).label) for k in sorted(kinds))}
            }
        )
    if role != body_role:
        message = _("Holders of an office of %(body)s receive the role %(role)s.")
        raise ValidationError({"role": message % {"body": body, "role": body_role}})
    office = Office(body=body, kind=kind, title=title, role=Role(role).value, seats=seats, term_months=term_months)
    office.full_clean()
    office.save()
    return office


@transaction.atomic
def office_create(
    *, body: Body, kind: str, title: str, role: Role, seats: int = 1, term_months: int = 24, actor, reason: str
) -> Office:
    """Create an Operations office (a further manager's seat); its holders receive the Operations role.

    Only the Board creates one. The Board's own offices are set by the Bylaws and exist from
    `bodies_ensure`: no one creates a Board seat here, and the Bylaws provide one CEO.
    """
    if body.kind == Body.Kind.BOARD:
        raise PermissionDenied(
            _(
                "The Board's offices are set by the Bylaws and filled by General Conference elections; "
                "only the General Conference adds one, by amending the Bylaws."
            )
        )
    require_role(actor, Role.BOARD, action=_("create Operations offices"))
    if kind == Office.Kind.CEO and (seats != 1 or Office.objects.filter(kind=Office.Kind.CEO).exists()):
        raise ValidationError({"kind": _("The Bylaws provide one Chief Executive Officer, in one seat.")})
    with acting(actor, reason):
        return _office_add(
            body=body, kind=kind, title=title, role=Role(role).value, seats=seats, term_months=term_months
        )


def _other_body_office(holder, office: Office) -> OfficeTerm | None:
    """Return the term in force that `holder` serves in the other body than `office`'s, if any."""
    other = Body.Kind.OPERATIONS if office.body.kind == Body.Kind.BOARD else Body.Kind.BOARD
    return OfficeTerm.objects.active().filter(holder=holder, office__body__kind=other).select_related("office").first()


def _refuse_two_bodies(holder, office: Office, field: str) -> None:
    """Oversight and operations stay apart: no one holds a Board and an Operations office at once."""
    term = _other_body_office(holder, office)
    if term is not None:
        raise ValidationError(
            {
                field: _(
                    "%(person)s holds the office of %(held)s; no one holds a Board office and an "
                    "Operations office at once (Bylaws 7.2)."
                )
                % {"person": holder, "held": term.office}
            }
        )


def _is_elected_winner(motion, office: Office, holder) -> bool:
    if motion is None or motion.kind != Motion.Kind.ELECTION or motion.office_id != office.pk:
        return False
    if motion.status != Motion.Status.CERTIFIED or not hasattr(motion, "result"):
        return False
    return Choice.objects.filter(motion=motion, pk__in=motion.result.winners or [], candidate=holder).exists()


@transaction.atomic
def office_term_install(
    *, office: Office, holder, actor, reason: str, starts_at: datetime | None = None, motion=None
) -> OfficeTerm:
    """Install `holder`, a winner of the certified election `motion`, in the Board office `office`
    for one term and grant the Board role. A Board seat is filled no other way; an Operations
    office is filled by the Board's appointment (`office_appoint`)."""
    if office.is_appointed:
        raise PermissionDenied(_("The Board appoints Operations officers; they are not installed by election."))
    if not _is_elected_winner(motion, office, holder):
        raise PermissionDenied(_("A Board office is filled only by certifying a General Conference election."))
    return _term_install(office=office, holder=holder, actor=actor, reason=reason, starts_at=starts_at, motion=motion)


def _term_install(*, office: Office, holder, actor, reason: str, starts_at: datetime | None, motion) -> OfficeTerm:
    starts_at = starts_at or timezone.now()
    _refuse_two_bodies(holder, office, "holder")
    with acting(actor, reason):
        if office.terms.active(starts_at).count() >= office.seats:
            raise ValidationError({"office": _("Every seat of %(office)s is filled.") % {"office": office}})
        term = OfficeTerm(
            office=office,
            holder=holder,
            starts_at=starts_at,
            ends_at=add_months(starts_at, office.term_months),
            motion=motion,
        )
        term.full_clean()
        term.save()
        if not has_role(holder, Role(office.role)):
            coop_services.role_grant(user=holder, role=Role(office.role), actor=actor, reason=reason)
    return term


@transaction.atomic
def office_appoint(*, office: Office, holder, actor, reason: str) -> OfficeTerm:
    """The Board appoints an Operations officer (the CEO or a manager).

    Refuse a Board office (filled by election), anyone appointing themselves, a holder who holds
    a Board office, and a holder standing in an undecided Board election: once elected they would
    hold both.
    """
    require_role(actor, Role.BOARD, action=_("appoint Operations officers"))
    kinds, role = BODY_OFFICES[Body.Kind.OPERATIONS]
    if not office.is_appointed or office.kind not in kinds or office.role != role:
        raise ValidationError({"office": _("Board offices are filled by a General Conference election.")})
    if holder.pk == actor.pk:
        raise PermissionDenied(_("No one appoints themselves; another Board member appoints."))
    undecided = Motion.objects.filter(kind=Motion.Kind.ELECTION, choices__candidate=holder).exclude(
        status__in=[Motion.Status.CERTIFIED, Motion.Status.WITHDRAWN]
    )
    if undecided.exists():
        raise ValidationError(
            {"holder": _("%(person)s stands in an election to the Board; appoint them after it.") % {"person": holder}}
        )
    return _term_install(office=office, holder=holder, actor=actor, reason=reason, starts_at=None, motion=None)


@transaction.atomic
def office_term_end(*, term: OfficeTerm, status: str, actor, reason: str) -> OfficeTerm:
    """End `term` (expired, replaced, recalled or removed) and revoke the group it gave,
    unless another term still in force gives the same group."""
    if status == OfficeTerm.Status.REMOVED and not term.office.is_appointed:
        raise ValidationError(
            {"status": _("An elected officer leaves only by a recall vote or at the end of the term.")}
        )
    if status == OfficeTerm.Status.REMOVED and actor is not None and not has_role(actor, Role.BOARD):
        raise PermissionDenied(_("Only the Board removes an appointee."))
    with acting(actor, reason):
        term = OfficeTerm.objects.select_for_update(of=("self",)).select_related("office").get(pk=term.pk)
        term.transition_to(status)
        term.full_clean()
        term.save()
        role = Role(term.office.role)
        still_held = OfficeTerm.objects.active().filter(holder=term.holder, office__role=role.value).exists()
        if not still_held:
            coop_services.role_revoke(user=term.holder, role=role, actor=actor, reason=reason)
    return term


def office_terms_expire(*, at: datetime | None = None, actor=None, reason: str = "Term of office ended") -> int:
    """End every term whose end date has passed; return how many ended."""
    ended = 0
    for term in OfficeTerm.objects.expired(at).select_related("office"):
        office_term_end(term=term, status=OfficeTerm.Status.ENDED, actor=actor, reason=reason)
        ended += 1
    return ended
