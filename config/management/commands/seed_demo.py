import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from coop import demo


class Command(BaseCommand):
    help = "Load the demo cooperative (points mode, about thirty people). Running it twice duplicates nothing."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=None, help="Password of every demo login (default: DEMO_PASSWORD).")

    def handle(self, *args, password=None, **options):
        password = password or settings.DEMO_PASSWORD
        # The demo's votes and dues send notices to its invented members: keep them out of the console.
        # The notices are queued on commit, so the commit happens inside this block too.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            context = demo.seed(password)
            for label in settings.DOMAIN_APPS[1:]:
                if importlib.util.find_spec(f"{label}.demo") is not None:
                    importlib.import_module(f"{label}.demo").seed(context)
        self.stdout.write(self.style.SUCCESS(f"Demo cooperative ready: {context.cooperative.name}"))
        self.stdout.write(f"Demo logins (password: {password}):")
        for email, role in [
            ("president@demo.coop", "Board"),
            ("ceo@demo.coop", "Operations"),
            ("member@demo.coop", "Member"),
            ("auditor@demo.coop", "Auditor"),
        ]:
            self.stdout.write(f"  {email:<22} {role}")
