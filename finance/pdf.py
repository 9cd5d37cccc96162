"""Finance documents as PDF files made on the server: a member's written notice of allocation and
the yearly statements. Drawn with ReportLab's standard fonts, whose encoding covers English and
Spanish; the figures come from the same records and selectors as the pages."""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from coop.models import Cooperative

from .models import PatronageDividend
from .selectors import YearlyStatements

STYLES = getSampleStyleSheet()
STYLES.add(ParagraphStyle("Figure", parent=STYLES["BodyText"], alignment=TA_RIGHT))
GRID = TableStyle(
    [
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _paragraph(text, style: str = "BodyText") -> Paragraph:
    # Paragraphs read a little markup: what the records say is escaped, never taken as markup.
    return Paragraph(escape(str(text)), STYLES[style])


def _cell(value) -> Paragraph:
    # Figures line up on the right, as in an accountant's statement; words on the left.
    return _paragraph(value, "Figure" if isinstance(value, Decimal) else "BodyText")


def _table(rows: list[list], widths=(110 * mm, 50 * mm), header: bool = False) -> Table:
    table = Table([[_cell(cell) for cell in row] for row in rows], colWidths=widths)
    table.setStyle(GRID)
    if header:
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 1, colors.black)]))
    return table


def _document(title: str, story: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm
    )
    document.build(story)
    return buffer.getvalue()


def allocation_notice_pdf(dividend: PatronageDividend, cooperative: Cooperative) -> bytes:
    """Return the member's written notice of allocation as a PDF, in the active language."""
    allocation = dividend.allocation
    money = cooperative.format_amount
    title = _("Written notice of allocation, %(start)s to %(end)s") % {
        "start": date_format(allocation.period_start),
        "end": date_format(allocation.period_end),
    }
    member = dividend.member.get_full_name() or dividend.member.email
    issued = date_format(dividend.notice_issued_at) if dividend.notice_issued_at else ""
    basis = _("%(hours)s %% by hours worked, %(pay)s %% by pay earned") % {
        "hours": f"{allocation.hours_percent.normalize():f}",
        "pay": f"{allocation.pay_percent.normalize():f}",
    }
    rows = [
        [_("Basis of patronage"), basis],
        [_("Hours worked in the period"), dividend.hours],
        [_("Pay earned in the period"), money(dividend.pay)],
        [_("Patronage dividend"), money(dividend.amount)],
        [_("Paid in cash"), money(dividend.cash)],
        [_("Retained in your capital account"), money(dividend.retained)],
    ]
    if allocation.solidarity:
        rows.append(
            [_("From the cooperative's surplus to the alliance's solidarity fund"), money(allocation.solidarity)]
        )
    rows.append([_("Adopted by"), allocation.basis])
    if dividend.consented_at:
        consent = _("Consented on %(day)s: %(basis)s.") % {
            "day": date_format(dividend.consented_at),
            "basis": dividend.get_consent_basis_display(),
        }
    else:
        consent = _(
            "By consenting, you agree to take the retained part into account as income at its stated amount "
            "in the year you receive this notice, as the bylaws provide."
        )
    story = [
        _paragraph(title, "Title"),
        _paragraph(
            _(
                "%(coop)s allocates to %(member)s the patronage dividend below, as the General Conference "
                "adopted it. Issued on %(day)s."
            )
            % {"coop": cooperative.name, "member": member, "day": issued}
        ),
        Spacer(1, 4 * mm),
        _table(rows),
        Spacer(1, 6 * mm),
        _paragraph(_("Consent"), "Heading2"),
        _paragraph(consent),
        Spacer(1, 6 * mm),
        _paragraph(
            _("The cooperative's accountant reports these amounts for tax; this document is not a tax form."),
            "Italic",
        ),
    ]
    return _document(title, story)


def _lines(lines, figure: str) -> list[list]:
    return [[line.label, getattr(line, figure)] for line in lines]


def statements_pdf(statements: YearlyStatements, cooperative: Cooperative) -> bytes:
    """Return the yearly statements (balance sheet, income statement, members' equity) as a PDF."""
    year = statements.year
    title = _("Yearly statements, %(year)s") % {"year": year}
    unit = _("Amounts in %(unit)s, from the posted ledger.") % {"unit": cooperative.unit_label}
    story = [
        _paragraph(f"{cooperative.name}: {title}", "Title"),
        _paragraph(unit),
        _paragraph(_("Balance sheet at 31 December %(year)s") % {"year": year}, "Heading2"),
        _table(
            [[_("Assets"), ""], *_lines(statements.assets, "closing"), [_("Total assets"), statements.total_assets]]
        ),
        Spacer(1, 3 * mm),
        _table(
            [
                [_("Liabilities and equity"), ""],
                *_lines(statements.liabilities, "closing"),
                *_lines(statements.equity, "closing"),
                [_("Total liabilities and equity"), statements.total_liabilities_and_equity],
            ]
        ),
    ]
    if not statements.balances:
        story.append(_paragraph(_("The balance sheet does not balance: the ledger holds an unbalanced entry.")))
    story += [
        _paragraph(_("Income statement, %(year)s") % {"year": year}, "Heading2"),
        _table(
            [[_("Income"), ""], *_lines(statements.income, "movement"), [_("Total income"), statements.total_income]]
        ),
        Spacer(1, 3 * mm),
        _table(
            [
                [_("Expenses"), ""],
                *_lines(statements.expenses, "movement"),
                [_("Total expenses"), statements.total_expenses],
            ]
        ),
        _paragraph(f"{_('Surplus of the year')}: {statements.surplus}", "Heading3"),
        _paragraph(_("Members' equity, %(year)s") % {"year": year}, "Heading2"),
        _table(
            [
                [_("Account"), _("Opening balance"), _("Movement"), _("Closing balance")],
                *[[line.label, line.opening, line.movement, line.closing] for line in statements.equity],
            ],
            widths=(70 * mm, 30 * mm, 30 * mm, 30 * mm),
            header=True,
        ),
    ]
    return _document(title, story)


__all__ = ["allocation_notice_pdf", "statements_pdf"]
