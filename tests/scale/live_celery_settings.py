"""Settings for the Celery worker and beat that tests/scale/test_celery_live.py starts.

The local settings with a one-second clock for closing votes, so the test sees a vote close on
time without waiting a production minute; the broker and the database come from the environment.
"""

from config.settings.local import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BEAT_SCHEDULE = {
    "governance-close-due": {"task": "governance.tasks.motions_close_due", "schedule": 1.0},
}
