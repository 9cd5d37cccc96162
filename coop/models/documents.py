"""Governing documents: the Articles, the Bylaws, the Master Staffing Agreement and other
policies, each a series of versions of which at most one is in force."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..transitions import TransitionsMixin


class GoverningDocument(models.Model):
    """One governing document. Its text lives in its versions; the adopted one is in force."""

    class Kind(models.TextChoices):
        ARTICLES = "articles", _("Articles of Incorporation")  # filed with the state: the constitution
        BYLAWS = "bylaws", _("Bylaws")  # how the bodies, offices and votes work
        MASTER_STAFFING_AGREEMENT = "master_staffing_agreement", _("Master Staffing Agreement")  # labor contracts
        BUSINESS_PLAN = "business_plan", _("Business plan")  # what the raised capital is for
        POLICY = "policy", _("Policy")  # any other written rule the General Conference adopts

    class Threshold(models.TextChoices):
        # Each value is the key of the policy number that holds the percentage.
        AMENDMENT = "amendment_threshold_percent", _("Amendment threshold (two thirds unless the bylaws say otherwise)")
        MAJORITY = "majority_percent", _("Simple majority")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    adoption_threshold = models.CharField(
        _("adoption threshold"),
        max_length=40,
        choices=Threshold,
        default=Threshold.MAJORITY,
        help_text=_("The vote a new version needs before governance may adopt it."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> DocumentVersion | None:
        """Return the version in force, using the selectors' prefetch when present."""
        prefetched = getattr(self, "adopted_versions", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        return self.versions.filter(status=DocumentVersion.Status.ADOPTED).first()


class DocumentVersion(TransitionsMixin, models.Model):
    """One text of a governing document. Its text never changes once written: a change is a new version."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")  # written, awaiting the vote; nothing in force changes
        ADOPTED = "adopted", _("Adopted (in force)")  # the current text; at most one per document
        SUPERSEDED = "superseded", _("Superseded")  # was in force until a later version was adopted
        WITHDRAWN = "withdrawn", _("Withdrawn")  # its proposer took it back before a decision
        REJECTED = "rejected", _("Rejected")  # the vote did not adopt it

    # The only moves a version may make; every status change goes through `transition_to`.
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.PROPOSED: frozenset({Status.ADOPTED, Status.WITHDRAWN, Status.REJECTED}),
        Status.ADOPTED: frozenset({Status.SUPERSEDED}),
        Status.SUPERSEDED: frozenset(),
        Status.WITHDRAWN: frozenset(),
        Status.REJECTED: frozenset(),
    }

    document = models.ForeignKey(
        GoverningDocument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version number"))
    text = models.TextField(_("text (Markdown)"))
    summary = models.CharField(_("summary of the change"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_document_versions",
        verbose_name=_("proposed by"),
        help_text=_("Empty for the templates the platform installed."),
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    basis = models.CharField(
        _("basis"),
        max_length=200,
        blank=True,
        help_text=_("What adopted this version: the motion, or the template shipped with the platform."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["document__title", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documentversion_number_unique"),
            # The database itself refuses a second version in force for one document.
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="adopted"),
                name="documentversion_one_current_per_document",
                violation_error_message=_("A document has at most one version in force."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="documentversion_number_positive",
                violation_error_message=_("A version number starts at 1."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["adopted", "superseded"]) | (Q(adopted_at__isnull=False) & ~Q(basis="")),
                name="documentversion_adopted_has_basis",
                violation_error_message=_("An adopted version records when and by what it was adopted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
