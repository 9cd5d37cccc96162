"""Two contracts logged at once cannot together pass 24 hours in one owner's day (PostgreSQL only)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from labor_contracts import services
from labor_contracts.models import TimesheetEntry
from tests.factories import labor_contracts as f

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite cannot show a race")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_logs_cannot_pass_24_hours(cooperative, board_user, operations_user):
    # Given an owner on two active contracts
    f.documents_install()
    f.incorporate(cooperative, board_user)
    owner = f.owner_create(email="racer@example.coop")
    contracts = [f.contract_active(operations_user, board_user, title=t) for t in ("A", "B")]
    for contract in contracts:
        f.assign(contract, owner, operations_user)
    barrier = threading.Barrier(2)
    outcomes = []

    def log(contract):
        try:
            barrier.wait()
            services.timesheet_log(owner=owner, contract=contract, day=timezone.localdate(), hours=Decimal("14"),
                                   actor=owner, reason="race")
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    # When both log 14 hours at the same moment
    threads = [threading.Thread(target=log, args=(c,)) for c in contracts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one is saved and the other refused
    assert sorted(outcomes) == ["refused", "saved"]
    assert TimesheetEntry.objects.filter(owner=owner).count() == 1
