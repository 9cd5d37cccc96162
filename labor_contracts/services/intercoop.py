"""Contracts between cooperatives. Cooperative A hires its owners out to cooperative B, a peer: A's
contract is an ordinary labor contract whose client is the peer, so its rules (the Board's approval,
the owners' percentage, the margin, the bonus suspension) hold unchanged. A's CEO offers it; the offer
travels as a signed message and B's installation mirrors it as an incoming contract, which B's CEO
accepts or declines; the answer travels back and moves A's contract on.

Only terms travel: title, scope, dates and the rate of each role, never who works or what they earn.
A handler (`*_receive`) runs in the inbox's transaction: a ValidationError refuses the message and
leaves nothing written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.money import MONEY
from coop.roles import Role, has_role
from federation.models import Peer
from federation.services import message_send

from ..models import IncomingContract, IncomingContractRate, LaborContract
from ..selectors.intercoop import ceo_now
from ._payloads import payload_day, payload_decimal, payload_reference, payload_refuse_unknown, payload_text
from .contracts import terms_agree

OFFER = "contracts.offer"
ACCEPTED = "contracts.accepted"
DECLINED = "contracts.declined"
OFFER_FIELDS = frozenset({"contract", "title", "scope", "starts_on", "ends_on", "rates"})
TEXT_LIMITS = {"title": 200, "scope": 10_000}
ROLE_LIMIT = 100


def require_ceo(actor, *, action: str) -> None:
    """Refuse `action` with PermissionDenied unless `actor` holds the CEO's office now."""
    ceo = ceo_now()
    if ceo is None or ceo.pk != getattr(actor, "pk", None) or not has_role(actor, Role.OPERATIONS):
        raise PermissionDenied(_("Only the CEO may %(action)s.") % {"action": action})


def _offer_payload(contract: LaborContract) -> dict:
    return {
        "contract": contract.pk,
        "title": contract.title,
        "scope": contract.scope,
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat(),
        "rates": [{"role": r.role, "hourly_rate": str(r.hourly_rate)} for r in contract.role_rates.order_by("role")],
    }


@transaction.atomic
def contract_offer(*, contract: LaborContract, actor, reason: str) -> LaborContract:
    """Offer a draft contract to the peer cooperative that is its client; the CEO only. Its terms are
    fixed under the Master Staffing Agreement in force and sent to the peer, whose CEO accepts or
    declines them. Refused: a client that is not an active peer, a contract not billed per role."""
    require_ceo(actor, action=_("offer a contract to a peer cooperative"))
    with acting(actor, reason):
        contract = (
            LaborContract.objects.select_for_update(of=("self",)).select_related("client__peer").get(pk=contract.pk)
        )
        peer = contract.client.peer
        if peer is None:
            raise ValidationError({"client": _("This contract's client is not a peer cooperative.")})
        if peer.status != Peer.Status.ACTIVE:
            raise ValidationError(
                {"client": _("%(peer)s is not an active peer: it receives no offer.") % {"peer": peer.name}}
            )
        if contract.billing_basis != LaborContract.BillingBasis.HOURLY_ROLE:
            raise ValidationError(
                {
                    "billing_basis": _(
                        "A contract with a peer cooperative is billed per role: rates per owner name owners."
                    )
                }
            )
        contract.transition_to(LaborContract.Status.OFFERED)
        terms_agree(contract)
        contract.offered_by = person(actor)
        contract.offered_at = timezone.now()
        contract.full_clean()
        contract.save()
        message_send(peer=peer, kind=OFFER, payload=_offer_payload(contract), actor=actor, reason=reason)
    return contract


def _rates(payload: dict) -> list[tuple[str, object]]:
    rates = payload.get("rates")
    if not isinstance(rates, list) or not rates:
        raise ValidationError({"rates": _("Give the hourly rate of at least one role.")})
    found = []
    for rate in rates:
        if not isinstance(rate, dict) or set(rate) != {"role", "hourly_rate"}:
            raise ValidationError({"rates": _("Each rate names a role and its hourly rate, nothing else.")})
        role = rate["role"]
        if not isinstance(role, str) or not role.strip() or len(role) > ROLE_LIMIT:
            raise ValidationError(
                {"rates": _("A role is a text of at most %(longest)s characters.") % {"longest": ROLE_LIMIT}}
            )
        found.append((role.strip(), payload_decimal(rate["hourly_rate"], "rates", **MONEY)))
    if len({role for role, _rate in found}) != len(found):
        raise ValidationError({"rates": _("Each role has one rate.")})
    return found


def offer_receive(peer: Peer, payload: dict) -> IncomingContract:
    """Record the contract a peer offers as an incoming contract waiting for the CEO, or its new terms
    after the CEO declined earlier ones. Handler of `contracts.offer`."""
    payload_refuse_unknown(payload, OFFER_FIELDS)
    reference = payload_reference(payload)
    terms = {
        "title": payload_text(payload, "title", TEXT_LIMITS["title"]),
        "scope": payload_text(payload, "scope", TEXT_LIMITS["scope"]),
        "starts_on": payload_day(payload, "starts_on"),
        "ends_on": payload_day(payload, "ends_on"),
    }
    rates = _rates(payload)
    contract = IncomingContract.objects.select_for_update().filter(peer=peer, remote_ref=reference).first()
    if contract is None:
        contract = IncomingContract(peer=peer, remote_ref=reference)
    else:
        if contract.status != IncomingContract.Status.DECLINED:
            raise ValidationError(
                {
                    "contract": _("This contract is already %(status)s here.")
                    % {"status": contract.get_status_display().lower()}
                }
            )
        contract.transition_to(IncomingContract.Status.OFFERED)
        contract.decided_by, contract.decided_at = None, None
        for old in contract.rates.all():
            old.delete()
    for name, value in terms.items():
        setattr(contract, name, value)
    contract.received_at = timezone.now()
    contract.full_clean()
    contract.save()
    for role, hourly_rate in rates:
        rate = IncomingContractRate(contract=contract, role=role, hourly_rate=hourly_rate)
        rate.full_clean()
        rate.save()
    return contract


def _decide(contract: IncomingContract, status: str, kind: str, *, actor, reason: str, action: str) -> IncomingContract:
    require_ceo(actor, action=action)
    with acting(actor, reason):
        contract = IncomingContract.objects.select_for_update().select_related("peer").get(pk=contract.pk)
        contract.transition_to(status)
        contract.decided_by = person(actor)
        contract.decided_at = timezone.now()
        contract.full_clean()
        contract.save()
        message_send(
            peer=contract.peer, kind=kind, payload={"contract": contract.remote_ref}, actor=actor, reason=reason
        )
    return contract


@transaction.atomic
def incoming_contract_accept(*, contract: IncomingContract, actor, reason: str) -> IncomingContract:
    """Accept a peer's offer; the CEO only. The peer is told, and its contract becomes negotiated."""
    return _decide(
        contract,
        IncomingContract.Status.ACCEPTED,
        ACCEPTED,
        actor=actor,
        reason=reason,
        action=_("accept a contract from a peer cooperative"),
    )


@transaction.atomic
def incoming_contract_decline(*, contract: IncomingContract, actor, reason: str) -> IncomingContract:
    """Decline a peer's offer; the CEO only. The peer is told, and may offer new terms."""
    return _decide(
        contract,
        IncomingContract.Status.DECLINED,
        DECLINED,
        actor=actor,
        reason=reason,
        action=_("decline a contract from a peer cooperative"),
    )


def _offered_contract(peer: Peer, payload: dict) -> LaborContract:
    payload_refuse_unknown(payload, frozenset({"contract"}))
    reference = payload_reference(payload)
    contract = LaborContract.objects.select_for_update().filter(pk=reference, client__peer=peer).first()
    if contract is None:
        raise ValidationError(
            {"contract": _("No contract of this installation was offered to this peer under that number.")}
        )
    if contract.status != LaborContract.Status.OFFERED:
        raise ValidationError(
            {
                "status": _("The contract is %(status)s, not waiting for an answer.")
                % {"status": contract.get_status_display().lower()}
            }
        )
    return contract


def accepted_receive(peer: Peer, payload: dict) -> LaborContract:
    """The peer's CEO accepted our offer: the contract is negotiated, by the CEO who offered it, and
    goes to the Board for approval as any other. Handler of `contracts.accepted`."""
    contract = _offered_contract(peer, payload)
    contract.transition_to(LaborContract.Status.NEGOTIATED)
    contract.negotiated_by = contract.offered_by
    contract.negotiated_at = timezone.now()
    contract.full_clean()
    contract.save()
    return contract


def declined_receive(peer: Peer, payload: dict) -> LaborContract:
    """The peer's CEO declined our offer: the contract is a draft again, to change and offer anew.
    Handler of `contracts.declined`."""
    contract = _offered_contract(peer, payload)
    contract.transition_to(LaborContract.Status.DRAFT)
    contract.full_clean()
    contract.save()
    return contract


HANDLERS = {OFFER: offer_receive, ACCEPTED: accepted_receive, DECLINED: declined_receive}
