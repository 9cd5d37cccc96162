"""The written notice of allocation and the yearly statements as PDF files made on the server:
readable by a PDF reader, with the figures of the pages, and for nobody else."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coop.models import User
from finance import services
from tests.factories.finance import PERIOD
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def adopted(march_books, board_user):
    for worker in march_books:
        member_create(user=worker)
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return services.surplus_allocation_adopt(allocation=allocation, basis="Motion #9", actor=None, reason="Adopted")


def test_the_member_downloads_their_notice_of_allocation(adopted, client):
    worker = adopted.patronage.order_by("pk").first().member
    mine = adopted.patronage.get(member=worker)
    client.force_login(worker)
    text = _text(client.get(reverse("finance_portal:allocation_notice_pdf", args=[mine.pk])))
    assert "Written notice of allocation" in text
    assert f"{mine.retained:,.2f} points" in text and f"{mine.cash:,.2f} points" in text
    assert "Motion #9" in text and "Consented on" in text
    assert "100 % by hours worked, 0 % by pay earned" in text


def test_nobody_else_downloads_it(adopted, client):
    mine, theirs = adopted.patronage.order_by("pk")
    client.force_login(User.objects.get(pk=theirs.member_id))
    assert client.get(reverse("finance_portal:allocation_notice_pdf", args=[mine.pk])).status_code == 404


def test_the_notice_is_written_in_the_members_language(adopted, client):
    mine = adopted.patronage.order_by("pk").first()
    worker = mine.member
    worker.language = "es"
    worker.save(update_fields=["language"])
    client.force_login(worker)
    text = _text(client.get(reverse("finance_portal:allocation_notice_pdf", args=[mine.pk])))
    assert "Notificación escrita de asignación" in text


def test_officers_download_the_yearly_statements(adopted, role_clients):
    text = _text(role_clients["Auditor"].get(reverse("admin:finance_statements_pdf"), {"year": "2026"}))
    assert "Yearly statements, 2026" in text
    assert "Balance sheet at 31 December 2026" in text and "Members' equity, 2026" in text
    assert f"{Decimal('1000.00')}" in text  # March's revenue, in the income statement
    assert role_clients["Member"].get(reverse("admin:finance_statements_pdf")).status_code in {302, 403}
