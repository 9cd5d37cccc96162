"""Reads of the core app: the cooperative, its policy numbers, the people in each role and the
governing documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _

from . import policy
from .documents import Redline, redline
from .models import Cooperative, DocumentVersion, GoverningDocument, OutboxMessage, PolicyNumber, User
from .numbers import plain_number
from .roles import Role


def cooperative_current() -> Cooperative | None:
    """Return the cooperative this installation runs, or None before setup."""
    return Cooperative.objects.first()


def policy_numbers() -> QuerySet[PolicyNumber]:
    """Return every policy number, the values in force."""
    return PolicyNumber.objects.all()


def policy_values() -> dict[str, object]:
    """Return every policy number's typed value, defaults filling any not yet stored."""
    values = {key: d.parse(d.default) for key, d in policy.DEFINITIONS.items()}
    for number in PolicyNumber.objects.all():
        values[number.key] = number.typed_value
    return values


def policy_values_of(*keys: str) -> dict[str, object]:
    """Return the typed values of the policy numbers `keys`, read in one query (defaults for any not stored)."""
    definitions = {key: policy.definition(key) for key in keys}
    values = {key: d.parse(d.default) for key, d in definitions.items()}
    for key, raw in PolicyNumber.objects.filter(key__in=keys).values_list("key", "value"):
        values[key] = definitions[key].parse(raw)
    return values


def policy_values_as_subqueries(*keys: str) -> dict[str, Subquery]:
    """Return, for each policy number of `keys`, its stored text as a subquery, so that a page can
    read the numbers it needs in a query it already runs (`policy_values_from` types them)."""
    return {_policy_alias(key): Subquery(PolicyNumber.objects.filter(key=key).values("value")[:1]) for key in keys}


def policy_values_from(row: dict, *keys: str) -> dict[str, object]:
    """Return the typed values of the policy numbers `keys` read by `policy_values_as_subqueries`
    into `row` (defaults for any not stored), as `policy_values_of` would return them."""
    values = {}
    for key in keys:
        definition = policy.definition(key)
        raw = row[_policy_alias(key)]
        values[key] = definition.parse(definition.default if raw is None else raw)
    return values


def _policy_alias(key: str) -> str:
    return f"policy_{key}"


def policy_value(key: str):
    """Return the typed value of one policy number (its default if none is stored)."""
    return policy_values_of(key)[key]


def users_with_role(role: Role) -> QuerySet[User]:
    """Return the active accounts that hold `role`."""
    return User.objects.filter(groups__name=role.value, is_active=True)


# ---------------------------------------------------------------------------------------------
# Governing documents
# ---------------------------------------------------------------------------------------------


def documents_with_current() -> QuerySet[GoverningDocument]:
    """Return every governing document with its version in force prefetched (`current_version`)."""
    in_force = DocumentVersion.objects.filter(status=DocumentVersion.Status.ADOPTED)
    return GoverningDocument.objects.prefetch_related(
        Prefetch("versions", queryset=in_force, to_attr="adopted_versions")
    )


def documents_with_current_number() -> QuerySet[GoverningDocument]:
    """Return every governing document annotated with `current_number`, the number of its version
    in force (None when none is adopted), in one query."""
    in_force = DocumentVersion.objects.filter(document=OuterRef("pk"), status=DocumentVersion.Status.ADOPTED)
    return GoverningDocument.objects.annotate(current_number=Subquery(in_force.values("number")[:1]))


def document_versions(*, document: GoverningDocument | None = None) -> QuerySet[DocumentVersion]:
    """Return versions, newest first, with their document and proposer joined."""
    versions = DocumentVersion.objects.select_related("document", "proposed_by")
    if document is not None:
        versions = versions.filter(document=document)
    return versions.order_by("document__title", "-number")


def document_version_get(*, document: GoverningDocument, number, field: str = "version") -> DocumentVersion:
    """Return version `number` of `document`, or raise a ValidationError naming `field`."""
    try:
        return document_versions(document=document).get(number=int(number))
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give a version number.")}) from None
    except DocumentVersion.DoesNotExist:
        raise ValidationError(
            {field: _("%(document)s has no version %(number)s.") % {"document": document, "number": number}}
        ) from None


def document_redline(
    *, document: GoverningDocument, from_number, to_number
) -> tuple[DocumentVersion, DocumentVersion, Redline]:
    """Return the two versions of `document` and the redline from the first to the second."""
    old = document_version_get(document=document, number=from_number, field="from")
    new = document_version_get(document=document, number=to_number, field="to")
    return old, new, redline(old.text, new.text)


def document_template_values(cooperative: Cooperative) -> dict[str, str]:
    """Return what a shipped template may name: the cooperative's identity and its policy numbers,
    the numbers written as the active language writes them ("66.67", "66,67")."""
    values = policy_values()
    voting_modes = dict(policy.VotingMode.CHOICES)
    return {
        "cooperative_name": cooperative.name,
        "jurisdiction": cooperative.jurisdiction,
        "mission": cooperative.mission or _("[mission statement to be adopted]"),
        "unit": str(cooperative.unit_label),
        "par_value": cooperative.format_amount(values["share_par_value"]),
        "share_cap_count": plain_number(values["share_cap_count"]),
        "share_cap_percent": plain_number(values["share_cap_percent"]),
        "voting_mode": str(voting_modes[values["voting_mode"]]),
        "provisional_period_days": plain_number(values["provisional_period_days"]),
        "dues_amount": cooperative.format_amount(values["dues_amount"]),
        "dues_period_days": plain_number(values["dues_period_days"]),
        "owner_contract_percent": plain_number(values["owner_contract_percent"]),
        "president_bonus_payroll_percent": plain_number(values["president_bonus_payroll_percent"]),
        "president_bonus_equity_percent": plain_number(values["president_bonus_equity_percent"]),
        "ceo_bonus_surplus_percent": plain_number(values["ceo_bonus_surplus_percent"]),
        "quorum_percent": plain_number(values["quorum_percent"]),
        "majority_percent": plain_number(values["majority_percent"]),
        "amendment_threshold_percent": plain_number(values["amendment_threshold_percent"]),
        "secret_ballot_minimum_voters": plain_number(values["secret_ballot_minimum_voters"]),
        "proxy_limit": plain_number(values["proxy_limit"]),
        "recruitment_target": plain_number(values["recruitment_target"]),
    }


def outbox_waiting() -> int:
    """Return how many outbox messages wait to be handed to the task broker."""
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
