"""What every finance model shares: exact amounts."""

from __future__ import annotations

# Hours: exact decimals with two places (money columns take coop.money.MONEY).
HOURS = {"max_digits": 10, "decimal_places": 2}
