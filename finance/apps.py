from functools import partial

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_triggers(sender, using, **kwargs):
    # A database built without migrations (the test suite's --no-migrations) gets the ledger's
    # triggers too; installing them is idempotent.
    from django.db import connections

    from . import db_triggers

    db_triggers.install(connections[using])


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self):
        from coop.calendar import register_calendar_source
        from coop.ledger_feed import ledger_feed_subscribe
        from governance.models import Office
        from governance.outcomes import register_conflict, register_outcome
        from labor_contracts.selectors.intercoop import ceo_source_register

        from .calendar import review_cycles
        from .desk import desk_register
        from .outcomes import CONFLICTS, OUTCOMES
        from .selectors.people import office_holder
        from .services import ledger_post_on_commit

        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="finance.install_triggers")
        # Finance posts what the apps below it record, and carries out the pay band changes and
        # surplus allocations the General Conference adopts.
        ledger_feed_subscribe(ledger_post_on_commit)
        for outcome in OUTCOMES:
            register_outcome(outcome)
        for check, matches in CONFLICTS:
            register_conflict(check, matches=matches)
        desk_register()
        register_calendar_source(review_cycles)
        # Labor contracts cannot read governance's offices (a sibling); finance, above both, says
        # who the CEO is, for the contracts only the CEO offers to or accepts from a peer.
        ceo_source_register(partial(office_holder, Office.Kind.CEO))
