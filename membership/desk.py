"""What membership puts on the officers' desk (coop.desk). Registered by `MembershipConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop.desk import Section, admin_changelist_url, register_desk_item
from coop.roles import Role

from . import selectors
from .models import ShareRequest


def desk_register() -> None:
    """Register membership's items on the desk."""
    register_desk_item(
        "membership.share_requests",
        _("Share requests waiting for the Board"),
        section=Section.MEMBERSHIP,
        count_fn=lambda user: selectors.share_requests_waiting().count(),
        url_fn=lambda: admin_changelist_url("membership.sharerequest", status__exact=ShareRequest.Status.PENDING),
        roles=(Role.BOARD,),
        order=10,
    )
