"""A voter casts an encrypted vote from the motion page: the page gives their browser what it
encrypts with (the election description, the public key, their opaque voter id) and never a form
that sends marks in clear; the posted ballot is checked and answered with its tracking code; a
ballot that fails a check comes back with the refusal in words and nothing written."""

import json

import pytest
from django.urls import reverse

from governance import services
from governance.models import EncryptedBallot, Participation, Proxy
from secret_ballot.board import readable
from tests.clients import logged_in
from tests.factories import governance as gf

from . import world


@pytest.fixture
def open_vote(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    return motion, election


def test_the_page_gives_the_browser_what_it_encrypts_with_and_no_marks_in_clear(open_vote, owners):
    motion, election = open_vote
    response = logged_in(owners[1]).get(reverse("governance:motion", args=[motion.pk]))
    assert response.status_code == 200
    setup = response.context["encryption"]
    assert setup["manifest"] == election.manifest
    assert setup["public_key"] == election.public_key
    mine = world.voter_id(election, owners[1])
    assert setup["voters"] == [{"voter_id": mine, "on_behalf_of": None, "label": "myself"}]
    assert [c["label"] for c in setup["choices"]] == [c.label for c in motion.choices.filter(meaning__in=["yes", "no"])]
    page = response.content.decode()
    assert 'id="encryption" type="application/json"' in page
    assert '<script type="importmap" nonce="' in page
    assert f"'nonce-{response.context['request'].csp_nonce}'" in response["Content-Security-Policy"]
    # The only form that posts carries the encrypted ballot; the marks form has no action.
    assert 'action="{}"'.format(reverse("governance:ballot", args=[motion.pk])) not in page
    assert '<form id="encrypted-marks">' in page


def test_a_ballot_encrypted_for_the_voter_is_cast_and_answered_with_its_tracking_code(open_vote, owners):
    motion, election = open_vote
    ballot = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    response = logged_in(owners[1]).post(
        reverse("governance:encrypted_ballot", args=[motion.pk]), {"ballot": json.dumps(ballot)}
    )
    assert response.status_code == 200
    stored = EncryptedBallot.objects.get(election=election)
    assert response.context["tracking_code"] == readable(stored.tracking_code)
    assert stored.tracking_code in response.content.decode()
    assert Participation.objects.filter(motion=motion, voter=owners[1]).exists()
    # The motion page now says the ballot is cast and offers no second one.
    again = logged_in(owners[1]).get(reverse("governance:motion", args=[motion.pk]))
    assert again.context["has_voted"] and b'id="encrypted-marks"' not in again.content


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        ("{not json", "did not arrive whole"),
        (json.dumps([1, 0]), "A ballot is a JSON object."),
    ],
)
def test_a_ballot_that_does_not_arrive_whole_is_refused(open_vote, owners, ballot, message):
    motion, _election = open_vote
    response = logged_in(owners[1]).post(reverse("governance:encrypted_ballot", args=[motion.pk]), {"ballot": ballot})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EncryptedBallot.objects.exists() and not Participation.objects.filter(motion=motion).exists()


def test_a_ballot_encrypted_for_another_voter_is_refused_with_nothing_written(open_vote, owners):
    motion, election = open_vote
    theirs = world.encrypt(election, world.voter_id(election, owners[2]), [0, 1])
    response = logged_in(owners[1]).post(
        reverse("governance:encrypted_ballot", args=[motion.pk]), {"ballot": json.dumps(theirs)}
    )
    assert response.status_code == 400
    assert "encrypted for another voter" in response.content.decode()
    assert not EncryptedBallot.objects.exists()
    # The refused voter still has their ballot to encrypt.
    assert response.context["encryption"]["voters"][0]["voter_id"] == world.voter_id(election, owners[1])


def test_an_owner_who_joined_after_the_roll_froze_gets_no_ballot_to_encrypt(open_vote):
    motion, _election = open_vote
    response = logged_in(gf.owner()).get(reverse("governance:motion", args=[motion.pk]))
    assert response.status_code == 200
    assert response.context["encryption"] is None
    assert b'id="encrypted-marks"' not in response.content


def test_a_proxy_holder_encrypts_and_casts_for_the_owner_who_named_them(open_vote, owners):
    motion, election = open_vote
    grantor, holder = owners[3], owners[1]
    proxy = services.proxy_grant(grantor=grantor, holder=holder, motion=motion, actor=grantor, reason="away")
    page = logged_in(holder).get(reverse("governance:motion", args=[motion.pk]))
    voters = page.context["encryption"]["voters"]
    assert [v["on_behalf_of"] for v in voters] == [None, grantor.pk]
    assert voters[1]["voter_id"] == world.voter_id(election, grantor)
    assert b'id="encrypt-for"' in page.content
    ballot = world.encrypt(election, voters[1]["voter_id"], [0, 1])
    response = logged_in(holder).post(
        reverse("governance:encrypted_ballot", args=[motion.pk]),
        {"ballot": json.dumps(ballot), "on_behalf_of": str(grantor.pk)},
    )
    assert response.status_code == 200
    participation = Participation.objects.get(motion=motion, voter=grantor)
    assert participation.cast_by == holder and participation.proxy == proxy
    proxy.refresh_from_db()
    assert proxy.status == Proxy.Status.USED
    # The holder may still cast their own; the grantor's is no longer offered.
    after = logged_in(holder).get(reverse("governance:motion", args=[motion.pk]))
    assert [v["on_behalf_of"] for v in after.context["encryption"]["voters"]] == [None]


def test_casting_for_an_owner_without_their_proxy_is_refused_with_nothing_written(open_vote, owners):
    motion, election = open_vote
    ballot = world.encrypt(election, world.voter_id(election, owners[3]), [1, 0])
    response = logged_in(owners[1]).post(
        reverse("governance:encrypted_ballot", args=[motion.pk]),
        {"ballot": json.dumps(ballot), "on_behalf_of": str(owners[3].pk)},
    )
    assert response.status_code == 400
    assert "You hold no proxy from this owner for this vote." in response.content.decode()
    assert not EncryptedBallot.objects.exists()
