"""A scheduled task that fails is retried, and running it twice makes one result."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from governance import services, tasks
from governance.models import Motion, Result
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories import governance as gf


def _due_motion(board, owners) -> Motion:
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[1], marks=gf.yes(motion))
    return motion


def test_close_task_is_retried_after_a_database_error(board, owners):
    # Given a vote past its closing time, and a database that fails on the first attempt
    motion = _due_motion(board, owners)
    later = timezone.now() + timedelta(days=3)
    real = services.motion_close_if_due
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["motion_id"])
        if len(calls) == 1:
            raise OperationalError("could not connect to server")
        return real(**kwargs)

    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch.object(services, "motion_close_if_due", side_effect=flaky),
    ):
        # When the close task runs
        outcome = tasks.motions_close_due.apply(throw=False)
    # then it was retried and closed the vote once
    assert outcome.successful() and outcome.result == [motion.pk]
    assert calls == [motion.pk, motion.pk]
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.CLOSED
    assert Result.objects.filter(motion=motion).count() == 1


def test_closing_twice_makes_one_result(board, owners):
    # Given a vote past its closing time
    motion = _due_motion(board, owners)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=3)):
        # When the close task runs twice (a retry after the commit, or a second beat)
        first = tasks.motions_close_due.apply().result
        second = tasks.motions_close_due.apply().result
        # and the service is asked again directly
        again = services.motion_close_if_due(motion_id=motion.pk, actor=None, reason="again")
    # then the first closed it and the others found nothing to do
    assert (first, second, again) == ([motion.pk], [], False)
    assert Result.objects.filter(motion=motion).count() == 1
    assert Result.objects.get(motion=motion).participants == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@needs_postgres
def test_two_workers_closing_at_once_make_one_result(board, owners):
    # Given a vote past its closing time
    motion = _due_motion(board, owners)
    later = timezone.now() + timedelta(days=3)

    def worker():
        return services.motion_close_if_due(motion_id=motion.pk, actor=None, reason="race", at=later)

    # When two workers close it at the same instant
    outcomes = race(worker, worker)
    # then one closes it, the other waits for the lock and finds it closed
    assert verdicts(outcomes) == ["ok", "ok"]
    assert sorted(o.value for o in outcomes) == [False, True]
    assert Result.objects.filter(motion=motion).count() == 1
