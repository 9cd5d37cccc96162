"""Turn a stored result into what the results page, the admin and the API show: what was decided,
by how much, against which quorum and threshold, round by round, in numbers people read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coop.numbers import percent, plain_number

from . import round_sentences
from .models import Choice, Motion, Result
from .services.results import threshold_reached

HUNDRED = Decimal(100)


class ChoiceLabels(dict):
    """Choice id -> label, with a helper to spell out a ballot's marks."""

    def marks(self, encoded: str) -> str:
        separator = ">" if ">" in encoded else ","
        joiner = " > " if separator == ">" else ", "
        return joiner.join(self.get(int(m), "?") for m in encoded.split(separator) if m)

    def names(self, ids) -> str:
        """Return the labels of the choices `ids`, joined for a sentence."""
        return ", ".join(self.get(int(pk), "?") for pk in ids)


def choice_labels(motion: Motion) -> ChoiceLabels:
    """Return the motion's choices by id, in ballot order (one query)."""
    return ChoiceLabels(motion.choices.order_by("position").values_list("pk", "label"))


def labels_and_meanings(motion: Motion) -> tuple[ChoiceLabels, dict[int, str]]:
    """Return the motion's choices by id (labels, in ballot order) and what each means, in one query."""
    rows = list(motion.choices.order_by("position").values_list("pk", "label", "meaning"))
    return ChoiceLabels((pk, label) for pk, label, _m in rows), {pk: meaning for pk, _l, meaning in rows}


def _weights(result: Result) -> dict[int, Decimal]:
    return {int(k): Decimal(v) for k, v in result.totals.items()}


def chart_rows(motion: Motion, result: Result, labels: ChoiceLabels) -> list[dict]:
    """One row per choice, largest first: its first-round weight, its share of the weight cast for
    a choice, and its width in the bar chart (percent of the largest)."""
    weights = _weights(result)
    largest = max(weights.values(), default=Decimal(0)) or Decimal(1)
    total = sum(weights.values(), Decimal(0))
    rows = [
        {
            "label": label,
            "weight": weights.get(pk, Decimal(0)),
            "share": weights.get(pk, Decimal(0)) * HUNDRED / total if total else None,
            "winner": pk in result.winners,
            "percent": int(weights.get(pk, Decimal(0)) * 100 / largest),
        }
        for pk, label in labels.items()
    ]
    return sorted(rows, key=lambda row: -row["weight"])


@dataclass
class Explanation:
    """What the result means, in sentences: the verdict first, then why."""

    adopted: bool
    verdict: str
    reasons: list[str] = field(default_factory=list)
    elected: list[str] = field(default_factory=list)
    needs: str = ""  # what adoption needs, "more than 50 %", for a yes/no vote with a threshold


def _quorum_sentence(result: Result) -> str:
    turnout = result.cast_weight * HUNDRED / result.eligible_weight if result.eligible_weight else Decimal(0)
    took_part = _(
        "%(cast)s of %(eligible)s voting weight took part (%(turnout)s; %(people)s of %(voters)s voters)."
    ) % {
        "cast": plain_number(result.cast_weight),
        "eligible": plain_number(result.eligible_weight),
        "turnout": percent(turnout, 1),
        "people": result.participants,
        "voters": result.eligible_voters,
    }
    gap = result.cast_weight - result.quorum_weight
    values = {
        "quorum": percent(result.quorum_percent),
        "needed": plain_number(result.quorum_weight),
        "gap": plain_number(abs(gap)),
    }
    if result.quorum_met:
        quorum = _("The quorum of %(quorum)s of the weight (%(needed)s) was met, with %(gap)s to spare.") % values
    else:
        quorum = _("The quorum of %(quorum)s of the weight (%(needed)s) was not met: %(gap)s short.") % values
    return f"{took_part} {quorum}"


def threshold_rule(threshold: Decimal) -> str:
    """What adoption needs, in words: a simple majority is more than half, a larger threshold is
    reached when met ("more than 50 %", "at least 66.67 %")."""
    if threshold <= Decimal(50):
        return _("more than %(threshold)s") % {"threshold": percent(threshold)}
    return _("at least %(threshold)s") % {"threshold": percent(threshold)}


def _threshold_sentence(result: Result) -> str:
    if result.yes_share_percent is None:
        return _("Nobody voted yes or no, so there is no share to set against the threshold.")
    share, threshold = result.yes_share_percent, result.threshold_percent
    values = {
        "share": percent(share),
        "rule": threshold_rule(threshold),
        "gap": plain_number(abs(share - threshold)),
    }
    if threshold_reached(share, threshold):
        return (
            _(
                "Yes won %(share)s of the yes and no weight; adoption needs %(rule)s: "
                "%(gap)s points above it. Abstentions count towards the quorum only."
            )
            % values
        )
    return (
        _(
            "Yes won %(share)s of the yes and no weight; adoption needs %(rule)s: "
            "%(gap)s points short. Abstentions count towards the quorum only."
        )
        % values
    )


def _yes_no_weights(result: Result, meanings: dict[int, str]) -> dict[str, Decimal]:
    weights = _weights(result)
    found = {Choice.Meaning.YES: Decimal(0), Choice.Meaning.NO: Decimal(0), Choice.Meaning.ABSTAIN: Decimal(0)}
    for pk, weight in weights.items():
        if meanings.get(pk) in found:
            found[meanings[pk]] += weight
    return found


def explain(motion: Motion, result: Result, labels: ChoiceLabels, meanings: dict[int, str]) -> Explanation:
    """Say what `result` decided and why: adopted or not (elected whom), by how much, against
    which quorum and threshold. `meanings` maps each choice id to its meaning (yes, no, ...)."""
    reasons = [_quorum_sentence(result)]
    if motion.method == Motion.Method.YES_NO:
        votes = _yes_no_weights(result, meanings)
        reasons.insert(
            0,
            _("Yes %(yes)s, no %(no)s, abstain %(abstain)s (voting weight).")
            % {key: plain_number(value) for key, value in votes.items()},
        )
        if result.threshold_percent is not None:
            reasons.append(_threshold_sentence(result))
        verdict = _("Adopted") if result.adopted else _("Not adopted")
        needs = "" if result.threshold_percent is None else threshold_rule(result.threshold_percent)
        return Explanation(result.adopted, verdict, reasons, needs=needs)
    elected = [labels.get(int(pk), "?") for pk in result.winners]
    if result.tied:
        reasons.append(
            _("Tied for the last seat: %(names)s. The tie is reported, not broken; the Board decides what follows.")
            % {"names": labels.names(result.tied)}
        )
    weights = sorted(_weights(result).items(), key=lambda item: -item[1])
    if not motion.is_ranked and elected and len(weights) > len(elected):
        last_in, first_out = weights[len(elected) - 1], weights[len(elected)]
        reasons.append(
            _("%(last)s won the last seat with %(weight)s, %(gap)s ahead of %(next)s.")
            % {
                "last": labels.get(last_in[0], "?"),
                "weight": plain_number(last_in[1]),
                "gap": plain_number(last_in[1] - first_out[1]),
                "next": labels.get(first_out[0], "?"),
            }
        )
    if result.rounds:
        reasons.append(
            ngettext(
                "Counted by %(method)s in %(count)s round, shown below.",
                "Counted by %(method)s in %(count)s rounds, each shown below.",
                len(result.rounds),
            )
            % {"method": motion.get_method_display().lower(), "count": len(result.rounds)}
        )
    if not result.quorum_met and elected:
        reasons.append(_("Without a quorum nobody takes office, whatever the count."))
    if result.adopted:
        verdict = ngettext("Elected: %(names)s", "Elected: %(names)s", len(elected)) % {"names": ", ".join(elected)}
        if motion.kind != Motion.Kind.ELECTION:
            verdict = _("Chosen: %(names)s") % {"names": ", ".join(elected)}
    else:
        verdict = _("Nobody elected") if motion.kind == Motion.Kind.ELECTION else _("Nothing chosen")
    return Explanation(result.adopted, verdict, reasons, elected if result.adopted else [])


def rounds(result: Result, labels: ChoiceLabels, method: str = "") -> list[dict]:
    """Each counting round with what happened in it, naming who was elected or excluded, and the
    votes of every continuing choice, largest first, in numbers people read."""
    shown = []
    elected_so_far: list[str] = []
    for stored in result.rounds:
        names = labels.names(stored["choices"])
        tallies = sorted(
            ((int(pk), Decimal(votes)) for pk, votes in stored["tallies"].items()), key=lambda item: -item[1]
        )
        largest = max((votes for _pk, votes in tallies), default=Decimal(0)) or Decimal(1)
        quota = Decimal(stored["quota"]) if stored.get("quota") is not None else None
        shown.append(
            {
                "number": stored["number"],
                "action": stored["action"],
                "summary": round_sentences.summary(stored, names, quota, result.counting_rule),
                "transfer": round_sentences.transfer(stored, labels),
                "tie": round_sentences.tie(stored, labels),
                "quota": quota,
                "exhausted": Decimal(stored["exhausted"]),
                "elected_before": list(elected_so_far),
                "rows": [
                    {
                        "label": labels.get(pk, "?"),
                        "votes": votes,
                        "percent": int(votes * 100 / largest),
                        "marked": pk in stored["choices"],
                        "over_quota": quota is not None and votes > quota,
                    }
                    for pk, votes in tallies
                ],
            }
        )
        if stored["action"] in ("elect", "elect remaining"):
            elected_so_far.extend(labels.get(int(pk), "?") for pk in stored["choices"])
    return shown


def result_context(motion: Motion, result: Result) -> dict:
    """Everything the result's pages show (portal and admin): the verdict with its reasons, the
    chart rows and the rounds, read in one query (the choices)."""
    labels, meanings = labels_and_meanings(motion)
    return {
        "motion": motion,
        "result": result,
        "explanation": explain(motion, result, labels, meanings),
        "rows": chart_rows(motion, result, labels),
        "labels": labels,
        "rounds": rounds(result, labels, motion.method),
        "counting_rule": round_sentences.rule_sentence(motion.method, result.counting_rule),
    }
