"""Writes for clients and their contacts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.models import User
from coop.roles import Role
from coop.services_common import require_role
from federation.models import Peer

from ..models import Client, ClientContact

CLIENT_FIELDS = frozenset(
    {"name", "legal_name", "registration_number", "billing_address", "notes", "is_active", "peer"}
)
CONTACT_FIELDS = frozenset({"name", "title", "email", "phone"})


def _reject_unknown(fields: dict, allowed: frozenset) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in sorted(unknown)})


def _check_peer(client: Client, changes: dict) -> None:
    if "peer" not in changes:
        return
    peer = changes["peer"]
    if peer is not None and peer.status in (Peer.Status.PROPOSED, Peer.Status.REMOVED):
        raise ValidationError(
            {"peer": _("Only a peer the Board approved, and did not remove, is a client cooperative.")}
        )
    if client.pk is not None and client.peer_id != getattr(peer, "pk", None) and client.contracts.exists():
        # Its contracts were offered, or negotiated, as the client it was: that does not change.
        raise ValidationError({"peer": _("A client with contracts keeps the peer cooperative it is, or is not.")})


@transaction.atomic
def client_create(*, actor, reason: str, **fields) -> Client:
    """Record a business the cooperative hires its owners out to."""
    require_role(actor, Role.OPERATIONS, action=_("record clients"))
    _reject_unknown(fields, CLIENT_FIELDS)
    _check_peer(Client(), fields)
    with acting(actor, reason):
        client = Client(**fields)
        client.full_clean()
        client.save()
    return client


@transaction.atomic
def client_update(*, client: Client, actor, reason: str, **changes) -> Client:
    """Change a client's known fields; only Operations changes clients."""
    require_role(actor, Role.OPERATIONS, action=_("change clients"))
    _reject_unknown(changes, CLIENT_FIELDS)
    with acting(actor, reason):
        client = Client.objects.select_for_update().get(pk=client.pk)
        _check_peer(client, changes)
        for name, value in changes.items():
            setattr(client, name, value)
        client.full_clean()
        client.save()
    return client


def _check_contact_email(email: str) -> None:
    # A client is never a member: its people are outsiders, not accounts of the cooperative.
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This address belongs to an account of the cooperative; a client's contact is never a member.")}
        )


@transaction.atomic
def client_contact_add(*, client: Client, actor, reason: str, **fields) -> ClientContact:
    """Record a contact person at a client, never a member's address; only Operations does."""
    require_role(actor, Role.OPERATIONS, action=_("record client contacts"))
    _reject_unknown(fields, CONTACT_FIELDS)
    _check_contact_email(fields.get("email", ""))
    with acting(actor, reason):
        contact = ClientContact(client=client, **fields)
        contact.full_clean()
        contact.save()
    return contact


@transaction.atomic
def client_contact_update(*, contact: ClientContact, actor, reason: str, **changes) -> ClientContact:
    """Change a client contact's known fields, never to a member's address; only Operations does."""
    require_role(actor, Role.OPERATIONS, action=_("change client contacts"))
    _reject_unknown(changes, CONTACT_FIELDS)
    if "email" in changes:
        _check_contact_email(changes["email"])
    with acting(actor, reason):
        contact = ClientContact.objects.select_for_update().get(pk=contact.pk)
        for name, value in changes.items():
            setattr(contact, name, value)
        contact.full_clean()
        contact.save()
    return contact
