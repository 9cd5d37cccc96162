"""Conveners hold Board powers until the first Board election is certified; then they end by
themselves, and every door refuses a former convener."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from coop import services as coop_services
from coop.models import User
from coop.roles import Role, has_role
from founding import services
from founding.models import Convenership
from founding.tasks import conveners_sunset_due_task
from governance.models import Motion, Office
from tests.factories import founding as f


def _fresh(user):
    return User.objects.get(pk=user.pk)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_certifying_the_last_founding_election_ends_the_convenerships(founded_setup, voters):
    ana, ben = founded_setup
    # When the General Conference adopts the Bylaws and elects the three officers (Ana as President)
    f.found(ana, ben, voters)
    # Then both convenerships ended, with the motion that ended them, and Ben (not elected) lost the Board
    ended = Convenership.objects.all()
    assert {c.status for c in ended} == {"ended"}
    assert all(c.ending_motion.kind == Motion.Kind.ELECTION for c in ended)
    assert has_role(_fresh(ana), Role.BOARD)
    assert not has_role(_fresh(ben), Role.BOARD)


def test_conveners_keep_their_powers_until_every_founding_office_is_filled(founded_setup, voters):
    ana, ben = founded_setup
    f.elect("president", ana, board=ben, voters=voters)
    assert Convenership.objects.active().count() == 2
    assert has_role(_fresh(ben), Role.BOARD)


def test_periodic_check_takes_back_a_board_role_given_again_by_hand(founded_setup, voters):
    ana, ben = founded_setup
    f.found(ana, ben, voters)
    coop_services.role_grant(user=_fresh(ben), role=Role.BOARD, actor=None, reason="by hand")
    conveners_sunset_due_task()
    assert not has_role(_fresh(ben), Role.BOARD)


def test_former_convener_is_refused_by_admin_portal_and_api(founded_setup, voters):
    ana, ben = founded_setup
    f.found(ana, ben, voters)
    motion = services.founding_election_propose(
        office=Office.objects.get(kind="director"), actor=_fresh(ana), reason="x"
    )
    client = _client(_fresh(ben))
    # Admin: a member without an admin role is not let in
    assert client.get("/admin/").status_code in {302, 403}
    # Portal: the founding conference refuses the Board's actions
    response = client.post(
        "/portal/founding/conference/",
        {"action": "open", "motion": motion.pk, "reason": "x", "closes_at": (timezone.now() + timedelta(days=1))},
    )
    assert response.status_code == 403
    # API: opening a vote is refused with the rule named
    response = client.post(f"/api/motions/{motion.pk}/open/", {"reason": "x"}, content_type="application/json")
    assert response.status_code == 403 and "Only the Board" in response.content.decode()
    motion.refresh_from_db()
    assert motion.status == "draft"


def test_the_portal_and_admin_show_the_sunset(founded_setup):
    ana, _ben = founded_setup
    client = _client(ana)
    assert (
        "end by themselves when the first Board election is certified"
        in client.get("/portal/founding/").content.decode()
    )
    assert "end by themselves" in client.get("/admin/founding/convenership/").content.decode()
    assert client.get("/admin/founding/convenership/startup/").status_code == 200
