"""The core app's records: accounts, the cooperative itself and its policy numbers."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import policy


def language_supported(code: str) -> None:
    """Refuse a language code the platform does not ship (settings.LANGUAGES)."""
    if code and code not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("Choose one of the languages the platform ships: %(codes)s.")
            % {"codes": ", ".join(dict(settings.LANGUAGES))},
            code="language",
        )


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
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        validators=[language_supported],
        help_text=_("The language of your pages, emails and notices. Empty: your browser's, else the cooperative's."),
    )
    # Signed into the secret address of the person's calendar feed; a reset bumps it (coop.calendar).
    calendar_feed_version = models.PositiveIntegerField(_("calendar feed version"), default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    # Group changes are role changes: keep them in the history too.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

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
    singleton = models.BooleanField(default=True, unique=True, editable=False, verbose_name=_("singleton"))
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
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        default="en",
        validators=[language_supported],
        help_text=_("The language of everyone who has chosen none and whose browser asks for none the platform has."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
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
        """Return `amount` written in the cooperative's unit, in the reader's format: `1,212.50 points`
        in English, `1.212,50 puntos` in Spanish."""
        shown = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
        return f"{shown} {self.unit_label}"


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
        verbose_name_plural = _("policy numbers")

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
