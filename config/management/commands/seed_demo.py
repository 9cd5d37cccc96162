import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from coop import demo
from coop.models import Cooperative


class Command(BaseCommand):
    help = "Load the demo cooperative (points mode, about thirty people). Running it twice duplicates nothing."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=None, help="Password of every demo login (default: DEMO_PASSWORD).")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the demo's labels and the cooperative's default language (default: LANGUAGE_CODE).",
        )

    def handle(self, *args, password=None, language=None, **options):
        password = password or settings.DEMO_PASSWORD
        # A demo seeded before keeps its language: labels in another would duplicate its records.
        existing = Cooperative.objects.values_list("default_language", flat=True).first()
        if existing and language and existing != language:
            self.stdout.write(f"The demo cooperative exists in '{existing}'; it is completed in '{existing}'.")
        language = existing or language or settings.LANGUAGE_CODE
        # Every label the seed writes (names, titles, reasons) is translated into `language` as it is saved.
        # The demo's votes and dues send notices to its invented members: keep them out of the console.
        # The notices are queued on commit, so the commit happens inside this block too.
        with (
            translation.override(language),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            context = demo.seed(password, language=language)
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
        if settings.DEMO_TRUSTEE_KEYS_DIR:
            self.stdout.write(f"Box key files of the open encrypted vote's trustees: {settings.DEMO_TRUSTEE_KEYS_DIR}")
