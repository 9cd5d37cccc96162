from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoundingConfig(AppConfig):
    name = "founding"
    verbose_name = _("Founding")

    def ready(self) -> None:
        from coop.startup import register_check
        from governance.services.results import register_certification_hook
        from labor_contracts.selectors import capital_against_target_register

        from . import startup
        from .desk import desk_register
        from .selectors import capital_progress
        from .services.conveners import conveners_sunset_after_certification

        register_check("server_setup", startup.server_setup_check)
        register_check("incorporation", startup.incorporation_check)
        register_check("business_plan", startup.business_plan_check)
        register_certification_hook(conveners_sunset_after_certification)
        capital_against_target_register(capital_progress)
        desk_register()
