"""The immediate posting and the hourly sync racing for the same record post it once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from finance import services, tasks
from finance.models import JournalEntry
from membership import services as membership
from tests.factories.membership import member_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_two_workers_posting_one_share_issue_write_one_entry(chart, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite cannot show a race")
    # Given a share issue whose posting is queued (held in a list, as a broker would) but not yet run
    queued = []
    monkeypatch.setattr(tasks.ledger_post, "delay", lambda *args: queued.append(args))
    tx = membership.share_purchase(member=member_create(), quantity=1, actor=None, reason="buy")
    assert ("share", tx.pk) in queued
    assert not JournalEntry.objects.filter(source=f"share:{tx.pk}").exists()
    barrier = threading.Barrier(2)
    outcomes = []

    def post():
        try:
            barrier.wait()
            entry = services.ledger_post_source(prefix="share", pk=tx.pk, actor=None, reason="race")
            outcomes.append("posted" if entry else "skipped")
        finally:
            connections.close_all()

    # When two workers run the queued posting at the same moment
    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Then one posts it and the other finds it there
    assert sorted(outcomes) == ["posted", "skipped"]
    assert JournalEntry.objects.filter(source=f"share:{tx.pk}").count() == 1
