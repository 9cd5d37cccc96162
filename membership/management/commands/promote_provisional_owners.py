from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from membership import services


class Command(BaseCommand):
    help = "Promote every provisional owner whose Provisional Period has ended (as the periodic task does)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="Treat this date (YYYY-MM-DD) as today."
        )

    def handle(self, *args, today=None, **options):
        try:
            promoted = services.members_promote_due(
                actor=None, reason="Provisional Period ended (management command)", today=today
            )
        except PermissionDenied as error:
            raise CommandError(f"Nothing was written. {error}") from None
        for member in promoted:
            self.stdout.write(f"Promoted {member}")
        self.stdout.write(self.style.SUCCESS(f"{len(promoted)} provisional owner(s) promoted."))
