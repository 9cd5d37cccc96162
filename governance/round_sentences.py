"""The sentences the results page says about each counting round, from the reason codes the
count stored (`governance.counting.base`), in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from coop.numbers import plain_number

from .models import Motion

RULE_SENTENCES = {
    Motion.CountingRule.WIGM_EXACT: lambda: _(
        "Counting rule: exact Droop quota (votes ÷ (seats + 1)); a candidate above the quota is elected and "
        "the surplus moves on by the Weighted Inclusive Gregory Method; when nobody is above it, the candidate "
        "with fewest votes is excluded. Ties are broken by the latest earlier round that differs, then by lot."
    ),
    Motion.CountingRule.SCOTTISH_STV_2007: lambda: _(
        "Counting rule: Scottish STV (Scottish Local Government Elections Order 2007): quota of the votes "
        "÷ (seats + 1), decimals dropped, plus one; everyone reaching it is elected at once and the largest "
        "surplus moves first, at transfer values cut to five decimals; when no surplus is left, the candidate "
        "with fewest votes is excluded. Ties are broken by the latest earlier stage that differs, then by lot."
    ),
    Motion.CountingRule.MEEK: lambda: _(
        "Counting rule: Meek's method: each elected candidate keeps just enough of every ballot that reaches "
        "them to hold the quota and passes the rest on, recounted until the surplus is at most 0.0000000001; "
        "when nobody new reaches the quota, the candidate with fewest votes is excluded. Ties are drawn by lot."
    ),
}


def rule_sentence(method: str, rule: str) -> str:
    """Return how the motion was counted, in one paragraph."""
    if method == Motion.Method.STV:
        return RULE_SENTENCES.get(rule, RULE_SENTENCES[Motion.CountingRule.WIGM_EXACT])()
    return _(
        "Counting rule: a choice with more than half of the continuing weight wins; otherwise the one with "
        "the fewest votes is excluded and its ballots go to their next preference. Ties are broken by the "
        "latest earlier round that differs, then by lot."
    )


def summary(stored: dict, names: str, quota: Decimal | None, rule: str) -> str:
    """Return who the round elected or excluded, and why."""
    reason, action = stored.get("reason", ""), stored["action"]
    if action == "exclude" and reason == "sure_losers":
        sentence = _("%(names)s excluded together: even with the whole surplus they could not overtake the next one")
        return sentence % {"names": names}
    if action == "exclude":
        return _("%(names)s excluded: fewest votes; their ballots go to their next preference") % {"names": names}
    if action == "elect remaining":
        return _("%(names)s elected: as many continuing candidates as seats left") % {"names": names}
    if action == "surplus":
        return _("%(names)s: surplus transferred to the next preferences") % {"names": names}
    if reason == "last_standing":
        return _("%(names)s elected: the only choice left") % {"names": names}
    if quota is not None and rule == Motion.CountingRule.SCOTTISH_STV_2007:
        return _("%(names)s elected: reached the quota of %(quota)s") % {"names": names, "quota": plain_number(quota)}
    if quota is not None:
        return _("%(names)s elected: above the quota of %(quota)s") % {"names": names, "quota": plain_number(quota)}
    return _("%(names)s elected: more than half of the continuing votes") % {"names": names}


def transfer(stored: dict, labels) -> str:
    """Return whose surplus moves on after an election round, or an empty string."""
    if stored["action"] != "elect" or not stored.get("surplus_of"):
        return ""
    names = labels.names(stored["surplus_of"])
    return _("The surplus of %(names)s moves on to the next preferences.") % {"names": names}


def tie(stored: dict, labels) -> str:
    """Return how a tie in the round was broken: by an earlier round, or by lot with the seed."""
    found = stored.get("tie")
    if not found:
        return ""
    tied = labels.names(found["tied"])
    if found["broken_by"] == "earlier_round":
        return _("%(names)s were tied; broken by round %(round)s, the latest where their votes differed.") % {
            "names": tied,
            "round": found["round"],
        }
    return _("%(names)s were tied in every round; drawn by lot from the seed %(seed)s, in the order %(draw)s.") % {
        "names": tied,
        "seed": found["seed"],
        "draw": labels.names(found["draw"]),
    }
