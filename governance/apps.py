from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from coop.calendar import register_calendar_source
        from coop.startup import register_check

        from .calendar import meeting_dates, vote_deadlines
        from .desk import desk_register
        from .startup import elections_check

        register_check("elections", elections_check)
        desk_register()
        register_calendar_source(vote_deadlines)
        register_calendar_source(meeting_dates)
