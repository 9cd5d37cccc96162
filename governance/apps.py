from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from coop.startup import register_check

        from .desk import desk_register
        from .startup import elections_check

        register_check("elections", elections_check)
        desk_register()
