"""Writes of the core app. Every function takes the acting user and a reason, runs in one
transaction and leaves its trail in the history."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import documents, policy
from .audit import acting, person
from .languages import shipped
from .models import Cooperative, DocumentVersion, GoverningDocument, PolicyNumber, User
from .roles import Role
from .selectors import cooperative_current, document_template_values
from .services_common import require_role, require_self

COOPERATIVE_EDITABLE_FIELDS = frozenset(
    {"name", "mission", "jurisdiction", "unit", "currency_code", "founded_on", "default_language"}
)


@transaction.atomic
def cooperative_create(*, actor, reason: str, **fields) -> Cooperative:
    """Create the cooperative and store the founding defaults of every policy number.

    No actor is checked: it runs once, at the first setup, before anyone holds a role, and it is
    refused once a cooperative exists."""
    with acting(actor, reason):
        if Cooperative.objects.exists():
            raise ValidationError(_("This installation already runs a cooperative."))
        cooperative = Cooperative(**fields)
        cooperative.full_clean()
        cooperative.save()
        policy_numbers_initialize(actor=actor, reason=reason)
    return cooperative


@transaction.atomic
def cooperative_update(*, cooperative: Cooperative, actor, reason: str, **changes) -> Cooperative:
    """Change the cooperative's identity. Legal form and incorporation follow the startup
    sequence and are not changed here. The Board only."""
    require_role(actor, Role.BOARD, action=_("change the cooperative's identity"))
    unknown = set(changes) - COOPERATIVE_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with acting(actor, reason):
        cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        for name, value in changes.items():
            setattr(cooperative, name, value)
        cooperative.full_clean()
        cooperative.save()
    return cooperative


@transaction.atomic
def policy_numbers_initialize(*, actor, reason: str) -> list[PolicyNumber]:
    """Store the default of every policy number that has no value yet; leave the rest alone.
    The setup (`actor=None`) or the Board."""
    require_role(actor, Role.BOARD, action=_("store the policy numbers' defaults"), system=True)
    with acting(actor, reason):
        existing = set(PolicyNumber.objects.values_list("key", flat=True))
        created = []
        for key, d in policy.DEFINITIONS.items():
            if key in existing:
                continue
            number = PolicyNumber(
                key=key, value=d.normalise(d.default), adopted_at=timezone.now(), basis=_("Founding defaults")
            )
            number.full_clean()
            number.save()
            created.append(number)
    return created


@transaction.atomic
def role_grant(*, user: User, role: Role, actor, reason: str) -> User:
    """Give `user` the role `role` (its Django group).

    No door calls it: it runs only inside services that checked their actor first (admitting a
    member, naming conveners, installing an office term once the Secretary certified an election,
    whose certifier need not hold the Board role yet), so it checks no role itself."""
    with acting(actor, reason):
        user.groups.add(Group.objects.get(name=role.value))
        user._coop_roles = None
    return user


@transaction.atomic
def role_revoke(*, user: User, role: Role, actor, reason: str) -> User:
    """Take the role `role` away from `user`; the admin and API permissions go with it.

    Like `role_grant`, it runs only inside services that checked their actor first."""
    with acting(actor, reason):
        user.groups.remove(Group.objects.get(name=role.value))
        user._coop_roles = None
    return user


@transaction.atomic
def account_create(
    *, email: str, password: str | None, first_name: str = "", last_name: str = "", verified: bool, actor, reason: str
) -> User:
    """Create a login for a person. `verified` marks the email address as already confirmed
    (for accounts the Board creates for people it knows); otherwise allauth asks for it.
    The Board, or the setup (`actor=None`); people signing up get their account from allauth."""
    require_role(actor, Role.BOARD, action=_("create accounts for others"), system=True)
    email = User.objects.normalize_email(email).lower()
    with acting(actor, reason):
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("An account with this email address already exists.")})
        user = User(email=email, first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@transaction.atomic
def account_language_set(*, user: User, language: str, actor, reason: str) -> User:
    """Set the language `user` reads the platform in, their emails and notices included; an empty
    code follows their browser, then the cooperative's default. The person themselves only."""
    require_self(actor, user, action=_("choose the language of an account"))
    if language and not shipped(language):
        raise ValidationError(
            {
                "language": _("Choose one of the languages the platform ships: %(codes)s.")
                % {"codes": ", ".join(dict(settings.LANGUAGES))}
            }
        )
    with acting(actor, reason):
        user = User.objects.select_for_update().get(pk=user.pk)
        user.language = language
        user.save(update_fields=["language"])
    return user


# ---------------------------------------------------------------------------------------------
# Governing documents. A proposal changes nothing in force; only adoption does, and only
# governance adopts (when the General Conference passes the motion), or the installer of the
# shipped templates.
# ---------------------------------------------------------------------------------------------

# Written in the cooperative's language on the versions it installs.
TEMPLATE_BASIS = gettext_lazy("Template shipped with the platform")


@transaction.atomic
def document_create(
    *, kind: str, title: str, slug: str, adoption_threshold: str, actor, reason: str
) -> GoverningDocument:
    """Create a governing document with no text in force yet; its first version is proposed next.
    The Board, or the setup (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("create governing documents"), system=True)
    with acting(actor, reason):
        document = GoverningDocument(kind=kind, title=title, slug=slug, adoption_threshold=adoption_threshold)
        document.full_clean()
        document.save()
    return document


@transaction.atomic
def document_version_propose(
    *, document: GoverningDocument, text: str, summary: str, actor, reason: str
) -> DocumentVersion:
    """Write a new proposed version of `document`, numbered after the last one. The Board, or the
    setup (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("propose governing document versions"), system=True)
    with acting(actor, reason):
        # Locking the document serialises numbering between two proposals made at once.
        document = GoverningDocument.objects.select_for_update().get(pk=document.pk)
        text = (text or "").replace("\r\n", "\n").strip()
        if not text:
            raise ValidationError({"text": _("Write the text of the new version.")})
        current = document.current_version
        if current is not None and current.text.strip() == text:
            raise ValidationError({"text": _("This text is the same as the version in force; change something.")})
        last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = DocumentVersion(
            document=document,
            number=last + 1,
            text=text,
            summary=(summary or "").strip(),
            status=DocumentVersion.Status.PROPOSED,
            proposed_by=person(actor),
            proposed_at=timezone.now(),
        )
        version.full_clean()
        version.save()
    return version


@transaction.atomic
def document_version_adopt(*, version: DocumentVersion, basis: str, actor, reason: str) -> DocumentVersion:
    """Put `version` in force and supersede the version it replaces.

    Governance calls this when the General Conference adopts the amendment by motion (`basis`
    names the motion, e.g. "Motion #12"); no page or endpoint calls it directly, because a
    governing document changes by no path other than an adopted motion. The certification checked
    who acts (the Secretary, who may not hold the Board role yet), so no role is checked here.
    """
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": _("Name what adopted this version, such as the motion.")})
    with acting(actor, reason):
        GoverningDocument.objects.select_for_update().get(pk=version.document_id)
        version = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        version.transition_to(DocumentVersion.Status.ADOPTED)
        previous = (
            DocumentVersion.objects.select_for_update()
            .filter(document_id=version.document_id, status=DocumentVersion.Status.ADOPTED)
            .first()
        )
        if previous is not None:
            # Superseded first: the database holds at most one adopted version per document.
            previous.transition_to(DocumentVersion.Status.SUPERSEDED)
            previous.full_clean()
            previous.save()
        version.adopted_at = timezone.now()
        version.basis = basis
        version.full_clean()
        version.save()
    return version


def _version_close(*, version: DocumentVersion, status: str, actor, reason: str) -> DocumentVersion:
    with acting(actor, reason):
        version = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        version.transition_to(status)
        version.full_clean()
        version.save()
    return version


@transaction.atomic
def document_version_withdraw(*, version: DocumentVersion, actor, reason: str) -> DocumentVersion:
    """Take back a proposed version before any decision; it stays in the history. The Board only."""
    require_role(actor, Role.BOARD, action=_("withdraw proposed versions"))
    return _version_close(version=version, status=DocumentVersion.Status.WITHDRAWN, actor=actor, reason=reason)


@transaction.atomic
def document_version_reject(*, version: DocumentVersion, actor, reason: str) -> DocumentVersion:
    """Record that the vote did not adopt a proposed version. Governance calls it when the motion
    fails, after its certification checked who acts, so no role is checked here."""
    return _version_close(version=version, status=DocumentVersion.Status.REJECTED, actor=actor, reason=reason)


@transaction.atomic
def documents_install_templates(*, actor, reason: str) -> list[GoverningDocument]:
    """Install each shipped template not yet installed, as version 1 in force, filled in with
    the cooperative's data. Documents already present are left alone, so running it twice
    installs nothing the second time. Return the documents installed now. The Board, or the
    system (`actor=None`)."""
    require_role(actor, Role.BOARD, action=_("install the governing documents"), system=True)
    cooperative = cooperative_current()
    if cooperative is None:
        raise ValidationError(_("Create the cooperative before installing its documents."))
    installed = []
    # The documents are written in the cooperative's language, whoever installs them.
    with acting(actor, reason), translation.override(cooperative.default_language):
        values = document_template_values(cooperative)
        existing = set(GoverningDocument.objects.values_list("slug", flat=True))
        for template in documents.shipped_templates(cooperative.default_language):
            if template.slug in existing:
                continue
            document = document_create(
                kind=template.kind,
                title=str(template.title),
                slug=template.slug,
                adoption_threshold=template.adoption_threshold,
                actor=actor,
                reason=reason,
            )
            version = document_version_propose(
                document=document,
                text=documents.fill_placeholders(template.source(), values),
                summary=_("First version, from the template shipped with the platform."),
                actor=actor,
                reason=reason,
            )
            document_version_adopt(version=version, basis=str(TEMPLATE_BASIS), actor=actor, reason=reason)
            installed.append(document)
    return installed


@transaction.atomic
def cooperative_record_incorporation(
    *, cooperative: Cooperative, legal_form: str, incorporated_on, registration_number: str, actor, reason: str
) -> Cooperative:
    """Record that the Articles were filed: the club phase ends and labor contracts may be approved.
    The Board only."""
    require_role(actor, Role.BOARD, action=_("record the cooperative's incorporation"))
    if legal_form == Cooperative.LegalForm.CLUB or legal_form not in Cooperative.LegalForm.values:
        raise ValidationError({"legal_form": _("Choose the legal form the cooperative was incorporated as.")})
    if incorporated_on is None:
        raise ValidationError({"incorporated_on": _("Give the filing date of the Articles of Incorporation.")})
    if incorporated_on > timezone.localdate():
        raise ValidationError({"incorporated_on": _("The incorporation date cannot be in the future.")})
    registration_number = (registration_number or "").strip()
    if not registration_number:
        raise ValidationError({"registration_number": _("Give the registration number the state issued.")})
    with acting(actor, reason):
        cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        cooperative.legal_form = legal_form
        cooperative.incorporated_on = incorporated_on
        cooperative.registration_number = registration_number
        cooperative.full_clean()
        cooperative.save()
    return cooperative


@transaction.atomic
def policy_number_adopt(*, key: str, value, basis: str, actor, reason: str) -> PolicyNumber:
    """Set policy number `key` to `value`, naming in `basis` the motion that adopted it.

    Governance calls this when the Secretary certifies an adopted policy-change motion; no
    page or endpoint calls it directly, because a policy number changes by no other path. The
    certification checked who acts, so no role is checked here. The hooks apps registered with
    `policy.register_adoption_hook` then run in the same transaction.
    """
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": _("Name the motion that adopted this value.")})
    definition = policy.definition(key)
    with acting(actor, reason):
        number = PolicyNumber.objects.select_for_update().filter(key=key).first() or PolicyNumber(key=key)
        old_value = number.value if number.pk else definition.default
        number.value = definition.normalise(value)
        number.adopted_at = timezone.now()
        number.basis = basis
        number.full_clean()
        number.save()
        # What follows this number elsewhere (the dues schedule follows the dues amount) follows now.
        for hook in policy.adoption_hooks():
            hook(key=key, old_value=old_value, new_value=number.value, basis=basis, actor=actor, reason=reason)
    return number
