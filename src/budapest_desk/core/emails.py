"""Email syntax and the normalised key that identifies a person or subscriber."""

from __future__ import annotations

import re

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from budapest_desk.core.errors import UserError

# The everyday address (ASCII dot-atom local part, ASCII host names, a letters-only top-level
# domain), which email-validator would accept and normalise by lower-casing the domain. Checked
# here because email-validator costs ~60 us an address: a 100,000-row import spent most of its
# time in it. Anything else (Unicode, quoting, IP literals, special-use domains) goes to it.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL = frozenset(SPECIAL_USE_DOMAIN_NAMES)


def _plain(text: str) -> str | None:
    """The normalised form of an everyday address, or None to ask email-validator."""
    match = _PLAIN.fullmatch(text)
    if match is None or len(text) > 254 or len(match[1]) > 64:
        return None
    domain = match[2].lower()
    if domain.rsplit(".", 1)[1] in _SPECIAL or "--" in domain:  # punycode: email-validator
        return None
    return f"{match[1]}@{domain}"


def normalise_email(value: str | None, *, required: bool = False) -> tuple[str, str] | None:
    """(email as written, normalised key), or None when empty and not required.

    The key is the normalised address with the local part case-folded: mail servers treat
    "Anna.Kovacs@" and "anna.kovacs@" as the same mailbox in practice.
    """
    text = (value or "").strip()
    if not text:
        if required:
            raise UserError("Email is required.", field="email")
        return None
    plain = _plain(text)
    if plain is not None:
        return plain, plain.casefold()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise UserError(f"{text!r} is not a valid email address: {exc}", field="email") from None
    normalised = result.normalized
    return normalised, normalised.casefold()
