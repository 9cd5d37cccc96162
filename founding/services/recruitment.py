"""Recruitment: the Board's questions, applications from the public page, invitations to sign up
through allauth, and the Board's review that makes an applicant a provisional owner."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.audit import acting, person
from coop.languages import language_of
from coop.queue import mail_send_on_commit
from coop.services_common import require_self
from membership import services as membership_services
from membership.models import Member

from ..models import Application, ApplicationAnswer, ApplicationQuestion, Invitation
from ._common import require_board

INVITATION_DAYS = 14
PUBLIC_REASON = gettext_lazy("Application on the public page")


def token_hash(token: str) -> str:
    """Return the SHA-256 of an invitation token: only the hash is stored, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def application_question_create(
    *, text: str, actor, reason: str, help_text: str = "", position: int = 1, required: bool = True
) -> ApplicationQuestion:
    """Add a question to the public application form."""
    require_board(actor, action=_("set the application questions"))
    with acting(actor, reason):
        question = ApplicationQuestion(
            text=(text or "").strip(), help_text=help_text, position=position, required=required
        )
        question.full_clean()
        question.save()
    return question


QUESTION_EDITABLE_FIELDS = frozenset({"text", "help_text", "position", "required", "active"})


@transaction.atomic
def application_question_update(*, question: ApplicationQuestion, actor, reason: str, **changes) -> ApplicationQuestion:
    """Reword, reorder or retire a question; answers already given keep pointing to it."""
    require_board(actor, action=_("set the application questions"))
    unknown = set(changes) - QUESTION_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with acting(actor, reason):
        question = ApplicationQuestion.objects.select_for_update().get(pk=question.pk)
        for name, value in changes.items():
            setattr(question, name, value)
        question.full_clean()
        question.save()
    return question


def _duplicate() -> ValidationError:
    return ValidationError(
        {"email": _("An application from this email address was already received; the Board will be in touch.")}
    )


@transaction.atomic
def application_submit(
    *,
    email: str,
    legal_name: str,
    answers: dict[int, str],
    actor=None,
    reason: str = PUBLIC_REASON,
    phone: str = "",
    language: str = "",
) -> Application:
    """Record an application from the public page. One per email address, whatever its case.
    Anyone may apply, signed in or not: that is what the public page is for."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address, such as name@example.org.")}) from None
    questions = list(ApplicationQuestion.objects.filter(active=True))
    for question in questions:
        if question.required and not (answers.get(question.pk) or "").strip():
            raise ValidationError({f"answer_{question.pk}": _("Answer this question: %(q)s") % {"q": question.text}})
    if Application.objects.filter(email__iexact=email).exists():
        raise _duplicate()
    with acting(actor, reason):
        application = Application(
            email=email, legal_name=(legal_name or "").strip(), phone=(phone or "").strip(), language=language
        )
        application.full_clean(validate_constraints=False)
        try:
            # A savepoint: two submissions at once meet the database's unique index, not a 500.
            with transaction.atomic():
                application.save()
        except IntegrityError:
            raise _duplicate() from None
        for question in questions:
            answer = ApplicationAnswer(
                application=application, question=question, text=(answers.get(question.pk) or "").strip()
            )
            answer.full_clean()
            answer.save()
    return application


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_invite(*, application: Application, base_url: str, actor, reason: str) -> tuple[Invitation, str]:
    """Email the applicant a sign-up link (valid for two weeks); return the invitation and its token.

    Sending again replaces nothing: each link works until used or expired."""
    require_board(actor, action=_("invite applicants"))
    token = secrets.token_urlsafe(32)
    with acting(actor, reason):
        application = _locked(application)
        if application.status == Application.Status.RECEIVED:
            application.transition_to(Application.Status.INVITED)
        elif application.status != Application.Status.INVITED:
            raise ValidationError(
                {
                    "status": _("Only a received or invited application gets a sign-up link; this one is %(status)s.")
                    % {"status": application.get_status_display()}
                }
            )
        application.reviewed_by = person(actor)
        application.full_clean()
        application.save()
        now = timezone.now()
        invitation = Invitation(
            application=application,
            email=application.email,
            token_hash=token_hash(token),
            sent_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        invitation.full_clean()
        invitation.save()
    link = base_url.rstrip("/") + reverse("founding:invitation", args=[token])
    # Written in the language the applicant applied in.
    with translation.override(language_of(application)):
        subject = _("Your invitation to join the cooperative")
        body = _(
            "Hello %(name)s,\n\nThe Board read your application and invites you to sign up:\n\n%(link)s\n\n"
            "The link works once, for %(days)s days. It fills in and confirms this email address."
        ) % {"name": application.legal_name, "link": link, "days": INVITATION_DAYS}
    recipient = application.email
    # The email leaves only once the invitation is committed.
    mail_send_on_commit([(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])])
    return invitation, token


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user, actor, reason: str):
    """Record the sign-up of an invited person: their application becomes an applicant in the register.
    Only the person signing up accepts their invitation."""
    require_self(actor, user, action=_("accept this invitation"))
    with acting(actor, reason):
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable():
            raise ValidationError({"invitation": _("This invitation was already used or has expired.")})
        if user.email.lower() != invitation.email.lower():
            raise ValidationError({"email": _("Sign up with the address the invitation was sent to.")})
        application = _locked(invitation.application)
        member = membership_services.member_apply(
            user=user, legal_name=application.legal_name, phone=application.phone, actor=actor, reason=reason
        )
        application.transition_to(Application.Status.APPLICANT)
        application.member = member
        application.full_clean()
        application.save()
        invitation.accepted_at, invitation.user = timezone.now(), user
        invitation.full_clean()
        invitation.save()
        if application.language and not user.language:
            # The language they applied in stays theirs until they choose another.
            user.language = application.language
            user.save(update_fields=["language"])
    return application


@transaction.atomic
def application_admit(*, application: Application, actor, reason: str) -> Application:
    """The Board admits a signed-up applicant: a provisional owner with the Member role."""
    require_board(actor, action=_("admit applicants"))
    with acting(actor, reason):
        application = _locked(application)
        application.transition_to(Application.Status.ADMITTED)
        membership_services.member_admit(member=application.member, actor=actor, reason=reason)
        application.reviewed_by = person(actor)
        application.full_clean()
        application.save()
    return application


@transaction.atomic
def application_decline(*, application: Application, actor, reason: str) -> Application:
    """The Board declines an application; an applicant already in the register departs."""
    require_board(actor, action=_("decline applications"))
    with acting(actor, reason):
        application = _locked(application)
        application.transition_to(Application.Status.DECLINED)
        if application.member is not None and application.member.status == Member.Status.APPLICANT:
            membership_services.member_depart(member=application.member, actor=actor, reason=reason)
        application.reviewed_by = person(actor)
        application.full_clean()
        application.save()
    # By email, not in the portal's inbox: someone declined may never have had an account, and one
    # who had keeps no portal to read it in. In the language they applied in; only once committed.
    with translation.override(language_of(application)):
        subject = _("Your application to join the cooperative")
        body = _(
            "Hello %(name)s,\n\nThe Board read your application and decided not to admit you.\n\n"
            "The Board's note: %(note)s"
        ) % {"name": application.legal_name, "note": reason}
    mail_send_on_commit([(subject, body, settings.DEFAULT_FROM_EMAIL, [application.email])])
    return application
