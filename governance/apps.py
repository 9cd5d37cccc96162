from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from coop.startup import register_check

        from .desk import desk_register
        from .startup import elections_check

        register_check("elections", elections_check)
        desk_register()
