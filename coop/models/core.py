"""The core app's records: accounts, the cooperative itself and its policy numbers."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import policy


class UserManager(DjangoUserManager):
    """Accounts are keyed by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person's login. Roles are groups (see `coop.roles`); membership is a separate record."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    # Group changes are role changes: keep them in the history too.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        full_name = self.get_full_name()
        return f"{full_name} <{self.email}>" if full_name else self.email


class Cooperative(models.Model):
    """The cooperative this installation runs. There is exactly one."""

    class LegalForm(models.TextChoices):
        CLUB = "club", _("Club phase (not yet incorporated)")
        C_CORP = "c_corp", _("C Corporation")
        COOPERATIVE_CORPORATION = "coop_corp", _("Cooperative corporation")
        LLC = "llc", _("Limited liability company")

    class Unit(models.TextChoices):
        MONEY = "money", _("Money")
        POINTS = "points", _("Points (a test run before real money flows)")

    # A constant, unique column: the database itself refuses a second cooperative.
    singleton = models.BooleanField(default=True, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    mission = models.TextField(_("mission statement"), blank=True)
    jurisdiction = models.CharField(
        _("state or country"), max_length=100, help_text=_("Where the cooperative is or will be incorporated.")
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm, default=LegalForm.CLUB)
    unit = models.CharField(_("unit of account"), max_length=10, choices=Unit, default=Unit.MONEY)
    currency_code = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("ISO 4217 code, used in money mode.")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    incorporated_on = models.DateField(_("incorporated on"), null=True, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperative")
        constraints = [
            models.CheckConstraint(
                condition=Q(singleton=True),
                name="cooperative_is_singleton",
                violation_error_message=_("There is one cooperative on this platform; its record already exists."),
            ),
            models.CheckConstraint(
                condition=Q(incorporated_on__isnull=True) | ~Q(legal_form="club"),
                name="cooperative_incorporated_has_legal_form",
                violation_error_message=_("An incorporated cooperative needs a legal form other than the club phase."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_incorporated(self) -> bool:
        return self.incorporated_on is not None

    @property
    def unit_label(self) -> str:
        return _("points") if self.unit == self.Unit.POINTS else self.currency_code

    def format_amount(self, amount: Decimal) -> str:
        """Return `amount` written in the cooperative's unit: `12.50 points` or `12.50 USD`."""
        return f"{amount:,.2f} {self.unit_label}"


class PolicyNumber(models.Model):
    """The current value of one policy number. Governance changes it only by an adopted motion."""

    key = models.CharField(
        _("policy number"), max_length=64, unique=True, choices=[(k, d.label) for k, d in policy.DEFINITIONS.items()]
    )
    value = models.CharField(_("value"), max_length=64)
    adopted_at = models.DateTimeField(_("in force since"))
    basis = models.CharField(
        _("basis"),
        max_length=200,
        help_text=_("Why this value holds: the founding defaults or the motion that adopted it."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("policy number")

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.display_value}"

    @property
    def definition(self) -> policy.PolicyDefinition:
        return policy.definition(self.key)

    @property
    def typed_value(self):
        return self.definition.parse(self.value)

    @property
    def display_value(self) -> str:
        d = self.definition
        if d.kind == "choice":
            return str(dict(d.choices).get(self.value, self.value))
        return self.value
