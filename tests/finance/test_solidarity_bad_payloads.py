"""A solidarity contribution whose payload has a bad field is refused naming that field, and
leaves nothing written: neither the message nor a commitment."""

import pytest
from django.core.exceptions import ValidationError

from coop.audit import acting
from federation.models import InboundMessage
from finance import services
from finance.models import SolidarityCommitment
from tests.federation.conftest import post, signed
from tests.finance.conftest import solidarity_payload

pytestmark = pytest.mark.django_db

BAD = [
    ("percent", "0"),
    ("percent", "0.00"),
    ("percent", "-1"),
    ("percent", "100.01"),
    ("percent", "5.001"),
    ("percent", "five"),
    ("percent", "NaN"),
    ("percent", 5),
    ("percent", None),
    ("starts_on", "2026-13-01"),
    ("starts_on", "01/01/2026"),
    ("starts_on", None),
    ("certified_on", "yesterday"),
    ("motion_number", ""),
    ("motion_number", "x" * 51),
    ("motion_title", "   "),
    ("motion_title", 42),
]


@pytest.mark.parametrize(("field", "value"), BAD)
def test_the_inbox_refuses_a_bad_field_naming_it(alliance, alliance_key, client, field, value):
    message = {"kind": "alliance.solidarity_contribution", "payload": solidarity_payload(**{field: value})}

    response = post(client, *signed(alliance_key, message))

    assert response.status_code == 400
    assert field in response.json()["error"]
    assert not InboundMessage.objects.exists()
    assert not SolidarityCommitment.objects.exists()


@pytest.mark.parametrize(("field", "value"), BAD)
def test_the_handler_refuses_with_a_validation_error_on_the_field(alliance, field, value):
    with acting(None, "test"), pytest.raises(ValidationError) as refused:
        services.solidarity_commitment_receive(alliance, solidarity_payload(**{field: value}))
    assert list(refused.value.message_dict) == [field]
    assert not SolidarityCommitment.objects.exists()


def test_a_missing_field_is_refused_naming_it(alliance):
    payload = solidarity_payload()
    del payload["motion_title"]
    with acting(None, "test"), pytest.raises(ValidationError) as refused:
        services.solidarity_commitment_receive(alliance, payload)
    assert "motion_title" in refused.value.message_dict


def test_two_decimals_written_shorter_are_accepted(alliance):
    with acting(None, "test"):
        commitment = services.solidarity_commitment_receive(alliance, solidarity_payload(percent="100"))
    assert str(commitment.percent) == "100.00"
