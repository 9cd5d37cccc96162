"""Each member's calendar feed: a secret address with their vote deadlines, review cycles and dues dates."""

import time
from datetime import date, timedelta
from unittest import mock

import icalendar
import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from coop import calendar
from coop.models import User
from governance.models import Motion
from membership import services as membership_services
from tests.clients import logged_in
from tests.factories import finance as finance_factories
from tests.factories import governance as governance_factories
from tests.factories.coop import role_officer
from tests.factories.membership import member_create


def _feed(client, user):
    user.refresh_from_db()
    response = client.get(reverse("calendar_feed", args=[calendar.feed_token(user)]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(cal):
    return {str(event["uid"]): event for event in cal.walk("VEVENT")}


def _dues_schedule():
    return membership_services.dues_schedule_create(
        name="Club dues", actor=role_officer(), reason="Adopted", starts_on=date(2026, 1, 1)
    )


@pytest.fixture
def world(cooperative, board_user, operations_user):
    """Two owners on the roll of one open motion, a review cycle, and dues charged to both."""
    alice = member_create(shares=1, email="alice@example.coop").user
    bob = member_create(shares=1, email="bob@example.coop").user
    motion = governance_factories.motion(proposer=board_user, title="Buy a van")
    motion = governance_factories.open_motion(motion, board=board_user)
    cycle, team, _criterion = finance_factories.review_cycle(operations_user, board_user)
    schedule = _dues_schedule()
    charges = membership_services.dues_charge_period(
        schedule=schedule, period_start=date(2026, 10, 28), actor=None, reason="x"
    )
    return {"alice": alice, "bob": bob, "motion": motion, "cycle": cycle, "team": team, "charges": charges}


def test_the_feed_holds_the_members_own_events_only(client, world):
    alice, bob, motion = world["alice"], world["bob"], world["motion"]
    events = _events(_feed(client, alice))
    vote = events[calendar.uid("motion", motion.pk)]
    assert str(vote["summary"]) == "Vote: Buy a van"
    assert vote["dtend"].dt == motion.closes_at.replace(microsecond=0)
    assert vote["dtend"].to_ical().endswith(b"Z")
    assert str(vote["url"]).endswith(reverse("governance:motion", args=[motion.pk]))
    alice_charge = next(c for c in world["charges"] if c.member.user_id == alice.pk)
    bob_charge = next(c for c in world["charges"] if c.member.user_id == bob.pk)
    assert calendar.uid("dues-charge", alice_charge.pk) in events
    assert calendar.uid("dues-charge", bob_charge.pk) not in events
    assert events[calendar.uid("dues-charge", alice_charge.pk)]["dtstart"].dt == date(2026, 10, 28)
    # Alice is not on the review team.
    assert not any(uid.startswith("review-cycle-") for uid in events)


def test_a_review_team_member_sees_the_cycle(client, world):
    cycle, teammate = world["cycle"], world["team"][0]
    event = _events(_feed(client, teammate))[calendar.uid("review-cycle", cycle.pk)]
    assert event["dtstart"].dt == cycle.period_end
    assert cycle.name in str(event["summary"])


def test_uids_are_stable_from_one_fetch_to_the_next(client, world):
    assert set(_events(_feed(client, world["alice"]))) == set(_events(_feed(client, world["alice"])))


def test_a_tampered_token_answers_404(client, world):
    token = calendar.feed_token(world["alice"])
    assert client.get(reverse("calendar_feed", args=[token[:-2] + "xx"])).status_code == 404
    forged = calendar.feed_token(world["bob"]).split(":")[0] + ":" + token.split(":", 1)[1]
    assert client.get(reverse("calendar_feed", args=[forged])).status_code == 404
    assert client.get("/calendar/nothing.ics").status_code == 404


def test_reset_gives_a_new_address_and_the_old_one_answers_404(world):
    alice = world["alice"]
    old = reverse("calendar_feed", args=[calendar.feed_token(alice)])
    client = logged_in(alice)
    page = client.get(reverse("portal:calendar"))
    assert page.status_code == 200
    assert old in page.content.decode()
    response = client.post(reverse("portal:calendar_reset"))
    assert response.status_code == 302
    alice.refresh_from_db()
    new = reverse("calendar_feed", args=[calendar.feed_token(alice)])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert new in client.get(reverse("portal:calendar")).content.decode()


def test_only_the_person_resets_their_own_feed(world):
    with pytest.raises(PermissionDenied):
        calendar.calendar_feed_reset(user=world["alice"], actor=world["bob"], reason="x")
    assert User.objects.get(pk=world["alice"].pk).calendar_feed_version == 0


def test_the_feed_runs_a_fixed_number_of_queries(client, world, board_user, django_assert_max_num_queries):
    alice = world["alice"]
    url = reverse("calendar_feed", args=[calendar.feed_token(alice)])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for number in range(5):
        motion = governance_factories.motion(proposer=board_user, title=f"Motion {number}")
        governance_factories.open_motion(motion, board=board_user)
    schedule = _dues_schedule()
    membership_services.dues_charge_period(schedule=schedule, period_start=date(2026, 9, 28), actor=None, reason="x")
    assert Motion.objects.filter(roll__voter=alice).count() == 6
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert len(_events(icalendar.Calendar.from_ical(response.content))) >= 8


def test_titles_are_in_the_members_language(client, world):
    alice = world["alice"]
    User.objects.filter(pk=alice.pk).update(language="es")
    events = _events(_feed(client, alice))
    assert str(events[calendar.uid("motion", world["motion"].pk)]["summary"]) == "Votación: Buy a van"
    charge = next(c for c in world["charges"] if c.member.user_id == alice.pk)
    assert str(events[calendar.uid("dues-charge", charge.pk)]["summary"]).startswith("Cuotas")


def test_an_account_outside_the_cooperative_sees_no_scheduled_motion(client, world, board_user):
    outsider = User.objects.create_user(email="outsider@example.coop", password="x")
    motion = governance_factories.motion(proposer=board_user, title="Later")
    soon = timezone.now() + timedelta(days=3)
    Motion.objects.filter(pk=motion.pk).update(
        status=Motion.Status.SCHEDULED, opens_at=soon, closes_at=soon + timedelta(days=2)
    )
    assert calendar.uid("motion", motion.pk) in _events(_feed(client, world["alice"]))
    assert _events(_feed(client, outsider)) == {}


def test_the_address_is_the_same_on_every_page_until_reset(world):
    alice = world["alice"]
    first = calendar.feed_token(alice)
    # a second later, the page shows the same address: it carries no timestamp
    with mock.patch("time.time", return_value=time.time() + 1):
        assert calendar.feed_token(alice) == first


def test_an_address_given_out_with_a_timestamp_still_opens_the_feed(world):
    alice = world["alice"]
    earlier = signing.dumps([alice.pk, alice.calendar_feed_version], salt="coop.calendar.feed", compress=False)
    assert calendar.feed_user(earlier) == alice
    assert calendar.feed_user(earlier[:-2] + "xx") is None
