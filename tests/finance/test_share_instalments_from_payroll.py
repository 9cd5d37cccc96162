"""A share paid by deductions from the payslips over several payroll runs, with its ledger entries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.models import PayrollLine
from membership import selectors as membership_selectors
from membership import services as membership_services
from membership.models import ShareSubscription, ShareTransaction, SubscriptionPayment
from tests.factories.coop import UserFactory
from tests.factories.finance import band, internal_hours, rate, run_posted
from tests.factories.membership import member_create, policy_set
from tests.factories.projects import project_create

pytestmark = pytest.mark.django_db

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
MAY = (date(2026, 5, 1), date(2026, 5, 31))


def _hours(worker, day: date, hours: str) -> None:
    """Log internal hours on a project of their own for the month, as each run pays its month."""
    internal_hours(worker, day, hours, project=project_create(name=f"Work of {day:%B}"))


def _balances() -> dict[str, Decimal]:
    return {a.code: selectors.balance_of(a) for a in selectors.accounts_with_balances()}


@pytest.fixture
def subscriber(incorporated, board_user):
    """An owner paid 30 an hour who subscribed one share of 100: 10 down, 40 from each payslip."""
    policy_set("share_par_value", "100.00")
    worker = UserFactory()
    member = member_create(user=worker)
    rate(worker, band(), "30.00", board_user)
    subscription = membership_services.share_subscribe(
        member=member,
        quantity=1,
        down_payment=Decimal("10.00"),
        instalment=Decimal("40.00"),
        frequency=ShareSubscription.Frequency.PAYSLIP,
        started_on=MARCH[0],
        actor=board_user,
        reason="Subscribed by payroll deduction",
    )
    return worker, subscription


def test_a_share_is_paid_by_deductions_over_several_runs(subscriber, operations_user, board_user):
    worker, subscription = subscriber
    # March pays 60: the instalment of 40 is deducted
    _hours(worker, date(2026, 3, 10), "2")
    march = run_posted(operations_user, board_user, MARCH)
    line = march.lines.get(member=worker)
    assert (line.amount, line.share_instalment, line.net_pay) == (Decimal("60.00"), Decimal("40.00"), Decimal("20.00"))
    assert march.total_share_instalments == Decimal("40.00")
    sides = {(ln.account.code, ln.debit, ln.credit) for ln in march.journal_entry.lines.all()}
    assert sides == {
        ("5000", Decimal("60.00"), Decimal("0.00")),
        ("2000", Decimal("0.00"), Decimal("60.00")),
        ("2000", Decimal("40.00"), Decimal("0.00")),
        ("3050", Decimal("0.00"), Decimal("40.00")),
    }
    # April pays only 30: all of it is deducted, and the 10 short shows in arrears
    _hours(worker, date(2026, 4, 10), "1")
    april = run_posted(operations_user, board_user, APRIL)
    assert april.lines.get(member=worker).share_instalment == Decimal("30.00")
    subscription.refresh_from_db()
    standing = membership_selectors.subscription_standing(subscription)
    assert (standing.instalments_due, standing.paid, standing.arrears) == (2, Decimal("80.00"), Decimal("10.00"))
    # May pays 90: only the 20 still owed is deducted, and the share is issued
    _hours(worker, date(2026, 5, 10), "3")
    may = run_posted(operations_user, board_user, MAY)
    assert may.lines.get(member=worker).share_instalment == Decimal("20.00")
    subscription.refresh_from_db()
    assert subscription.status == ShareSubscription.Status.PAID_UP
    assert ShareTransaction.objects.get(subscription=subscription).amount == Decimal("100.00")
    assert list(
        SubscriptionPayment.objects.filter(source="payroll").order_by("paid_on").values_list("amount", "reference")
    ) == [
        (Decimal("40.00"), f"payslip:{line.pk}"),
        (Decimal("30.00"), f"payslip:{april.lines.get(member=worker).pk}"),
        (Decimal("20.00"), f"payslip:{may.lines.get(member=worker).pk}"),
    ]
    # When the down payment and the issue are posted, the books agree with the register
    services.ledger_sync(actor=None, reason="sync")
    balances = _balances()
    assert balances["1000"] == Decimal("10.00")  # the down payment, in cash
    assert balances["3050"] == Decimal("0.00")  # everything paid in has become share capital
    assert balances["3000"] == Decimal("100.00")
    assert balances["2000"] == Decimal("90.00")  # the net pay still owed: 180 earned, 90 deducted
    # And a fourth run deducts nothing: the subscription is paid up
    _hours(worker, date(2026, 6, 10), "1")
    june = run_posted(operations_user, board_user, (date(2026, 6, 1), date(2026, 6, 30)))
    assert june.lines.get(member=worker).share_instalment == Decimal("0.00")
    assert june.total_share_instalments == Decimal("0.00")


def test_a_run_without_subscriptions_posts_as_before(incorporated, operations_user, board_user):
    worker = UserFactory()
    rate(worker, band(), "30.00", board_user)
    _hours(worker, date(2026, 3, 10), "2")
    run = run_posted(operations_user, board_user, MARCH)
    assert run.total_share_instalments == Decimal("0.00")
    assert not PayrollLine.objects.filter(share_instalment__gt=0).exists()
    assert {ln.account.code for ln in run.journal_entry.lines.all()} == {"5000", "2000"}


def test_a_cash_instalment_is_posted_to_cash_and_a_cancellation_returns_it(subscriber, board_user):
    _worker, subscription = subscriber
    membership_services.subscription_pay(
        subscription=subscription, amount=Decimal("15.00"), actor=board_user, reason="cash"
    )
    membership_services.subscription_cancel(subscription=subscription, actor=board_user, reason="left")
    services.ledger_sync(actor=None, reason="sync")
    balances = _balances()
    assert (balances["1000"], balances["3050"], balances["3000"]) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    # Posted once each, however often the sync runs
    assert services.ledger_sync(actor=None, reason="again") == []


def test_a_cash_payment_between_runs_is_counted_before_the_next_deduction(subscriber, operations_user, board_user):
    worker, subscription = subscriber
    membership_services.subscription_pay(
        subscription=subscription, amount=Decimal("75.00"), actor=board_user, reason="cash"
    )
    _hours(worker, date(2026, 3, 10), "2")
    march = run_posted(operations_user, board_user, MARCH)
    # Only the 15 still owed is deducted, never the whole instalment
    assert march.lines.get(member=worker).share_instalment == Decimal("15.00")
    with pytest.raises(ValidationError):
        membership_services.subscription_pay(
            subscription=subscription, amount=Decimal("0.01"), actor=board_user, reason="x"
        )
