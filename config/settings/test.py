"""The test suite: fast hashing, mail kept in memory, tasks run in-process."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""
# The demo's trustee key files are written only where a test asks for them.
DEMO_TRUSTEE_KEYS_DIR = ""

# Static files come from the apps through the finders; nothing is collected here.
STATIC_ROOT = None
