from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_triggers(sender, using, **kwargs):
    # A database built without migrations (the test suite's --no-migrations) gets the ledger's
    # triggers too; installing them is idempotent.
    from django.db import connections

    from . import db_triggers

    db_triggers.install(connections[using])


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = "Finance"

    def ready(self):
        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="finance.install_triggers")
