"""Settings every mode shares. Values that differ between machines come from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(str(BASE_DIR / ".env"))

# -----------------------------------------------------------------------------
# Core
# -----------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-never-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "coop.User"
SITE_ID = 1

# -----------------------------------------------------------------------------
# Database: embedded SQLite unless DATABASE_URL names a server (postgres://...).
# Every request is one transaction, so a failure mid-request leaves no partial write.
# -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database must take a meeting's worth of writes at once without losing one:
    # - BEGIN IMMEDIATE: every transaction (ATOMIC_REQUESTS included) takes the write lock when it
    #   starts. A deferred transaction that read first and then writes cannot wait for the lock
    #   (SQLite answers "database is locked" at once to avoid a deadlock), which lost ballots.
    # - a busy timeout: a writer waits up to 20 s for the one before it instead of failing.
    # - WAL: readers never block the writer nor wait for it (an in-memory database ignores it).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )

# -----------------------------------------------------------------------------
# Applications
# -----------------------------------------------------------------------------
DOMAIN_APPS = [
    "coop",
    "membership",
    "governance",
    "labor_contracts",
    "projects",
    "finance",
    "founding",
    "federation",
    "alliance",
]

INSTALLED_APPS = [
    "coop.apps.CoopAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "simple_history",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "import_export",
    *DOMAIN_APPS,
    # The wiring comes last: it imports every app above (its seeding commands live there).
    "config.apps.WiringConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coop.middleware.RefuseNullCharactersMiddleware",
    "coop.middleware.PagesTakeGetAndPostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coop.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coop.middleware.RequireMFAForRolesMiddleware",
    "coop.middleware.PortalForTheCooperativeMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coop.context_processors.cooperative",
            ],
        },
    },
]

# -----------------------------------------------------------------------------
# Authentication: email login through django-allauth, object grants through guardian
# -----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends, each loading the account with its roles in one query
    "coop.auth_backends.AccountBackend",
    "coop.auth_backends.AllauthAccountBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Invitations: a sign-up link pre-fills and verifies the invited address (founding.adapter).
ACCOUNT_ADAPTER = "founding.adapter.InvitationAccountAdapter"
# Throttle what brute force needs, not a meeting: at a General Conference hundreds of members log
# in within minutes from the venue's one public address. Failed logins: 5 per account in 5 minutes
# (guessing one password), 60 a minute per address (trying many accounts; a room's typos stay far
# below it). Logins as a whole: 1,000 a minute per address, a cap only a program reaches.
ACCOUNT_RATE_LIMITS = {"login": "1000/m/ip", "login_failed": "60/m/ip,5/300s/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Cooperative platform")
# Roles whose accounts must have TOTP before they may do anything else (production sets it).
MFA_REQUIRED_FOR_ROLES: list[str] = []
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; our User has no username

# -----------------------------------------------------------------------------
# Cache: allauth's rate limits need a real cache. In-process memory by default;
# CACHE_URL (redis://...) shares it between processes in production.
# -----------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://coop")}

# -----------------------------------------------------------------------------
# Email: printed to the console unless EMAIL_URL names a server.
# -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="platform@localhost")
# The site's public address, for the links in emails (a notice's page, its unsubscribe link): an
# email has no request to take it from. The deploy check refuses the default in production.
SITE_URL_DEFAULT = "http://127.0.0.1:8000"
SITE_URL = env("SITE_URL", default=SITE_URL_DEFAULT)

# -----------------------------------------------------------------------------
# Federation: this installation's Ed25519 signing key, the 32-byte seed in hex
# (`manage.py federation_keygen` prints a new one). Kept in the environment, never in the
# database: a dump or a backup of the database must not carry the key that speaks for the
# cooperative. Left empty, the key is derived from DJANGO_SECRET_KEY (docs/alliance.md), so that
# `make run` works without setup; the deploy check warns about it.
# -----------------------------------------------------------------------------
FEDERATION_SIGNING_KEY = env("FEDERATION_SIGNING_KEY", default="")
# What this installation is: "cooperative" (its members are people) or "alliance" (its members are
# cooperatives, each on its own installation, that join it through signed messages; docs/alliance.md).
INSTALLATION_KIND = env("INSTALLATION_KIND", default="cooperative")

# -----------------------------------------------------------------------------
# Internationalisation
# -----------------------------------------------------------------------------
# The languages the platform ships, each with its catalogue in locale/ (docs/languages.md says how
# to add one). A person's own choice comes first, then their browser's, then the cooperative's.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# -----------------------------------------------------------------------------
# Static files, served by whitenoise
# -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Browser libraries come from the npm registry through `make install` (npm ci), never a CDN
# or a copy in git; a directory is listed only once installed, so a bare checkout still starts.
# The browser packages come from node_modules (`npm ci`), the voter's ballot encryption from the
# secret_ballot package, so that the server and the browser share one copy of the protocol's text.
STATICFILES_DIRS = [
    entry
    for entry in [
        BASE_DIR / "static",
        ("vendor/frappe-gantt", BASE_DIR / "node_modules" / "frappe-gantt" / "dist"),
        ("vendor/noble-curves", BASE_DIR / "node_modules" / "@noble" / "curves"),
        ("vendor/noble-hashes", BASE_DIR / "node_modules" / "@noble" / "hashes"),
        ("secret_ballot", BASE_DIR / "secret_ballot" / "browser"),
    ]
    if (entry[1] if isinstance(entry, tuple) else entry).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# -----------------------------------------------------------------------------
# Content Security Policy on every page: scripts and styles from this site only.
# Inline style attributes stay allowed because the Django admin's templates use them. The one
# inline script is the encrypted ballot's import map, which carries the response's nonce.
# -----------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# -----------------------------------------------------------------------------
# Audit history
# -----------------------------------------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# -----------------------------------------------------------------------------
# REST API
# -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "coop.api.authentication.CooperativeSessionAuthentication",
        "coop.api.authentication.CooperativeTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "coop.pagination.EstimatedCountPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "coop.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cooperative platform API",
    "DESCRIPTION": "Members, governance, labor contracts, projects and finance of a Strategic Union cooperative.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ShareTransactionKindEnum": "membership.models.ShareTransaction.Kind",
        "ShareRequestKindEnum": "membership.models.ShareRequest.Kind",
        "ShareRequestStatusEnum": "membership.models.ShareRequest.Status",
        "MemberStatusEnum": "membership.models.Member.Status",
        "DocumentVersionStatusEnum": "coop.models.DocumentVersion.Status",
        "GoverningDocumentKindEnum": "coop.models.GoverningDocument.Kind",
        "MotionKindEnum": "governance.models.Motion.Kind",
        "MotionStatusEnum": "governance.models.Motion.Status",
        "ProxyStatusEnum": "governance.models.Proxy.Status",
        "OfficeTermStatusEnum": "governance.models.OfficeTerm.Status",
        "AccountTypeEnum": "finance.models.Account.Type",
        "PayrollRunStatusEnum": "finance.models.PayrollRun.Status",
        "ReviewCycleStatusEnum": "finance.models.ReviewCycle.Status",
        "BonusAwardKindEnum": "finance.models.BonusAward.Kind",
        "RateProposalSourceEnum": "finance.models.RateAdjustmentProposal.Source",
        "RateProposalStatusEnum": "finance.models.RateAdjustmentProposal.Status",
        "SurplusAllocationStatusEnum": "finance.models.SurplusAllocation.Status",
        "LaborContractStatusEnum": "labor_contracts.models.LaborContract.Status",
        "AssignmentStatusEnum": "labor_contracts.models.Assignment.Status",
        "TimesheetStatusEnum": "labor_contracts.models.TimesheetEntry.Status",
        "InvoiceStatusEnum": "labor_contracts.models.Invoice.Status",
        "ProjectStatusEnum": "projects.models.Project.Status",
    },
}

# -----------------------------------------------------------------------------
# Celery: Redis when CELERY_BROKER_URL is set; otherwise tasks run eagerly in-process,
# so the embedded default needs no server.
# -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = TIME_ZONE
# A request that queues a task after commit must not hang on a broker that is down: try briefly,
# then give up (coop.queue logs it, the committed write stands, and the outbox drain retries).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BEAT_SCHEDULE: dict = {
    # The core: hand over the outbox rows a broker outage left unsent.
    "coop-outbox-drain": {"task": "coop.outbox_drain", "schedule": 60.0},
    # Notices: the emails that failed are tried again; the digests go out once a day and once a week.
    "coop-notices-email-retry": {"task": "coop.notices_email_retry", "schedule": 300.0},
    "coop-notices-daily-digest": {
        "task": "coop.notices_digest_send",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "coop-notices-weekly-digest": {
        "task": "coop.notices_digest_send",
        "schedule": crontab(hour=7, minute=0, day_of_week="monday"),
        "args": ["weekly"],
    },
    # The officers hear of the decisions that arrived on their desk.
    "coop-desk-notices": {"task": "coop.desk_notices_send", "schedule": 900.0},
    # Governance: votes open and close on time, reminders go out, expired terms lose their group.
    "governance-open-due": {"task": "governance.tasks.motions_open_due", "schedule": 60.0},
    "governance-close-due": {"task": "governance.tasks.motions_close_due", "schedule": 60.0},
    "governance-remind-due": {"task": "governance.tasks.motions_remind_due", "schedule": 900.0},
    "governance-expire-terms": {"task": "governance.tasks.office_terms_expire", "schedule": 3600.0},
    "membership-promote-due": {"task": "membership.promote_due", "schedule": 60 * 60 * 24},
    "membership-dues-charge-current": {"task": "membership.dues_charge_current", "schedule": 60 * 60 * 24},
    "membership-dues-reminders": {"task": "membership.dues_reminders_send", "schedule": 60 * 60 * 24 * 7},
    "finance-ledger-sync": {"task": "finance.ledger_sync", "schedule": 60 * 60},
    # Founding: the conveners' temporary Board powers end once the first Board election is certified.
    "founding-conveners-sunset": {"task": "founding.conveners_sunset_due", "schedule": 60 * 15},
    # Federation: messages to peers whose delivery is due (the first try failed, or was never queued).
    "federation-deliver-due": {"task": "federation.messages_deliver_due", "schedule": 60.0},
}

# -----------------------------------------------------------------------------
# Logging
# -----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Ballot SQL never reaches a log, whatever the level (see docs/ballot-secrecy.md).
    "filters": {"no_ballots": {"()": "governance.logging.DropBallotQueries"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_ballots"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# -----------------------------------------------------------------------------
# The demo cooperative
# -----------------------------------------------------------------------------
DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo-coop-2026")
# Where the demo keeps its open encrypted vote's trustees' box key files (on a trustee's own
# computer in real life), so that a visitor can play the trustee and decrypt; empty writes none.
DEMO_TRUSTEE_KEYS_DIR = env("DEMO_TRUSTEE_KEYS_DIR", default=str(BASE_DIR / "demo-trustee-keys"))
