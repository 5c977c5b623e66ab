"""The fields a column of an imported file can map to, and the header labels of the files we
write ourselves (roster export, registration template), so that those re-import with no
mapping step."""

from __future__ import annotations

import enum


class Field(enum.StrEnum):
    EMAIL = "email"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    FULL_NAME = "full_name"  # one "Name" column (Indico); split into first and last
    TITLE = "title"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    POSITION = "position"
    PHONE = "phone"
    BADGE_NAME = "badge_name"
    NAME_LATIN = "name_latin"
    LANGUAGES = "languages"
    NOTES = "notes"
    CATEGORY = "category"
    DELEGATION = "delegation"  # a country (name or code) or an organisation
    STATUS = "status"
    ATTENTION_NOTE = "attention_note"  # a non-empty note sets needs-attention
    LIST_CONSENT = "list_consent"
    CHECKED_IN = "checked_in"  # yes/no, or the time of the check-in
    CHECKED_IN_AT = "checked_in_at"
    CODE = "code"  # our check-in code: recognised in our exports, not used to match (email is)


REQUIRED: frozenset[Field] = frozenset(
    {Field.EMAIL, Field.FIRST_NAME, Field.LAST_NAME, Field.COUNTRY}
)

# The label of each field in the files we write, in their column order.
LABELS: dict[Field, str] = {
    Field.TITLE: "Title",
    Field.FIRST_NAME: "First name",
    Field.LAST_NAME: "Last name",
    Field.EMAIL: "Email",
    Field.COUNTRY: "Country",
    Field.ORGANISATION: "Organisation",
    Field.POSITION: "Position",
    Field.PHONE: "Phone",
    Field.DELEGATION: "Delegation",
    Field.CATEGORY: "Category",
    Field.STATUS: "Status",
    Field.BADGE_NAME: "Name on badge",
    Field.NAME_LATIN: "Name in Latin letters",
    Field.LANGUAGES: "Languages",
    Field.LIST_CONSENT: "On participant list",
    Field.ATTENTION_NOTE: "Needs attention",
    Field.NOTES: "Notes",
    Field.CHECKED_IN_AT: "Checked in at",
    Field.CODE: "Check-in code",
    Field.FULL_NAME: "Name",
    Field.CHECKED_IN: "Checked in",
}

# The registration template a delegation fills in: these columns, in this order, on a sheet of
# this name. A file whose header row is exactly this needs no mapping step.
TEMPLATE_SHEET = "Registrations"
TEMPLATE_FIELDS: tuple[Field, ...] = (
    Field.TITLE,
    Field.FIRST_NAME,
    Field.LAST_NAME,
    Field.EMAIL,
    Field.COUNTRY,
    Field.ORGANISATION,
    Field.POSITION,
    Field.PHONE,
    Field.DELEGATION,
    Field.CATEGORY,
    Field.BADGE_NAME,
    Field.NAME_LATIN,
    Field.LANGUAGES,
    Field.LIST_CONSENT,
    Field.ATTENTION_NOTE,
)
