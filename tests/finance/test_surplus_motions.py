"""The Board proposes a surplus allocation; only a certified General Conference motion adopts it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from finance import selectors, services
from finance.models import JournalEntry, SurplusAllocation
from finance.services import Line
from governance import services as governance
from governance.models import Body, Motion, Office
from tests.factories import governance as gf
from tests.factories.finance import PERIOD, band, entry, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(incorporated, operations_user, board_user):
    """Officers, five voting owners, and March books: revenue 1000, a posted payroll of 10 hours at 25."""
    gf.voting_mode("person")
    officers = {"president": gf.officer(Office.Kind.PRESIDENT), "secretary": gf.officer(Office.Kind.SECRETARY)}
    owners = [gf.owner() for _i in range(5)]
    builder = band()
    for worker, hours in zip(owners[:2], ["4", "6"], strict=True):
        rate(worker, builder, "25.00", board_user)
        internal_hours(worker, date(2026, 3, 5), hours)
    entry([Line("1000", debit="1000.00"), Line("4100", credit="1000.00")], memo="Client work", day=date(2026, 3, 20))
    run_posted(operations_user, board_user)
    allocation = services.surplus_allocation_propose(
        period_start=PERIOD[0], period_end=PERIOD[1], reserves_percent="20", actor=board_user, reason="Year end"
    )
    return {"officers": officers, "owners": owners, "allocation": allocation}


def _motion(setting, **kwargs) -> Motion:
    return gf.motion(
        proposer=setting["owners"][0],
        kind=Motion.Kind.SURPLUS_ALLOCATION,
        title="Adopt the March surplus allocation",
        terms={"surplus_allocation": setting["allocation"]},
        **kwargs,
    )


def test_certified_motion_adopts_the_allocation_and_posts_it(setting):
    # Given the Board's proposal is put to the General Conference
    motion = _motion(setting)
    # When the owners adopt it and the Secretary certifies
    gf.decide(
        motion,
        board=setting["officers"]["president"],
        voters=setting["owners"],
        certifier=setting["officers"]["secretary"],
    )
    # Then the allocation is adopted on the motion's basis and posted, dividends in capital accounts
    allocation = SurplusAllocation.objects.get()
    assert allocation.status == SurplusAllocation.Status.ADOPTED
    assert allocation.basis.startswith(f"Motion #{motion.pk}")
    assert JournalEntry.objects.filter(source=f"surplus:{allocation.pk}", posted=True).exists()
    dividend = allocation.patronage.get(member=setting["owners"][1])
    assert selectors.capital_balance(setting["owners"][1]) == dividend.retained > 0


def test_voted_down_allocation_is_withdrawn_and_nothing_posts(setting):
    motion = _motion(setting)
    gf.decide(
        motion,
        board=setting["officers"]["president"],
        voters=setting["owners"],
        certifier=setting["officers"]["secretary"],
        vote=gf.no,
    )
    allocation = SurplusAllocation.objects.get()
    assert allocation.status == SurplusAllocation.Status.WITHDRAWN
    assert allocation.basis.startswith(f"Motion #{motion.pk}") and allocation.journal_entry is None
    assert not JournalEntry.objects.filter(source__startswith="surplus:").exists()


def test_the_board_body_cannot_adopt_its_own_allocation(setting):
    with pytest.raises(ValidationError) as error:
        _motion(setting, body_kind=Body.Kind.BOARD)
    assert "body" in error.value.message_dict
    assert not Motion.objects.exclude(kind=Motion.Kind.ELECTION).exists()  # the officers' elections aside


def test_a_second_motion_on_the_same_allocation_is_refused(setting):
    _motion(setting)
    with pytest.raises(ValidationError) as error:
        _motion(setting)
    assert "surplus_allocation" in error.value.message_dict
    assert Motion.objects.filter(kind=Motion.Kind.SURPLUS_ALLOCATION).count() == 1


def test_a_motion_on_an_adopted_or_missing_allocation_is_refused(setting):
    gf.decide(
        _motion(setting),
        board=setting["officers"]["president"],
        voters=setting["owners"],
        certifier=setting["officers"]["secretary"],
    )
    for allocation in (setting["allocation"], None):
        with pytest.raises(ValidationError) as error:
            gf.motion(
                proposer=setting["owners"][0],
                kind=Motion.Kind.SURPLUS_ALLOCATION,
                title="Again",
                terms={"surplus_allocation": allocation},
            )
        assert "surplus_allocation" in error.value.message_dict


def test_the_president_does_not_certify_an_allocation_that_funds_their_bonus(setting):
    # Given an allocation that funds the bonuses (no labor contract is active)
    assert setting["allocation"].bonuses > Decimal(0)
    motion = _motion(setting)
    gf.open_motion(motion, board=setting["officers"]["president"])
    for voter in setting["owners"]:
        governance.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    governance.motion_close(motion=motion, actor=setting["officers"]["president"], reason="close")
    # When the President tries to certify it, it is refused for their bonus
    with pytest.raises(PermissionDenied, match="bonus"):
        governance.motion_certify(motion=motion, actor=setting["officers"]["president"], reason="mine")
    assert SurplusAllocation.objects.get().status == SurplusAllocation.Status.PROPOSED


def test_the_secretary_cannot_also_serve_as_ceo_and_certifies_the_ceo_bonus_formula(setting):
    # Given the Secretary, whom the Board would also appoint CEO
    officers = setting["officers"]
    ceo_office = Office.objects.get(kind=Office.Kind.CEO)
    with pytest.raises(ValidationError) as error:
        governance.office_appoint(
            office=ceo_office, holder=officers["secretary"], actor=officers["president"], reason="Both hats"
        )
    # Then oversight and operations stay apart: the appointment is refused and no term is written
    assert "Board office and an Operations office" in str(error.value.message_dict["holder"])
    assert not ceo_office.terms.exists()
    # And the CEO's bonus formula, which touches no office the Secretary holds, is certified by them
    motion = gf.motion(
        proposer=setting["owners"][0],
        kind=Motion.Kind.POLICY_CHANGE,
        policy_key="ceo_bonus_surplus_percent",
        policy_value="3",
    )
    gf.decide(motion, board=officers["president"], voters=setting["owners"], certifier=officers["secretary"])
    after = selectors.ceo_bonus(period_start=PERIOD[0], period_end=PERIOD[1]).inputs["ceo_bonus_surplus_percent"]
    assert after == "3"
