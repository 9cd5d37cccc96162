from django.core.management.base import BaseCommand

from coop.roles import sync_roles


class Command(BaseCommand):
    help = "Create the role groups and set their permissions exactly as coop/roles.py says."

    def handle(self, *args, **options):
        for role, count in sync_roles().items():
            self.stdout.write(f"{role.value}: {count} permissions")
