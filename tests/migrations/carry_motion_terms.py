"""Run in a fresh database by `test_motion_terms_move_to_finance`: build governance 0003 with pay
band and surplus motions in the motion's own columns, migrate forward, print what finance holds."""

import json
from datetime import date
from decimal import Decimal

import django

django.setup()

from django.core.management import call_command  # noqa: E402 (Django must be set up first)
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

BEFORE = [("governance", "0003_motion_newest_first_index"), ("finance", "0002_ledger_triggers")]

for app, name in BEFORE:
    call_command("migrate", app, name, verbosity=0)
old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
User, Body, Motion = (old.get_model(*m) for m in [("coop", "User"), ("governance", "Body"), ("governance", "Motion")])
Allocation = old.get_model("finance", "SurplusAllocation")
proposer = User.objects.create(email="owner@example.coop")
body = Body.objects.create(kind="general_conference", name="General Conference")
money = {"revenue": Decimal(1000), "expenses": Decimal(600), "surplus": Decimal(400), "reserves": Decimal(100)}
allocation = Allocation.objects.create(
    period_start=date(2026, 1, 1), period_end=date(2026, 3, 31), bonuses=0, dividends=Decimal(300), **money
)
common = {"body": body, "proposer": proposer}
Motion.objects.create(kind="ordinary", title="Paint the shop", **common)
for role, low, high in [("Builder", "22.00", "44.00"), ("Lead", "30.00", "60.00")]:
    Motion.objects.create(
        kind="pay_band_change",
        title=f"Pay band: {role}",
        pay_band_role=role,
        pay_band_minimum=Decimal(low),
        pay_band_maximum=Decimal(high),
        **common,
    )
Motion.objects.create(kind="surplus_allocation", title="Adopt Q1", surplus_allocation=allocation, **common)

call_command("migrate", verbosity=0)

from finance.models import PayBandMotion, SurplusMotion  # noqa: E402 (the models after the migration)
from governance.models import Motion as NewMotion  # noqa: E402

print(
    json.dumps(
        {
            "motions": sorted(NewMotion.objects.values_list("title", flat=True)),
            "pay_bands": sorted(
                [m.motion.title, m.role, str(m.minimum), str(m.maximum)] for m in PayBandMotion.objects.all()
            ),
            "surplus": [[m.motion.title, m.allocation_id == allocation.pk] for m in SurplusMotion.objects.all()],
            "history": PayBandMotion.history.count() + SurplusMotion.history.count(),
        }
    )
)
