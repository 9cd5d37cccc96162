"""Production settings pass Django's deployment checklist with no warning."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_in_production_mode():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k3y-" + "x9Q!z" * 12,
        "DJANGO_ALLOWED_HOSTS": "coop.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        "SITE_URL": "https://coop.example.org",
        # Its own identity among peers, as `manage.py federation_keygen` prints one.
        "FEDERATION_SIGNING_KEY": "5e" * 32,
    }
    # The browser tests allow async-unsafe ORM calls in their worker; production never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_while_site_url_is_the_default():
    # given production settings with no SITE_URL
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k3y-" + "x9Q!z" * 12,
        "DJANGO_ALLOWED_HOSTS": "coop.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("SITE_URL", None)
    # when the deploy check runs, then it fails naming SITE_URL
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "coop.W001" in result.stdout + result.stderr
