"""Motions before a body, their choices, discussion and certified results."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop import policy
from coop.transitions import TransitionsMixin

from .bodies import Body, Office, OfficeTerm

AMOUNT = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}


class MotionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Motion.Status.OPEN)

    def due_to_open(self, at=None):
        return self.filter(status=Motion.Status.SCHEDULED, opens_at__lte=at or timezone.now())

    def due_to_close(self, at=None):
        return self.filter(status=Motion.Status.OPEN, closes_at__lte=at or timezone.now())

    def decided(self):
        return self.filter(status__in=[Motion.Status.CLOSED, Motion.Status.CERTIFIED])


class Motion(TransitionsMixin, models.Model):
    """A question put to a body: a motion to adopt, a policy change, an amendment, an election."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary motion")  # a decision with no automatic outcome
        POLICY_CHANGE = "policy_change", _("Policy change")  # sets one policy number
        BYLAW_AMENDMENT = "bylaw_amendment", _("Bylaw amendment")  # adopts a new version of the Bylaws
        ARTICLES_AMENDMENT = "articles_amendment", _("Articles amendment")  # a new version of the Articles
        DOCUMENT_AMENDMENT = "document_amendment", _("Policy document amendment")  # another governing document
        ELECTION = "election", _("Election")  # installs officers for a term
        RECALL = "recall", _("Recall")  # removes an officer before the term ends
        MEDIATION_ESCALATION = "mediation_escalation", _("Mediation escalation")  # a failed mediation, decided by vote
        PAY_BAND_CHANGE = "pay_band_change", _("Pay band change")  # sets one role's minimum and maximum hourly rate
        SURPLUS_ALLOCATION = "surplus_allocation", _("Surplus allocation")  # adopts the Board's proposed allocation
        MINUTES_ADOPTION = "minutes_adoption", _("Adoption of minutes")  # adopts a past meeting's minutes

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")  # being written; nominations open for elections
        SCHEDULED = "scheduled", _("Scheduled")  # ready; opens at `opens_at`
        OPEN = "open", _("Open for voting")  # the roll is frozen and ballots are accepted
        CLOSED = "closed", _("Closed and tallied")  # the count is known, awaiting certification
        CERTIFIED = "certified", _("Certified")  # the Secretary certified; immutable, outcome applied
        WITHDRAWN = "withdrawn", _("Withdrawn")  # never opened

    class Method(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no / abstain")  # motions
        PLURALITY = "plurality", _("Plurality")  # elections: most weight wins
        APPROVAL = "approval", _("Approval")  # elections: approve any number
        INSTANT_RUNOFF = "instant_runoff", _("Ranked choice (instant runoff)")  # one seat
        STV = "stv", _("Single transferable vote")  # several seats

    class CountingRule(models.TextChoices):
        # Only STV reads the rule; the other methods have one count each.
        WIGM_EXACT = "wigm_exact", _("Exact Droop quota, WIGM")
        SCOTTISH_STV_2007 = "scottish_stv_2007", _("Scottish STV (2007 Order)")
        MEEK = "meek", _("Meek's method")

    TRANSITIONS = {
        Status.DRAFT: {Status.SCHEDULED, Status.OPEN, Status.WITHDRAWN},
        Status.SCHEDULED: {Status.OPEN, Status.DRAFT, Status.WITHDRAWN},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: {Status.CERTIFIED},
    }
    RANKED = {Method.INSTANT_RUNOFF, Method.STV}
    # Kinds whose outcome governance carries out itself; another app registers the outcome of the
    # others (pay band changes and surplus allocations: finance) in `governance.outcomes`.
    BUILTIN = {
        Kind.ORDINARY,
        Kind.POLICY_CHANGE,
        Kind.BYLAW_AMENDMENT,
        Kind.ARTICLES_AMENDMENT,
        Kind.DOCUMENT_AMENDMENT,
        Kind.ELECTION,
        Kind.RECALL,
        Kind.MEDIATION_ESCALATION,
        Kind.MINUTES_ADOPTION,
    }
    AMENDMENTS = {Kind.BYLAW_AMENDMENT, Kind.ARTICLES_AMENDMENT, Kind.DOCUMENT_AMENDMENT}
    # Bylaws 5.2: elections, recalls and escalated mediation are always decided by secret ballot;
    # any other motion is secret when it asks to be.
    SECRET_BY_BYLAWS = {Kind.ELECTION, Kind.RECALL, Kind.MEDIATION_ESCALATION}
    # Bylaws 5.2 as read for meetings: a show of hands decides only an ordinary (procedural) motion
    # that is not secret; whatever carries an outcome the platform applies (a policy number, an
    # amendment, an office, pay, a surplus) is counted from ballots, electronic or paper.
    SHOW_OF_HANDS_KINDS = {Kind.ORDINARY}
    # What only the General Conference decides: the rules that constrain the Board.
    GENERAL_CONFERENCE_ONLY = {
        Kind.POLICY_CHANGE,
        Kind.BYLAW_AMENDMENT,
        Kind.ARTICLES_AMENDMENT,
        Kind.ELECTION,
        Kind.RECALL,
        Kind.PAY_BAND_CHANGE,
        Kind.SURPLUS_ALLOCATION,
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="motions", verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, default=Kind.ORDINARY)
    method = models.CharField(_("ballot"), max_length=16, choices=Method, default=Method.YES_NO)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_motions", verbose_name=_("proposer")
    )
    secret = models.BooleanField(_("secret ballot"), default=False)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    counting_rule = models.CharField(
        _("counting rule"), max_length=24, choices=CountingRule, default=CountingRule.WIGM_EXACT
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    quorum_percent = models.DecimalField(_("quorum (%)"), null=True, blank=True, **PERCENT)
    threshold_percent = models.DecimalField(_("threshold (%)"), null=True, blank=True, **PERCENT)
    # What the motion changes when it is adopted, by kind.
    policy_key = models.CharField(_("policy number"), max_length=64, blank=True)
    policy_value = models.CharField(_("new value"), max_length=64, blank=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="elections", verbose_name=_("office")
    )
    recall_term = models.ForeignKey(
        OfficeTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recalls",
        verbose_name=_("term recalled"),
    )
    document_version = models.ForeignKey(
        "coop.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("proposed version"),
        help_text=_("The new text an amendment puts in force."),
    )
    history = HistoricalRecords()
    objects = MotionQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["-opens_at", "-id"], name="motion_newest_first")]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="motion_has_a_seat",
                violation_error_message=_("An election fills at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(opens_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="motion_closes_after_it_opens",
                violation_error_message=_("The vote must close after it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="election") | Q(office__isnull=False),
                name="election_names_its_office",
                violation_error_message=_("An election must name the office it fills."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="recall") | Q(recall_term__isnull=False),
                name="recall_names_its_term",
                violation_error_message=_("A recall must name the term of office it ends."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="policy_change") | ~Q(policy_key=""),
                name="policy_change_names_its_number",
                violation_error_message=_("A policy change must name the policy number it sets."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["bylaw_amendment", "articles_amendment", "document_amendment"])
                | Q(document_version__isnull=False),
                name="amendment_names_its_version",
                violation_error_message=_("An amendment must name the proposed version of the document."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ranked(self) -> bool:
        return self.method in self.RANKED

    @property
    def is_amendment(self) -> bool:
        return self.kind in self.AMENDMENTS

    @property
    def closes_early(self) -> bool:
        """Whether closing the vote now would cut it short of its announced closing time."""
        return self.status == self.Status.OPEN and self.closes_at is not None and self.closes_at > timezone.now()

    def can_vote(self, at=None) -> bool:
        at = at or timezone.now()
        return self.status == self.Status.OPEN and (self.closes_at is None or at < self.closes_at)


class Choice(models.Model):
    """One line on the ballot: yes, no, abstain, or a candidate."""

    class Meaning(models.TextChoices):
        YES = "yes", _("Yes")  # for the motion
        NO = "no", _("No")  # against the motion
        ABSTAIN = "abstain", _("Abstain")  # counts for the quorum only
        CANDIDATE = "candidate", _("Candidate")  # a person standing in an election
        OPTION = "option", _("Option")  # another named option

    class Consent(models.TextChoices):
        PENDING = "pending", _("Awaiting the nominee's answer")  # nominated by someone else
        ACCEPTED = "accepted", _("Accepted")  # on the ballot when the vote opens
        DECLINED = "declined", _("Declined")  # the nominee refused; never on the ballot

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="choices", verbose_name=_("motion"))
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)
    meaning = models.CharField(_("meaning"), max_length=16, choices=Meaning, default=Meaning.OPTION)
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("candidate"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    consent = models.CharField(
        _("nominee's consent"),
        max_length=16,
        choices=Consent,
        default=Consent.ACCEPTED,
        help_text=_("A nomination of someone else waits for their acceptance; only accepted nominees stand."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["motion", "position"]
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(fields=["motion", "position"], name="choice_position_unique"),
            models.UniqueConstraint(fields=["motion", "candidate"], name="candidate_once_per_motion"),
            models.CheckConstraint(
                condition=Q(consent="accepted") | Q(meaning="candidate"),
                name="only_nominees_await_consent",
                violation_error_message=_(
                    "Only a nominee can await consent or decline; other choices stand as they are."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Comment(models.Model):
    """A contribution to a motion's discussion thread."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("motion"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("author"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class Result(models.Model):
    """The count of a closed motion with its quorum and threshold, and its certification."""

    motion = models.OneToOneField(Motion, on_delete=models.PROTECT, related_name="result", verbose_name=_("motion"))
    eligible_voters = models.PositiveIntegerField(_("eligible voters"))
    eligible_weight = models.DecimalField(_("eligible weight"), **AMOUNT)
    participants = models.PositiveIntegerField(_("voters who took part"))
    cast_weight = models.DecimalField(_("weight that took part"), **AMOUNT)
    quorum_percent = models.DecimalField(_("quorum (%)"), **PERCENT)
    quorum_weight = models.DecimalField(_("weight needed for quorum"), **AMOUNT)
    quorum_met = models.BooleanField(_("quorum met"))
    threshold_percent = models.DecimalField(_("threshold (%)"), null=True, blank=True, **PERCENT)
    yes_share_percent = models.DecimalField(_("yes share (%)"), null=True, blank=True, max_digits=9, decimal_places=4)
    adopted = models.BooleanField(_("adopted or decided"))
    totals = models.JSONField(_("weight per choice"), default=dict, blank=True)
    winners = models.JSONField(_("elected choices"), default=list, blank=True)
    tied = models.JSONField(_("tied choices"), default=list, blank=True)
    rounds = models.JSONField(_("rounds"), default=list, blank=True)
    counting_rule = models.CharField(_("counting rule"), max_length=24, blank=True)
    seed = models.CharField(_("seed for ties by lot"), max_length=64, blank=True)
    tallied_at = models.DateTimeField(_("tallied at"))
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certified by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.CheckConstraint(
                condition=Q(certified_at__isnull=True, certified_by__isnull=True)
                | Q(certified_at__isnull=False, certified_by__isnull=False),
                name="result_certification_is_complete",
                violation_error_message=_("A certified result records both who certified it and when."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.motion)

    def clean(self) -> None:
        if self.pk and Result.objects.filter(pk=self.pk, certified_at__isnull=False).exists():
            raise ValidationError({"certified_at": _("A certified result is final and cannot change.")})

    @property
    def is_certified(self) -> bool:
        return self.certified_at is not None


class PolicyAdoption(models.Model):
    """Which adopted motion set a policy number, from which value to which."""

    motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="policy_adoptions", verbose_name=_("motion")
    )
    key = models.CharField(_("policy number"), max_length=64)
    old_value = models.CharField(_("old value"), max_length=64)
    new_value = models.CharField(_("new value"), max_length=64)
    adopted_at = models.DateTimeField(_("adopted at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-adopted_at"]
        verbose_name = _("policy adoption")
        verbose_name_plural = _("policy adoptions")
        constraints = [models.UniqueConstraint(fields=["motion", "key"], name="one_adoption_per_motion_and_key")]

    def __str__(self) -> str:
        return f"{self.key_label}: {self.old_value} → {self.new_value}"

    @property
    def key_label(self) -> str:
        """The policy number by its name, as its own page names it; an unknown key as stored."""
        definition = policy.DEFINITIONS.get(self.key)
        return str(definition.label) if definition else self.key
