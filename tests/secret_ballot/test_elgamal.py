from secret_ballot.elgamal import ZERO, decrypt_to_point, discrete_log, encrypt, keypair
from secret_ballot.group import base_mult


def test_a_message_decrypts_to_itself():
    secret, public = keypair()
    for message in (0, 1, 7, 1000):
        ciphertext, _ = encrypt(message, public)
        assert discrete_log(decrypt_to_point(ciphertext, secret), 1000) == message


def test_ciphertexts_add_and_weights_multiply():
    secret, public = keypair()
    marks = {"a": 1, "b": 0, "c": 1, "d": 1}
    weights = {"a": 3, "b": 10, "c": 1, "d": 0}
    total = ZERO
    for voter, mark in marks.items():
        ciphertext, _ = encrypt(mark, public)
        total = total + ciphertext.times(weights[voter])
    plain = sum(weights[v] * marks[v] for v in marks)
    assert discrete_log(decrypt_to_point(total, secret), sum(weights.values())) == plain == 4


def test_a_total_of_millions_is_read_by_baby_step_giant_step():
    assert discrete_log(base_mult(4_999_999), 5_000_000) == 4_999_999
    assert discrete_log(base_mult(0), 5_000_000) == 0
    assert discrete_log(base_mult(5_000_000), 5_000_000) == 5_000_000


def test_a_total_above_the_bound_is_not_read():
    assert discrete_log(base_mult(11), 10) is None
