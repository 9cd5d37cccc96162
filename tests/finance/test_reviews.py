"""Mutual reviews: teammates only, never oneself, feedback without names, opt-in rate proposals, disputes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.models import RateAdjustmentProposal, Review, ReviewDispute
from tests.factories.coop import UserFactory
from tests.factories.finance import band, rate

pytestmark = pytest.mark.django_db
COMMENT = "Clear plans and patient teaching; share the schedule earlier."


@pytest.fixture
def cycle_setup(cooperative, operations_user, board_user):
    team = [UserFactory() for _ in range(3)]
    builder = band()
    for member in team:
        rate(member, builder, "30.00", board_user)
    criterion = services.review_criterion_create(
        name="Craft", description="Quality of work", actor=operations_user, reason="x"
    )
    cycle = services.review_cycle_open(
        name="Spring",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        team=team,
        criteria=[criterion],
        rate_changes_opted_in=True,
        actor=operations_user,
        reason="x",
    )
    return cycle, team, criterion


def test_review_of_oneself_is_refused(cycle_setup):
    cycle, team, criterion = cycle_setup
    with pytest.raises(ValidationError) as error:
        services.review_submit(
            cycle=cycle, reviewee=team[0], scores={criterion.pk: 4}, comments=COMMENT, actor=team[0], reason="x"
        )
    assert "themselves" in str(error.value.message_dict["reviewee"])
    assert not Review.objects.exists()


def test_review_of_someone_outside_the_team_is_refused(cycle_setup):
    cycle, team, criterion = cycle_setup
    with pytest.raises(ValidationError) as error:
        services.review_submit(
            cycle=cycle, reviewee=UserFactory(), scores={criterion.pk: 4}, comments=COMMENT, actor=team[0], reason="x"
        )
    assert "not on this cycle's team" in str(error.value.message_dict["reviewee"])
    assert not Review.objects.exists()


def test_opted_in_results_propose_rates_inside_the_band(cycle_setup, operations_user, board_user):
    # Given every teammate rates team[1] 5 out of 5
    cycle, team, criterion = cycle_setup
    for reviewer in (team[0], team[2]):
        services.review_submit(
            cycle=cycle, reviewee=team[1], scores={criterion.pk: 5}, comments=COMMENT, actor=reviewer, reason="x"
        )
    # When the cycle closes
    services.review_cycle_close(cycle=cycle, actor=operations_user, reason="x")
    # Then a raise inside the band is proposed, and the rate changes only once approved
    proposal = RateAdjustmentProposal.objects.get()
    assert (proposal.current_rate, proposal.proposed_rate) == (Decimal("30.00"), Decimal("31.50"))
    assert team[1].hourly_rate.rate == Decimal("30.00")
    services.rate_adjustment_approve(proposal=proposal, actor=board_user, reason="As the bylaws say")
    team[1].hourly_rate.refresh_from_db()
    assert team[1].hourly_rate.rate == Decimal("31.50")


def test_dispute_opens_a_mediation_case(cycle_setup, board_user):
    from tests.factories.governance import bodies

    bodies()
    cycle, team, criterion = cycle_setup
    review = services.review_submit(
        cycle=cycle, reviewee=team[1], scores={criterion.pk: 1}, comments=COMMENT, actor=team[0], reason="x"
    )
    dispute = services.review_dispute_raise(
        review=review, statement="The score ignores my site work.", actor=team[1], reason="x"
    )
    dispute = services.review_dispute_refer(dispute=dispute, mediator=team[2], actor=board_user, reason="x")
    assert set(dispute.mediation_case.parties.all()) == {team[0], team[1]}
    assert ReviewDispute.objects.get().mediation_case.mediator == team[2]


def test_feedback_selector_is_about_the_member(cycle_setup):
    cycle, team, criterion = cycle_setup
    services.review_submit(
        cycle=cycle, reviewee=team[1], scores={criterion.pk: 4}, comments=COMMENT, actor=team[0], reason="x"
    )
    assert [r.reviewee for r in selectors.feedback_for(team[1])] == [team[1]]
    assert not selectors.feedback_for(team[0]).exists()
