import pytest

from coop.roles import Role
from governance.models import Office
from tests.factories import governance as gf
from tests.factories.coop import UserFactory


@pytest.fixture
def bodies(cooperative):
    return gf.bodies()


@pytest.fixture
def board(bodies):
    """A Board officer (the President) who runs votes."""
    return gf.officer(Office.Kind.PRESIDENT)


@pytest.fixture
def secretary(bodies):
    return gf.officer(Office.Kind.SECRETARY)


@pytest.fixture
def owners(bodies):
    """Five owners, one vote each (voting mode: person)."""
    gf.voting_mode("person")
    return [gf.owner() for _i in range(5)]


@pytest.fixture
def outsider(cooperative):
    return UserFactory(roles=[Role.MEMBER])
