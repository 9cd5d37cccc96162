from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoopConfig(AppConfig):
    name = "coop"
    label = "coop"
    default = True
    verbose_name = _("Cooperative")

    def ready(self) -> None:
        from . import audit, checks, languages, roles  # noqa: F401  (connect signals, register checks)

        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="coop.sync_roles")


class CoopAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the site that lets roles, not `is_staff`, decide who enters."""

    default = False

    default_site = "coop.admin_site.CoopAdminSite"


def _sync_roles_after_migrate(sender, **kwargs) -> None:
    # Runs once per migrated app; the last app's signal sees every permission.
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender.label != with_models[-1].label:
        return
    from .roles import sync_roles

    sync_roles(verbosity=kwargs.get("verbosity", 1))
