"""A cooperative asks an alliance to join; the alliance's Board admits or refuses it; the answer
travels back and the cooperative records it. Each message goes through the signed inbox."""

from alliance import services
from alliance.models import AllianceMembership, DirectoryEntry, MemberCooperative
from federation.models import InboundMessage
from tests.alliance.conftest import as_alliance, as_cooperative, last_sent, relay


def _join(two, board_user, client, settings):
    as_cooperative(settings)
    membership = services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="We build together")
    as_alliance(settings)
    answer = relay(client, last_sent(two.alliance_peer, "alliance.join"), two.cooperative_key)
    assert answer.status_code == 200, answer.content
    return membership


def test_join_then_admit_records_the_membership_on_both_sides(two, board_user, client, settings, cooperative):
    # given the cooperative's join, received by the alliance
    membership = _join(two, board_user, client, settings)
    application = MemberCooperative.objects.get()
    assert (application.peer, application.name, application.status) == (
        two.cooperative_peer,
        cooperative.name,
        MemberCooperative.Status.APPLIED,
    )

    # when the alliance's Board admits it
    services.member_admit(member=application, actor=board_user, reason="Shares our principles")

    # then it is admitted, with who decided and why in the history
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (MemberCooperative.Status.ADMITTED, board_user)
    assert application.history.first().history_change_reason == "Shares our principles"

    # and the answer, relayed to the cooperative, makes it a member of that alliance
    as_cooperative(settings)
    answer = relay(client, last_sent(two.cooperative_peer, "alliance.admitted"), two.alliance_key)
    assert answer.status_code == 200, answer.content
    membership.refresh_from_db()
    assert membership.status == AllianceMembership.Status.MEMBER
    assert membership.decided_at is not None

    # and the directory the alliance sent on admission lists the new member
    answer = relay(client, last_sent(two.cooperative_peer, "alliance.directory"), two.alliance_key)
    assert answer.status_code == 200, answer.content
    assert list(DirectoryEntry.objects.values_list("name", flat=True)) == [cooperative.name]


def test_a_refusal_travels_back_with_its_reason(two, board_user, client, settings):
    membership = _join(two, board_user, client, settings)
    services.member_refuse(member=MemberCooperative.objects.get(), actor=board_user, reason="Not in our region")

    as_cooperative(settings)
    answer = relay(client, last_sent(two.cooperative_peer, "alliance.refused"), two.alliance_key)

    assert answer.status_code == 200, answer.content
    membership.refresh_from_db()
    assert (membership.status, membership.alliance_reason) == (AllianceMembership.Status.REFUSED, "Not in our region")


def test_a_cooperative_that_leaves_is_recorded_as_left_on_the_alliance(two, board_user, client, settings):
    membership = _join(two, board_user, client, settings)
    services.member_admit(member=MemberCooperative.objects.get(), actor=board_user, reason="Welcome")
    as_cooperative(settings)
    relay(client, last_sent(two.cooperative_peer, "alliance.admitted"), two.alliance_key)

    services.alliance_leave(membership=membership, actor=board_user, reason="We merge with another")
    as_alliance(settings)
    answer = relay(client, last_sent(two.alliance_peer, "alliance.leave"), two.cooperative_key)

    assert answer.status_code == 200, answer.content
    assert MemberCooperative.objects.get().status == MemberCooperative.Status.LEFT
    membership.refresh_from_db()
    assert membership.status == AllianceMembership.Status.LEFT
    assert membership.history.first().history_change_reason == "We merge with another"
    assert InboundMessage.objects.filter(kind="alliance.leave").count() == 1
