import pytest

from finance import services
from tests.factories.finance import books_with_surplus
from tests.factories.labor_contracts import incorporate


@pytest.fixture
def chart(cooperative):
    return services.accounts_ensure(actor=None, reason="test setup")


@pytest.fixture
def incorporated(cooperative, board_user, chart):
    return incorporate(cooperative, board_user)


@pytest.fixture
def march_books(incorporated, operations_user, board_user):
    """Revenue of 1000 and a posted March payroll of 2 members: 4 h and 6 h at 25."""
    return books_with_surplus(operations_user, board_user)
