from django.apps import AppConfig


class WiringConfig(AppConfig):
    """A small app only so that Django finds the seeding commands; it has no models."""

    name = "config"
    label = "config"
    verbose_name = "Wiring"
