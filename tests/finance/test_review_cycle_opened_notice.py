"""Opening a review cycle puts a notice in each teammate's inbox, with the link to write reviews."""

import pytest
from django.urls import reverse

from coop.models import Notice, NoticeKind
from tests.factories.coop import UserFactory
from tests.factories.finance import review_cycle

pytestmark = pytest.mark.django_db


def test_each_teammate_hears_the_cycle_open(incorporated, operations_user, board_user):
    bystander = UserFactory()
    cycle, team, _criterion = review_cycle(operations_user, board_user)
    notices = Notice.objects.filter(kind=NoticeKind.REVIEW_CYCLE_OPENED)
    assert set(notices.values_list("recipient_id", flat=True)) == {member.pk for member in team}
    assert not notices.filter(recipient=bystander).exists()
    notice = notices.get(recipient=team[0])
    assert notice.subject == f"A review cycle opens: {cycle.name}" and "March 31, 2026" in notice.body
    assert notice.link == reverse("finance_portal:review_write", args=[cycle.pk])
