"""Dues, shares, invoices, payments and settlements post to the ledger as soon as they commit;
the hourly sync stays as the safety net and never posts anything twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from finance import services, tasks
from finance.models import JournalEntry
from labor_contracts import services as labor
from labor_contracts.models import PeriodSettlement
from membership import services as membership
from tests.factories import labor_contracts as lf
from tests.factories.coop import role_officer
from tests.factories.membership import member_create

pytestmark = pytest.mark.django_db


def _sources() -> set[str]:
    return set(JournalEntry.objects.filter(source__isnull=False, posted=True).values_list("source", flat=True))


def test_share_purchase_and_dues_post_when_they_commit(cooperative, django_capture_on_commit_callbacks):
    # Given a member
    member = member_create()
    # When shares are bought and dues paid, each in its own committed transaction
    with django_capture_on_commit_callbacks(execute=True):
        tx = membership.share_purchase(member=member, quantity=2, actor=role_officer(), reason="buy")
    with django_capture_on_commit_callbacks(execute=True):
        payment = membership.dues_payment_record(
            member=member, amount=Decimal("25.00"), actor=role_officer(), reason="dues"
        )
    # Then both are in the ledger at once, without waiting for the hourly sync
    assert {f"share:{tx.pk}", f"dues-payment:{payment.pk}"} <= _sources()
    # And the hourly sync finds nothing left to post
    assert services.ledger_sync(actor=None, reason="hourly") == []


def test_nothing_is_queued_until_the_transaction_commits(cooperative, django_capture_on_commit_callbacks):
    member = member_create()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        membership.share_purchase(member=member, quantity=1, actor=role_officer(), reason="buy")
        # While the transaction is open, the ledger holds nothing for it
        assert not JournalEntry.objects.filter(source__startswith="share:").exists()
    assert len(callbacks) == 1


def test_posting_twice_posts_once(cooperative):
    # Given a share issue whose posting task runs twice (a retry, or alongside the sync)
    tx = membership.share_purchase(member=member_create(), quantity=1, actor=role_officer(), reason="buy")
    first = tasks.ledger_post.delay("share", tx.pk).get()
    second = tasks.ledger_post.delay("share", tx.pk).get()
    # Then one entry exists for it
    assert first is not None and second is None
    assert JournalEntry.objects.filter(source=f"share:{tx.pk}").count() == 1
    assert services.ledger_sync(actor=None, reason="hourly") == []


def test_invoice_settlement_and_payment_post_and_the_settlement_is_marked(
    cooperative, board_user, operations_user, django_capture_on_commit_callbacks
):
    # Given an active labor contract with approved hours
    lf.documents_install()
    lf.incorporate(cooperative, board_user)
    owner = lf.owner_create(email="owner@example.coop")
    contract = lf.contract_active(operations_user, board_user)
    lf.assign(contract, owner, operations_user)
    lf.hours_approved(contract, owner, timezone.localdate(), "8", operations_user)
    # When Operations invoices the period and the client pays
    with django_capture_on_commit_callbacks(execute=True):
        invoice = labor.invoice_issue(
            contract=contract,
            period_start=contract.starts_on,
            period_end=timezone.localdate(),
            actor=operations_user,
            reason="month",
        )
    with django_capture_on_commit_callbacks(execute=True):
        payment = labor.payment_record(
            invoice=invoice,
            amount=invoice.total,
            actor=operations_user,
            reason="paid",
            received_on=timezone.localdate() - timedelta(days=0),
        )
    # Then the invoice, the settlement and the payment are in the ledger
    settlement = PeriodSettlement.objects.get(invoice=invoice)
    assert {f"invoice:{invoice.pk}", f"settlement:{settlement.pk}", f"invoice-payment:{payment.pk}"} <= _sources()
    # And labor's settlement says it was posted, with the change in its history
    assert settlement.posted_to_ledger
    assert settlement.history.first().posted_to_ledger and settlement.history.count() == 2


def test_hourly_sync_posts_what_was_missed_and_marks_the_settlement(cooperative, board_user, operations_user):
    # Given an invoice whose immediate posting never ran (no commit callback here)
    lf.documents_install()
    lf.incorporate(cooperative, board_user)
    owner = lf.owner_create(email="owner@example.coop")
    contract = lf.contract_active(operations_user, board_user)
    lf.assign(contract, owner, operations_user)
    lf.hours_approved(contract, owner, timezone.localdate(), "8", operations_user)
    invoice = labor.invoice_issue(
        contract=contract,
        period_start=contract.starts_on,
        period_end=timezone.localdate(),
        actor=operations_user,
        reason="month",
    )
    assert not PeriodSettlement.objects.get(invoice=invoice).posted_to_ledger
    # When the hourly sync runs
    tasks.ledger_sync.delay().get()
    # Then the settlement is posted and marked
    settlement = PeriodSettlement.objects.get(invoice=invoice)
    assert settlement.posted_to_ledger and f"settlement:{settlement.pk}" in _sources()


def test_an_unknown_source_is_refused(cooperative):
    with pytest.raises(ValueError, match="Unknown ledger source"):
        services.ledger_post_on_commit(prefix="bonus", pk=1)
