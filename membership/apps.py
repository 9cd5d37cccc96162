from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        from coop.calendar import register_calendar_source
        from coop.policy import register_adoption_hook
        from coop.startup import register_check

        from .calendar import dues_dates
        from .desk import desk_register
        from .services import dues_schedule_follow_policy
        from .startup import dues_check, recruitment_check

        register_adoption_hook(dues_schedule_follow_policy)
        register_check("recruitment", recruitment_check)
        register_check("dues", dues_check)
        desk_register()
        register_calendar_source(dues_dates)
