"""`manage.py setup_token`: print the one-time link that lets the web page set the cooperative up.

Only someone who can run commands on the server sees it. Each run issues a new token and the
earlier one stops working; setup spends it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from coop.models import Cooperative
from founding import services


class Command(BaseCommand):
    help = "Print the one-time link to the setup page of a fresh installation (a new token each run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where the server answers (default: %(default)s)."
        )
        parser.add_argument(
            "--if-needed", action="store_true", help="Print nothing, and succeed, once the cooperative is set up."
        )

    def handle(self, *args, **options):
        if options["if_needed"] and Cooperative.objects.exists():
            return
        try:
            token = services.setup_token_issue()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        url = f"{options['base_url'].rstrip('/')}{reverse('founding:setup')}?token={token}"
        self.stdout.write(f"Set up the cooperative at {url}\nThe link works once; keep it private.")
