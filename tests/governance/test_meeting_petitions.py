"""Petitions for a special General Conference: owners start, sign and take back their own
signatures; a signer calls the meeting once enough owners still on the voting roll have signed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance import selectors, services
from governance.models import Body, Meeting, MeetingPetition, PetitionSignature
from membership import services as membership_services
from membership.models import Member
from tests.factories import governance as gf


def _start(owner, **kwargs):
    fields = {"title": "Fix the roof", "purpose": "The roof leaks; decide the repair.", "reason": "It rains in"}
    return services.petition_start(actor=owner, **(fields | kwargs))


def _sign(petition, *signers):
    for signer in signers:
        services.petition_sign(petition=petition, actor=signer, reason="I agree")


def _call(petition, actor, **kwargs):
    starts_at = timezone.now() + timedelta(days=30)
    fields = {
        "body": gf.bodies()[Body.Kind.GENERAL_CONFERENCE],
        "kind": Meeting.Kind.SPECIAL,
        "title": "Special conference on the roof",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "place": "The hall",
    }
    return services.meeting_call(petition=petition, actor=actor, **(fields | kwargs))


@pytest.fixture
def threshold_two(owners):
    """40% of the five owners: two signatures call the meeting."""
    gf.set_policy("meeting_petition_percent", 40)
    return owners


# --- starting, signing, taking back, withdrawing -------------------------------------------------


def test_an_owner_starts_a_petition_and_signs_it(owners):
    petition = _start(owners[0])
    assert petition.status == MeetingPetition.Status.OPEN
    assert petition.started_by == owners[0]
    assert list(petition.signatures.values_list("signer", flat=True)) == [owners[0].pk]
    # and the history says who started and signed it, and why
    created = petition.history.get()
    assert (created.history_user, created.history_change_reason) == (owners[0], "It rains in")
    signed = PetitionSignature.history.get()
    assert (signed.history_user, signed.history_change_reason) == (owners[0], "It rains in")


def test_a_petition_needs_a_title_and_a_purpose(owners):
    with pytest.raises(ValidationError) as refused:
        _start(owners[0], purpose="  ")
    assert "purpose" in refused.value.message_dict
    assert not MeetingPetition.objects.exists()


def test_someone_off_the_voting_roll_may_not_start_one(outsider, owners):
    with pytest.raises(PermissionDenied):
        _start(outsider)
    assert not MeetingPetition.objects.exists()
    assert not PetitionSignature.history.exists()


def test_owners_sign_for_themselves(owners):
    petition = _start(owners[0])
    _sign(petition, owners[1], owners[2])
    assert selectors.petition_signature_count(petition) == 3
    signature = PetitionSignature.history.filter(signer=owners[2]).get()
    assert (signature.history_user, signature.history_change_reason) == (owners[2], "I agree")


def test_signing_twice_is_refused_naming_the_signer(owners):
    petition = _start(owners[0])
    _sign(petition, owners[1])
    with pytest.raises(ValidationError) as refused:
        _sign(petition, owners[1])
    assert "signer" in refused.value.message_dict
    assert petition.signatures.count() == 2


def test_someone_off_the_voting_roll_may_not_sign(outsider, owners):
    petition = _start(owners[0])
    with pytest.raises(PermissionDenied):
        _sign(petition, outsider)
    assert petition.signatures.count() == 1


def test_a_signer_takes_their_signature_back_and_the_history_keeps_it(owners):
    petition = _start(owners[0])
    _sign(petition, owners[1])
    services.petition_unsign(petition=petition, actor=owners[1], reason="I changed my mind")
    assert not petition.signatures.filter(signer=owners[1]).exists()
    deleted = PetitionSignature.history.filter(signer=owners[1], history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (owners[1], "I changed my mind")
    # and they may sign again while it is open
    _sign(petition, owners[1])
    assert petition.signatures.filter(signer=owners[1]).exists()


def test_taking_back_a_signature_one_never_gave_is_refused(owners):
    petition = _start(owners[0])
    with pytest.raises(ValidationError) as refused:
        services.petition_unsign(petition=petition, actor=owners[1], reason="test")
    assert "signer" in refused.value.message_dict


def test_the_starter_withdraws_the_petition(owners):
    petition = _start(owners[0])
    _sign(petition, owners[1])
    services.petition_withdraw(petition=petition, actor=owners[0], reason="Repaired already")
    petition.refresh_from_db()
    assert petition.status == MeetingPetition.Status.WITHDRAWN
    assert petition.signatures.count() == 2  # the record of who signed stays
    latest = petition.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (owners[0], "Repaired already")


def test_only_the_starter_withdraws_it(owners):
    petition = _start(owners[0])
    _sign(petition, owners[1])
    with pytest.raises(PermissionDenied):
        services.petition_withdraw(petition=petition, actor=owners[1], reason="test")
    petition.refresh_from_db()
    assert petition.status == MeetingPetition.Status.OPEN


def test_a_withdrawn_petition_takes_no_signature(owners):
    petition = _start(owners[0])
    services.petition_withdraw(petition=petition, actor=owners[0], reason="test")
    with pytest.raises(ValidationError) as refused:
        _sign(petition, owners[1])
    assert "petition" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.petition_unsign(petition=petition, actor=owners[0], reason="test")
    assert petition.signatures.count() == 1


# --- calling the meeting --------------------------------------------------------------------------


def test_a_signer_calls_the_meeting_at_the_threshold(threshold_two):
    owners = threshold_two
    petition = _start(owners[0])
    _sign(petition, owners[1])
    meeting = _call(petition, owners[1])
    petition.refresh_from_db()
    # then the meeting is called for the petition's purpose, with its signers as petitioners
    assert meeting.kind == Meeting.Kind.SPECIAL
    assert meeting.reason == petition.purpose
    assert meeting.called_by == owners[1]
    assert set(meeting.petitioners.all()) == set(owners[:2])
    # and the petition is called and names the meeting, in its history with the caller
    assert petition.status == MeetingPetition.Status.CALLED
    assert petition.meeting == meeting
    assert petition.history.latest().history_user == owners[1]


def test_the_caller_may_give_the_meeting_another_purpose(threshold_two):
    owners = threshold_two
    petition = _start(owners[0])
    _sign(petition, owners[1])
    meeting = _call(petition, owners[0], reason="The roof, and the gutters")
    assert meeting.reason == "The roof, and the gutters"


def test_a_called_petition_takes_no_signature_and_calls_no_second_meeting(threshold_two):
    owners = threshold_two
    petition = _start(owners[0])
    _sign(petition, owners[1])
    _call(petition, owners[0])
    with pytest.raises(ValidationError) as refused:
        _sign(petition, owners[2])
    assert "petition" in refused.value.message_dict
    with pytest.raises(ValidationError) as again:
        _call(petition, owners[1])
    assert "petition" in again.value.message_dict
    assert Meeting.objects.count() == 1


def test_calling_below_the_threshold_is_refused_and_writes_nothing(threshold_two):
    owners = threshold_two
    petition = _start(owners[0])
    with pytest.raises(ValidationError) as refused:
        _call(petition, owners[0])
    assert "petition" in refused.value.message_dict
    assert "2" in refused.value.message_dict["petition"][0]
    assert not Meeting.objects.exists()
    petition.refresh_from_db()
    assert petition.status == MeetingPetition.Status.OPEN


def test_only_a_signer_calls_the_meeting(threshold_two):
    owners = threshold_two
    petition = _start(owners[0])
    _sign(petition, owners[1])
    with pytest.raises(PermissionDenied):
        _call(petition, owners[2])
    assert not Meeting.objects.exists()


def test_a_signer_who_left_the_roll_no_longer_counts(board, owners):
    # given six owners with a vote (the President among them) and a threshold of 30%: two signatures
    gf.set_policy("meeting_petition_percent", 30)
    petition = _start(owners[0])
    _sign(petition, owners[1])
    assert selectors.petition_signature_count(petition) == 2
    # when the second signer is suspended, leaving the voting roll
    membership_services.member_suspend(member=Member.objects.get(user=owners[1]), actor=board, reason="test")
    # then their signature no longer counts, and the call is refused
    assert selectors.petition_signature_count(petition) == 1
    assert selectors.petition_threshold().needed == 2
    with pytest.raises(ValidationError) as refused:
        _call(petition, owners[0])
    assert "petition" in refused.value.message_dict
    # and the suspended signer may not call it either
    with pytest.raises(PermissionDenied):
        _call(petition, owners[1])
    assert not Meeting.objects.exists()


def test_the_board_calls_without_a_petition(board, owners):
    meeting = _call(None, board, reason="The Board's own call")
    assert meeting.petitioners.count() == 0


# --- reads ----------------------------------------------------------------------------------------


def test_the_open_petitions_are_counted_in_a_fixed_number_of_queries(threshold_two):
    owners = threshold_two
    first = _start(owners[0])
    _sign(first, owners[1])
    withdrawn = _start(owners[2], title="Withdrawn")
    services.petition_withdraw(petition=withdrawn, actor=owners[2], reason="test")
    with CaptureQueriesContext(connection) as few:
        rows = list(selectors.petitions_open(owners[1]))
    assert [(p.pk, p.signature_count, p.counted, p.signed) for p in rows] == [(first.pk, 2, 2, True)]
    for owner in owners[2:]:
        _sign(_start(owner, title=f"More {owner.pk}"), owners[0], owners[1])
    with CaptureQueriesContext(connection) as many:
        rows = list(selectors.petitions_open(owners[1]))
    assert len(rows) == 4
    assert len(many.captured_queries) == len(few.captured_queries)
    assert selectors.petition_threshold() == selectors.PetitionThreshold(percent=40, roll=5, needed=2)
