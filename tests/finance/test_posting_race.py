"""The immediate posting and the hourly sync racing for the same record post it once (PostgreSQL)."""

import pytest

from coop import tasks as coop_tasks
from coop.models import OutboxMessage
from finance import services
from finance.models import JournalEntry
from membership import services as membership
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories.coop import role_officer
from tests.factories.membership import member_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, needs_postgres]


def test_two_workers_posting_one_share_issue_write_one_entry(chart, monkeypatch):
    # Given a share issue whose posting is queued (held in a list, as a broker would) but not yet run
    monkeypatch.setattr(coop_tasks.outbox_run, "delay", lambda pk: None)
    tx = membership.share_purchase(member=member_create(), quantity=1, actor=role_officer(), reason="buy")
    assert OutboxMessage.objects.filter(task="finance.ledger_post", args=["share", tx.pk], done_at=None).exists()
    assert not JournalEntry.objects.filter(source=f"share:{tx.pk}").exists()

    def post():
        return services.ledger_post_source(prefix="share", pk=tx.pk, actor=None, reason="race")

    # When two workers run the queued posting at the same moment
    outcomes = race(post, post)
    # Then one posts it and the other finds it there
    assert verdicts(outcomes) == ["ok", "ok"]
    assert sorted("posted" if o.value else "skipped" for o in outcomes) == ["posted", "skipped"]
    assert JournalEntry.objects.filter(source=f"share:{tx.pk}").count() == 1
