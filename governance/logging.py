"""A logging filter that drops SQL touching the ballot tables.

With DEBUG on, Django logs every query with its parameters under `django.db.backends`; an
INSERT into the ballot table would write a choice and a receipt into the log, next to the
participation written a moment before. The filter drops those records.
"""

from __future__ import annotations

import logging

BALLOT_TABLES = ("governance_ballot",)  # also matches governance_ballottotal


class DropBallotQueries(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        sql = str(getattr(record, "sql", "") or "")
        text = sql or (record.getMessage() if record.name == "django.db.backends" else "")
        return not any(table in text for table in BALLOT_TABLES)
