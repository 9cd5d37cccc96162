"""The election's questions, and a voter's encrypted ballot with its proofs.

A question has choices, a minimum and a maximum number of marks. Yes/no is a question with the
choices ["yes", "no"] and exactly one mark (min 0 when abstaining is allowed), plurality is one
mark among n (min 0 to allow abstention), approval is any number of marks between min and max.
A ballot encrypts one 0/1 mark per choice, each with a proof that it is 0 or 1, and for each
question a proof that the product of its marks encrypts a number between min and max.
"""

from .elgamal import ZERO, Ciphertext, encrypt
from .group import VerificationError, parse_point
from .proofs import Proof, prove_one_of, verify_one_of

KINDS = ("yes_no", "plurality", "approval")


def expect_keys(data, keys, what):
    """Refuse anything but an object with exactly these keys (a renamed key is a changed record)."""
    if not isinstance(data, dict):
        raise VerificationError(f"{what}: expected an object")
    if set(data) != set(keys):
        raise VerificationError(f"{what}: expected the keys {sorted(keys)}, found {sorted(data)}")


def expect_list(data, what, length=None):
    """Refuse anything but a list (of the given length)."""
    if not isinstance(data, list):
        raise VerificationError(f"{what}: expected a list")
    if length is not None and len(data) != length:
        raise VerificationError(f"{what}: expected {length} entries, found {len(data)}")
    return data


def expect_int(data, what, minimum=0):
    """Refuse anything but an integer (not a boolean) of at least `minimum`."""
    if not isinstance(data, int) or isinstance(data, bool) or data < minimum:
        raise VerificationError(f"{what}: expected an integer of at least {minimum}")
    return data


def expect_text(data, what):
    """Refuse anything but a non-empty string."""
    if not isinstance(data, str) or not data:
        raise VerificationError(f"{what}: expected a non-empty string")
    return data


def check_manifest(manifest):
    """Refuse a malformed election description: {"election_id", "questions": [{"id", "kind",
    "choices", "min", "max"}]} with distinct question ids and distinct choices."""
    expect_keys(manifest, ("election_id", "questions"), "election")
    expect_text(manifest["election_id"], "election id")
    seen = set()
    for position, question in enumerate(expect_list(manifest["questions"], "questions")):
        what = f"question {position}"
        expect_keys(question, ("id", "kind", "choices", "min", "max"), what)
        if expect_text(question["id"], f"{what} id") in seen:
            raise VerificationError(f"{what}: the id {question['id']!r} is used twice")
        seen.add(question["id"])
        if question["kind"] not in KINDS:
            raise VerificationError(f"{what}: the kind is not one of {', '.join(KINDS)}")
        choices = [expect_text(choice, f"{what} choice") for choice in expect_list(question["choices"], what)]
        if not choices or len(set(choices)) != len(choices):
            raise VerificationError(f"{what}: the choices must be distinct and at least one")
        low, high = expect_int(question["min"], f"{what} min"), expect_int(question["max"], f"{what} max")
        if not low <= high <= len(choices):
            raise VerificationError(f"{what}: min {low} and max {high} do not fit {len(choices)} choices")


def mark_context(election_id, question_id, voter_id, index):
    """What the proof that a mark is 0 or 1 is bound to."""
    return [election_id, question_id, voter_id, "mark", index]


def sum_context(election_id, question_id, voter_id):
    """What the proof of the number of marks is bound to."""
    return [election_id, question_id, voter_id, "sum"]


def ciphertext_json(ciphertext):
    """{"alpha": hex, "beta": hex}."""
    return {"alpha": ciphertext.alpha.hex(), "beta": ciphertext.beta.hex()}


def ciphertext_from_json(data, what, *, allow_identity=False):
    """A ciphertext read from the record, both points checked."""
    expect_keys(data, ("alpha", "beta"), what)
    return Ciphertext(
        parse_point(data["alpha"], f"{what} alpha", allow_identity=allow_identity),
        parse_point(data["beta"], f"{what} beta", allow_identity=allow_identity),
    )


def proof_json(branches):
    """A disjunctive proof as a list of {"c", "z"}."""
    return [branch.as_json() for branch in branches]


def proof_from_json(data, what):
    """A disjunctive proof read from the record."""
    return [Proof.from_json(branch, f"{what} branch {i}") for i, branch in enumerate(expect_list(data, what))]


def encrypt_ballot(manifest, public_key, voter_id, selections):
    """Encrypt a voter's marks {question id: [0 or 1 per choice]}; returns the ballot (record form)
    and the randomness of each mark {question id: [r]} for a challenged ballot's audit."""
    election_id = manifest["election_id"]
    answers, randomness = [], {}
    for question in manifest["questions"]:
        marks = selections[question["id"]]
        if len(marks) != len(question["choices"]) or any(mark not in (0, 1) for mark in marks):
            raise ValueError(f"question {question['id']!r}: one 0/1 mark per choice")
        if not question["min"] <= sum(marks) <= question["max"]:
            raise ValueError(f"question {question['id']!r}: {sum(marks)} marks, not between min and max")
        encrypted, rs = [], []
        for index, mark in enumerate(marks):
            ciphertext, r = encrypt(mark, public_key)
            proof = prove_one_of(
                ciphertext, mark, r, public_key, [0, 1], mark_context(election_id, question["id"], voter_id, index)
            )
            encrypted.append((ciphertext, proof))
            rs.append(r)
        product = sum((ciphertext for ciphertext, _ in encrypted), ZERO)
        sum_proof = prove_one_of(
            product,
            sum(marks),
            sum(rs),
            public_key,
            list(range(question["min"], question["max"] + 1)),
            sum_context(election_id, question["id"], voter_id),
        )
        answers.append(
            {
                "question_id": question["id"],
                "marks": [{**ciphertext_json(c), "proof": proof_json(p)} for c, p in encrypted],
                "sum_proof": proof_json(sum_proof),
            }
        )
        randomness[question["id"]] = rs
    return {"voter_id": voter_id, "answers": answers}, randomness


def audit_ballot(manifest, public_key, ballot, randomness):
    """The marks of a challenged ballot, read from the randomness its encrypter reveals: each mark
    must be the encryption of 0 or of 1 with that randomness, or the encrypter lied. A challenged
    ballot is never cast; the voter encrypts again with new randomness."""
    selections = {}
    for question, answer in zip(manifest["questions"], ballot["answers"], strict=True):
        marks = []
        for index, (mark, r) in enumerate(zip(answer["marks"], randomness[question["id"]], strict=True)):
            found = [m for m in (0, 1) if ciphertext_json(encrypt(m, public_key, randomness=r)[0]) == _pair(mark)]
            if not found:
                raise VerificationError(
                    f"question {question['id']!r}: mark {index} is not an encryption of 0 or 1 with this randomness"
                )
            marks.append(found[0])
        selections[question["id"]] = marks
    return selections


def _pair(mark):
    return {"alpha": mark["alpha"], "beta": mark["beta"]}


def check_ballot(manifest, public_key, ballot):
    """Refuse a ballot that is malformed or whose proofs fail, naming the first failure; returns its
    mark ciphertexts per question. The server runs this before storing a ballot it cannot read."""
    expect_keys(ballot, ("voter_id", "answers"), "ballot")
    voter_id = expect_text(ballot["voter_id"], "voter id")
    election_id = manifest["election_id"]
    questions = manifest["questions"]
    marks_by_question = []
    for question, answer in zip(questions, expect_list(ballot["answers"], "answers", len(questions)), strict=True):
        what = f"question {question['id']!r}"
        expect_keys(answer, ("question_id", "marks", "sum_proof"), what)
        if answer["question_id"] != question["id"]:
            raise VerificationError(f"{what}: the answer is for question {answer['question_id']!r}")
        ciphertexts = []
        for index, mark in enumerate(expect_list(answer["marks"], f"{what} marks", len(question["choices"]))):
            expect_keys(mark, ("alpha", "beta", "proof"), f"{what} mark {index}")
            ciphertext = ciphertext_from_json({"alpha": mark["alpha"], "beta": mark["beta"]}, f"{what} mark {index}")
            proof = proof_from_json(mark["proof"], f"{what} mark {index} proof")
            if not verify_one_of(
                ciphertext, public_key, [0, 1], proof, mark_context(election_id, question["id"], voter_id, index)
            ):
                raise VerificationError(f"{what}: proof that mark {index} is 0 or 1 does not verify")
            ciphertexts.append(ciphertext)
        allowed = list(range(question["min"], question["max"] + 1))
        sum_proof = proof_from_json(answer["sum_proof"], f"{what} sum proof")
        if not verify_one_of(
            sum(ciphertexts, ZERO), public_key, allowed, sum_proof, sum_context(election_id, question["id"], voter_id)
        ):
            raise VerificationError(
                f"{what}: proof that the number of marks is between {question['min']} and {question['max']} "
                "does not verify"
            )
        marks_by_question.append(ciphertexts)
    return marks_by_question
