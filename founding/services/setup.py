"""The first run: the cooperative, its bodies, its documents to adopt and the conveners' accounts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from coop import documents
from coop import services as coop_services
from coop.audit import acting
from coop.models import Cooperative, GoverningDocument
from coop.roles import Role
from coop.selectors import cooperative_current, document_template_values
from coop.services_common import require_role
from governance import services as governance_services
from membership import services as membership_services

from ..models import SetupToken
from .conveners import convenership_grant

# Documents the founding General Conference adopts by vote: installed as proposals, not in force.
ADOPTED_AT_FOUNDING = {GoverningDocument.Kind.BYLAWS, GoverningDocument.Kind.BUSINESS_PLAN}


@dataclass(frozen=True)
class ConvenerSpec:
    email: str
    first_name: str = ""
    last_name: str = ""
    password: str | None = None


def _already_run() -> ValidationError:
    return ValidationError(
        {
            "setup": _(
                "Setup has already run: this installation runs a cooperative. "
                "Conveners and officers continue from the portal."
            )
        }
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def setup_token_issue() -> str:
    """Issue a new setup token, replacing any earlier one, and return it.

    Only its digest is stored: the caller shows the token on the server's console and nowhere
    else. Refused once a cooperative exists, since setup then runs no more."""
    if Cooperative.objects.exists():
        raise _already_run()
    SetupToken.objects.all().delete()
    token = secrets.token_urlsafe(32)
    SetupToken.objects.create(digest=_digest(token))
    return token


@transaction.atomic
def setup_token_ensure() -> str | None:
    """Issue a setup token if the installation needs one and has none; return it, or None.

    A token already waiting is not shown again (only its digest is kept): the operator issues a
    new one with `manage.py setup_token`."""
    if Cooperative.objects.exists() or SetupToken.objects.exists():
        return None
    return setup_token_issue()


def _setup_token_spend(token: str) -> None:
    """Check `token` against the stored digest in constant time and spend it, or refuse naming
    the `token` field. Spending deletes the row, so of two requests with one token only one
    goes through."""
    stored = SetupToken.objects.values_list("digest", flat=True).first() or ""
    matches = bool(token) and bool(stored) and hmac.compare_digest(_digest(token), stored)
    spent = matches and SetupToken.objects.filter(digest=stored).delete()[0] == 1
    if not spent:
        raise ValidationError(
            {
                "token": _(
                    "This is not the setup token. The person running the server finds it on the "
                    "server's console, or prints a new one with “python manage.py setup_token”."
                )
            }
        )


@transaction.atomic
def cooperative_setup_with_token(*, token: str, **setup) -> Cooperative:
    """The first setup from the web: `cooperative_setup` once the one-time setup token, which only
    the person running the server can see, is shown. A wrong or missing token writes nothing."""
    if Cooperative.objects.exists():
        raise _already_run()
    _setup_token_spend(token)
    return cooperative_setup(**setup)


def _check_conveners(conveners: list[ConvenerSpec]) -> None:
    if not conveners:
        raise ValidationError({"conveners": _("Name at least one convener: the people who start the cooperative.")})
    seen = set()
    for spec in conveners:
        try:
            validate_email(spec.email)
        except ValidationError:
            raise ValidationError(
                {"conveners": _("“%(email)s” is not a valid email address.") % {"email": spec.email}}
            ) from None
        if spec.email.lower() in seen:
            raise ValidationError({"conveners": _("%(email)s is named twice.") % {"email": spec.email}})
        seen.add(spec.email.lower())


@transaction.atomic
def founding_documents_prepare(*, actor, reason: str) -> list[GoverningDocument]:
    """Install each shipped template not yet present. The Bylaws and the Business Plan are only
    proposed (the founding General Conference adopts them by vote); the others are put in force as
    the platform's templates, to be amended by vote. Running it twice installs nothing more.
    The first setup (`actor=None`) or the Board."""
    require_role(actor, Role.BOARD, action=_("install the governing documents"), system=True)
    cooperative = cooperative_current()
    installed = []
    # The documents are written in the cooperative's language, whoever installs them.
    with acting(actor, reason), translation.override(cooperative.default_language):
        values = document_template_values(cooperative)
        existing = set(GoverningDocument.objects.values_list("slug", flat=True))
        for template in documents.shipped_templates(cooperative.default_language):
            if template.slug in existing:
                continue
            document = coop_services.document_create(
                kind=template.kind,
                title=str(template.title),
                slug=template.slug,
                adoption_threshold=template.adoption_threshold,
                actor=actor,
                reason=reason,
            )
            version = coop_services.document_version_propose(
                document=document,
                text=documents.fill_placeholders(template.source(), values),
                summary=_("First version, from the template shipped with the platform."),
                actor=actor,
                reason=reason,
            )
            if template.kind not in ADOPTED_AT_FOUNDING:
                coop_services.document_version_adopt(
                    version=version, basis=str(coop_services.TEMPLATE_BASIS), actor=actor, reason=reason
                )
            installed.append(document)
    return installed


@transaction.atomic
def cooperative_setup(
    *,
    name: str,
    jurisdiction: str,
    unit: str,
    conveners: list[ConvenerSpec],
    actor,
    reason: str,
    currency_code: str = "USD",
    mission: str = "",
    default_language: str = "",
) -> Cooperative:
    """Run the first setup: create the cooperative, its bodies and offices, its governing documents
    and one account per convener, each an admitted member with temporary Board powers.

    For the server's operator (the `setup_cooperative` command); the web page goes through
    `cooperative_setup_with_token`. Refused, writing nothing, once a cooperative exists."""
    if Cooperative.objects.exists():
        raise _already_run()
    _check_conveners(conveners)
    # What setup names (bodies, offices, documents, the founding basis) is named in the cooperative's language.
    with translation.override(default_language or settings.LANGUAGE_CODE):
        return _cooperative_setup(
            name=name,
            jurisdiction=jurisdiction,
            unit=unit,
            conveners=conveners,
            actor=actor,
            reason=reason,
            currency_code=currency_code,
            mission=mission,
            default_language=default_language,
        )


def _cooperative_setup(
    *, name, jurisdiction, unit, conveners, actor, reason, currency_code, mission, default_language
) -> Cooperative:
    cooperative = coop_services.cooperative_create(
        actor=actor,
        reason=reason,
        name=(name or "").strip(),
        jurisdiction=(jurisdiction or "").strip(),
        unit=unit,
        currency_code=(currency_code or "USD").strip().upper(),
        mission=(mission or "").strip(),
        default_language=default_language or settings.LANGUAGE_CODE,
    )
    governance_services.bodies_ensure(actor=actor, reason=reason)
    founding_documents_prepare(actor=actor, reason=reason)
    for spec in conveners:
        user = coop_services.account_create(
            email=spec.email,
            password=spec.password or None,
            first_name=spec.first_name.strip(),
            last_name=spec.last_name.strip(),
            verified=True,
            actor=actor,
            reason=reason,
        )
        # Conveners are the first members: they vote in the founding General Conference.
        legal_name = user.get_full_name() or user.email
        member = membership_services.member_apply(user=user, legal_name=legal_name, actor=actor, reason=reason)
        membership_services.member_admit(member=member, actor=actor, reason=reason)
        convenership_grant(user=user, actor=actor, reason=reason)
    # Whichever door ran setup, a token still waiting opens nothing any more.
    SetupToken.objects.all().delete()
    return cooperative
