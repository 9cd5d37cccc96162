from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Alliance")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deploy check
        from .handlers import register
        from .services import hello_apply
        from .services.peers import HELLO

        register(HELLO, hello_apply)
