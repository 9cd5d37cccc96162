import pytest

from tests.factories import founding as f


@pytest.fixture
def founded_setup(db):
    """A cooperative just set up by two conveners (Ana and Ben), with eight more provisional owners holding a share."""
    f.setup()
    f.members(8)
    f.shares_for_everyone()
    from coop.models import User

    return User.objects.get(email="ana@founders.coop"), User.objects.get(email="ben@founders.coop")


@pytest.fixture
def voters(founded_setup):
    from membership.models import Member

    return [m.user for m in Member.objects.with_rights().select_related("user")]
