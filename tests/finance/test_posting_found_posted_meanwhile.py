"""A posting that finds its record posted by another worker after its own check posts nothing."""

import pytest

from coop import tasks as coop_tasks
from finance import services
from finance.models import JournalEntry
from finance.services import sources
from membership import services as membership
from tests.factories.coop import role_officer
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def test_the_entry_posted_between_the_check_and_the_posting_is_kept_and_not_doubled(chart, monkeypatch):
    # Given a share issue whose posting is queued but not yet run
    monkeypatch.setattr(coop_tasks.outbox_run, "delay", lambda pk: None)
    tx = membership.share_purchase(member=member_create(), quantity=1, actor=role_officer(), reason="buy")
    ensure = sources.accounts_ensure

    def another_worker_posts_first(**kwargs):
        ensure(**kwargs)
        monkeypatch.setattr(sources, "accounts_ensure", ensure)
        assert services.ledger_post_source(prefix="share", pk=tx.pk, actor=None, reason="the other worker")

    monkeypatch.setattr(sources, "accounts_ensure", another_worker_posts_first)
    # When this worker's posting, past its check, meets the entry the other one wrote
    entry = services.ledger_post_source(prefix="share", pk=tx.pk, actor=None, reason="this worker")
    # Then it posts nothing and reports nothing posted, and the ledger holds one entry
    assert entry is None
    assert JournalEntry.objects.filter(source=f"share:{tx.pk}").count() == 1
