"""Pay bands change only by a certified General Conference motion, and no certifier votes on their own band."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance.models import PayBand, RateAdjustmentProposal
from governance import services as governance
from governance.models import Body, Motion, Office, Result
from tests.factories import governance as gf
from tests.factories.finance import band, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(cooperative):
    gf.bodies()
    gf.voting_mode("person")
    return {
        "president": gf.officer(Office.Kind.PRESIDENT),
        "secretary": gf.officer(Office.Kind.SECRETARY),
        "director": gf.officer(Office.Kind.DIRECTOR),
    }


@pytest.fixture
def owners(officers):
    return [gf.owner() for _i in range(5)]


def test_certified_pay_band_motion_puts_the_band_in_force_with_the_motion_as_basis(officers, owners):
    # Given a General Conference motion setting the Builder band to 22-44
    motion = gf.pay_band_motion(proposer=owners[0])
    # When the owners adopt it and the Secretary certifies it
    gf.decide(motion, board=officers["president"], voters=owners, certifier=officers["secretary"])
    # Then the band is in force, and its basis names the motion
    builder = PayBand.objects.get(role="Builder")
    assert (builder.minimum, builder.maximum) == (Decimal("22.00"), Decimal("44.00"))
    assert builder.basis.startswith(f"Motion #{motion.pk}")
    assert builder.history.first().history_change_reason == gf.SETUP


def test_rejected_pay_band_motion_changes_nothing(officers, owners):
    # Given a band in force
    builder = band()
    # When the owners vote down a change and it is certified
    motion = gf.pay_band_motion(proposer=owners[0], minimum="30.00", maximum="60.00")
    gf.decide(motion, board=officers["president"], voters=owners, certifier=officers["secretary"], vote=gf.no)
    # Then the band is as it was
    assert not Result.objects.get(motion=motion).adopted
    builder.refresh_from_db()
    assert (builder.minimum, builder.maximum) == (Decimal("20.00"), Decimal("40.00"))


def test_an_adopted_band_that_leaves_a_rate_outside_proposes_the_adjustment(officers, owners):
    # Given a Builder paid 21 in the 20-40 band
    builder = band()
    worker = owners[1]
    rate(worker, builder, "21.00", officers["president"])
    # When the General Conference raises the minimum to 22
    gf.decide(
        gf.pay_band_motion(proposer=owners[0]),
        board=officers["president"],
        voters=owners,
        certifier=officers["secretary"],
    )
    # Then the change waits and the rate gets a proposed adjustment to 22, never outside the band
    builder.refresh_from_db()
    assert builder.minimum == Decimal("20.00") and builder.pending_minimum == Decimal("22.00")
    proposal = RateAdjustmentProposal.objects.get()
    assert proposal.proposed_rate == Decimal("22.00") and proposal.source == "band_change"


def test_the_board_body_cannot_vote_a_pay_band(officers):
    with pytest.raises(ValidationError) as error:
        gf.pay_band_motion(proposer=officers["president"], body_kind=Body.Kind.BOARD)
    assert "body" in error.value.message_dict
    assert not Motion.objects.exclude(kind=Motion.Kind.ELECTION).exists()  # the officers' elections aside


@pytest.mark.parametrize(
    ("role", "minimum", "maximum", "field"),
    [
        ("", "20.00", "40.00", "pay_band_role"),
        ("Builder", "40.00", "20.00", "pay_band_maximum"),
        ("Builder", "0", "20.00", "pay_band_minimum"),
        ("Builder", "20.001", "40.00", "pay_band_minimum"),
    ],
)
def test_a_pay_band_motion_that_could_never_apply_is_refused(officers, owners, role, minimum, maximum, field):
    with pytest.raises(ValidationError) as error:
        gf.pay_band_motion(proposer=owners[0], role=role, minimum=minimum, maximum=maximum)
    assert field in error.value.message_dict
    assert not Motion.objects.exclude(kind=Motion.Kind.ELECTION).exists()  # the officers' elections aside


def test_secretary_paid_in_the_band_does_not_certify_it(officers, owners):
    # Given the Secretary is paid in the Builder band
    builder = band()
    rate(officers["secretary"], builder, "30.00", officers["president"])
    motion = gf.pay_band_motion(proposer=owners[0])
    gf.open_motion(motion, board=officers["president"])
    for voter in owners:
        governance.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    governance.motion_close(motion=motion, actor=officers["president"], reason="close")
    # When the Secretary tries to certify the vote on their own band
    with pytest.raises(PermissionDenied, match="own role"):
        governance.motion_certify(motion=motion, actor=officers["secretary"], reason="my band")
    # Then it is refused and nothing changed
    builder.refresh_from_db()
    assert builder.minimum == Decimal("20.00") and not Result.objects.get(motion=motion).is_certified
    # And the President, paid in another band, certifies it instead
    governance.motion_certify(motion=motion, actor=officers["president"], reason="Secretary conflicted")
    builder.refresh_from_db()
    assert builder.minimum == Decimal("22.00")


def test_when_secretary_and_president_share_the_band_another_board_officer_certifies(officers, owners):
    # Given the Secretary and the President are both paid in the Builder band
    builder = band()
    rate(officers["secretary"], builder, "30.00", officers["director"])
    rate(officers["president"], builder, "30.00", officers["director"])
    motion = gf.pay_band_motion(proposer=owners[0])
    gf.open_motion(motion, board=officers["director"])
    for voter in owners:
        governance.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    governance.motion_close(motion=motion, actor=officers["director"], reason="close")
    # When either of them tries, it is refused
    for conflicted in (officers["secretary"], officers["president"]):
        with pytest.raises(PermissionDenied):
            governance.motion_certify(motion=motion, actor=conflicted, reason="try")
    # Then a Director without a stake certifies it
    governance.motion_certify(motion=motion, actor=officers["director"], reason="Both conflicted")
    assert Result.objects.get(motion=motion).certified_by == officers["director"]


def test_a_director_does_not_certify_while_the_secretary_is_free(officers, owners):
    motion = gf.pay_band_motion(proposer=owners[0])
    gf.open_motion(motion, board=officers["president"])
    governance.motion_close(motion=motion, actor=officers["president"], reason="close")
    with pytest.raises(PermissionDenied, match="Secretary certifies"):
        governance.motion_certify(motion=motion, actor=officers["director"], reason="try")
    assert not PayBand.objects.exists()
