"""Hypothesis properties of the rules that carry weight: counts conserve every ballot's weight,
STV and IRV respect their invariants, and the ledger only ever holds balanced entries."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import counting

CHOICES = [11, 12, 13, 14, 15]
weights = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)
ranked = st.permutations(CHOICES).flatmap(lambda order: st.integers(1, len(order)).map(lambda n: tuple(order[:n])))
ranked_groups = st.lists(st.tuples(ranked, weights), min_size=1, max_size=12)
single_groups = st.lists(st.tuples(st.sampled_from(CHOICES).map(lambda c: (c,)), weights), min_size=1, max_size=12)


def _total(groups) -> Fraction:
    return sum((Fraction(w) for _m, w in groups), Fraction(0))


@given(single_groups, st.integers(1, 3))
def test_plurality_totals_conserve_every_ballots_weight(groups, seats):
    count = counting.single_choice(groups, CHOICES, seats)
    assert sum(count.totals.values(), Fraction(0)) == _total(groups)
    assert len(count.winners) <= seats and set(count.winners) <= set(CHOICES)
    # a winner never has less weight than a choice that lost outright
    losers = set(CHOICES) - set(count.winners) - set(count.tied)
    assert all(count.totals[w] >= count.totals[lost] for w in count.winners for lost in losers)


@given(ranked_groups)
def test_instant_runoff_conserves_weight_and_elects_a_majority(groups):
    count = counting.instant_runoff(groups, CHOICES)
    for round_ in count.rounds:
        # every round accounts for all the weight: on a continuing choice or exhausted
        assert sum(round_.tallies.values(), Fraction(0)) + round_.exhausted == _total(groups)
    assert len(count.winners) == 1
    last = count.rounds[-1]
    continuing = sum(last.tallies.values(), Fraction(0))
    assert last.tallies[count.winners[0]] * 2 > continuing or len(last.tallies) == 1


@given(ranked_groups, st.integers(1, 3))
def test_stv_elects_at_most_the_seats_and_keeps_a_quota_per_winner(groups, seats):
    count = counting.single_transferable_vote(groups, CHOICES, seats)
    assert len(count.winners) == len(set(count.winners)) <= seats
    elected = 0
    for round_ in count.rounds:
        quota = round_.quota
        # weight is never created or lost: continuing + exhausted + one quota kept per earlier winner
        held = sum(round_.tallies.values(), Fraction(0)) + round_.exhausted + elected * quota
        assert held == _total(groups)
        if round_.action == "elect":
            elected += 1


lines = st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2), min_size=1, max_size=5)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(debits=lines, credits=lines)
def test_ledger_accepts_only_balanced_entries_and_stays_balanced(cooperative, board_user, debits, credits):
    from datetime import date

    from django.db.models import Sum

    from finance import services
    from finance.models import Account, JournalEntry, JournalLine
    from finance.services.ledger import Line

    services.accounts_ensure(actor=None, reason="test setup")
    accounts = list(Account.objects.order_by("pk")[:2])
    entry_lines = [Line(account=accounts[0], debit=d) for d in debits] + [
        Line(account=accounts[1], credit=c) for c in credits
    ]
    before = JournalEntry.objects.count()
    balanced = sum(debits) == sum(credits)
    try:
        services.journal_entry_record(
            date=date(2026, 3, 1), memo="Property", lines=entry_lines, actor=board_user, reason="test setup"
        )
    except ValidationError as error:
        # an unbalanced entry is refused by name, and nothing is written
        assert not balanced and "lines" in error.message_dict
        assert JournalEntry.objects.count() == before
    else:
        assert balanced
    totals = JournalLine.objects.aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"]
