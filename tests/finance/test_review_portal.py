"""Writing a peer review in the portal: the home's "reviews to write" item leads here."""

from datetime import date

import pytest
from django.urls import reverse

from coop.roles import Role
from finance import selectors, services
from finance.models import Review
from tests.clients import logged_in
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db
COMMENT = "Clear plans and patient teaching; share the schedule earlier."


@pytest.fixture
def cycle_setup(cooperative, operations_user):
    # the team are members: the portal is for the cooperative's people
    team = [UserFactory(roles=[Role.MEMBER]) for _ in range(3)]
    criterion = services.review_criterion_create(
        name="Craft", description="Quality of work", actor=operations_user, reason="x"
    )
    cycle = services.review_cycle_open(
        name="Spring",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        team=team,
        criteria=[criterion],
        rate_changes_opted_in=False,
        actor=operations_user,
        reason="x",
    )
    return cycle, team, criterion


def test_teammate_writes_a_review_through_the_form(cycle_setup):
    # Given a team member with two teammates to review
    cycle, team, criterion = cycle_setup
    client = logged_in(team[0])
    assert selectors.reviews_to_write(team[0]).get().to_review == 2
    # When they review one through the form
    response = client.post(
        reverse("finance_portal:review_write", args=[cycle.pk]),
        {"reviewee": team[1].pk, f"score_{criterion.pk}": "4", "comments": COMMENT, "reason": "Spring review"},
    )
    # Then the review is stored with its reason, and one teammate remains
    assert response.status_code == 302 and response.url == reverse("portal:home")
    review = Review.objects.get()
    assert (review.reviewer, review.reviewee, review.scores.get().score) == (team[0], team[1], 4)
    assert review.history.get().history_change_reason == "Spring review"
    assert selectors.reviews_to_write(team[0]).get().to_review == 1
    page = client.get(reverse("finance_portal:review_write", args=[cycle.pk])).content.decode()
    assert [row.member for row in selectors.teammates_to_review(cycle=cycle, user=team[0])] == [team[2]]
    assert (team[2].get_full_name() or team[2].email) in page


def test_short_comments_are_refused_and_nothing_is_written(cycle_setup):
    cycle, team, criterion = cycle_setup
    response = logged_in(team[0]).post(
        reverse("finance_portal:review_write", args=[cycle.pk]),
        {"reviewee": team[1].pk, f"score_{criterion.pk}": "4", "comments": "Fine.", "reason": "x"},
    )
    assert response.status_code == 200
    assert "at least 20 characters" in response.content.decode()
    assert not Review.objects.exists()


def test_a_member_off_the_team_cannot_open_the_form(cycle_setup):
    cycle, _team, _criterion = cycle_setup
    response = logged_in(UserFactory(roles=[Role.MEMBER])).get(reverse("finance_portal:review_write", args=[cycle.pk]))
    assert response.status_code == 404


def test_the_form_is_gone_once_every_teammate_is_reviewed(cycle_setup):
    cycle, team, criterion = cycle_setup
    for reviewee in team[1:]:
        services.review_submit(
            cycle=cycle, reviewee=reviewee, scores={criterion.pk: 3}, comments=COMMENT, actor=team[0], reason="x"
        )
    assert not selectors.reviews_to_write(team[0]).exists()
    assert logged_in(team[0]).get(reverse("finance_portal:review_write", args=[cycle.pk])).status_code == 404
