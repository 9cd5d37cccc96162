"""The wiring: settings, URLs, the API router, Celery, WSGI/ASGI, and the pages that gather every
app (the portal home, the personal-data export), with the demo and scale seeding.

It imports every app; no app imports it (see docs/architecture.md).
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
