"""A whole election run through the library, as the server and the trustees will run it: the key
ceremony, ballots cast on the board, the weighted totals, k trustees decrypting, the record."""

from secret_ballot.ballot import check_ballot, encrypt_ballot
from secret_ballot.board import Board, genesis, tracking_code
from secret_ballot.record import (
    assemble,
    decrypt_totals,
    election_hash,
    roll_hash,
    trustee_decryption,
    weighted_totals,
)
from secret_ballot.trustees import combine_shares, deal, joint_public_key

MANIFEST = {
    "election_id": "coop-7/motion-42",
    "questions": [
        {"id": "adopt", "kind": "yes_no", "choices": ["yes", "no"], "min": 0, "max": 1},
        {"id": "chair", "kind": "plurality", "choices": ["Ana", "Ben", "Chloe"], "min": 1, "max": 1},
        {"id": "projects", "kind": "approval", "choices": ["garden", "solar", "library"], "min": 0, "max": 2},
    ],
}

ROLL = {"v-ana": 3, "v-ben": 1, "v-chloe": 5, "v-dan": 2}

SELECTIONS = {
    "v-ana": {"adopt": [1, 0], "chair": [0, 1, 0], "projects": [1, 1, 0]},
    "v-ben": {"adopt": [0, 1], "chair": [1, 0, 0], "projects": [0, 0, 1]},
    "v-chloe": {"adopt": [1, 0], "chair": [0, 1, 0], "projects": [0, 0, 0]},
    "v-dan": {"adopt": [0, 0], "chair": [0, 0, 1], "projects": [1, 0, 1]},
}


def ceremony(trustees, threshold, election_id):
    """Every trustee deals; each receives and checks its shares. Returns (dealings, keys, public key)."""
    dealt = [deal(dealer, trustees, threshold, election_id) for dealer in range(1, trustees + 1)]
    dealings = [dealing for dealing, _ in dealt]
    keys = [
        combine_shares(j, dealings, {dealing.dealer: shares[j] for dealing, shares in dealt})
        for j in range(1, trustees + 1)
    ]
    return dealings, keys, joint_public_key(dealings)


def plain_count(manifest, roll, selections):
    """The weighted count of the same marks, in clear."""
    return [
        [sum(roll[v] * selections[v][question["id"]][c] for v in selections) for c in range(len(question["choices"]))]
        for question in manifest["questions"]
    ]


def python_encrypter(manifest, public_key, voter, marks):
    """A ballot encrypted by the Python library (the browser's module is tested against it)."""
    return encrypt_ballot(manifest, public_key, voter, marks)[0]


def run(
    manifest=MANIFEST,
    roll=ROLL,
    selections=SELECTIONS,
    trustees=3,
    threshold=2,
    deciders=(1, 3),
    encrypter=python_encrypter,
):
    """The election record, as a dict; `encrypter(manifest, public key, voter id, marks)` makes
    each ballot."""
    election_id = manifest["election_id"]
    dealings, keys, public_key = ceremony(trustees, threshold, election_id)
    board = Board(genesis(election_id, election_hash(manifest), roll_hash(roll), public_key))
    ballots, cast = [], []
    for voter, marks in selections.items():
        ballot = encrypter(manifest, public_key, voter, marks)
        cast.append((voter, check_ballot(manifest, public_key, ballot)))
        ballot["tracking_code"] = tracking_code(election_id, ballot)
        board.append(ballot["tracking_code"])
        ballots.append(ballot)
    totals = weighted_totals(manifest, roll, cast)
    decryptions = [trustee_decryption(keys[j - 1], manifest, totals) for j in deciders]
    counts = decrypt_totals(manifest, roll, dealings, threshold, totals, decryptions)
    return assemble(
        manifest, roll, threshold, dealings, public_key, ballots, board.entries, totals, decryptions, counts
    )
