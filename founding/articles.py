"""The Articles of Incorporation as filed: the text in force, filled in with the cooperative's
own data, and the filing particulars read from the register today."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop import documents
from coop.models import GoverningDocument
from coop.selectors import document_template_values
from governance.models import OfficeTerm

# What keeps ownership from concentrating: stated on the filing copy whatever the text's wording.
ANTI_OLIGARCHY_CLAUSES = [
    _(
        "Shares are held only by natural persons who work in the cooperative; no company, fund or other "
        "organisation holds shares."
    ),
    _("Shares are issued and redeemed by the cooperative only, at par value; they are never traded."),
    _("No owner holds more shares than the cap the General Conference sets."),
    _("The General Conference elects and may recall the Board; no officer sets their own pay, bonus or powers."),
    _("The Articles and the Bylaws change only by a General Conference vote, never by the Board alone."),
]


def articles_for_filing(cooperative) -> dict:
    """Return what the printable Articles page shows."""
    values = document_template_values(cooperative)
    document = GoverningDocument.objects.filter(kind=GoverningDocument.Kind.ARTICLES).first()
    version = document.current_version if document else None
    if version is not None:
        text = version.text
    else:
        shipped = documents.shipped_templates(cooperative.default_language)
        template = next(t for t in shipped if t.kind == GoverningDocument.Kind.ARTICLES)
        text = documents.fill_placeholders(template.source(), values)
    officers = (
        OfficeTerm.objects.active()
        .filter(office__body__kind="board")
        .select_related("office", "holder")
        .order_by("office__kind", "holder__last_name")
    )
    return {
        "cooperative": cooperative,
        "values": values,
        "version": version,
        "text_html": documents.render_markdown(text),
        "officers": officers,
        "clauses": ANTI_OLIGARCHY_CLAUSES,
        "lawyer_notice": documents.LAWYER_NOTICE,
    }
