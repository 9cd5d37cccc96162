"""A trustee's own tool: `python -m secret_ballot.trustee <subcommand>`, run on the trustee's computer.

Pure Python on PyNaCl and this package: no Django, no database, no network. The trustee's secrets
(the private half of the box key, and the combined key share opened from the shares sealed to it)
stay in files on this computer: they are never sent to the server and never pass through code the
server serves. The server sees only what this tool writes for upload: the box key's public half,
the dealing with the shares sealed to each trustee, and the partial decryption with its proofs.

The steps, each reading the file the trustee's page gives (`election.json`, downloaded afresh at
each step) and writing JSON files:

    keygen  --out box-key.json                                  # paste the printed key on the page
    deal    --election election.json --box-key box-key.json --out dealing.json      # upload it
    check   --election election.json --box-key box-key.json     # once everyone has dealt
    decrypt --election election.json --box-key box-key.json --out decryption.json  # after the close

Each prints a one-line message and exits with status 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nacl.public import PrivateKey

from .ballot import ciphertext_from_json
from .group import VerificationError
from .record import dealing_from_json, dealing_json, trustee_decryption
from .trustees import combine_shares, deal, open_share, seal_share

BOX_KEY_FORMAT = "secret-ballot-box-key/1"


class TrusteeError(Exception):
    """A problem the tool reports in one line: a missing or malformed file, a refused share."""


def read_json(path) -> dict:
    """A JSON object read from `path`, refused in one line if missing or not JSON."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TrusteeError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise TrusteeError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(data, dict):
        raise TrusteeError(f"{path}: expected a JSON object")
    return data


def write_new(path, text: str) -> None:
    """Write `text` to a file that does not exist yet: a key or an upload is never overwritten."""
    try:
        with Path(path).open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise TrusteeError(f"{path}: already exists; choose another file name") from None
    except OSError as error:
        raise TrusteeError(f"{path}: cannot be written ({error.strerror})") from None


def new_box_key() -> tuple[dict, str]:
    """A fresh X25519 box key: its private half as the key file holds it, and its public half in hex."""
    private = PrivateKey.generate()
    return {"format": BOX_KEY_FORMAT, "private_key": bytes(private).hex()}, bytes(private.public_key).hex()


def box_private(key_file: dict) -> bytes:
    """The 32-byte private half of a box key file's contents."""
    try:
        secret = bytes.fromhex(key_file["private_key"])
    except (KeyError, TypeError, ValueError):
        secret = b""
    if key_file.get("format") != BOX_KEY_FORMAT or len(secret) != 32:
        raise TrusteeError("box key file: not a box key written by `keygen`")
    return secret


def _field(election: dict, name: str):
    if name not in election:
        raise TrusteeError(f"election file: no {name!r}; download it again from your trustee page")
    return election[name]


def _check_my_box_key(election: dict, private: bytes) -> int:
    """This trustee's number, once the box key on the server is the public half of `private`."""
    me = _field(election, "trustee")
    registered = {t.get("index"): t.get("box_key") for t in _field(election, "trustees")}
    if registered.get(me) != bytes(PrivateKey(private).public_key).hex():
        raise TrusteeError(f"trustee {me}: this box key is not the one registered for you")
    return me


def deal_for(election: dict, private: bytes) -> dict:
    """This trustee's upload for the key ceremony: {"dealing": its dealing in record form,
    "sealed_shares": {"<recipient index>": hex}}, one share sealed to each trustee's box key."""
    me = _check_my_box_key(election, private)
    trustees = _field(election, "trustees")
    if any(not t.get("box_key") for t in trustees):
        raise TrusteeError("not every trustee has registered a box key yet; try again later")
    election_id = _field(election, "election_id")
    dealing, shares = deal(me, len(trustees), _field(election, "threshold"), election_id)
    sealed = {
        str(t["index"]): seal_share(election_id, me, t["index"], shares[t["index"]], bytes.fromhex(t["box_key"])).hex()
        for t in trustees
    }
    return {"dealing": dealing_json(dealing), "sealed_shares": sealed}


def key_for(election: dict, private: bytes):
    """This trustee's combined key (`trustees.TrusteeKey`), from the shares sealed to it, each
    opened and checked against its dealer's commitments. Refused, naming the dealer, otherwise."""
    me = _check_my_box_key(election, private)
    election_id = _field(election, "election_id")
    published = _field(election, "dealings")
    if len(published) != len(_field(election, "trustees")):
        raise TrusteeError("not every trustee has dealt yet; try again later")
    sealed = _field(election, "sealed_shares")
    try:
        dealings = [dealing_from_json(d, f"trustee {d.get('dealer')}") for d in published]
        shares = {}
        for dealing in dealings:
            if str(dealing.dealer) not in sealed:
                raise TrusteeError(f"trustee {dealing.dealer}: no share sealed to you")
            shares[dealing.dealer] = open_share(
                election_id, dealing.dealer, me, bytes.fromhex(sealed[str(dealing.dealer)]), private
            )
        return combine_shares(me, dealings, shares)
    except (VerificationError, ValueError, TypeError, AttributeError) as error:
        raise TrusteeError(f"refused: {error}") from None


def decryption_for(election: dict, private: bytes) -> dict:
    """This trustee's upload after the close: the partial decryption of every encrypted total,
    each with its proof, by the key combined (and checked) as `key_for` does."""
    key = key_for(election, private)
    manifest = _field(election, "manifest")
    try:
        totals = [
            [ciphertext_from_json(c, "total", allow_identity=True) for c in row["ciphertexts"]]
            for row in _field(election, "totals")
        ]
        return trustee_decryption(key, manifest, totals)
    except (VerificationError, ValueError, TypeError, KeyError) as error:
        raise TrusteeError(f"election file: the encrypted totals are refused ({error})") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m secret_ballot.trustee", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    keygen = commands.add_parser("keygen", help="make a box key; print its public half")
    keygen.add_argument("--out", required=True, help="where to keep the private half (a new file)")
    for name, what in (
        ("deal", "write your dealing and sealed shares, to upload"),
        ("check", "check the shares sealed to you"),
        ("decrypt", "write your partial decryption, to upload"),
    ):
        command = commands.add_parser(name, help=what)
        command.add_argument("--election", required=True, help="the file your trustee page gives")
        command.add_argument("--box-key", required=True, help="the file `keygen` wrote")
        if name != "check":
            command.add_argument("--out", required=True, help="the file to upload (a new file)")
    return parser


def _run(args) -> str:
    if args.command == "keygen":
        key_file, public = new_box_key()
        write_new(args.out, json.dumps(key_file) + "\n")
        return f"Your box key (paste it on your trustee page): {public}"
    election = read_json(args.election)
    private = box_private(read_json(args.box_key))
    if args.command == "check":
        key_for(election, private)
        return "OK: every share sealed to you matches its dealer's commitments."
    upload = deal_for(election, private) if args.command == "deal" else decryption_for(election, private)
    write_new(args.out, json.dumps(upload, indent=1, sort_keys=True) + "\n")
    return f"Written {args.out}: upload it on your trustee page."


def main(argv=None) -> int:
    """Run one subcommand; print its result, or one line naming the problem and return 1."""
    args = _parser().parse_args(argv)
    try:
        print(_run(args))
    except TrusteeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
