"""What founding puts on the officers' desk (coop.desk): applications to join waiting for the
Board. Registered by `FoundingConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop.desk import Section, admin_changelist_url, register_desk_item
from coop.roles import Role

from . import selectors


def desk_register() -> None:
    """Register founding's items on the desk."""
    register_desk_item(
        "founding.applications",
        _("Applications to join, to invite, admit or decline"),
        section=Section.MEMBERSHIP,
        count_fn=lambda user: selectors.applications_waiting().count(),
        url_fn=lambda: admin_changelist_url(
            "founding.application", status__in=",".join(selectors.APPLICATIONS_WAITING)
        ),
        roles=(Role.BOARD,),
        order=20,
    )
