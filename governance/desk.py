"""What governance puts on the officers' desk (coop.desk): votes to open, close and certify,
office terms running out, and the annual General Conference to call. Registered by `GovernanceConfig.ready()`."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.desk import Section, admin_changelist_url, register_desk_item
from coop.roles import Role

from . import selectors
from .models import Meeting, Motion, OfficeTerm

BOARD = (Role.BOARD,)


def _count(queryset) -> int | None:
    return None if queryset is None else queryset.count()


def _to_close_url() -> str:
    return admin_changelist_url(
        "governance.motion", status__exact=Motion.Status.OPEN, closes_at__lte=timezone.now().isoformat()
    )


def _expiring_url() -> str:
    until = timezone.localdate() + timedelta(days=selectors.TERMS_EXPIRING_DAYS)
    return admin_changelist_url(
        "governance.officeterm", status__exact=OfficeTerm.Status.ACTIVE, ends_at__date__lte=until.isoformat()
    )


def _annual_call_url() -> str:
    # No query for the General Conference's id: an annual meeting is always of that body.
    return reverse("admin:governance_meeting_add") + f"?kind={Meeting.Kind.ANNUAL}"


def desk_register() -> None:
    """Register governance's items on the desk."""
    register_desk_item(
        "governance.motions_to_open",
        _("Motions to open or schedule"),
        section=Section.VOTES,
        count_fn=lambda user: selectors.motions_to_open().count(),
        url_fn=lambda: admin_changelist_url("governance.motion", status__exact=Motion.Status.DRAFT),
        roles=BOARD,
        order=10,
    )
    register_desk_item(
        "governance.motions_to_close",
        _("Votes past their closing time, to close and count"),
        section=Section.VOTES,
        count_fn=lambda user: selectors.motions_to_close().count(),
        url_fn=_to_close_url,
        roles=BOARD,
        order=20,
    )
    register_desk_item(
        "governance.motions_to_certify",
        _("Results to certify"),
        section=Section.VOTES,
        count_fn=lambda user: _count(selectors.motions_to_certify(user)),
        url_fn=lambda: admin_changelist_url("governance.motion", status__exact=Motion.Status.CLOSED),
        roles=BOARD,
        order=30,
    )
    register_desk_item(
        "governance.terms_expiring",
        _("Office terms ending within 30 days"),
        section=Section.VOTES,
        count_fn=lambda user: selectors.terms_expiring().count(),
        url_fn=_expiring_url,
        roles=BOARD,
        order=40,
    )
    register_desk_item(
        "governance.annual_conference_due",
        _("Annual General Conference to call (due within 60 days or overdue)"),
        section=Section.VOTES,
        count_fn=lambda user: selectors.annual_conference_to_call(),
        url_fn=_annual_call_url,
        roles=BOARD,
        order=50,
    )
