"""The portal ballot form refuses a malformed or unknown "cast this ballot for" value with an error
naming the field, writing nothing, instead of failing with a server error or a bare 404."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import Ballot, Participation
from tests.factories import governance as gf


@pytest.fixture
def open_vote(board, owners):
    return gf.open_motion(gf.motion(proposer=owners[0]), board=board)


@pytest.mark.parametrize("value", ["abc", "1.5", "99999999", "-3", "9" * 30])
def test_a_bad_on_behalf_of_is_a_form_error_and_nothing_is_written(open_vote, owners, value):
    client = Client()
    client.force_login(owners[1])
    response = client.post(
        reverse("governance:ballot", args=[open_vote.pk]), {"marks": gf.yes(open_vote), "on_behalf_of": value}
    )
    assert response.status_code == 400
    assert "Cast this ballot for" in response.context["ballot_errors"][0]
    assert not Ballot.objects.filter(motion=open_vote).exists()
    assert not Participation.objects.filter(motion=open_vote).exists()
