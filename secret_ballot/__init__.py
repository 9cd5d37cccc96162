"""Verifiable secret ballots: exponential ElGamal on edwards25519, zero-knowledge proofs, threshold
trustees, a hash-chained bulletin board and an election record that `secret_ballot.verify` checks.

Pure Python on PyNaCl (libsodium); no Django, so the verifier runs anywhere. The formats are
described in docs/ballot-secrecy.md, section "Verifiable encrypted ballots: the cryptographic core".
"""
