"""A year of member economics on the demo cooperative, end to end through the services: the surplus
allocated with cash and retained parts, the notices issued and consented, the cash paid through the
ledger, a share paid by payroll deduction over several runs, a redemption under the plan, the
capital statements balancing to the cent against the ledger, and the accountant's exports (the
1099-PATR figures, and a journal that Beancount's own parser reads back with our balances)."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from beancount import loader
from beancount.core import data
from django.core.management import call_command
from django.db.models import Case, F, Sum, When
from django.utils import timezone

from coop.models import User
from finance import exports, selectors, services
from finance.models import PatronageDividend, SurplusAllocation
from finance.selectors.exports import trial_balance
from membership import services as membership_services
from membership.models import Member, ShareSubscription, ShareTransaction
from projects.services import time_entry_log
from tests.factories.governance import set_policy
from tests.factories.projects import project_create, task_create, team_add

pytestmark = pytest.mark.django_db

REASON = "A year on the demo"


def _month(back: int) -> tuple[date, date]:
    """The first and last day of the month `back` months before this one."""
    first = timezone.localdate().replace(day=1)
    for _step in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _shares_value(user) -> Decimal:
    signed = Case(When(change__lt=0, then=-F("amount")), default=F("amount"))
    total = ShareTransaction.objects.filter(member__user=user).aggregate(total=Sum(signed))["total"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _payroll(month: tuple[date, date], ceo, president):
    run = services.payroll_run_draft(period_start=month[0], period_end=month[1], actor=ceo, reason=REASON)
    services.payroll_run_review(run=run, actor=ceo, reason=REASON)
    services.payroll_run_approve(run=run, actor=president, reason=REASON)
    return services.payroll_run_post(run=run, actor=ceo, reason=REASON)


def test_a_year_of_member_economics_on_the_demo(db):
    call_command("seed_demo", password="pw-for-tests-123")
    president = User.objects.get(email="president@demo.coop")
    treasurer = User.objects.get(email="treasurer@demo.coop")
    ceo = User.objects.get(email="ceo@demo.coop")
    mei = User.objects.get(email="member@demo.coop")

    # The surplus of the demo's two months was allocated by the General Conference, in cash and retained
    allocation = SurplusAllocation.objects.get(status=SurplusAllocation.Status.ADOPTED)
    dividends = list(allocation.patronage.select_related("member"))
    assert dividends and sum(d.amount for d in dividends) == allocation.dividends
    assert all(
        d.cash + d.retained == d.amount and d.cash >= d.amount * allocation.cash_percent / 100 - Decimal("0.01")
        for d in dividends
    )
    assert (
        allocation.surplus == allocation.non_patronage + allocation.reserves + allocation.bonuses + allocation.dividends
    )
    # each member was issued a written notice, and consented as the bylaws provide
    assert all(d.notice_issued_at and d.consented_at for d in dividends)
    # and the cash part was paid through the ledger: nothing is left payable
    assert allocation.cash_payment is not None
    assert allocation.cash_payment.lines.get(account__code="1000").credit == sum(d.cash for d in dividends)
    assert selectors.balance_of(selectors.accounts_with_balances().get(code="2300")) == Decimal("0.00")

    # Mei subscribes a share to be paid from her payslips, and three months of payroll pay it up
    set_policy("share_par_value", "100.00")
    member = Member.objects.get(user=mei)
    held = member.share_balance
    subscription = membership_services.share_subscribe(
        member=member,
        quantity=1,
        down_payment=Decimal("0.00"),
        instalment=Decimal("40.00"),
        frequency=ShareSubscription.Frequency.PAYSLIP,
        started_on=_month(5)[0],
        actor=president,
        reason=REASON,
    )
    deducted = []
    project = project_create(name="Workshop fit-out", start_date=_month(5)[0], end_date=_month(0)[1])
    team_add(project, mei)
    for back in (5, 4, 3):
        month = _month(back)
        day = month[0] + timedelta(days=9)
        task = task_create(project, start=day)
        time_entry_log(user=mei, task=task, date=day, hours=Decimal("8"), actor=mei, reason=REASON)
        run = _payroll(month, ceo, president)
        deducted.append(run.lines.get(member=mei).share_instalment)
    assert deducted == [Decimal("40.00"), Decimal("40.00"), Decimal("20.00")]
    subscription.refresh_from_db()
    member.refresh_from_db()
    assert subscription.status == ShareSubscription.Status.PAID_UP
    assert member.share_balance == held + 1
    # once the share issue is in the ledger (posted after each commit; the hourly pass here), the money
    # paid toward the share has moved from the subscriptions account into share capital
    services.ledger_sync(actor=treasurer, reason=REASON)
    assert selectors.balance_of(selectors.accounts_with_balances().get(code="3050")) == Decimal("0.00")

    # Under a revolving plan of this year, the Board redeems the retained allocations
    set_policy("capital_revolving_years", 0)
    redeemed = services.retained_allocations_redeem(allocation=allocation, actor=treasurer, reason=REASON)
    assert redeemed.redemption.lines.get(account__code="1000").credit == sum(d.retained for d in dividends)
    assert set(PatronageDividend.objects.filter(retained__gt=0).values_list("redemption", flat=True)) == {
        redeemed.redemption_id
    }

    # Every member's capital statement balances to the cent against the ledger
    for dividend in dividends:
        statement = selectors.capital_statement(dividend.member)
        closing = statement[-1].closing
        assert closing == selectors.capital_balance(dividend.member) + _shares_value(dividend.member)
        assert (
            sum(row.allocations for row in statement)
            == sum(row.redemptions for row in statement)
            == (dividend.retained)
        )

    # The accountant's exports of the year: the 1099-PATR figures, and a journal Beancount reads back
    year = {"period_start": date(allocation.period_end.year - 1, 1, 1), "period_end": timezone.localdate()}
    patronage = exports.ledger_export(actor=treasurer, kind="patronage_csv", **year)
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(patronage.content))}
    for dividend in dividends:
        row = rows[dividend.member.email]
        assert Decimal(row["cash_paid"]) == dividend.cash
        assert Decimal(row["retained_qualified"]) == dividend.retained
        assert Decimal(row["capital_redemptions"]) == dividend.retained

    journal = exports.ledger_export(actor=treasurer, kind="beancount", **year)
    entries, errors, _options = loader.load_string(journal.content)
    assert errors == []
    theirs: dict[str, Decimal] = {}
    for parsed in entries:
        if isinstance(parsed, data.Transaction):
            for posting in parsed.postings:
                theirs[posting.account] = theirs.get(posting.account, Decimal(0)) + posting.units.number
    ours = {
        exports.beancount_account(row.account.code, row.account.name, row.account.type): row.closing
        for row in trial_balance(**year)
        if row.closing
    }
    assert {account: total for account, total in theirs.items() if total} == ours
