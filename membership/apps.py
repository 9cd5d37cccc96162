from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        from coop.startup import register_check

        from .startup import dues_check, recruitment_check

        register_check("recruitment", recruitment_check)
        register_check("dues", dues_check)
