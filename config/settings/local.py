"""Development on one machine: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# Static files come from the apps through the finders; nothing is collected here.
STATIC_ROOT = None
