"""The Board records the incorporation that ends the club phase."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coop import services
from coop.models import Cooperative


def _record(cooperative, actor, **overrides):
    values = {
        "legal_form": Cooperative.LegalForm.C_CORP,
        "incorporated_on": timezone.localdate(),
        "registration_number": "OR-1",
    }
    values.update(overrides)
    return services.cooperative_record_incorporation(cooperative=cooperative, actor=actor, reason="filed", **values)


def test_board_records_incorporation(cooperative, board_user):
    cooperative = _record(cooperative, board_user)
    assert cooperative.is_incorporated and cooperative.legal_form == Cooperative.LegalForm.C_CORP
    assert cooperative.history.first().history_change_reason == "filed"


def test_a_date_in_the_future_is_refused(cooperative, board_user):
    with pytest.raises(ValidationError) as error:
        _record(cooperative, board_user, incorporated_on=timezone.localdate() + timedelta(days=1))
    assert "incorporated_on" in error.value.message_dict
    cooperative.refresh_from_db()
    assert not cooperative.is_incorporated


def test_the_club_phase_is_not_a_legal_form(cooperative, board_user):
    with pytest.raises(ValidationError) as error:
        _record(cooperative, board_user, legal_form=Cooperative.LegalForm.CLUB)
    assert "legal_form" in error.value.message_dict


def test_only_the_board_records_incorporation(cooperative, operations_user):
    with pytest.raises(PermissionDenied):
        _record(cooperative, operations_user)
    cooperative.refresh_from_db()
    assert not cooperative.is_incorporated
