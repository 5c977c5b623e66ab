"""Check-in codes: random, unguessable, short enough to type, with a check character.

Eight symbols of Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse with 1 and 0)
carry 40 random bits; a ninth is a Luhn mod-32 check character, which catches every single
mistyped symbol and every swap of two neighbours.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 8
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_READS_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None, " ": None})


def _check_char(body: str) -> str:
    n = len(ALPHABET)
    total = 0
    factor = 2
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
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
