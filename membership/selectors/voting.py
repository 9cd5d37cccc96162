"""Voting weight: for a member at a moment, the weight and the rule that produced it.

The rule is computed in the database (one CASE expression), so the single-member answer and
the whole voting roll come from the same expression and can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.money import MONEY as MONEY_COLUMN
from coop.policy import ShareVotingOn, VotingMode
from coop.selectors import policy_values_of

from ..models import Member, ShareSubscription, ShareTransaction

WEIGHT_FIELD = DecimalField(**MONEY_COLUMN)
# The policy numbers a weight and its explanation depend on, read together in one query.
WEIGHT_POLICIES = ("voting_mode", "provisional_period_days", "share_voting_on")
ROW_FIELDS = ("weight", "weight_rule", "status_at", "shares_at", "subscribed_at")


@dataclass(frozen=True)
class VotingWeight:
    weight: Decimal
    rule: str
    explanation: str

    @property
    def rule_label(self) -> str:
        """The rule in words, as a member reads it; `rule` stays the code frozen on rolls."""
        return rule_label(self.rule)


def _subscribed(at: datetime | None):
    """The shares subscribed and not yet paid up at `at` (now by default), for `annotate()`."""
    open_then = Q(status=ShareSubscription.Status.ACTIVE)
    if at is not None:
        open_then = Q(subscribed_at__lte=at) & (Q(closed_at__isnull=True) | Q(closed_at__gt=at))
    total = (
        ShareSubscription.objects.filter(open_then, member=OuterRef("pk"))
        .order_by()
        .values("member")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _annotate_state(queryset: QuerySet[Member], at: datetime | None, voting_on: str) -> QuerySet[Member]:
    """Annotate `status_at`, `subscribed_at` and `shares_at` (the shares that vote: those held, and
    those subscribed when the policy counts them): now from the register, earlier from history and ledger."""
    if voting_on == ShareVotingOn.SUBSCRIBED:
        queryset = queryset.annotate(subscribed_at=_subscribed(at))
    else:
        queryset = queryset.annotate(subscribed_at=Value(0, output_field=IntegerField()))
    held = F("subscribed_at") + F("share_balance") if voting_on == ShareVotingOn.SUBSCRIBED else F("share_balance")
    if at is None:
        return queryset.annotate(status_at=F("status"), shares_at=ExpressionWrapper(held, output_field=IntegerField()))
    status = (
        Member.history.filter(id=OuterRef("pk"), history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    shares = (
        ShareTransaction.objects.filter(member=OuterRef("pk"), occurred_at__lte=at)
        .order_by()
        .values("member")
        .annotate(total=Sum("change"))
        .values("total")
    )
    held_then = Coalesce(Subquery(shares, output_field=IntegerField()), Value(0))
    if voting_on == ShareVotingOn.SUBSCRIBED:
        held_then = ExpressionWrapper(held_then + F("subscribed_at"), output_field=IntegerField())
    return queryset.annotate(
        status_at=Coalesce(Subquery(status), Value("none"), output_field=CharField()),
        shares_at=held_then,
    )


def _weight_cases(mode: str) -> tuple[Case, Case]:
    shares = Cast("shares_at", WEIGHT_FIELD)
    one = Value(Decimal("1"), output_field=WEIGHT_FIELD)
    zero = Value(Decimal("0"), output_field=WEIGHT_FIELD)
    no_rights = Concat(Value("no-rights-"), F("status_at"), output_field=CharField())
    provisional, owner = Member.Status.PROVISIONAL.value, Member.Status.OWNER.value
    if mode == VotingMode.PERSON:
        by_status = {provisional: (one, "person"), owner: (one, "person")}
    elif mode == VotingMode.SHARE:
        by_status = {provisional: (shares, "share"), owner: (shares, "share")}
    else:
        by_status = {
            provisional: (shares, "gradual-provisional-shares"),
            owner: (one, "gradual-owner-person"),
        }
    weight = Case(
        *[When(status_at=status, then=w) for status, (w, _rule) in by_status.items()],
        default=zero,
        output_field=WEIGHT_FIELD,
    )
    rule = Case(
        *[When(status_at=status, then=Value(r)) for status, (_w, r) in by_status.items()],
        default=no_rights,
        output_field=CharField(),
    )
    return weight, rule


def with_voting_weight(
    queryset: QuerySet[Member],
    *,
    at: datetime | None = None,
    mode: str | None = None,
    voting_on: str | None = None,
) -> QuerySet[Member]:
    """Annotate `weight`, `weight_rule`, `status_at`, `shares_at` and `subscribed_at` under the voting
    mode and the voting rights of subscribed shares in force (`mode` and `voting_on`, when the caller
    has already read them)."""
    if mode is None or voting_on is None:
        policies = policy_values_of("voting_mode", "share_voting_on")
        mode = mode if mode is not None else policies["voting_mode"]
        voting_on = voting_on if voting_on is not None else policies["share_voting_on"]
    weight, rule = _weight_cases(mode)
    return _annotate_state(queryset, at, voting_on).annotate(weight=weight, weight_rule=rule)


def voting_roll(*, at: datetime | None = None) -> QuerySet[Member]:
    """Return every member whose weight is above zero, annotated with `weight` and `weight_rule`."""
    return with_voting_weight(Member.objects.select_related("user"), at=at).filter(weight__gt=0).order_by("pk")


def voting_weight(*, member: Member, at: datetime | None = None) -> VotingWeight:
    """Return the weight of `member` at `at` (now by default), the rule and a sentence explaining it."""
    policies = policy_values_of(*WEIGHT_POLICIES)
    row = (
        with_voting_weight(
            Member.objects.filter(pk=member.pk),
            at=at,
            mode=policies["voting_mode"],
            voting_on=policies["share_voting_on"],
        )
        .values(*ROW_FIELDS)
        .get()
    )
    return voting_weight_from(row, policies=policies)


def voting_weight_from(row, *, policies: dict) -> VotingWeight:
    """Return the weight read by `with_voting_weight` (`row`: a dict or an annotated member), under
    `policies`, the values of `WEIGHT_POLICIES` already read."""
    if not isinstance(row, dict):
        row = {name: getattr(row, name) for name in ROW_FIELDS}
    weight = Decimal(row["weight"]).quantize(Decimal("0.01"))
    explanation = _explain(policies["voting_mode"], row, provisional_days=policies["provisional_period_days"])
    if row.get("subscribed_at") and row["weight_rule"] in ("share", "gradual-provisional-shares"):
        explanation += " " + _(
            "%(subscribed)s of these shares are subscribed and not yet paid up; they vote because the policy "
            "number “Voting rights of subscribed shares” counts subscribed shares."
        ) % {"subscribed": row["subscribed_at"]}
    return VotingWeight(weight=weight, rule=row["weight_rule"], explanation=explanation)


RULE_LABELS = {
    "person": gettext_lazy("one person, one vote"),
    "share": gettext_lazy("one share, one vote"),
    "gradual-provisional-shares": gettext_lazy("a provisional owner votes with their shares"),
    "gradual-owner-person": gettext_lazy("an owner past the Provisional Period has one personal vote"),
}


def rule_label(rule: str) -> str:
    """Return the words for a weight rule code, as frozen on a voter roll."""
    return str(RULE_LABELS.get(rule, _("no voting rights")))


def _explain(mode: str, row: dict, *, provisional_days) -> str:
    rule, shares = row["weight_rule"], row["shares_at"]
    mode_label = str(dict(VotingMode.CHOICES)[mode])
    if rule.startswith("no-rights-"):
        status = row["status_at"]
        label = str(Member.Status(status).label) if status in Member.Status.values else _("not yet a member")
        return _(
            "Weight 0: a member who is %(status)s has no voting rights; only provisional owners and "
            "owners vote (voting mode: %(mode)s)."
        ) % {"status": label.lower(), "mode": mode_label}
    if rule == "person":
        return _("Weight 1: the voting mode is “%(mode)s”, so every provisional owner and owner has one vote.") % {
            "mode": mode_label
        }
    if rule == "share":
        return _("Weight %(shares)s: the voting mode is “%(mode)s” and this member holds %(shares)s shares.") % {
            "mode": mode_label,
            "shares": shares,
        }
    if rule == "gradual-provisional-shares":
        return _(
            "Weight %(shares)s: the voting mode is “%(mode)s”; during the Provisional Period of %(days)s days "
            "a provisional owner votes with their shares, and this member holds %(shares)s shares."
        ) % {"mode": mode_label, "shares": shares, "days": provisional_days}
    return _(
        "Weight 1: the voting mode is “%(mode)s”; this member has completed the Provisional Period and, "
        "as an owner, has one personal vote whatever their %(shares)s shares."
    ) % {"mode": mode_label, "shares": shares}
