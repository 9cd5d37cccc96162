import pytest

from secret_ballot.record import canonical_json
from tests.secret_ballot.election import run


@pytest.fixture(scope="module")
def record():
    """One election's record, shared by a module's tests (each copies before altering)."""
    return run()


@pytest.fixture(scope="module")
def record_bytes(record):
    return canonical_json(record).encode()
