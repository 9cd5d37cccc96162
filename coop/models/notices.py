"""Notices: what the platform tells a person (a vote opens, a payslip is posted), kept in their inbox
and emailed at once, in a daily or weekly digest, or not at all, as they chose for each kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class NoticeKind(models.TextChoices):
    VOTE_OPENED = "vote_opened", _("A vote opens")  # the roll of a motion, when it opens
    VOTE_CLOSING = "vote_closing", _("A vote closes soon")  # those on the roll who have not voted yet
    VOTE_CERTIFIED = "vote_certified", _("A result is certified")  # the roll, once the Secretary certifies
    MEETING_CALLED = "meeting_called", _("A meeting is called")  # the body's members
    REVIEW_CYCLE_OPENED = "review_cycle_opened", _("A review cycle opens")  # the cycle's team
    PAYSLIP_POSTED = "payslip_posted", _("A payslip is posted")  # the person paid
    ALLOCATION_NOTICE = "allocation_notice", _("A notice of allocation is issued")  # each member allocated
    SHARE_REQUEST_DECIDED = "share_request_decided", _("A share request is decided")  # the member who asked
    APPLICATION_DECIDED = "application_decided", _("An application is decided")  # the applicant
    DUES_DUE = "dues_due", _("Dues are due")  # a member in arrears
    MEDIATION = "mediation", _("A mediation needs you")  # the parties and the mediator
    DESK_ITEM = "desk_item", _("A decision waits on your desk")  # the officers who hold it
    PETITION_REACHED = "petition_reached", _("A petition you signed has enough signatures")  # its signers
    TRUSTEE = "trustee", _("An encrypted vote needs you as its trustee")  # a trustee on the platform


class NoticeDelivery(models.TextChoices):
    AT_ONCE = "at_once", _("Email at once")  # one email per notice, as it happens
    DAILY = "daily", _("Daily digest")  # one email a day with the notices not yet emailed
    WEEKLY = "weekly", _("Weekly digest")  # one email a week
    OFF = "off", _("Inbox only")  # no email: the notice waits in the portal's inbox


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        return self.filter(emailed_at__isnull=True)


class Notice(models.Model):
    """One notice to one person, with the link where they act on it. Written in their language when
    it is sent; emailed as their preference for its kind said at that moment."""

    HISTORY_EXEMPT_REASON = (
        "A message to one person, written once and only read: its sending is traced by the record it "
        "tells of, and a history row per notice would double a roll of 100,000."
    )

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True, help_text=_("The page where you act on it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    delivery = models.CharField(_("delivery"), max_length=10, choices=NoticeDelivery.choices)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    email_error = models.CharField(_("last email error"), max_length=500, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="coop_notice_inbox"),
            # The unread count in every portal page's menu.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="coop_notice_unread"),
            # The digests and the retry read the few notices not yet emailed, never the emailed many.
            models.Index(
                fields=["delivery", "created_at"],
                condition=Q(emailed_at__isnull=True) & ~Q(delivery="off"),
                name="coop_notice_to_email",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values),
                name="coop_notice_kind_known",
                violation_error_message=_("Choose a known kind of notice."),
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=NoticeDelivery.values),
                name="coop_notice_delivery_known",
                violation_error_message=_("Choose a known way to deliver a notice."),
            ),
            models.CheckConstraint(
                condition=Q(emailed_at__isnull=True) | ~Q(delivery="off"),
                name="coop_notice_inbox_only_never_emailed",
                violation_error_message=_("A notice kept for the inbox only is never emailed."),
            ),
            models.CheckConstraint(
                condition=Q(read_at__isnull=True) | Q(read_at__gte=models.F("created_at")),
                name="coop_notice_read_after_created",
                violation_error_message=_("A notice is read after it is sent."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class NoticePreference(models.Model):
    """How a person wants one kind of notice delivered. No row: at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=NoticeDelivery.choices, default=NoticeDelivery.AT_ONCE
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="coop_notice_preference_once_per_kind",
                violation_error_message=_("A person has one preference per kind of notice."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values),
                name="coop_notice_preference_kind_known",
                violation_error_message=_("Choose a known kind of notice."),
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=NoticeDelivery.values),
                name="coop_notice_preference_delivery_known",
                violation_error_message=_("Choose a known way to deliver a notice."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_kind_display()} → {self.get_delivery_display()}"


class DeskWatermark(models.Model):
    """How many of one desk item's decisions an officer was last told of, so the next notice tells
    only of what arrived since. A count that falls (decisions taken) is written too, so what
    arrives after is news again."""

    HISTORY_EXEMPT_REASON = (
        "A bookmark of the notices already sent: the notices themselves and the decisions they tell of are the record."
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    key = models.CharField(_("desk item"), max_length=100)
    count = models.PositiveIntegerField(_("count last told"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("desk watermark")
        verbose_name_plural = _("desk watermarks")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="coop_desk_watermark_once_per_item",
                violation_error_message=_("A person has one watermark per desk item."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key} = {self.count}"
