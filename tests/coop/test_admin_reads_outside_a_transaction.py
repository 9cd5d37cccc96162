"""An admin page that only reads runs outside a transaction, in at most eight queries; a page that
writes still runs whole or not at all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from membership import services as membership_services
from membership.admin import MemberAdmin
from membership.models import Member
from tests.clients import logged_in
from tests.factories.membership import REASON, member_create

pytestmark = pytest.mark.django_db

ADMIN_PAGE_QUERIES = 8  # the budget for a changelist or a history page


def _get(client, url):
    client.get(url)  # warm-up: the session's first read of the cooperative and the templates
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def member_with_history(board_user):
    member = member_create(first_name="Mei", last_name="Tanaka")
    for n in range(5):
        membership_services.member_update(member=member, actor=board_user, reason=REASON, phone=f"555-010{n}")
    return member


def test_the_register_reads_outside_a_transaction_in_at_most_eight_queries(board_user, member_with_history):
    response, queries = _get(logged_in(board_user), reverse("admin:membership_member_changelist"))
    assert response.status_code == 200
    # Inside the test's own transaction, a request transaction would show as a savepoint.
    assert not [sql for sql in queries if "SAVEPOINT" in sql], "\n".join(queries)
    assert len(queries) <= ADMIN_PAGE_QUERIES, "\n".join(queries)


def test_a_history_page_reads_outside_a_transaction_in_at_most_eight_queries(
    auditor_user, member_with_history, monkeypatch
):
    # Given more versions than a page holds: the page's oldest is shown changed from the next
    # page's first, read with the page itself
    monkeypatch.setattr(MemberAdmin, "history_list_per_page", 3)
    url = reverse("admin:membership_member_history", args=[member_with_history.pk])
    response, queries = _get(logged_in(auditor_user), url)
    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    assert [row.history_delta_changes[0]["new"] for row in rows] == ["555-0104", "555-0103", "555-0102"]
    assert rows[-1].history_delta_changes[0]["old"] == "555-0101"
    assert not [sql for sql in queries if "SAVEPOINT" in sql], "\n".join(queries)
    assert len(queries) <= ADMIN_PAGE_QUERIES, "\n".join(queries)
    # And the last page, with nothing after it, shows the record's creation
    pages = response.context["page_obj"].paginator.num_pages
    last = logged_in(auditor_user).get(url, {"p": pages})
    assert [row.history_type for row in last.context["page_obj"]][-1] == "+"


def test_a_refused_change_runs_in_a_transaction_and_writes_nothing(board_user, member_with_history):
    url = reverse("admin:membership_member_change", args=[member_with_history.pk])
    client = logged_in(board_user)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, {"legal_name": "", "phone": "555-0199", "postal_address": ""})
    assert response.status_code in (200, 400, 403)
    assert [q for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]
    member = Member.objects.get(pk=member_with_history.pk)
    assert (member.legal_name, member.phone) == ("Mei Tanaka", "555-0104")
