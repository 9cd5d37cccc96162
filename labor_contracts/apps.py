from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaborContractsConfig(AppConfig):
    name = "labor_contracts"
    verbose_name = _("Labor contracts")

    def ready(self) -> None:
        from coop.startup import register_check

        from .desk import desk_register
        from .startup import labor_contracts_step

        register_check("labor_contracts", labor_contracts_step)
        desk_register()
