"""A peer review opens with no score chosen: an untouched criterion is refused, never scored 1."""

from datetime import date

import pytest
from django.urls import reverse

from coop.roles import Role
from finance import services
from finance.models import Review
from tests.clients import logged_in
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db
COMMENT = "Clear plans and patient teaching; share the schedule earlier."


@pytest.fixture
def cycle_setup(cooperative, operations_user):
    team = [UserFactory(roles=[Role.MEMBER]) for _ in range(2)]
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


def test_the_form_opens_with_no_score_and_no_teammate_chosen(cycle_setup):
    cycle, team, criterion = cycle_setup
    page = logged_in(team[0]).get(reverse("finance_portal:review_write", args=[cycle.pk])).content.decode()
    assert f'name="score_{criterion.pk}"' in page and 'type="radio"' in page
    assert "checked" not in page
    assert '<option value="" selected>Choose a teammate</option>' in page


def test_an_untouched_criterion_is_refused_by_name_and_the_comments_are_kept(cycle_setup):
    cycle, team, _criterion = cycle_setup
    response = logged_in(team[0]).post(
        reverse("finance_portal:review_write", args=[cycle.pk]),
        {"reviewee": team[1].pk, "comments": COMMENT, "reason": "Spring review"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a score from 1 to 5 for Craft." in page
    assert COMMENT in page
    assert not Review.objects.exists()
