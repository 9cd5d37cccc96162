"""The first run for a server without a browser: `manage.py setup_cooperative`.

Every value can come from a flag; without --no-input the command asks for what is missing.
Conveners without a password set one through "Forgot your password?" on the login page.
"""

from __future__ import annotations

import getpass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from coop.models import Cooperative
from founding import services


def _convener(text: str) -> services.ConvenerSpec:
    parts = [p.strip() for p in text.split(",")]
    padded = [*parts, "", ""]
    return services.ConvenerSpec(padded[0], padded[1], padded[2])


class Command(BaseCommand):
    help = "Create the cooperative and its conveners' accounts, once, on a fresh installation."

    def add_arguments(self, parser):
        parser.add_argument("--name")
        parser.add_argument("--jurisdiction", help="State or country of incorporation.")
        parser.add_argument("--unit", choices=Cooperative.Unit.values)
        parser.add_argument("--currency", default="", help="ISO 4217 code, in money mode (USD by default).")
        parser.add_argument("--mission", default="")
        parser.add_argument(
            "--language",
            default="",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The cooperative's default language (English by default).",
        )
        parser.add_argument(
            "--convener", action="append", default=[], metavar="EMAIL[,FIRST,LAST]", help="A convener; repeat for each."
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Ask nothing; fail if a value is missing."
        )

    def _ask(self, options, key: str, prompt: str, default: str = "") -> str:
        value = options.get(key)
        if value:
            return value
        if not options["interactive"]:
            if default:
                return default
            raise CommandError(f"--{key} is required with --no-input.")
        answer = input(f"{prompt}{f' [{default}]' if default else ''}: ").strip()
        return answer or default

    def handle(self, *args, **options):
        if Cooperative.objects.exists():
            raise CommandError("Setup has already run: this installation runs a cooperative. Nothing was written.")
        name = self._ask(options, "name", "Name of the cooperative")
        jurisdiction = self._ask(options, "jurisdiction", "State or country of incorporation")
        unit = self._ask(options, "unit", "Unit of account (money or points)", "money")
        currency = self._ask(options, "currency", "Currency (ISO code)", "USD")
        conveners = [_convener(c) for c in options["convener"]]
        if not conveners and options["interactive"]:
            while True:
                line = input("Convener (email, first name, last name; empty line to finish): ").strip()
                if not line:
                    break
                spec = _convener(line)
                password = getpass.getpass(f"Password for {spec.email} (empty: set it by email later): ")
                conveners.append(services.ConvenerSpec(spec.email, spec.first_name, spec.last_name, password or None))
        try:
            cooperative = services.cooperative_setup(
                name=name,
                jurisdiction=jurisdiction,
                unit=unit,
                currency_code=currency,
                mission=options["mission"],
                default_language=options["language"],
                conveners=conveners,
                actor=None,
                reason="First setup from the command line",
            )
        except ValidationError as error:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise CommandError(f"Nothing was written. {problems}") from None
        except PermissionDenied as error:
            raise CommandError(f"Nothing was written. {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{cooperative.name} is set up with {len(conveners)} convener(s) holding temporary Board powers."
            )
        )
