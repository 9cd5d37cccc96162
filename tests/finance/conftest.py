import pytest

from finance import services
from tests.factories.labor_contracts import incorporate


@pytest.fixture
def chart(cooperative):
    return services.accounts_ensure(actor=None, reason="test setup")


@pytest.fixture
def incorporated(cooperative, board_user, chart):
    return incorporate(cooperative, board_user)
