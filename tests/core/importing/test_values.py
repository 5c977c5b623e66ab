"""Cell text to field values: statuses, yes/no, check-in times, names, protection, bad text."""

from __future__ import annotations

import datetime as dt

import pytest

from budapest_desk.core.importing.values import (
    StatusValue,
    check_text,
    parse_bool,
    parse_checkin,
    parse_datetime,
    parse_status,
    split_full_name,
    unprotect,
)
from budapest_desk.db.enums import RegistrationStatus as S

STATUSES = {
    # ours: names and labels
    "confirmed": S.CONFIRMED, "Pending": S.PENDING, "INVITED": S.INVITED,
    "waitlisted": S.WAITLISTED, "declined": S.DECLINED, "Cancelled": S.CANCELLED,
    # Indico registration states
    "Completed": S.CONFIRMED, "complete": S.CONFIRMED, "Awaiting payment": S.PENDING,
    "unpaid": S.PENDING, "Rejected": S.DECLINED, "Withdrawn": S.CANCELLED,
    # pretix order states and codes
    "paid": S.CONFIRMED, "p": S.CONFIRMED, "pending": S.PENDING, "n": S.PENDING,
    "canceled": S.CANCELLED, "c": S.CANCELLED, "expired": S.CANCELLED, "e": S.CANCELLED,
    "refunded": S.CANCELLED,
    # everyday words
    "Registered": S.CONFIRMED, "accepted": S.CONFIRMED, "Waiting list": S.WAITLISTED,
    "wait-list": S.WAITLISTED, "waitlist": S.WAITLISTED, "no": S.DECLINED,
    "Confirmé": S.CONFIRMED, "bestätigt": S.CONFIRMED, "Liste d'attente": S.WAITLISTED,
    "Függőben": S.PENDING, "Подтвержден": S.CONFIRMED, "storniert": S.CANCELLED,
}  # fmt: skip


@pytest.mark.parametrize(("text", "status"), STATUSES.items())
def test_statuses(text: str, status: S) -> None:
    assert parse_status(f"  {text} ") == StatusValue(status, True)


@pytest.mark.parametrize(
    "text",
    ["Withdrawn", "rejected", "Cancelled", "canceled", "EXPIRED", "Paid, then cancelled",
     "paid (refunded)", "Confirmed - withdrawn 3 May", "Completed (rejected by moderator)", "c",
     "e"],
)  # fmt: skip
def test_withdrawn_and_cancelled_never_come_in_as_confirmed(text: str) -> None:
    parsed = parse_status(text)
    assert parsed.known
    assert parsed.status in (S.CANCELLED, S.DECLINED)


def test_unknown_status() -> None:
    assert parse_status("VIP maybe") == StatusValue(None, False)
    assert parse_status("") == StatusValue(None, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("x", True), ("✓", True),
     ("ja", True), ("Oui", True), ("да", True), ("igen", True), ("True", True),
     ("no", False), ("FALSE", False), ("0", False), ("nein", False), ("non", False),
     ("нет", False), ("nem", False), ("-", False), ("", None), ("maybe", None), ("2", None)],
)  # fmt: skip
def test_bool(text: str, value: bool | None) -> None:
    assert parse_bool(text) is value


def test_datetimes() -> None:
    at = dt.datetime(2026, 5, 2, 8, 15)
    for text in ["2026-05-02T08:15:00", "2026-05-02 08:15", "02.05.2026 08:15", "2.5.2026 8:15",
                 "2026. 05. 02. 08:15", "2026.05.02 08:15:00", "13/05/2026 08:15"]:  # fmt: skip
        expected = at.replace(day=13) if text.startswith("13/") else at
        assert parse_datetime(text) == expected, text
    assert parse_datetime("05/13/2026 08:15") == dt.datetime(2026, 5, 13, 8, 15)
    assert parse_datetime("03/04/2026") is None  # March or April: not guessed
    assert parse_datetime("2026-05-02T08:15:00+02:00") == at.replace(
        tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert parse_datetime("2026-05-02T06:15:00Z") == dt.datetime(2026, 5, 2, 6, 15, tzinfo=dt.UTC)
    assert parse_datetime("31.02.2026") is None
    assert parse_datetime("soon") is None


def test_checkin() -> None:
    at = dt.datetime(2026, 5, 2, 8, 15)
    assert parse_checkin("TRUE", "2026-05-02T08:15:00") == (True, at)  # Indico
    assert parse_checkin("FALSE", "") == (False, None)
    assert parse_checkin("yes", "") == (True, None)
    assert parse_checkin("2026-05-02 08:15", "") == (True, at)  # a time in "Checked in"
    assert parse_checkin("", "02.05.2026 08:15") == (True, at)
    assert parse_checkin("no", "2026-05-02 08:15") == (False, None)  # an explicit no wins
    assert parse_checkin("", "") == (False, None)
    assert parse_checkin("perhaps", "") == (False, None)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("Anna Kovács", "Anna", "Kovács"), ("Kovács, Anna", "Anna", "Kovács"),
     ("  Mary  Ann   Smith ", "Mary Ann", "Smith"),
     ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
     ("Maria de la Cruz", "Maria", "de la Cruz"), ("Sukarno", "", "Sukarno"),
     ("Νίκος Παπαδόπουλος", "Νίκος", "Παπαδόπουλος"),
     ("de Gaulle, Charles", "Charles", "de Gaulle")],
)  # fmt: skip
def test_split_full_name(text: str, first: str, last: str) -> None:
    assert split_full_name(text) == (first, last)


def test_unprotect() -> None:
    for text in ["=SUM(A1)", "+cmd", "-x", "@user", "\tx", "\rx", "'Brien", "'=x"]:
        assert unprotect("'" + text) == text  # the exporters double a leading apostrophe
    for text in ["'Brien", "O'Brien", "+43 1 234", "-12", "'", "", "'1234"]:
        assert unprotect(text) == text


def test_check_text_allows_real_names() -> None:
    names = ["Kovács Gyöngyvér", "\u0645\u0647\u062f\u06cc\u200c\u0632\u0627\u062f\u0647",
             "\u200fعلی رضایی\u200f", "क्\u200dष", "Ольга", "Νίκος", "გიორგი",
             "Հակոբյան"]  # fmt: skip
    for name in names:
        assert check_text(name, "first name") is None, name
    assert check_text("Line one\nline two\ttab", "notes", multiline=True) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [("Anna\x07", "U+0007"), ("Anna\nKovács", "U+000A"),
     ("\u202eAnna", "U+202E RIGHT-TO-LEFT OVERRIDE"),
     ("Anna\u2066x\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"), ("a\ufeffb", "U+FEFF"),
     ("\ue000", "U+E000")],
)  # fmt: skip
def test_check_text_refuses_controls(text: str, reason: str) -> None:
    problem = check_text(text, "first name")
    assert problem is not None
    assert problem.startswith("first name contains an invisible character")
    assert reason in problem


def test_check_text_length() -> None:
    assert check_text("x" * 100, "first name", 100) is None
    assert (
        check_text("x" * 101, "first name", 100)
        == "first name is too long (101 characters; at most 100)"
    )
    assert "more than 10,000 characters" in (check_text("x" * 10_001, "notes", 5000) or "")


def test_what_our_exporters_write_reads_back() -> None:
    """The contract with exporters/tabular.py: protect() then unprotect() is the identity, and
    the status labels and yes/no it writes parse back."""
    from budapest_desk.core.lifecycle import LABELS as STATUS_LABELS
    from budapest_desk.exporters.tabular import NO, YES, protect

    texts = ["=HYPERLINK(\"x\")", "+43 1 504 4677", "-12", "-3.5", "+cmd|' /C calc'!A0",
             "@SUM(A1)", "\t=1", "'quoted'", "O'Brien", "-", "+", "Kovács Anna", ""]  # fmt: skip
    for text in texts:
        assert unprotect(protect(text)) == text, text
    for status, label in STATUS_LABELS.items():
        assert parse_status(label) == StatusValue(status, True)
    assert (parse_bool(YES), parse_bool(NO)) == (True, False)
