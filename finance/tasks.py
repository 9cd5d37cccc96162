"""Celery tasks: thin wrappers over the finance services."""

from celery import shared_task

from . import services


@shared_task(name="finance.ledger_sync")
def ledger_sync() -> int:
    """Post to the ledger whatever dues, shares, invoices, payments and settlements are not yet in it."""
    return len(services.ledger_sync(actor=None, reason="Scheduled ledger posting"))
