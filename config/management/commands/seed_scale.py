from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from config import scale


class Command(BaseCommand):
    help = (
        "Build a large cooperative for benchmarks on top of the demo cooperative: members with share "
        "histories, an open General Conference vote with ballots, a project with many tasks and time "
        "entries. Bulk rows go in with COPY on PostgreSQL (batched bulk_create elsewhere) and get NO "
        "history rows, except one member given --history-versions versions for the history page; the "
        "vote's roll is frozen by the real motion_open service, with its history. Runs once per "
        "database: a second run refuses and changes nothing."
    )

    def add_arguments(self, parser):
        defaults = scale.Sizes()
        parser.add_argument("--members", type=int, default=defaults.members, help="Owners (default %(default)s).")
        parser.add_argument(
            "--share-transactions",
            type=int,
            default=defaults.share_transactions,
            help="Share issues spread over the owners (default %(default)s).",
        )
        parser.add_argument(
            "--ballots",
            type=int,
            default=defaults.ballots,
            help="Ballots in the open vote, at most one per member (default %(default)s).",
        )
        parser.add_argument(
            "--tasks", type=int, default=defaults.tasks, help="Tasks of the large project (default %(default)s)."
        )
        parser.add_argument(
            "--time-entries",
            type=int,
            default=defaults.time_entries,
            help="Time entries (timesheet rows) on the project's tasks (default %(default)s).",
        )
        parser.add_argument(
            "--history-versions",
            type=int,
            default=defaults.history_versions,
            help="Versions in the history of one member (default %(default)s).",
        )
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Do not load the demo cooperative first (a cooperative must already exist).",
        )

    def handle(self, *args, **options):
        sizes = scale.Sizes(
            members=options["members"],
            share_transactions=options["share_transactions"],
            ballots=options["ballots"],
            tasks=options["tasks"],
            time_entries=options["time_entries"],
            history_versions=options["history_versions"],
        )
        existing = scale.already_seeded()
        if existing:
            raise CommandError(
                f"This database already holds the scale cooperative ({existing} accounts @{scale.EMAIL_DOMAIN}); "
                "nothing was changed. seed_scale runs once per database: use a fresh database for other sizes."
            )
        if not options["no_demo"]:
            call_command("seed_demo", stdout=self.stdout)
        # Opening the vote mails the roll on commit; the scale owners' addresses do not exist.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            try:
                counts = scale.seed(sizes, log=self.stdout.write)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS("Scale cooperative ready: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
        )
