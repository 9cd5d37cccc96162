"""Two contracts logged at once cannot together pass 24 hours in one owner's day (PostgreSQL only)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from labor_contracts import services
from labor_contracts.models import TimesheetEntry
from tests.concurrency import needs_postgres, race, verdicts
from tests.factories import labor_contracts as f

pytestmark = [pytest.mark.postgres, needs_postgres]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_logs_cannot_pass_24_hours(cooperative, board_user, operations_user):
    # Given an owner on two active contracts
    f.documents_install()
    f.incorporate(cooperative, board_user)
    owner = f.owner_create(email="racer@example.coop")
    contracts = [f.contract_active(operations_user, board_user, title=t) for t in ("A", "B")]
    for contract in contracts:
        f.assign(contract, owner, operations_user)

    def log(contract):
        return services.timesheet_log(
            owner=owner, contract=contract, day=timezone.localdate(), hours=Decimal("14"), actor=owner, reason="race"
        )

    # When both log 14 hours at the same moment
    outcomes = race(*[lambda c=c: log(c) for c in contracts])
    # Then one is saved and the other refused
    assert verdicts(outcomes) == ["ok", "refused"]
    assert TimesheetEntry.objects.filter(owner=owner).count() == 1
