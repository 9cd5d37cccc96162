"""End-to-end verifiable secret votes: the election around a motion, its trustees and what they
publish, the voters' aliases, the encrypted ballots on the hash-chained board, and the trustees'
partial decryptions. The cryptography is `secret_ballot`; these tables hold its public data only.

The server never holds a key that opens a ballot: the trustees' shares travel sealed to each
recipient's box key, and each trustee keeps its combined key to itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coop.transitions import TransitionsMixin

from .motions import Motion
from .voting import RollEntry

HASH = 64  # hex of a SHA-256 or of a 32-byte point or key


class EncryptedElection(TransitionsMixin, models.Model):
    """The encrypted vote on one motion: what is asked (the manifest), who holds the key (k of n
    trustees), and the hashes that bind the record together."""

    class Status(models.TextChoices):
        CEREMONY = "ceremony", _("Key ceremony")  # trustees register keys and publish dealings
        READY = "ready", _("Ready")  # the joint public key exists; the motion may open
        CLOSED = "closed", _("Closed, awaiting the trustees")  # encrypted totals computed
        DECRYPTED = "decrypted", _("Decrypted")  # k trustees decrypted; result and record stored

    # Back to the ceremony, before the vote opens, when the Board starts it again.
    TRANSITIONS = {
        Status.CEREMONY: {Status.READY, Status.CEREMONY},
        Status.READY: {Status.CLOSED, Status.CEREMONY},
        Status.CLOSED: {Status.DECRYPTED},
    }

    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, related_name="encrypted_election", verbose_name=_("motion")
    )
    manifest = models.JSONField(_("election description"))
    threshold = models.PositiveSmallIntegerField(_("trustees needed to decrypt"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.CEREMONY)
    public_key = models.CharField(_("public key"), max_length=HASH, blank=True)
    election_hash = models.CharField(_("election hash"), max_length=HASH, blank=True)
    roll_hash = models.CharField(_("roll hash"), max_length=HASH, blank=True)
    board_genesis = models.CharField(_("board genesis"), max_length=HASH, blank=True)
    board_head = models.CharField(_("board head"), max_length=HASH, blank=True)
    weight_scale = models.PositiveIntegerField(
        _("weight scale"),
        default=1,
        help_text=_("The frozen weights times this number are whole: the weights the ballots are counted with."),
    )
    totals = models.JSONField(_("encrypted totals"), default=list, blank=True)
    counts = models.JSONField(_("decrypted counts"), default=list, blank=True)
    record = models.JSONField(_("election record"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    # The JSON documents stay out of the history: the election hash (kept) binds the manifest, and
    # the totals, counts and record are written once, derived from rows that never change.
    history = HistoricalRecords(excluded_fields=["manifest", "totals", "counts", "record"])

    class Meta:
        verbose_name = _("encrypted vote")
        verbose_name_plural = _("encrypted votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=1),
                name="encrypted_election_threshold_positive",
                violation_error_message=_("At least one trustee is needed to decrypt."),
            ),
            models.CheckConstraint(
                condition=Q(weight_scale__gte=1),
                name="encrypted_election_scale_positive",
                violation_error_message=_("The weight scale is a whole number of at least one."),
            ),
            models.CheckConstraint(
                condition=Q(status="ceremony") | (~Q(public_key="") & ~Q(election_hash="")),
                name="encrypted_election_ready_has_key",
                violation_error_message=_("An election past its key ceremony has a public key and a hash."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.motion)

    @property
    def election_id(self) -> str:
        return self.manifest["election_id"]


class Trustee(models.Model):
    """One of the n trustees, numbered 1..n: a user of the platform or a named outside party."""

    election = models.ForeignKey(
        EncryptedElection, on_delete=models.PROTECT, related_name="trustees", verbose_name=_("election")
    )
    index = models.PositiveSmallIntegerField(_("number"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trusteeships",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    box_key = models.CharField(_("box public key"), max_length=HASH, blank=True)
    dealing = models.JSONField(_("published dealing"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "index"]
        verbose_name = _("trustee")
        verbose_name_plural = _("trustees")
        constraints = [
            models.UniqueConstraint(fields=["election", "index"], name="trustee_number_once_per_election"),
            models.UniqueConstraint(fields=["election", "user"], name="trustee_user_once_per_election"),
            models.CheckConstraint(
                condition=Q(index__gte=1),
                name="trustee_numbered_from_one",
                violation_error_message=_("Trustees are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="trustee_is_someone",
                violation_error_message=_("A trustee is a user of the platform or a named outside party."),
            ),
            models.CheckConstraint(
                condition=Q(dealing__isnull=True) | ~Q(box_key=""),
                name="trustee_deals_after_registering",
                violation_error_message=_("A trustee registers a box key before publishing a dealing."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index}. {self.user or self.name}"

    @property
    def display_name(self) -> str:
        """The trustee as people read it: the person's name (their email without one), or the
        outside party's name."""
        if self.user is None:
            return self.name
        return self.user.get_full_name() or self.user.email


class SealedShare(models.Model):
    """A dealer's share for one recipient, sealed to the recipient's box key: the server relays it
    and cannot open it."""

    HISTORY_EXEMPT_REASON = "Written once with its dealing (whose trustee keeps history) and never changed."

    dealer = models.ForeignKey(Trustee, on_delete=models.PROTECT, related_name="shares_sent", verbose_name=_("dealer"))
    recipient = models.ForeignKey(
        Trustee, on_delete=models.PROTECT, related_name="shares_received", verbose_name=_("recipient")
    )
    sealed = models.TextField(_("sealed share"))

    class Meta:
        ordering = ["dealer", "recipient"]
        verbose_name = _("sealed share")
        verbose_name_plural = _("sealed shares")
        constraints = [models.UniqueConstraint(fields=["dealer", "recipient"], name="sealed_share_once_per_pair")]

    def __str__(self) -> str:
        return f"{self.dealer.index} → {self.recipient.index}"


class EncryptedVoter(models.Model):
    """A voter of the frozen roll under an opaque random id, with the whole-number weight their
    ballot is counted with (the frozen weight times the election's weight scale)."""

    HISTORY_EXEMPT_REASON = "Written once from the frozen roll (which keeps its history) when the vote opens."

    election = models.ForeignKey(
        EncryptedElection, on_delete=models.PROTECT, related_name="voters", verbose_name=_("election")
    )
    roll_entry = models.OneToOneField(
        RollEntry, on_delete=models.PROTECT, related_name="encrypted_voter", verbose_name=_("roll entry")
    )
    voter_id = models.CharField(_("voter id"), max_length=64)
    weight = models.PositiveBigIntegerField(_("weight"))

    class Meta:
        verbose_name = _("voter id")
        verbose_name_plural = _("voter ids")
        constraints = [
            models.UniqueConstraint(fields=["election", "voter_id"], name="encrypted_voter_id_unique"),
            models.CheckConstraint(
                condition=Q(weight__gte=1),
                name="encrypted_voter_weight_positive",
                violation_error_message=_("A voter on the roll has a weight of more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.voter_id


class EncryptedBallot(models.Model):
    """A ballot as the voter's browser encrypted it, checked, and its entry on the board."""

    HISTORY_EXEMPT_REASON = (
        "A history row is timestamped next to the participation; the board's position and hash "
        "chain already record the order, and a ballot never changes."
    )

    election = models.ForeignKey(
        EncryptedElection, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("election")
    )
    voter_id = models.CharField(_("voter id"), max_length=64)
    ballot = models.JSONField(_("encrypted ballot"))
    tracking_code = models.CharField(_("tracking code"), max_length=HASH, unique=True)
    position = models.PositiveIntegerField(_("position on the board"))
    chain_hash = models.CharField(_("chain hash"), max_length=HASH)

    class Meta:
        ordering = ["election", "position"]
        verbose_name = _("encrypted ballot")
        verbose_name_plural = _("encrypted ballots")
        constraints = [
            models.UniqueConstraint(fields=["election", "voter_id"], name="encrypted_ballot_once_per_voter"),
            models.UniqueConstraint(fields=["election", "position"], name="encrypted_ballot_board_position"),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class PartialDecryption(models.Model):
    """One trustee's partial decryptions of every encrypted total, each proof checked on arrival."""

    HISTORY_EXEMPT_REASON = "Written once, after its proofs verify, and never changed."

    trustee = models.OneToOneField(
        Trustee, on_delete=models.PROTECT, related_name="decryption", verbose_name=_("trustee")
    )
    decryption = models.JSONField(_("partial decryption"))
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)

    class Meta:
        ordering = ["trustee"]
        verbose_name = _("decryption share")
        verbose_name_plural = _("decryption shares")

    def __str__(self) -> str:
        return str(self.trustee)
