"""The demo cooperative's governing documents: the shipped templates, and the Bylaws amended once.

Idempotent: templates install only once, and the amendment is written only while the Bylaws
still have a single version.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import GoverningDocument

REASON = gettext_lazy("Demo cooperative")

# The demo amendment: members asked for remote participation in the General Conference.
# Per language of the templates (the cooperative's default language): (wording in force, amended wording).
# It amends the document's own text, so it follows the template shipped in that language, not the catalogue.
_AMENDMENTS = {
    "en": (
        "3.4. Votes may be held at a meeting or remotely through the Cooperative's platform over a\nvoting period.",
        "3.4. Votes may be held at a meeting or remotely through the Cooperative's platform over a\n"
        "voting period of at least three days, so that members on every shift can take part.",
    ),
    "es": (
        "3.4. Las votaciones pueden celebrarse en una reunión o a distancia, a través de la plataforma de\n"
        "la Cooperativa, durante un periodo de votación.",
        "3.4. Las votaciones pueden celebrarse en una reunión o a distancia, a través de la plataforma de\n"
        "la Cooperativa, durante un periodo de votación de al menos tres días, para que las personas de\n"
        "todos los turnos puedan participar.",
    ),
}


def seed(context) -> None:
    services.documents_install_templates(actor=context.actor, reason=str(REASON))
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    if bylaws.versions.count() > 1:
        return
    first = bylaws.current_version
    wording, amended = _AMENDMENTS.get(context.cooperative.default_language, _AMENDMENTS["en"])
    services.document_version_propose(
        document=bylaws,
        text=first.text.replace(wording, amended),
        summary=_("Remote votes stay open at least three days."),
        actor=context.actor,
        reason=str(REASON),
    )
    # Adopted by the General Conference's vote in the governance demo (governance/demo.py),
    # the only path by which a governing document changes.
