from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = _("Alliance of cooperatives")

    def ready(self) -> None:
        from federation.handlers import register

        from . import checks  # noqa: F401 - registers the check of INSTALLATION_KIND
        from .services import HANDLERS

        for kind, handler in HANDLERS.items():
            register(kind, handler)
