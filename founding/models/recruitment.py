"""Recruitment: the questions the Board asks, the applications people send and the invitations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.models import language_supported
from coop.transitions import TransitionsMixin


class ApplicationQuestion(models.Model):
    """A question the Board asks on the public application form."""

    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    required = models.BooleanField(_("answer required"), default=True)
    active = models.BooleanField(_("asked on the form"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("application question")
        verbose_name_plural = _("application questions")
        constraints = [models.UniqueConstraint(fields=["text"], name="application_question_text_unique")]

    def __str__(self) -> str:
        return self.text


class Application(TransitionsMixin, models.Model):
    """Someone who asked to join, on the public page. One application per email address."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, awaiting the Board's review")  # nobody has acted yet
        INVITED = "invited", _("Invited to sign up")  # the Board sent a sign-up link
        APPLICANT = "applicant", _("Signed up: an applicant in the register")  # a membership exists
        ADMITTED = "admitted", _("Admitted as a provisional owner")  # the Board admitted; final
        DECLINED = "declined", _("Declined")  # the Board said no; final

    TRANSITIONS = {
        Status.RECEIVED: {Status.INVITED, Status.DECLINED},
        Status.INVITED: {Status.APPLICANT, Status.DECLINED},
        Status.APPLICANT: {Status.ADMITTED, Status.DECLINED},
    }

    email = models.EmailField(_("email address"))
    legal_name = models.CharField(_("legal name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        validators=[language_supported],
        help_text=_("The language the applicant applied in: their invitation is written in it."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last reviewed by"),
    )
    member = models.OneToOneField(
        "membership.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("membership"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            # Case-blind: "Ana@X.org" and "ana@x.org" are one person's address.
            models.UniqueConstraint(
                Lower("email"),
                name="one_application_per_email",
                violation_error_message=_("An application from this email address exists."),
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(status__in=["applicant", "admitted", "declined"]),
                name="application_member_only_after_sign_up",
                violation_error_message=_(
                    "An application is linked to a member only once the applicant has signed up."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legal_name} <{self.email}>"


class ApplicationAnswer(models.Model):
    """The applicant's answer to one of the Board's questions."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers", verbose_name=_("application")
    )
    question = models.ForeignKey(
        ApplicationQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("answer"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question__position", "pk"]
        verbose_name = _("application answer")
        verbose_name_plural = _("application answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"


class Invitation(models.Model):
    """A sign-up link sent by email. Only a hash of its token is stored."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("application")
    )
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("token hash"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account created"),
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("sent_at")),
                name="invitation_expires_later",
                violation_error_message=_("An invitation must expire after it is sent."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, user__isnull=True)
                | Q(accepted_at__isnull=False, user__isnull=False),
                name="invitation_acceptance_is_complete",
                violation_error_message=_("An accepted invitation records both who accepted it and when."),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def is_usable(self, at=None) -> bool:
        return self.accepted_at is None and (at or timezone.now()) < self.expires_at
