"""The policy numbers: the rules the General Conference fixes by vote.

Each number has a definition here (its kind, default and limits); its current value is a
`PolicyNumber` row. Values are stored as text and parsed on read, so decimals stay exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class PatronageConsent:
    """How a member consents to take a retained patronage allocation into income (Subchapter T)."""

    BYLAWS = "bylaws"  # by joining: the bylaws say membership is consent, so the notice is consented when issued
    SIGNED = "signed"  # each member consents on their own notice, in the portal

    CHOICES = [
        (BYLAWS, _("By the bylaws: membership is consent")),
        (SIGNED, _("Each member signs their own notice")),
    ]


class VotingMode:
    """How the General Conference weighs its votes."""

    PERSON = "person"  # one person, one vote, from the first day as provisional owner
    SHARE = "share"  # one share, one vote, for every owner
    GRADUAL = "gradual"  # one share one vote while provisional, one person one vote once an owner

    CHOICES = [
        (PERSON, _("One person, one vote")),
        (SHARE, _("One share, one vote")),
        (GRADUAL, _("Gradual: by shares while provisional, by person once an owner")),
    ]


class ShareVotingOn:
    """Which shares carry the voting rights the bylaws tie to shares."""

    PAID_UP = "paid_up"  # only shares issued, paid in full
    SUBSCRIBED = "subscribed"  # also shares subscribed by instalments and not yet paid up

    CHOICES = [
        (PAID_UP, _("Paid-up shares only")),
        (SUBSCRIBED, _("Subscribed shares too, paid up or not")),
    ]


@dataclass(frozen=True)
class PolicyDefinition:
    key: str
    label: str
    kind: str  # "decimal", "integer" or "choice"
    default: str
    help_text: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: list[tuple[str, str]] = field(default_factory=list)

    def parse(self, raw: str | int | Decimal):
        """Return the typed value of `raw`, or raise a ValidationError naming this number."""
        if isinstance(raw, float):
            raise ValidationError({self.key: _("Use an exact decimal, not a float.")})
        text = str(raw).strip()
        if self.kind == "choice":
            allowed = [value for value, _label in self.choices]
            if text not in allowed:
                raise ValidationError({self.key: _("Choose one of: %(allowed)s.") % {"allowed": ", ".join(allowed)}})
            return text
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError({self.key: _("Enter a number.")}) from None
        if not number.is_finite():
            raise ValidationError({self.key: _("Enter a finite number.")})
        if self.kind == "integer" and number != number.to_integral_value():
            raise ValidationError({self.key: _("Enter a whole number.")})
        if self.minimum is not None and number < self.minimum:
            raise ValidationError({self.key: _("Must be at least %(min)s.") % {"min": self.minimum}})
        if self.maximum is not None and number > self.maximum:
            raise ValidationError({self.key: _("Must be at most %(max)s.") % {"max": self.maximum}})
        return int(number) if self.kind == "integer" else number

    def normalise(self, raw) -> str:
        """Return the canonical text stored for `raw`."""
        return str(self.parse(raw))


def _decimal(key, label, default, help_text="", minimum="0", maximum=None):
    return PolicyDefinition(
        key,
        label,
        "decimal",
        default,
        help_text,
        Decimal(minimum) if minimum is not None else None,
        Decimal(maximum) if maximum is not None else None,
    )


def _integer(key, label, default, help_text="", minimum="0", maximum=None):
    return PolicyDefinition(
        key,
        label,
        "integer",
        default,
        help_text,
        Decimal(minimum) if minimum is not None else None,
        Decimal(maximum) if maximum is not None else None,
    )


DEFINITIONS: dict[str, PolicyDefinition] = {
    d.key: d
    for d in [
        PolicyDefinition(
            "voting_mode",
            _("Voting mode"),
            "choice",
            VotingMode.GRADUAL,
            _("How votes in the General Conference are weighted."),
            choices=VotingMode.CHOICES,
        ),
        _integer(
            "provisional_period_days",
            _("Provisional Period (days)"),
            "180",
            _("How long a new owner stays provisional before full rights."),
        ),
        _decimal(
            "share_par_value",
            _("Share par value"),
            "100.00",
            _("The price at which the cooperative issues and redeems one share."),
            minimum="0.01",
        ),
        PolicyDefinition(
            "share_voting_on",
            _("Voting rights of subscribed shares"),
            "choice",
            ShareVotingOn.PAID_UP,
            _(
                "Whether a share subscribed by instalments and not yet paid up counts toward the voting weight, "
                "or only paid-up shares do."
            ),
            choices=ShareVotingOn.CHOICES,
        ),
        _integer(
            "share_cap_count",
            _("Share cap (count)"),
            "50",
            _("The most shares one owner may hold; 0 means no count cap."),
        ),
        _decimal(
            "share_cap_percent",
            _("Share cap (% of outstanding)"),
            "10",
            _("The largest share of all outstanding shares one owner may hold; 0 means no cap."),
            maximum="100",
        ),
        _decimal(
            "dues_amount",
            _("Club-phase dues per period"),
            "25.00",
            _("What each member pays per dues period before incorporation."),
        ),
        _integer("dues_period_days", _("Dues period (days)"), "30", minimum="1"),
        _decimal(
            "owner_contract_percent",
            _("Owners' share of labor-contract value (%)"),
            "70",
            _("The percentage of a labor contract's value paid to the owner who does the work."),
            maximum="100",
        ),
        _decimal("president_bonus_payroll_percent", _("President's bonus: % of payroll growth"), "1", maximum="100"),
        _decimal(
            "president_bonus_equity_percent", _("President's bonus: % of member equity growth"), "1", maximum="100"
        ),
        _decimal("ceo_bonus_surplus_percent", _("CEO's bonus: % of business surplus"), "2", maximum="100"),
        _decimal(
            "quorum_percent",
            _("Quorum (% of eligible weight)"),
            "50",
            _("How much of the eligible voting weight must take part for a vote to count."),
            maximum="100",
        ),
        _decimal(
            "majority_percent",
            _("Simple majority threshold (%)"),
            "50",
            _("A motion passes when its yes weight exceeds this share of the weight cast."),
            maximum="100",
        ),
        _decimal(
            "amendment_threshold_percent",
            _("Amendment threshold (%)"),
            "66.67",
            _("The yes share needed to amend the Articles or the Bylaws."),
            maximum="100",
        ),
        _integer(
            "secret_ballot_minimum_voters",
            _("Secret ballot: minimum eligible voters"),
            "5",
            _("A secret vote with fewer eligible voters refuses to open."),
            minimum="2",
        ),
        _integer("proxy_limit", _("Proxies one owner may carry"), "2"),
        _integer(
            "general_conference_notice_days",
            _("Notice of a General Conference (days)"),
            "10",
            _("The fewest days between calling a General Conference meeting and its start."),
        ),
        _integer(
            "board_meeting_notice_days",
            _("Notice of a Board or Operations meeting (days)"),
            "2",
            _("The fewest days between calling a meeting of the Board or of Operations and its start."),
        ),
        _decimal(
            "meeting_petition_percent",
            _("Petition for a special General Conference (% of owners)"),
            "10",
            _("The share of the owners on the voting roll whose signatures call a special General Conference."),
            minimum="0.01",
            maximum="100",
        ),
        _decimal(
            "patronage_cash_percent",
            _("Patronage dividends: least share paid in cash (%)"),
            "20",
            _(
                "The smallest part of each member's patronage dividend that is paid in cash; the rest is retained "
                "in the member's capital account."
            ),
            maximum="100",
        ),
        PolicyDefinition(
            "patronage_consent",
            _("Patronage dividends: how members consent to retained allocations"),
            "choice",
            PatronageConsent.BYLAWS,
            _("Whether membership itself is consent, as the bylaws may say, or each member signs their notice."),
            choices=PatronageConsent.CHOICES,
        ),
        _integer(
            "patronage_hours_percent",
            _("Patronage dividends: share measured by hours worked (%)"),
            "100",
            _(
                "Each member's patronage is measured this much by the hours they worked in the period and the "
                "rest by the pay they earned: 100 by hours alone, 0 by pay alone."
            ),
            maximum="100",
        ),
        _integer(
            "patronage_cash_days",
            _("Patronage dividends: days to pay the cash part"),
            "255",
            _(
                "How many days after the fiscal period ends the cash part of the patronage dividends must be paid "
                "(8½ months is about 255 days)."
            ),
            minimum="1",
        ),
        _integer(
            "capital_revolving_years",
            _("Revolving fund: years before a retained allocation is redeemed"),
            "5",
            _("The retained allocations of year N are paid out to the members in year N plus this many years."),
        ),
        _integer(
            "capital_departure_days",
            _("Departure: days to pay out a departed member's retained allocations"),
            "365",
            _("A member who departs is paid their retained allocations within this many days of the departure."),
        ),
        _integer(
            "recruitment_target",
            _("Recruitment target (members)"),
            "10",
            _("How many members the cooperative recruits before its founding election."),
            minimum="1",
        ),
    ]
}


def definition(key: str) -> PolicyDefinition:
    """Return the definition of policy number `key`, or raise a ValidationError."""
    try:
        return DEFINITIONS[key]
    except KeyError:
        raise ValidationError({"key": _("Unknown policy number: %(key)s.") % {"key": key}}) from None


def find(text: str) -> PolicyDefinition:
    """Return the policy number named by `text`: its label as people read it (any case), or its key.

    Raise a ValidationError naming `policy_key` that lists the labels when nothing matches."""
    wanted = " ".join(str(text or "").split()).casefold()
    for definition_ in DEFINITIONS.values():
        if wanted in {definition_.key.casefold(), str(definition_.label).casefold()}:
            return definition_
    raise ValidationError(
        {
            "policy_key": _("No policy number is called “%(text)s”. Choose one of: %(labels)s.")
            % {"text": text, "labels": "; ".join(str(d.label) for d in DEFINITIONS.values())}
        }
    )


def choices() -> list[tuple[str, str]]:
    """Every policy number as (key, label), in the order the definitions list them, for a select."""
    return [(d.key, str(d.label)) for d in DEFINITIONS.values()]


# Callables `hook(key=, old_value=, new_value=, basis=, actor=, reason=)` run when a policy number
# is adopted, inside the adopting transaction. An app whose records follow a policy number (the
# dues schedule follows the dues amount) registers one in its `AppConfig.ready()`.
_adoption_hooks: list[Callable[..., None]] = []


def register_adoption_hook(hook: Callable[..., None]) -> None:
    """Run `hook` after every adoption of a policy number, in the adopting transaction."""
    if hook not in _adoption_hooks:
        _adoption_hooks.append(hook)


def adoption_hooks() -> list[Callable[..., None]]:
    """The registered adoption hooks, in the order they were registered."""
    return list(_adoption_hooks)
