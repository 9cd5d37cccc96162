from django.core.management.base import BaseCommand
from nacl.signing import SigningKey

from federation import identity


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 signing key for FEDERATION_SIGNING_KEY, with its public key and fingerprint. "
        "Nothing is stored: put the key in the environment, keep it secret, and give peers the public key."
    )

    def handle(self, *args, **options):
        key = SigningKey.generate()
        public_key = key.verify_key.encode().hex()
        self.stdout.write(f"FEDERATION_SIGNING_KEY={key.encode().hex()}")
        self.stdout.write(f"public key:  {public_key}")
        self.stdout.write(f"fingerprint: {identity.fingerprint(public_key)}")
