"""The project package and the core app: the cooperative itself."""

from .celery import app as celery_app

__all__ = ["celery_app"]
