"""Desks with no network: exporting each laptop's check-in journal and merging it into another
copy of the database. Merging is idempotent, order-independent and associative (proved on
generated journals, in pure form and through real files and databases); the earliest check-in
counts, double admissions are reported; a bad file is one UserError and changes nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import random
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, events, journal_files, journal_format, registrations
from budapest_desk.core.checkin import CheckinState
from budapest_desk.core.codes import display
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result, check_in
from budapest_desk.core.errors import UserError
from budapest_desk.core.journal_files import (
    DoubleAdmission,
    Scan,
    double_admissions,
    export_journal,
    merge_journal,
    union_by_nonce,
)
from budapest_desk.core.journal_format import JournalRecord
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import CheckinKind, RegistrationSource, RegistrationStatus
from budapest_desk.db.models import Category, CheckinEntry, Event, Person, Registration

TITLE = "Expert meeting on return and readmission"
START = dt.date(2026, 3, 3)
T0 = dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    """A device time with microseconds, which must survive every file and database."""
    return T0 + dt.timedelta(minutes=minutes, microseconds=minutes * 7919 + 1)


def _template(path: Path, people: int) -> list[str]:
    """A database file with the event and `people` confirmed registrations; their codes."""
    db = Database.open(str(path))
    try:
        with db.transaction() as s:
            event = events.create_event(s, events.EventInput(title=TITLE, start_date=START)).id
            return [_register(s, event, f"Kovács {i:02d}").checkin_code for i in range(people)]
    finally:
        db.close()


def _register(
    s: Session,
    event: int,
    last: str,
    source: RegistrationSource = RegistrationSource.TYPED,
    **person_fields: Any,
) -> registrations.RegistrationRow:
    email = "".join(ch for ch in last.lower() if ch.isascii() and ch.isalnum()) + "@example.org"
    person = PersonInput(first_name="Anna", last_name=last, email=email, **person_fields)
    data = RegistrationInput(person=person, status=RegistrationStatus.CONFIRMED, source=source)
    return registrations.create_registration(s, event, data)


def _check_in(
    s: Session, registration_id: int, desk: str, when: dt.datetime, then: Result = Result.CHECKED_IN
) -> None:
    """Check a registration in at `desk`, as the Check-in tab does, and expect `then`."""
    event = s.get_one(Registration, registration_id).event_id
    result = check_in(s, event, registration_id, desk=desk, device_time=when)
    assert result.result == then, result.message


@contextmanager
def _opened(path: Path) -> Iterator[Database]:
    db = Database.open(str(path))
    try:
        yield db
    finally:
        db.close()


def _event_id(s: Session) -> int:
    return s.scalars(select(Event.id).where(Event.title == TITLE)).one()


def _ids(s: Session) -> dict[str, int]:
    return dict(s.execute(select(Registration.checkin_code, Registration.id)).all())


def _states(s: Session) -> dict[str, tuple[object, ...]]:
    """The derived check-in state of every registration, by check-in code (ids differ)."""
    ids = _ids(s)
    derived = checkin.states(s, ids.values())
    return {code: _plain(derived[rid]) for code, rid in ids.items()}


def _plain(state: CheckinState) -> tuple[object, ...]:
    return state.checked_in, state.first_in_at, state.first_in_desk, state.entries


def _nonces(s: Session) -> set[str]:
    return set(s.scalars(select(CheckinEntry.nonce)))


def _merge(db: Database, path: Path) -> Any:
    with db.transaction() as s:
        return merge_journal(s, path)


def _export(db: Database, path: Path) -> Any:
    with db.transaction() as s:
        return export_journal(s, _event_id(s), path)


# ---------------------------------------------------------------------------------------------
# Two desks, two copies


def test_two_offline_desks_merge_into_the_same_state(tmp_path: Path) -> None:
    a_path, b_path = tmp_path / "desk-a.db", tmp_path / "desk-b.db"
    codes = _template(a_path, 30)
    shutil.copy(a_path, b_path)  # closed: one self-contained file

    with _opened(a_path) as a, a.transaction() as s:  # Door A
        reg = [_ids(s)[c] for c in codes]
        for i in range(15):
            _check_in(s, reg[i], "Door A", _at(10 + i))
        checkin.record(s, reg[3], CheckinKind.OUT, desk="Door A", device_time=_at(40))
        checkin.undo_many(s, [reg[5]], desk="Door A", device_time=_at(41))
        checkin.record(s, reg[20], CheckinKind.IN, desk="Door A", device_time=_at(42), forced=True)
        press = s.scalars(select(Category.id).where(Category.name == "Press")).one()
        walk_in = _register(
            s, _event_id(s), "Walker", RegistrationSource.WALK_IN, country="GE", title="Mr"
        )
        s.get_one(Registration, walk_in.id).category_id = press
        s.get_one(Registration, walk_in.id).delegation_country = "GE"
        _check_in(s, walk_in.id, "Door A", _at(43))

    with _opened(b_path) as b, b.transaction() as s:  # Door B, at the same time
        reg = [_ids(s)[c] for c in codes]
        for i in range(10, 20):
            when = _at(5 + i) if i < 12 else _at(30 + i)
            _check_in(s, reg[i], "Door B", when)
        _check_in(s, reg[3], "Door B", _at(50))  # after A's out
        _check_in(s, reg[5], "Door B", _at(16))  # A undid its own
        checkin.undo_many(s, [reg[13]], desk="Door B", device_time=_at(60))
        checkin.record(s, reg[12], CheckinKind.OUT, desk="Door B", device_time=_at(70))
        _check_in(s, reg[20], "Door B", _at(25))

    def admission(i: int, first: tuple[str, int], later: tuple[str, int]) -> DoubleAdmission:
        return DoubleAdmission(
            codes[i], f"Anna Kovács {i:02d}", Scan(first[0], _at(first[1])),
            (Scan(later[0], _at(later[1])),),
        )  # fmt: skip

    expected = sorted(
        [
            admission(10, ("Door B", 15), ("Door A", 20)),
            admission(11, ("Door B", 16), ("Door A", 21)),
            admission(12, ("Door A", 22), ("Door B", 42)),  # then checked out at B
            admission(14, ("Door A", 24), ("Door B", 44)),
            admission(20, ("Door B", 25), ("Door A", 42)),  # A's was forced
        ],
        key=lambda d: d.code,
    )
    with _opened(a_path) as a, _opened(b_path) as b:
        fa, fb = tmp_path / "door-a.json", tmp_path / "door-b.json"
        assert _export(a, fa) == journal_files.ExportSummary(entries=19, walk_ins=1)
        assert _export(b, fb) == journal_files.ExportSummary(entries=15, walk_ins=0)

        into_a, into_b = _merge(a, fb), _merge(b, fa)
        assert (into_a.added, into_a.already_present, into_a.walk_ins_added) == (15, 0, 0)
        assert (into_b.added, into_b.already_present, into_b.walk_ins_added) == (19, 0, 1)
        assert into_a.conflicts == into_b.conflicts == expected
        assert into_a.unknown_codes == into_b.unknown_codes == []
        assert into_a.nonce_conflicts == into_b.nonce_conflicts == []
        reported = json.loads(json.dumps(journal_files.summary_json(into_b)))  # for --json
        ten = {d["code"]: d for d in reported["conflicts"]}[codes[10]]
        assert ten["first"] == {"desk": "Door B", "device_time": _at(15).isoformat()}
        assert ten["later"] == [
            {"desk": "Door A", "device_time": "2026-03-03T08:20:00.158381+00:00"}
        ]
        assert journal_files.describe_conflict(expected[0]) == (
            f"{expected[0].name} ({display(expected[0].code)}): admitted at "
            f"{expected[0].first.desk} at {expected[0].first.device_time:%Y-%m-%d %H:%M:%S} UTC, "
            f"again at {expected[0].later[0].desk} at "
            f"{expected[0].later[0].device_time:%Y-%m-%d %H:%M:%S} UTC"
        )

        again_a, again_b = _merge(a, fb), _merge(b, fa)  # the same files again
        assert (again_a.added, again_a.already_present, again_a.conflicts) == (0, 15, [])
        assert (again_b.added, again_b.already_present, again_b.conflicts) == (0, 19, [])
        assert again_b.walk_ins_added == 0
        for _ in range(2):  # each merged copy's own export, merged into the other, twice
            _export(a, fa)
            _export(b, fb)
            again = [_merge(a, fb), _merge(b, fa)]
            assert [(m.added, m.already_present, m.walk_ins_added, m.conflicts) for m in again] == [
                (0, 34, 0, [])
            ] * 2

        with a.transaction() as sa, b.transaction() as sb:
            assert _states(sa) == _states(sb)
            assert _nonces(sa) == _nonces(sb)
            assert len(_nonces(sa)) == 34
            state = _states(sb)
            assert state[codes[10]] == (True, _at(15), "Door B", 2)  # the earliest counts
            assert state[codes[12]] == (False, _at(22), "Door A", 3)
            assert state[codes[13]] == (True, _at(23), "Door A", 3)  # B's check-in undone
            assert state[codes[3]] == (True, _at(13), "Door A", 3)
            assert state[codes[5]] == (True, _at(16), "Door B", 3)
            forced = sb.scalars(select(CheckinEntry).where(CheckinEntry.forced)).one()
            assert (forced.desk, forced.device_time) == ("Door A", _at(42))

            walker = sb.scalars(
                select(Registration).where(Registration.source == RegistrationSource.WALK_IN)
            ).one()
            assert walker.checkin_code == walk_in.checkin_code
            assert (walker.category_id, walker.delegation_country) == (press, "GE")
            assert (walker.person.title, walker.person.last_name, walker.person.country) == (
                "Mr", "Walker", "GE"
            )  # fmt: skip
            assert walker.person.search_key  # made by the core functions
            assert state[walker.checkin_code] == (True, _at(43), "Door A", 1)


def test_a_walk_in_joins_the_person_already_in_the_directory(tmp_path: Path) -> None:
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    _template(a_path, 0)
    shutil.copy(a_path, b_path)
    with _opened(a_path) as a, a.transaction() as s:
        for name in ("Walker 01", "Walker 02"):
            row = _register(s, _event_id(s), name, RegistrationSource.WALK_IN)
            _check_in(s, row.id, "Door A", _at(1))
    with _opened(b_path) as b, b.transaction() as s:
        other = events.create_event(s, events.EventInput(title="Working group", start_date=START))
        kept = _register(s, other.id, "Walker 01", organisation="Ministry").person_id
        # Door B registered the second one too, under its own code.
        twin = _register(s, _event_id(s), "Walker 02", RegistrationSource.WALK_IN)
        _check_in(s, twin.id, "Door B", _at(2))

    with _opened(a_path) as a, _opened(b_path) as b:
        _export(a, tmp_path / "a.json")
        people_before = _count(b, Person)
        summary = _merge(b, tmp_path / "a.json")
        assert (summary.added, summary.walk_ins_added, summary.walk_ins_matched) == (2, 1, 1)
        assert [d.name for d in summary.conflicts] == ["Anna Walker 02"]  # in at both doors
        assert _count(b, Person) == people_before  # no one twice in the directory
        with b.transaction() as s:
            row = registrations.find_registration(s, _event_id(s), "walker01@example.org")
            assert (row.person_id, row.organisation, row.checked_in) == (kept, "Ministry", True)
            assert registrations.get_registration(s, twin.id).checked_in_at == _at(1)
        assert _merge(b, tmp_path / "a.json").added == 0


def test_unknown_codes_and_changed_entries_are_reported_not_merged(tmp_path: Path) -> None:
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    codes = _template(a_path, 3)
    shutil.copy(a_path, b_path)
    with _opened(a_path) as a:
        with a.transaction() as s:
            ids = _ids(s)
            both = [ids[codes[0]], ids[codes[1]]]
            for rid in both:
                _check_in(s, rid, "Door A", _at(1))
            for rid in both:
                _check_in(s, rid, "Door A", _at(2), Result.ALREADY)  # no second entry
        _export(a, tmp_path / "a.json")
    with _opened(b_path) as b:
        with b.transaction() as s:  # deleted at Door B meanwhile
            registrations.delete_registration(s, _ids(s)[codes[1]])
        summary = _merge(b, tmp_path / "a.json")
        assert (summary.added, summary.unknown_codes, summary.conflicts) == (1, [codes[1]], [])
        with b.transaction() as s:  # an entry here says something else than the file
            entry = s.scalars(select(CheckinEntry)).one()
            entry.desk = "Door B"
        again = _merge(b, tmp_path / "a.json")
        assert (again.added, again.already_present) == (0, 0)
        assert again.nonce_conflicts == [entry.nonce]
        with b.transaction() as s:
            assert s.scalars(select(CheckinEntry.desk)).all() == ["Door B"]  # kept as it was
            events.create_event(s, events.EventInput(title=TITLE, start_date=START))
        with pytest.raises(UserError, match="2 events called “Expert meeting on return"):
            _merge(b, tmp_path / "a.json")
        with b.transaction() as s:
            assert len(s.scalars(select(CheckinEntry)).all()) == 1


def test_an_export_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.db"
    _template(path, 2)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "journal.json"
    target.write_text("the previous export", encoding="utf-8")
    with _opened(path) as db:
        with monkeypatch.context() as m:  # the disk fills up while writing
            m.setattr(journal_format.os, "fsync", _disk_full)
            with pytest.raises(UserError, match=r"Cannot write .*journal\.json \(No space left"):
                _export(db, target)
        assert target.read_text(encoding="utf-8") == "the previous export"
        with pytest.raises(UserError, match="is a folder"):
            _export(db, out)
        with pytest.raises(UserError, match=r"Cannot write a file in .*missing"):
            _export(db, out / "missing" / "journal.json")
        assert [p.name for p in out.iterdir()] == ["journal.json"]  # no temporary file left
        assert _export(db, target) == journal_files.ExportSummary(entries=0, walk_ins=0)
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "budapest-desk-checkin-journal"
    assert doc["version"] == 1
    assert doc["event"] == {"title": TITLE, "start_date": "2026-03-03"}
    assert dt.datetime.fromisoformat(doc["exported_at"]).tzinfo is not None
    assert (doc["walk_ins"], doc["entries"]) == ([], [])


def _disk_full(fd: int) -> None:
    raise OSError(28, "No space left on device")


def _count(db: Database, model: type[Any]) -> int:
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_merging_on_either_backend_keeps_device_times_exact(
    database: Database, tmp_path: Path
) -> None:
    """A SQLite desk and a copy on this backend (the same roster, the same codes)."""
    desk = tmp_path / "desk.db"
    codes = _template(desk, 4)
    with database.transaction() as s:
        event = events.create_event(s, events.EventInput(title=TITLE, start_date=START)).id
        for i, code in enumerate(codes):
            s.get_one(Registration, _register(s, event, f"Kovács {i:02d}").id).checkin_code = code
        ids = _ids(s)
        for code in codes[:2]:
            _check_in(s, ids[code], "Server", _at(7))
    with _opened(desk) as a:
        with a.transaction() as s:
            ids = _ids(s)
            for code in codes[1:3]:
                _check_in(s, ids[code], "Desk", _at(3))
        _export(a, tmp_path / "desk.json")
        merged = _merge(database, tmp_path / "desk.json")
        assert [d.first for d in merged.conflicts] == [Scan("Desk", _at(3))]
        _export(database, tmp_path / "server.json")
        _merge(a, tmp_path / "server.json")
        with a.transaction() as sa, database.transaction() as sb:
            assert _states(sa) == _states(sb)
            assert _states(sb)[codes[1]] == (True, _at(3), "Desk", 2)
        assert _merge(database, tmp_path / "server.json").already_present == 4


# ---------------------------------------------------------------------------------------------
# The laws, on generated journals

DESKS = ("Door A", "Door B", "Πόρτα Γ")
PLACEHOLDERS = ("R0", "R1", "R2", "R3")


@st.composite
def split_journals(draw: st.DrawFn) -> list[list[JournalRecord]]:
    """2-3 copies' journals over a few registrations: random kinds, undos of earlier entries,
    tied device times; each scan is in one copy or several (merged there before)."""
    copies = draw(st.integers(2, 3))
    nonces = draw(st.lists(st.uuids(version=4), max_size=24, unique=True))
    journals: list[list[JournalRecord]] = [[] for _ in range(copies)]
    made: dict[str, list[str]] = defaultdict(list)
    for nonce in map(str, nonces):
        code = draw(st.sampled_from(PLACEHOLDERS))
        kind = draw(st.sampled_from(list(CheckinKind) if made[code] else [CheckinKind.IN]))
        when = T0 + dt.timedelta(
            minutes=draw(st.integers(0, 15)),
            microseconds=draw(st.sampled_from([0, 1, 999_999])),
        )
        record = JournalRecord(
            nonce=nonce,
            code=code,
            kind=kind,
            undoes_nonce=draw(st.sampled_from(made[code])) if kind == CheckinKind.UNDO else None,
            desk=draw(st.sampled_from(DESKS)),
            device_time=when,
            recorded_at=T0 + dt.timedelta(hours=1),
            forced=draw(st.booleans()),
        )
        made[code].append(nonce)
        for copy in draw(st.sets(st.integers(0, copies - 1), min_size=1)):
            journals[copy].append(record)
    return journals


def _entry(record: JournalRecord) -> checkin.JournalRow:
    return checkin.JournalRow(
        0, record.kind, record.nonce, record.undoes_nonce, record.device_time, record.desk
    )


def _derived(
    records: Iterable[JournalRecord], codes: Iterable[str] = PLACEHOLDERS
) -> dict[str, tuple[object, ...]]:
    """The state of each registration, derived by `checkin.derive_state`, by code."""
    by_code: dict[str, list[checkin.JournalRow]] = defaultdict(list)
    for record in records:
        by_code[record.code].append(_entry(record))
    return {code: _plain(checkin.derive_state(0, by_code[code])) for code in codes}


def _view(records: list[JournalRecord]) -> tuple[object, ...]:
    """What a merged copy shows: its entries, each registration's state, double admissions."""
    return frozenset(records), _derived(records), double_admissions(records), len(records)


U = union_by_nonce


@settings(max_examples=150, deadline=None, database=None)
@given(split_journals(), st.randoms(use_true_random=False))
def test_merging_is_idempotent_commutative_and_associative(
    journals: list[list[JournalRecord]], rnd: random.Random
) -> None:
    a, b, c = (*journals, [])[:3]
    everything = U(U(a, b), c)
    assert _view(U(a, a)) == _view(a)
    assert _view(U(U(a, b), b)) == _view(U(a, b)) == _view(U(b, U(a, b)))
    assert _view(U(a, b)) == _view(U(b, a))
    assert _view(U(U(a, b), c)) == _view(U(a, U(b, c))) == _view(U(c, U(b, a)))
    shuffled = everything[:]
    rnd.shuffle(shuffled)
    assert _view(shuffled) == _view(everything)  # the order of the journal does not matter
    states = _derived(everything)
    for double in double_admissions(everything):  # the earliest check-in is the one shown
        assert double.first.device_time == states[double.code][1]
        assert all(later.device_time >= double.first.device_time for later in double.later)


def _copy(template: Path, path: Path, records: Iterable[JournalRecord] = ()) -> Database:
    """A desk's copy of the template database, with these scans in its journal."""
    shutil.copy(template, path)
    db = Database.open(str(path))
    with db.transaction() as s:
        ids = _ids(s)
        for record in records:
            s.add(
                CheckinEntry(
                    nonce=record.nonce,
                    registration_id=ids[record.code],
                    kind=record.kind,
                    undoes_nonce=record.undoes_nonce,
                    desk=record.desk,
                    device_time=record.device_time,
                    recorded_at=record.recorded_at,
                    forced=record.forced,
                )
            )
    return db


def test_real_merges_in_any_order_give_the_same_state(tmp_path: Path) -> None:
    """Exported files merged in different orders and groupings, through real databases."""
    template = tmp_path / "template.db"
    codes = dict(zip(PLACEHOLDERS, _template(template, len(PLACEHOLDERS)), strict=True))
    names = {code: f"Anna Kovács {i:02d}" for i, code in enumerate(codes.values())}

    @settings(max_examples=20, deadline=None, database=None)
    @given(split_journals())
    def check(journals: list[list[JournalRecord]]) -> None:
        real = [[dataclasses.replace(r, code=codes[r.code]) for r in j] for j in journals]
        model: list[JournalRecord] = []
        for journal in real:
            model = U(model, journal)
        expected = _derived(model, names)
        with tempfile.TemporaryDirectory(dir=tmp_path) as tmp, contextlib.ExitStack() as stack:
            folder = Path(tmp)

            def opened(name: str, records: Iterable[JournalRecord] = ()) -> Database:
                db = _copy(template, folder / f"{name}.db", records)
                stack.callback(db.close)
                return db

            desks = [opened(f"desk{i}", journal) for i, journal in enumerate(real)]
            files = [folder / f"desk{i}.json" for i in range(len(desks))]
            for db, path in zip(desks, files, strict=True):
                _export(db, path)
            in_order, reversed_order = opened("in-order"), opened("reversed")
            for path in [*files, files[0]]:
                _merge(in_order, path)
            for path in reversed(files):
                _merge(reversed_order, path)
            if len(desks) == 2:  # b <- a
                grouped = desks[1]
                _merge(grouped, files[0])
            else:  # a <- (b <- c), against ((0 <- a) <- b) <- c above
                _merge(desks[1], files[2])
                _export(desks[1], folder / "b-and-c.json")
                grouped = desks[0]
                _merge(grouped, folder / "b-and-c.json")
            for db in (in_order, reversed_order, grouped):
                with db.transaction() as s:
                    assert _states(s) == expected
                    assert _nonces(s) == {r.nonce for r in model}
            _export(grouped, folder / "merged.json")
            merged = journal_format.read(folder / "merged.json").entries
            assert set(merged) == set(model)  # every field, as recorded
            assert double_admissions(merged, names) == double_admissions(model, names)

    check()


# ---------------------------------------------------------------------------------------------
# Bad files


def _edited(doc: dict[str, Any], edit: Callable[[dict[str, Any]], object]) -> bytes:
    doc = json.loads(json.dumps(doc))  # a deep copy
    edit(doc)
    return json.dumps(doc).encode()


def _bad_files(doc: dict[str, Any]) -> list[tuple[str, bytes, str]]:
    """(what is wrong, the file's bytes, what the message must say). Each breaks the last entry
    or walk-in where it can, after valid ones that a careless merge would have written."""
    last, walk_in = -1, 0

    def entry(**fields: object) -> Callable[[dict[str, Any]], object]:
        return lambda d: d["entries"][last].update(fields)

    def walker(**fields: object) -> Callable[[dict[str, Any]], object]:
        return lambda d: d["walk_ins"][walk_in].update(fields)

    def drop(key: str) -> Callable[[dict[str, Any]], object]:
        return lambda d: d["entries"][last].pop(key)

    edits: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
        ("wrong format", lambda d: d.update(format="budapest-desk-roster"), '"format" is not'),
        ("newer version", lambda d: d.update(version=2), "written by a newer Budapest Desk"),
        ("version as text", lambda d: d.update(version="1"), '"version" is missing'),
        ("no event", lambda d: d.pop("event"), '"event" is not a JSON object'),
        ("bad start date", lambda d: d["event"].update(start_date="3 March"), "is not a date"),
        ("other event", lambda d: d["event"].update(title="Other"), "has no event “Other”"),
        ("entries not a list", lambda d: d.update(entries={}), '"entries" is missing or not'),
        ("no walk-ins", lambda d: d.pop("walk_ins"), '"walk_ins" is missing'),
        ("entry not an object", lambda d: d["entries"].append(7), "is not a JSON object"),
        ("no nonce", drop("nonce"), '"nonce" is missing'),
        ("no device time", drop("device_time"), '"device_time" is missing'),
        ("forced as text", entry(forced="yes"), '"forced" is missing or not true/false'),
        ("undoes a number", entry(undoes=5), '"undoes" is missing or not text'),
        ("desk too long", entry(desk="D" * 81), '"desk" is longer than 80'),
        ("bad date", entry(device_time="yesterday"), "is not a date and time ('yesterday')"),
        ("no time zone", entry(device_time="2026-03-03T08:00:00"), "has no time zone"),
        ("unknown kind", entry(kind="maybe"), "\"kind\" is 'maybe', not one of in, out, undo"),
        ("nonce reused", lambda d: d["entries"].append({**d["entries"][0], "desk": "X"}),
         "two different entries have the nonce"),
        ("walk-in status", walker(status="present"), '"status" is \'present\''),
        ("walk-in nameless", walker(last_name=" "), '"last_name" is empty'),
        ("walk-in email", walker(email="not an address"), "Walk-in 1 of"),
        ("walk-in country", walker(country="Atlantis"), "Unknown country 'Atlantis'"),
        ("walk-in twice", lambda d: d["walk_ins"].append(d["walk_ins"][0]), "same check-in code"),
    ]  # fmt: skip
    text = json.dumps(doc, ensure_ascii=False)
    return [
        *((label, _edited(doc, edit), says) for label, edit, says in edits),
        ("empty", b"", "it is not JSON"),
        ("not JSON", b"name;code\nAnna;X\n", "it is not JSON"),
        ("a list", b"[1, 2]", "the file is not a JSON object"),
        ("nested too deep", b"[" * 100_000, "it is not JSON"),
        ("Latin-1", text.replace("Door A", "Bej\xe1rat").encode("latin-1"), "it is not UTF-8"),
    ]


def test_a_bad_file_is_one_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    codes = _template(a_path, 3)
    shutil.copy(a_path, b_path)
    with _opened(a_path) as a:
        with a.transaction() as s:
            walk_in = _register(s, _event_id(s), "Walker", RegistrationSource.WALK_IN).id
            ids = [*(_ids(s)[c] for c in codes), walk_in]
            for rid in ids:
                _check_in(s, rid, "Door A", _at(1))
        _export(a, tmp_path / "good.json")
    good = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    assert set(good) == {"format", "version", "exported_at", "event", "walk_ins", "entries"}
    assert set(good["entries"][0]) == {
        "nonce", "code", "kind", "undoes", "desk", "device_time", "recorded_at", "forced"
    }  # fmt: skip
    assert set(good["walk_ins"][0]) == {
        "code", "title", "first_name", "last_name", "organisation", "position", "country",
        "email", "category", "delegation_country", "delegation_organisation", "status",
    }  # fmt: skip

    with _opened(b_path) as b:

        def snapshot() -> tuple[object, ...]:
            with b.transaction() as s:
                return _states(s), _nonces(s), _count(b, Person)

        before = snapshot()
        bad = tmp_path / "bad.json"
        messages: dict[str, str] = {}

        def attempt(label: str, path: Path = bad) -> None:
            with b.transaction() as s:  # commits: nothing may have been written
                try:
                    merge_journal(s, path)
                except UserError as exc:
                    messages[label] = str(exc)

        expected: dict[str, str] = {}
        for label, content, says in _bad_files(good):
            bad.write_bytes(content)
            attempt(label)
            expected[label] = says
        folder = tmp_path / "folder.json"
        folder.mkdir()
        attempt("folder", folder)
        attempt("missing", tmp_path / "missing.json")
        with bad.open("wb") as out:  # sparse: no disk space used
            out.truncate(journal_format.MAX_BYTES + 1)
        attempt("too large")
        (tmp_path / "good-copy.json").write_bytes((tmp_path / "good.json").read_bytes())
        with monkeypatch.context() as m:  # root reads any file: make this one fail to read
            m.setattr(Path, "read_bytes", _refuse)
            attempt("unreadable", tmp_path / "good-copy.json")
        expected |= {
            "folder": "is a folder: choose a check-in journal file",
            "missing": "There is no file at",
            "too large": "is 200 MB, more than a journal can be",
            "unreadable": "(Permission denied)",
        }

        assert set(messages) == set(expected), "some bad files were merged"
        wrong = {k: v for k, v in messages.items() if expected[k] not in v}
        assert wrong == {}
        for label, message in messages.items():
            assert "\n" not in message
            assert str(tmp_path) in message, label
        assert snapshot() == before

        summary = _merge(b, tmp_path / "good.json")  # and the good file still merges
        assert (summary.added, summary.walk_ins_added) == (4, 1)


def _refuse(self: Path) -> bytes:
    raise PermissionError(13, "Permission denied", str(self))
