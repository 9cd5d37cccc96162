"""Celery tasks: thin wrappers over the finance services."""

from celery import shared_task

from . import services


@shared_task(name="finance.ledger_sync")
def ledger_sync() -> int:
    """Post to the ledger whatever dues, shares, invoices, payments and settlements are not yet in it."""
    return len(services.ledger_sync(actor=None, reason="Scheduled ledger posting"))


@shared_task(name="finance.ledger_post")
def ledger_post(prefix: str, pk: int) -> int | None:
    """Post one just-recorded dues payment, share transaction, invoice, payment or settlement."""
    entry = services.ledger_post_source(prefix=prefix, pk=pk, actor=None, reason="Posted when recorded")
    return entry.pk if entry else None
