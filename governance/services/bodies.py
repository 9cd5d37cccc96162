"""Bodies, offices and terms: holding an office grants its group; ending it takes it away."""

from __future__ import annotations

import calendar
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop import services as coop_services
from coop.audit import acting
from coop.roles import Role, has_role

from ..models import Body, Office, OfficeTerm

DEFAULT_OFFICES = [
    # (body, kind, title, seats, role)
    (Body.Kind.BOARD, Office.Kind.PRESIDENT, "President", 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.SECRETARY, "Secretary", 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.TREASURER, "Treasurer", 1, Role.BOARD),
    (Body.Kind.BOARD, Office.Kind.DIRECTOR, "Director", 2, Role.BOARD),
    (Body.Kind.OPERATIONS, Office.Kind.CEO, "Chief Executive Officer", 1, Role.OPERATIONS),
    (Body.Kind.OPERATIONS, Office.Kind.MANAGER, "Manager", 3, Role.OPERATIONS),
]


def add_months(moment: datetime, months: int) -> datetime:
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
            if not Office.objects.filter(title=title).exists():
                office_create(
                    body=bodies[body_kind], kind=kind, title=title, seats=seats, role=role, actor=actor, reason=reason
                )
    return bodies


@transaction.atomic
def office_create(
    *, body: Body, kind: str, title: str, role: Role, seats: int = 1, term_months: int = 24, actor, reason: str
) -> Office:
    """Create an office in `body`; its holders receive the group of `role`."""
    if body.kind == Body.Kind.GENERAL_CONFERENCE:
        raise ValidationError({"body": _("The General Conference has no offices: every owner sits in it.")})
    with acting(actor, reason):
        office = Office(body=body, kind=kind, title=title, role=Role(role).value, seats=seats, term_months=term_months)
        office.full_clean()
        office.save()
    return office


@transaction.atomic
def office_term_install(
    *, office: Office, holder, actor, reason: str, starts_at: datetime | None = None, motion=None
) -> OfficeTerm:
    """Put `holder` in `office` for one term and grant the office's group."""
    starts_at = starts_at or timezone.now()
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
    """The Board appoints an Operations officer (the CEO or a manager)."""
    if not office.is_appointed:
        raise ValidationError({"office": _("Board offices are filled by a General Conference election.")})
    if actor is not None and not has_role(actor, Role.BOARD):
        raise ValidationError({"actor": _("Only the Board appoints Operations officers.")})
    return office_term_install(office=office, holder=holder, actor=actor, reason=reason)


@transaction.atomic
def office_term_end(*, term: OfficeTerm, status: str, actor, reason: str) -> OfficeTerm:
    """End `term` (expired, replaced, recalled or removed) and revoke the group it gave,
    unless another term still in force gives the same group."""
    if status == OfficeTerm.Status.REMOVED and not term.office.is_appointed:
        raise ValidationError(
            {"status": _("An elected officer leaves only by a recall vote or at the end of the term.")}
        )
    if status == OfficeTerm.Status.REMOVED and actor is not None and not has_role(actor, Role.BOARD):
        raise ValidationError({"actor": _("Only the Board removes an appointee.")})
    with acting(actor, reason):
        term = OfficeTerm.objects.select_for_update(of=("self",)).select_related("office").get(pk=term.pk)
        term.set_status(status)
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
