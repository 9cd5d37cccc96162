"""What adopted motions do in other apps, registered by those apps.

Governance proposes, counts and certifies motions. A kind of motion whose outcome belongs to
another app (a pay band change, a surplus allocation: finance) is carried out by an `Outcome`
that app registers in its `AppConfig.ready()`. Governance asks the registry to check and record
the motion's terms when it is proposed, to say who has a conflict when it is certified, and to
apply or refuse it then; it never imports the app that owns the outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Outcome:
    """How one kind of motion is checked, recorded, shown and carried out by the app that owns it.

    - `clean(terms)` returns the checked terms or raises a ValidationError naming the term;
    - `record(motion=, terms=, actor=, reason=)` stores them once the motion is saved;
    - `apply(motion=, result=, basis=, actor=, reason=)` carries out an adopted motion;
    - `refuse(motion=, basis=, actor=, reason=)` follows a motion that was voted down;
    - `terms_of(motion)` returns the recorded terms, for the API and the motion page;
    - `describe(motion)` says in one sentence what the motion does;
    - `form_fields()` and `api_fields()` return the fields a proposal form and the API take;
    - `related` names what `select_related` follows to read the terms of a list of motions.
    """

    kind: str
    clean: Callable[[Mapping], dict]
    record: Callable[..., None]
    apply: Callable[..., None]
    terms_of: Callable[..., dict]
    describe: Callable[..., str]
    form_fields: Callable[[], dict]
    api_fields: Callable[[], dict]
    refuse: Callable[..., None] | None = None
    related: tuple[str, ...] = field(default_factory=tuple)


_outcomes: dict[str, Outcome] = {}
# Pairs (check, matches): `check(motion, user) -> str | None` says why `user` may not certify
# `motion`; `matches(user_id) -> Q` selects the motions the same rule keeps from them.
_conflicts: list[tuple[Callable, Callable | None]] = []


def register_outcome(outcome: Outcome) -> None:
    """Make `outcome` carry out motions of its kind; a kind has one owner."""
    owner = _outcomes.get(outcome.kind)
    if owner is not None and owner != outcome:
        raise ImproperlyConfigured(f"The outcome of {outcome.kind!r} motions is already registered.")
    _outcomes[outcome.kind] = outcome


def register_conflict(check: Callable, *, matches: Callable | None = None) -> None:
    """Add a conflict of interest rule: `check(motion, user)` returns why `user` may not certify;
    `matches(user_id)` returns a Q of the motions the rule keeps from them, so that the desk's
    list and count of results to certify agree with what certifying refuses."""
    if all(existing is not check for existing, _matches in _conflicts):
        _conflicts.append((check, matches))


def outcome_for(kind: str) -> Outcome | None:
    """Return the registered outcome of `kind`, or None when governance carries it out itself."""
    return _outcomes.get(kind)


def clean_terms(kind: str, terms: Mapping | None, *, builtin: bool) -> dict:
    """Check the terms a motion of `kind` is proposed with; a kind neither governance nor any
    app carries out, or a term the kind does not take, is refused naming the field."""
    terms = {k: v for k, v in (terms or {}).items() if v not in (None, "")}
    outcome = _outcomes.get(kind)
    if outcome is None:
        if not builtin:
            raise ValidationError({"kind": _("Nothing in this installation carries out this kind of motion.")})
        if terms:
            raise ValidationError({next(iter(terms)): _("This kind of motion takes no such term.")})
        return {}
    unknown = set(terms) - set(outcome.form_fields())
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This kind of motion takes no such term.")})
    return outcome.clean(terms)


def conflicts(motion, user) -> str | None:
    """Return the first registered reason why `user` may not certify `motion`, or None."""
    for check, _matches in _conflicts:
        reason = check(motion, user)
        if reason:
            return reason
    return None


def conflict_matches(user_id: int) -> Q:
    """Match the motions a registered rule keeps `user_id` from certifying (none when no rule
    says how to match them)."""
    match = Q(pk__in=[])
    for _check, matches in _conflicts:
        if matches is not None:
            match |= matches(user_id)
    return match


def form_fields() -> dict:
    """Every term any registered outcome takes, as form fields, for the proposal form."""
    return {name: f for outcome in _outcomes.values() for name, f in outcome.form_fields().items()}


def api_fields() -> dict:
    """Every term any registered outcome takes, as serializer fields, for the API."""
    return {name: f for outcome in _outcomes.values() for name, f in outcome.api_fields().items()}


def related() -> list[str]:
    """What `select_related` follows to read the terms of every registered kind in one query."""
    return [path for outcome in _outcomes.values() for path in outcome.related]


def terms_of(motion) -> dict:
    """The terms `motion` was proposed with, empty for a kind governance carries out itself."""
    outcome = _outcomes.get(motion.kind)
    return outcome.terms_of(motion) if outcome else {}


def describe(motion) -> str:
    """One sentence on what `motion` does when adopted, or "" for governance's own kinds."""
    outcome = _outcomes.get(motion.kind)
    return outcome.describe(motion) if outcome else ""
