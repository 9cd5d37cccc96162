"""The group: the prime-order subgroup of edwards25519, through libsodium's core functions.

Points are their standard 32-byte encodings (as `@noble/curves` ed25519 writes them), scalars are
integers mod L, written as 32 bytes little-endian. libsodium's no-clamp scalar multiplication
refuses a zero scalar and the identity (which is of small order), so the identity is handled here:
multiplying by 0 or multiplying the identity gives the identity.
"""

import hashlib
import re
import secrets

from nacl import bindings

L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = b"\x01" + bytes(31)
GENERATOR = bytes.fromhex("58" + "66" * 31)

_HEX64 = re.compile(r"[0-9a-f]{64}")


class VerificationError(ValueError):
    """Something received or recorded does not check; the message names what failed."""


def scalar_bytes(scalar):
    """The 32-byte little-endian encoding of a scalar, reduced mod L."""
    return (scalar % L).to_bytes(32, "little")


def random_scalar():
    """A uniformly random non-zero scalar from the operating system's generator."""
    return secrets.randbelow(L - 1) + 1


def base_mult(scalar):
    """g^scalar, the identity for a scalar that is 0 mod L."""
    scalar %= L
    if scalar == 0:
        return IDENTITY
    return bindings.crypto_scalarmult_ed25519_base_noclamp(scalar_bytes(scalar))


def mult(scalar, point):
    """point^scalar; the identity when either is trivial (libsodium refuses both)."""
    scalar %= L
    if scalar == 0 or point == IDENTITY:
        return IDENTITY
    return bindings.crypto_scalarmult_ed25519_noclamp(scalar_bytes(scalar), point)


def add(first, second):
    """The group operation (written multiplicatively in the docs: first * second). libsodium's
    addition takes the identity as an operand and returns it as a result, unlike its multiplication."""
    return bindings.crypto_core_ed25519_add(first, second)


def sub(first, second):
    """first / second."""
    return bindings.crypto_core_ed25519_sub(first, second)


def total(points):
    """The product of points (the identity for none)."""
    result = IDENTITY
    for point in points:
        result = add(result, point)
    return result


def parse_point(text, what, *, allow_identity=False):
    """A point from its lowercase hex encoding, refused unless canonical, on the curve and in the
    prime-order subgroup (the identity only where `allow_identity`: a sum can legitimately be it)."""
    if not isinstance(text, str) or not _HEX64.fullmatch(text):
        raise VerificationError(f"{what}: not a point encoding (64 lowercase hex digits)")
    data = bytes.fromhex(text)
    if data == IDENTITY:
        if allow_identity:
            return data
        raise VerificationError(f"{what}: the identity is not allowed here")
    if not check_point(data):
        raise VerificationError(f"{what}: not a point of the prime-order group")
    return data


def check_point(data):
    """Whether 32 bytes are a canonical encoding of a non-identity point of the prime-order subgroup."""
    return len(data) == 32 and bool(bindings.crypto_core_ed25519_is_valid_point(data))


def parse_scalar(text, what):
    """A scalar from its lowercase hex little-endian encoding, refused unless below L."""
    if not isinstance(text, str) or not _HEX64.fullmatch(text):
        raise VerificationError(f"{what}: not a scalar encoding (64 lowercase hex digits)")
    value = int.from_bytes(bytes.fromhex(text), "little")
    if value >= L:
        raise VerificationError(f"{what}: scalar not reduced mod L")
    return value


def scalar_hex(scalar):
    """The hex encoding of a scalar, as the record writes it."""
    return scalar_bytes(scalar).hex()


def transcript(domain, *parts):
    """The bytes hashed for a domain and its parts: each item (the domain first) as a 4-byte
    big-endian length and its bytes. Bytes go as they are (points), str as UTF-8, int as decimal
    ASCII; a list is flattened in order."""
    out = bytearray()
    for item in (domain, *_flatten(parts)):
        if isinstance(item, str):
            data = item.encode()
        elif isinstance(item, bool):
            raise TypeError("booleans have no transcript encoding")
        elif isinstance(item, int):
            data = str(item).encode()
        else:
            data = bytes(item)
        out += len(data).to_bytes(4, "big") + data
    return bytes(out)


def _flatten(parts):
    for part in parts:
        if isinstance(part, list | tuple):
            yield from _flatten(part)
        else:
            yield part


def hash_to_scalar(domain, *parts):
    """SHA-512 of the transcript, read as a little-endian integer and reduced mod L."""
    return int.from_bytes(hashlib.sha512(transcript(domain, *parts)).digest(), "little") % L


def hash_hex(domain, *parts):
    """SHA-256 of the transcript, in lowercase hex (tracking codes, the board, the roll)."""
    return hashlib.sha256(transcript(domain, *parts)).hexdigest()
