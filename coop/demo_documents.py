"""The demo cooperative's governing documents: the shipped templates, and the Bylaws amended once.

Idempotent: templates install only once, and the amendment is written only while the Bylaws
still have a single version.
"""

from __future__ import annotations

from . import services
from .models import GoverningDocument

REASON = "Demo cooperative"

# The demo amendment: members asked for remote participation in the General Conference.
_AMENDED_FROM = (
    "3.4. Votes may be held at a meeting or remotely through the Cooperative's platform over a\nvoting period."
)
_AMENDED_TO = (
    "3.4. Votes may be held at a meeting or remotely through the Cooperative's platform over a\n"
    "voting period of at least three days, so that members on every shift can take part."
)


def seed(context) -> None:
    services.documents_install_templates(actor=context.actor, reason=REASON)
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    if bylaws.versions.count() > 1:
        return
    first = bylaws.current_version
    services.document_version_propose(
        document=bylaws,
        text=first.text.replace(_AMENDED_FROM, _AMENDED_TO),
        summary="Remote votes stay open at least three days.",
        actor=context.actor,
        reason=REASON,
    )
    # Adopted by the General Conference's vote in the governance demo (governance/demo.py),
    # the only path by which a governing document changes.
