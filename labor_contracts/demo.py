"""The demo cooperative's labor contracts: the incorporation they need, two clients, an active
contract with a month of approved hours and its invoice, and a completed fixed-value contract.

Idempotent: a contract found by its title is left alone, and incorporation is recorded once.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop import services as coop_services
from coop.models import Cooperative

from . import services
from .models import Client, LaborContract

# The labels are written in the active language (`seed_demo --language`); contracts and clients
# are found by their title and name in that language.
REASON = gettext_lazy("Demo cooperative")
ACTIVE_TITLE = gettext_lazy("Timber-frame housing crew")
COMPLETED_TITLE = gettext_lazy("Solar canopy installation")


def seed(context) -> None:
    today = timezone.localdate()
    president, ceo, manager = (context.users[e] for e in ("president@demo.coop", "ceo@demo.coop", "manager@demo.coop"))
    if not context.cooperative.is_incorporated:
        context.cooperative = coop_services.cooperative_record_incorporation(
            cooperative=context.cooperative,
            legal_form=Cooperative.LegalForm.C_CORP,
            incorporated_on=today - timedelta(days=300),
            registration_number="OR-CORP-2025-0042117",
            actor=president,
            reason=_("Demo: the Articles were filed"),
        )
    timber = _client(
        ceo, _("Cascade Timber Frames"), _("Cascade Timber Frames Inc."), "Jordan Reyes", "jordan@cascade.example"
    )
    solar = _client(
        ceo, _("Willamette Solar"), _("Willamette Solar Installers LLC"), "Priya Anand", "priya@wsolar.example"
    )
    if not LaborContract.objects.filter(title=str(COMPLETED_TITLE)).exists():
        _completed_contract(context, solar, today, president, ceo, manager)
    if not LaborContract.objects.filter(title=str(ACTIVE_TITLE)).exists():
        _active_contract(context, timber, today, president, ceo, manager)


def _client(actor, name, legal_name, contact, email) -> Client:
    client = Client.objects.filter(name=name).first()
    if client is None:
        client = services.client_create(
            actor=actor, reason=str(REASON), name=name, legal_name=legal_name, billing_address=_("Portland, Oregon")
        )
        services.client_contact_add(
            client=client, actor=actor, reason=str(REASON), name=contact, title=_("Project lead"), email=email
        )
    return client


def _sign(contract, president, ceo) -> LaborContract:
    services.contract_negotiate(contract=contract, actor=ceo, reason=_("Demo: terms agreed with the client"))
    services.contract_approve(contract=contract, actor=president, reason=_("Demo: Board meeting approval"))
    return contract


def _work(contract, owners, days, manager, hours=Decimal("8.00")) -> None:
    """Each owner logs, submits and has approved `hours` on each of `days`."""
    for owner in owners:
        for day in days:
            entry = services.timesheet_log(
                owner=owner,
                contract=contract,
                day=day,
                hours=hours,
                description=_("Framing and assembly"),
                actor=owner,
                reason=_("Hours worked"),
            )
            services.timesheet_submit(entry=entry, actor=owner, reason=_("Submitted for approval"))
            services.timesheet_approve(entry=entry, actor=manager, reason=_("Demo: hours checked on site"))


def _weekdays(start: date, end: date) -> list[date]:
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return [day for day in days if day.weekday() < 5]


def _completed_contract(context, client, today, president, ceo, manager) -> None:
    starts, ends = today - timedelta(days=200), today - timedelta(days=140)
    contract = services.contract_create(
        actor=ceo,
        reason=str(REASON),
        client=client,
        title=str(COMPLETED_TITLE),
        scope=_("Install solar canopies over parking."),
        billing_basis=LaborContract.BillingBasis.FIXED,
        fixed_value=Decimal("24000.00"),
        starts_on=starts,
        ends_on=ends,
    )
    services.milestone_add(
        contract=contract,
        title=_("Canopy frames"),
        amount=Decimal("10000.00"),
        due_on=starts + timedelta(days=30),
        actor=ceo,
        reason=str(REASON),
    )
    services.milestone_add(
        contract=contract,
        title=_("Panels and hand-over"),
        amount=Decimal("14000.00"),
        due_on=ends,
        actor=ceo,
        reason=str(REASON),
    )
    _sign(contract, president, ceo)
    owners = [context.users[e] for e in ("amara.diallo@demo.coop", "chen.wei@demo.coop")]
    for owner in owners:
        services.assignment_create(contract=contract, owner=owner, role=_("Installer"), actor=ceo, reason=str(REASON))
    services.contract_activate(contract=contract, actor=ceo, reason=_("Demo: work starts"))
    _work(contract, owners, _weekdays(starts, ends)[:20], manager)
    for milestone in contract.milestones.all():
        services.milestone_reach(milestone=milestone, reached_on=ends, actor=ceo, reason=_("Demo: delivered"))
    invoice = services.invoice_issue(
        contract=contract,
        period_start=starts,
        period_end=ends,
        issued_on=ends,
        actor=ceo,
        reason=_("Demo: final invoice"),
    )
    services.payment_record(
        invoice=invoice,
        amount=invoice.total,
        received_on=ends + timedelta(days=20),
        reference=_("Wire 88120"),
        actor=ceo,
        reason=_("Demo: paid in full"),
    )
    services.contract_complete(contract=contract, actor=ceo, reason=_("Demo: canopies handed over"))


def _active_contract(context, client, today, president, ceo, manager) -> None:
    last_month_end = today.replace(day=1) - timedelta(days=1)
    last_month_start = last_month_end.replace(day=1)
    contract = services.contract_create(
        actor=ceo,
        reason=str(REASON),
        client=client,
        title=str(ACTIVE_TITLE),
        scope=_("Frame and raise timber houses."),
        billing_basis=LaborContract.BillingBasis.HOURLY_ROLE,
        starts_on=last_month_start,
        ends_on=last_month_start + timedelta(days=180),
    )
    carpenter, site_lead = _("Carpenter"), _("Site lead")
    services.contract_role_rate_set(
        contract=contract, role=carpenter, hourly_rate=Decimal("55.00"), actor=ceo, reason=str(REASON)
    )
    services.contract_role_rate_set(
        contract=contract, role=site_lead, hourly_rate=Decimal("72.50"), actor=ceo, reason=str(REASON)
    )
    _sign(contract, president, ceo)
    crew = [
        ("member@demo.coop", carpenter),
        ("dana.kowalski@demo.coop", carpenter),
        ("elif.yilmaz@demo.coop", site_lead),
    ]
    for email, role in crew:
        services.assignment_create(
            contract=contract, owner=context.users[email], role=role, actor=ceo, reason=str(REASON)
        )
    services.contract_activate(contract=contract, actor=ceo, reason=_("Demo: work starts"))
    owners = [context.users[email] for email, _role in crew]
    _work(contract, owners, _weekdays(last_month_start, last_month_end), manager)
    invoice = services.invoice_issue(
        contract=contract,
        period_start=last_month_start,
        period_end=last_month_end,
        issued_on=today,
        actor=ceo,
        reason=_("Demo: monthly invoice"),
    )
    services.payment_record(
        invoice=invoice,
        amount=(invoice.total / 2).quantize(Decimal("0.01")),
        received_on=today,
        reference=_("Cheque 5531"),
        actor=ceo,
        reason=_("Demo: first instalment"),
    )
    # The member logs this month's hours too: one draft, waiting to be submitted.
    if today.day > 1:
        services.timesheet_log(
            owner=owners[0],
            contract=contract,
            day=today - timedelta(days=1),
            hours=Decimal("7.50"),
            description=_("Roof trusses"),
            actor=owners[0],
            reason=_("Hours worked"),
        )
