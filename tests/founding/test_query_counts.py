"""Founding changelists and API lists run the same number of queries with few rows and many."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop.models import User
from founding import services
from tests.factories import founding as f


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/founding/convenership/",
        "/api/conveners/",
        "/admin/founding/applicationquestion/",
        "/admin/founding/businessplanterms/",
        "/admin/founding/businessplanmilestone/",
    ],
)
def test_founding_lists_run_a_constant_number_of_queries(db, url):
    # Given one convener, question and plan
    f.setup("c0@founders.coop")
    board = User.objects.get(email="c0@founders.coop")
    client = Client()
    client.force_login(board)
    services.application_question_create(text="Q0", actor=board, reason="x")
    motion = services.business_plan_propose(
        capital_target="100", actor=board, reason="x", milestones=[services.MilestoneSpec("M0", timezone.localdate())]
    )
    few = _count(client, url)
    # When there are more of each
    for n in range(1, 5):
        user = f.members(1, prefix=f"extra{n}-")[0]
        services.convenership_grant(user=user, actor=None, reason="x")
        services.application_question_create(text=f"Q{n}", actor=board, reason="x")
    from governance.services import motion_withdraw

    motion_withdraw(motion=motion, actor=board, reason="x")
    services.business_plan_propose(
        capital_target="200",
        actor=board,
        reason="x",
        text="A second plan.",
        milestones=[services.MilestoneSpec(f"M{n}", timezone.localdate()) for n in range(1, 6)],
    )
    # Then the page costs the same
    assert _count(client, url) == few
