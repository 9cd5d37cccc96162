from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaborContractsConfig(AppConfig):
    name = "labor_contracts"
    verbose_name = _("Labor contracts")

    def ready(self) -> None:
        from coop.startup import register_check
        from federation.handlers import register

        from .desk import desk_register
        from .services import intercoop, peer_invoices, peer_timesheets
        from .startup import labor_contracts_step

        register_check("labor_contracts", labor_contracts_step)
        desk_register()
        # Contracts between cooperatives: the messages a peer's installation sends about them.
        for kind, handler in {**intercoop.HANDLERS, **peer_timesheets.HANDLERS, **peer_invoices.HANDLERS}.items():
            register(kind, handler)
