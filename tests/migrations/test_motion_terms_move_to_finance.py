"""An existing database keeps every pay band and surplus motion's terms when they move to finance."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SCRIPT = Path(__file__).with_name("carry_motion_terms.py")


def _fresh_database_url(tmp_path) -> tuple[str, callable]:
    """A new, empty database on the backend the suite runs on, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite3'}", lambda: None
    name = f"coop_migrate_{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return url, drop


@pytest.mark.django_db(transaction=True)
def test_pay_band_and_surplus_terms_survive_the_migration(tmp_path):
    url, drop = _fresh_database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(settings.BASE_DIR)}
    try:
        run = subprocess.run(
            [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False
        )
    finally:
        drop()
    assert run.returncode == 0, run.stderr
    after = json.loads(run.stdout.strip().splitlines()[-1])
    assert after["motions"] == ["Adopt Q1", "Paint the shop", "Pay band: Builder", "Pay band: Lead"]
    assert after["pay_bands"] == [
        ["Pay band: Builder", "Builder", "22.00", "44.00"],
        ["Pay band: Lead", "Lead", "30.00", "60.00"],
    ]
    assert after["surplus"] == [["Adopt Q1", True]]
    assert after["history"] == 3
