"""The command line the verifiers share: read the one file named, print the summary or the first
check that failed. Exit status 0 means verified, 1 a failed check, 2 no file or an unreadable one."""

import sys

from .group import VerificationError


def verify_file(argv, verify, usage):
    """Run `verify(bytes) -> summary` on the file named in `argv` (sys.argv's tail when None)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: {usage}", file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as handle:
            data = handle.read()
    except OSError as error:
        print(f"cannot read the record: {error}", file=sys.stderr)
        return 2
    try:
        print(verify(data))
    except VerificationError as error:
        print(f"verification failed: {error}")
        return 1
    return 0
