"""Check-in codes: random, unguessable, short enough to type, with a check character.

Eight symbols of Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse with 1 and 0)
carry 40 random bits; a ninth is a check character, which catches every single mistyped symbol
and every swap of two symbols.

The check is a weighted sum in the field GF(32), the weights being distinct powers of a
primitive element (Horner's rule: multiply by x, add the next symbol). Distinct non-zero
weights make every substitution and every transposition change the sum. (Luhn mod 32, used
before, misses the swap of neighbouring 0 and Z, as Luhn mod 10 misses 09 <-> 90.)
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 8
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_READS_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None, " ": None})


_FIELD_POLY = 0b100101  # x^5 + x^2 + 1, irreducible over GF(2): GF(32) = GF(2)[x]/(poly)


def _times_x(value: int) -> int:
    value <<= 1
    return value ^ _FIELD_POLY if value & 0b100000 else value


def _check_char(body: str) -> str:
    """The symbol that makes sum(x^(n-i) * symbol_i) over the whole code zero in GF(32)."""
    total = 0
    for ch in body:
        total = _times_x(total) ^ _VALUE[ch]
    return ALPHABET[_times_x(total)]


def new_code() -> str:
    bits = int.from_bytes(secrets.token_bytes(5))  # 40 random bits, 5 per symbol
    body = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(BODY_LENGTH))
    return body + _check_char(body)


def canonical(typed: str) -> str:
    """A typed or scanned code in its stored form (upper case, no separators, I/L->1, O->0)."""
    return typed.strip().upper().translate(_READS_AS)


def is_valid(typed: str) -> bool:
    code = canonical(typed)
    if len(code) != BODY_LENGTH + 1 or any(ch not in _VALUE for ch in code):
        return False
    return _check_char(code[:-1]) == code[-1]


def display(code: str) -> str:
    """Grouped for reading aloud and typing: XXXX-XXXX-C."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}" if len(code) == BODY_LENGTH + 1 else code
