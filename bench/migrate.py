"""The first run: `manage.py migrate` on an empty SQLite database, as `make run` does on a new machine.

A wall-clock time rather than a ratio, as the goal is stated (15 seconds); the runner prints the
load average beside it, and the process's own CPU time, which the load does not inflate.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.goals import Goal

ROOT = Path(__file__).resolve().parent.parent
MIGRATE_LIMIT = 15.0  # seconds, on an empty database


def run() -> list[Goal]:
    """Migrate a new SQLite file in a child process; print its wall-clock and CPU seconds."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/empty.sqlite3"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
        )
        elapsed = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"migrate on an empty SQLite database: {elapsed:.1f} s wall clock, {cpu:.1f} s of CPU")
    return [Goal("migrate an empty SQLite database (wall clock)", elapsed, MIGRATE_LIMIT, "s")]
