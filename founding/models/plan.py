"""The business plan's figures: the capital target and milestones of one version of the plan.

They belong to a version of the Business Plan document, so they are adopted with it, by the
General Conference's vote on that version, and are frozen once the version is no longer proposed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class BusinessPlanTerms(models.Model):
    """The structured part of one business-plan version."""

    version = models.OneToOneField(
        "coop.DocumentVersion",
        on_delete=models.PROTECT,
        related_name="business_plan_terms",
        verbose_name=_("business plan version"),
    )
    capital_target = models.DecimalField(
        _("capital target"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The capital the plan needs before the business runs on its own revenue."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("business plan figures")
        verbose_name_plural = _("business plan figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(capital_target__gt=0),
                name="plan_capital_target_positive",
                violation_error_message=_("The capital target must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.version)


class BusinessPlanMilestone(models.Model):
    """A dated milestone of the plan, carried out by a project."""

    terms = models.ForeignKey(
        BusinessPlanTerms, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("terms")
    )
    title = models.CharField(_("milestone"), max_length=200)
    target_date = models.DateField(_("target date"))
    measure = models.CharField(_("measure"), max_length=200, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_milestones",
        verbose_name=_("project carrying it out"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = _("business plan milestone")
        verbose_name_plural = _("business plan milestones")
        constraints = [
            models.UniqueConstraint(fields=["terms", "title"], name="plan_milestone_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title
