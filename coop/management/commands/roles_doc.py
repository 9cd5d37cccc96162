from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from coop.access import roles_markdown


class Command(BaseCommand):
    help = "Write docs/roles.md, the table of what each role may do, from coop/roles.py and coop/access.py."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "roles.md"))

    def handle(self, *args, **options):
        Path(options["output"]).write_text(roles_markdown(), encoding="utf-8")
        self.stdout.write(f"Wrote {options['output']}")
