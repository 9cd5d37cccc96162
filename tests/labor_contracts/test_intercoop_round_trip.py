"""A contract between cooperatives carried over real signed HTTP: this installation is its own peer
(a loopback served on a local port), so A's offer, B's mirror and B's answer each travel through the
outbox, the signature and the inbox, and are applied once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from nacl.signing import SigningKey

from federation.models import InboundMessage, OutboundMessage
from labor_contracts import selectors, services
from labor_contracts.models import IncomingContract, IncomingInvoice, IncomingTimesheet, Invoice, LaborContract
from labor_contracts.selectors.intercoop import contract_ledger, incoming_contract_ledger, ledgers_reconcile
from tests.factories import labor_contracts as f
from tests.federation.conftest import approve, free_port, installation_up, register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def looped_client(board_user, operations_user, settings):
    """A client that is a peer at a local port whose key this installation signs with: the peer is
    this installation itself, so its inbox verifies and applies what its outbox sends."""
    key = SigningKey.generate()
    port = free_port()
    peer = approve(board_user, register(board_user, key, base_url=f"http://127.0.0.1:{port}"))
    settings.FEDERATION_SIGNING_KEY = key.encode().hex()
    client = services.client_create(actor=operations_user, reason="An ally", name="Loopback Cooperative", peer=peer)
    return client, port


def test_an_offer_and_its_acceptance_travel_signed_and_are_mirrored(looped_client, ceo, operations_user):
    client, port = looped_client
    contract = f.contract_draft(operations_user, client=client, rates=(("Cook", "32.50"),))

    with installation_up(port):
        # A's CEO offers: the message is delivered and B mirrors the contract
        services.contract_offer(contract=contract, actor=ceo, reason="Our offer")
        mirror = IncomingContract.objects.get()
        assert (mirror.remote_ref, mirror.status, mirror.title) == (contract.pk, "offered", contract.title)

        # B's CEO accepts: the answer comes back and A's contract is negotiated
        services.incoming_contract_accept(contract=mirror, actor=ceo, reason="Good terms")

    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.NEGOTIATED
    assert not OutboundMessage.objects.filter(delivered_at__isnull=True).exists()
    assert sorted(InboundMessage.objects.values_list("kind", flat=True)) == ["contracts.accepted", "contracts.offer"]


def test_a_contract_runs_from_offer_to_a_payment_that_reconciles_on_both_sides(
    looped_client, ceo, operations_user, board_user, owner
):
    client, port = looped_client
    contract = f.contract_draft(operations_user, client=client, rates=(("Cook", "32.50"),))
    today = timezone.localdate()
    period = {"period_start": contract.starts_on, "period_end": today}

    with installation_up(port):
        services.contract_offer(contract=contract, actor=ceo, reason="Our offer")
        mirror = IncomingContract.objects.get()
        services.incoming_contract_accept(contract=mirror, actor=ceo, reason="Good terms")
        services.contract_approve(contract=contract, actor=board_user, reason="Approved")
        services.contract_activate(contract=contract, actor=operations_user, reason="Work starts")
        f.assign(contract, owner, operations_user, role="Cook")
        f.hours_approved(contract, owner, today, "8", operations_user)
        f.hours_approved(contract, owner, today - timedelta(days=1), "4.5", operations_user)

        # A sends the hours; B's Operations confirms them; A's hours show confirmed by the client
        sent = services.peer_timesheet_send(contract=contract, actor=operations_user, reason="Week", **period)
        services.incoming_timesheet_confirm(
            timesheet=IncomingTimesheet.objects.get(), actor=operations_user, reason="Ok"
        )
        sent.refresh_from_db()
        assert sent.status == "confirmed"

        # A invoices as today; B records the payable, pays it; A records the payment
        invoice = services.invoice_issue(contract=contract, actor=operations_user, reason="Month", **period)
        payable = IncomingInvoice.objects.get()
        services.incoming_invoice_pay(invoice=payable, paid_on=today, actor=operations_user, reason="Paid")

    invoice.refresh_from_db()
    assert (invoice.status, invoice.total, invoice.paid_total) == (
        Invoice.Status.PAID,
        Decimal("406.25"),
        Decimal("406.25"),
    )
    assert (payable.number, payable.total) == (invoice.number, invoice.total)
    ours, theirs = contract_ledger(contract), incoming_contract_ledger(mirror)
    assert ours.invoices[0].paid_on == theirs.invoices[0].paid_on == today
    assert ledgers_reconcile(ours, theirs)
    # the margin goes to A's capitalization, and the bonuses are suspended on A's side
    assert selectors.capital_raised() == invoice.settlement.margin > 0
    assert selectors.bonus_suspension().contracts == [contract]
    assert not OutboundMessage.objects.filter(delivered_at__isnull=True).exists()
    assert InboundMessage.objects.filter(applied_at__isnull=True).count() == 0
