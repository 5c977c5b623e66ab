"""Email syntax and the normalised key that identifies a person or subscriber."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from budapest_desk.core.errors import UserError


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
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise UserError(f"{text!r} is not a valid email address: {exc}", field="email") from None
    normalised = result.normalized
    return normalised, normalised.casefold()
