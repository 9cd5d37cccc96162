"""`python -m secret_ballot record.json` runs the verifier, as `python -m secret_ballot.verify` does."""

import sys

from .verify import main

sys.exit(main())
