import pytest

from tests.factories.coop import UserFactory


@pytest.fixture
def trustees(cooperative):
    """Two trustees on the platform and one outside party, by name."""
    return [UserFactory(), UserFactory(), "Independent Auditors Ltd"]
