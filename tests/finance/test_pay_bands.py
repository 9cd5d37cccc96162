"""Pay bands adopted by vote; each member's rate inside their band, in the services and the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coop.models import PolicyNumber
from finance import services
from finance.models import MemberRate, PayBand, RateAdjustmentProposal
from tests.factories.coop import UserFactory
from tests.factories.finance import band, rate

pytestmark = pytest.mark.django_db


def test_rate_outside_the_band_is_refused(cooperative, board_user):
    # Given a band of 20 to 40
    builder = band()
    member = UserFactory()
    # When the Board sets a rate of 45
    with pytest.raises(ValidationError) as error:
        rate(member, builder, "45.00", board_user)
    # Then the error names the rate and the band, and nothing is written
    assert "outside the Builder band" in str(error.value.message_dict["rate"])
    assert not MemberRate.objects.exists()


def test_database_refuses_a_rate_outside_its_band(cooperative, board_user):
    # Given a member inside the band
    row = rate(UserFactory(), band(), "30.00", board_user)
    # When the row is changed behind the services' back
    # Then the database's check refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberRate.objects.filter(pk=row.pk).update(rate=Decimal("41.00"))
    assert MemberRate.objects.get(pk=row.pk).rate == Decimal("30.00")


def test_band_change_that_keeps_everyone_inside_applies_at_once(cooperative, board_user):
    # Given a member at 30 in a 20-40 band
    row = rate(UserFactory(), band(), "30.00", board_user)
    # When the General Conference adopts 25-45
    adopted = band(minimum="25.00", maximum="45.00")
    # Then the band and the rate's copy of its limits change together
    assert (adopted.minimum, adopted.maximum) == (Decimal("25.00"), Decimal("45.00"))
    row.refresh_from_db()
    assert (row.band_minimum, row.band_maximum) == (Decimal("25.00"), Decimal("45.00"))


def test_band_change_that_would_leave_someone_outside_proposes_the_adjustment(cooperative, board_user):
    # Given a member at 22 in a 20-40 band
    member = UserFactory()
    row = rate(member, band(), "22.00", board_user)
    # When the General Conference adopts 25-45
    builder = band(minimum="25.00", maximum="45.00")
    # Then the band waits, and an adjustment to 25 is proposed instead of breaking the rule
    assert (builder.minimum, builder.pending_minimum) == (Decimal("20.00"), Decimal("25.00"))
    proposal = RateAdjustmentProposal.objects.get()
    assert proposal.proposed_rate == Decimal("25.00")
    row.refresh_from_db()
    assert row.rate == Decimal("22.00")
    # When the Board approves it
    services.rate_adjustment_approve(proposal=proposal, actor=board_user, reason="As the bylaws say")
    # Then the band and the rate move together
    builder.refresh_from_db()
    row.refresh_from_db()
    assert (builder.minimum, builder.maximum, builder.pending_minimum) == (Decimal("25.00"), Decimal("45.00"), None)
    assert (row.rate, row.band_minimum) == (Decimal("25.00"), Decimal("25.00"))


def test_band_needs_a_motion_as_basis_and_a_sound_range(cooperative):
    with pytest.raises(ValidationError) as error:
        services.pay_band_adopt(role="Builder", minimum="20", maximum="40", basis="", actor=None, reason="x")
    assert "motion" in str(error.value.message_dict["basis"])
    with pytest.raises(ValidationError) as error:
        services.pay_band_adopt(role="Builder", minimum="40", maximum="20", basis="Motion #1", actor=None, reason="x")
    assert "below the minimum" in str(error.value.message_dict["maximum"])
    assert not PayBand.objects.exists()


def test_float_rate_is_refused(cooperative, board_user):
    with pytest.raises(ValidationError) as error:
        services.member_rate_set(member=UserFactory(), band=band(), rate=30.5, actor=board_user, reason="x")
    assert "not a float" in str(error.value.message_dict["rate"])


def test_no_finance_path_writes_a_policy_number(cooperative, board_user):
    # Given the policy numbers in force
    before = list(PolicyNumber.history.values_list("history_id", flat=True))
    # When bands, rates and approvals go through finance
    row = rate(UserFactory(), band(), "22.00", board_user)
    band(minimum="25.00", maximum="45.00")
    services.rate_adjustment_approve(proposal=row.proposals.get(), actor=board_user, reason="approve")
    # Then no policy number was written: only a General Conference motion changes them
    assert list(PolicyNumber.history.values_list("history_id", flat=True)) == before
