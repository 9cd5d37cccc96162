"""A challenged ballot checked on the voter's own computer: `python -m secret_ballot.audit file.json`.

The motion page lets a voter challenge a ballot their browser encrypted: the ballot is opened
(its randomness revealed) and never cast. The page checks it itself, but the page is code the
server serves; this command, from the repository, checks the downloaded file without it. The file
holds the election description, the public key, the ballot, its randomness and its tracking code.
It prints the marks the ballot holds; exit status 0 means the ballot is honest, 1 that it is not,
2 an unreadable file.
"""

import json
import sys

from .ballot import audit_ballot, check_ballot, check_manifest, expect_keys
from .board import readable, tracking_code
from .group import VerificationError, parse_point, parse_scalar


def audit(challenged):
    """The marks {question id: [0 or 1]} a challenged ballot holds, once every check passes: the
    proofs, the tracking code the voter was shown, and each mark opened by its randomness."""
    expect_keys(challenged, ("election", "public_key", "ballot", "randomness", "tracking_code"), "challenged ballot")
    manifest = challenged["election"]
    check_manifest(manifest)
    public_key = parse_point(challenged["public_key"], "public key")
    check_ballot(manifest, public_key, challenged["ballot"])
    if tracking_code(manifest["election_id"], challenged["ballot"]) != challenged["tracking_code"]:
        raise VerificationError("the tracking code is not this ballot's")
    randomness = {
        question["id"]: [parse_scalar(r, "randomness") for r in challenged["randomness"][question["id"]]]
        for question in manifest["questions"]
    }
    return audit_ballot(manifest, public_key, challenged["ballot"], randomness)


def main(argv=None):
    """The command line: audit the challenged ballot named by the one argument."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m secret_ballot.audit challenged-ballot.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as handle:
            challenged = json.loads(handle.read())
    except (OSError, ValueError) as error:
        print(f"cannot read the challenged ballot: {error}", file=sys.stderr)
        return 2
    try:
        marks = audit(challenged)
    except (VerificationError, KeyError, TypeError) as error:
        print(f"the challenged ballot is not honest: {error}")
        return 1
    print(f"tracking code {readable(challenged['tracking_code'])}: the ballot is honest")
    for question in challenged["election"]["questions"]:
        chosen = [c for c, mark in zip(question["choices"], marks[question["id"]], strict=True) if mark]
        print(f"{question['id']}: {', '.join(chosen) if chosen else 'no mark'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
