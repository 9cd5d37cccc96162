"""The counting rules, as pure functions over (marks, weight) pairs.

Nothing here touches the database: the tally groups the ballots there (one row per distinct set
of marks, with its summed weight) and hands the groups to one of these functions.

Published rules
---------------
* Yes / no / abstain, plurality and approval (`simple`): one round.
* Instant runoff (`wigm`): a choice with more than half of the continuing weight wins; else the
  weakest is excluded and its ballots move on.
* STV, three named rules for several seats (`RULES`):
  - ``wigm_exact``: exact Droop quota V / (S + 1), Weighted Inclusive Gregory Method, exact
    fractions (`wigm`);
  - ``scottish_stv_2007``: the Scottish Local Government Elections Order 2007 (`scottish`);
  - ``meek``: Meek's method, exact fractions, omega 10^-10 (`meek`).
* Ties: the most recent earlier round in which the tied choices differed, then lot, drawn from
  a seed fixed before the count and published with it (`lot`). Every round names who was
  elected or excluded, why, and any tie with the seed and the draw. A plurality or approval tie
  for the last seat is reported and not broken.
"""

from .base import Count, Group, Round, _dec
from .blt import Election, read_blt
from .lot import draw, seed_for
from .meek import meek_stv
from .scottish import scottish_stv
from .simple import approval, single_choice
from .wigm import instant_runoff, single_transferable_vote

# The STV rules by the name stored on a motion.
RULES = {
    "wigm_exact": single_transferable_vote,
    "scottish_stv_2007": scottish_stv,
    "meek": meek_stv,
}


def ranked(method: str, rule: str, groups, choices, seats: int, seed: str) -> Count:
    """Count ranked groups by instant runoff (`method` "instant_runoff") or by the STV `rule`
    named on the motion: the one dispatch the tally and the record's verifier share."""
    if method == "instant_runoff":
        return instant_runoff(groups, choices, seed=seed)
    return RULES[rule](groups, choices, seats, seed=seed)


__all__ = [
    "RULES",
    "Count",
    "Election",
    "Group",
    "Round",
    "_dec",
    "approval",
    "draw",
    "instant_runoff",
    "meek_stv",
    "ranked",
    "read_blt",
    "scottish_stv",
    "seed_for",
    "single_choice",
    "single_transferable_vote",
]
