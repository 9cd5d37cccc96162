import pytest

from tests.factories import labor_contracts as f


@pytest.fixture
def signed_setup(cooperative, board_user):
    """An incorporated cooperative whose Master Staffing Agreement is in force."""
    f.documents_install()
    f.incorporate(cooperative, board_user)
    return cooperative


@pytest.fixture
def owner(cooperative):
    return f.owner_create(email="owner@example.coop")


@pytest.fixture
def active_contract(signed_setup, operations_user, board_user, owner):
    contract = f.contract_active(operations_user, board_user)
    f.assign(contract, owner, operations_user)
    return contract
