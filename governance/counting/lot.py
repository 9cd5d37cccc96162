"""Drawing lots from a published seed, so anyone can repeat the draw.

The seed is fixed before the count (the results service derives it from the motion and its
closed ballots) and published with the result. A draw orders the tied choices by
HMAC-SHA-256(seed, context:choice): the same seed, context and choices always give the same
order, and nobody can steer it without changing the ballots themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import json


def draw(seed: str, tied: list[int], context: str) -> list[int]:
    """Return `tied` in the order drawn by lot: the first one drawn is the one the tie picks."""
    key = seed.encode()

    def ticket(choice: int) -> str:
        return hmac.new(key, f"{context}:{choice}".encode(), hashlib.sha256).hexdigest()

    return sorted(tied, key=lambda c: (ticket(c), c))


def seed_for(motion_id: int, groups) -> str:
    """Return the seed for a motion's count: SHA-256 of its id and its ballot groups, sorted.

    Everything hashed is fixed once the vote closes, so the seed is fixed before anyone counts.
    """
    canonical = sorted([list(marks), str(weight)] for marks, weight in groups)
    payload = json.dumps({"motion": motion_id, "groups": canonical}, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()
