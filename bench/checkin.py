"""The check-in desk on a large event (issue 5): search as you type, scan-to-result, and
check-ins per second with 4 desks on PostgreSQL, each beside the floor of the bare database
library doing the same statements in the same run. Prints one JSON line per case and size.

    .venv/bin/python bench/checkin.py [--sizes 20000 100000] [--runs 3] [--quick]
                                      [--no-postgres] [--people 200] [--scans 500]
                                      [--desk-codes 2500]

Targets (issue 5): search p95 under 50 ms at 100,000 registrations, scan under 20 ms, within
5x the floor.

Cases, each measured `--runs` times; a JSON line gives the median over the runs of each run's
percentile (p95 of about 2,400 keystrokes, of 500 scans):

search  What the desk does per keystroke: in a read transaction (`db.transaction()`, begin and
        commit included), core.desk_search.search() then core.registrations.registration_rows()
        for the ids found (the rows of the list). `--people` people (200) drawn at random from
        the event are each looked up as a desk worker types: the family name letter by letter,
        a space, then the first 2 to 4 letters of the given name. Latin-script names are typed
        half with their accents and capitals ("Wąsowski Łu"), half lower-case without accents
        ("wasowski lu"); names in another script half in that script ("Ковалев Ол"), half in
        the Latin transliteration ("kovalev ol"). Every prefix is one keystroke. Floor per
        keystroke: the same work through the bare sqlite3 module on the same file, its words
        computed beforehand, outside the clock: BEGIN, search()'s main statement (the
        word-range query on person_words joined to people and registrations, one EXISTS per
        further word, LIMIT 200) written out as plain SQL, then the statement that reads the
        rows shown (core.registrations' columns and journal entries, WHERE id IN 50
        parameters) for the first 50 ids it found, fetchall() each, COMMIT. Interleaved with
        ours keystroke by keystroke. Keystrokes whose text has no searchable word (an Arabic ع
        alone transliterates to an apostrophe, which is dropped) are left out of all sides.
        `statement_*`: search()'s main statement alone (the floor of earlier runs), and
        `ratio_statement_p95` ours against it. `word_first_*`: that statement with its join
        order fixed by CROSS JOINs to start from the word index (person_words' primary key on
        word), as the statement means to. Without table statistics (the app never runs
        ANALYZE) SQLite's planner starts instead from the event's registrations and probes
        person_words once per registration, so the statement carries that plan; this one shows
        what the indexed query itself costs, and `ratio_word_first_p95` ours against it. The
        four sides rotate which goes first.
scan    Scan-to-result: `with db.transaction() as s: core.desk.scan(s, ...)` for `--scans`
        (500) random codes, commit included; every one must come back "checked_in". Floor:
        what core.desk.scan does, statement for statement, through bare sqlite3: BEGIN, the
        row lock (UPDATE registrations SET updated_at = updated_at WHERE checkin_code = ?
        RETURNING id), the registration's row with its journal entries (the columns core.
        registrations reads), INSERT of one journal row with the app's columns (nonce uuid4,
        registration_id, kind 'in', desk, device_time, recorded_at, forced, created_at,
        updated_at), COMMIT. `minimal_*`: less than a scan must do (BEGIN, SELECT id by code,
        the INSERT, COMMIT: no lock, no row; the floor of earlier runs). Each side scans other
        codes of the same file (so none sees another's check-ins), interleaved scan by scan.
        The floor's sqlite3 connection has the app's pragmas (synchronous NORMAL, 64 MB cache,
        foreign keys; the file is in WAL mode, as the app leaves it).
desks   Check-ins per second with 4 desks on PostgreSQL: a fresh database is created on
        postgresql+psycopg://postgres@127.0.0.1:5432 (trust auth) for each size, migrated by
        Database.open, seeded as below, ANALYZEd, and dropped at the end (WITH (FORCE), also on
        error). Four `python -m budapest_desk --db URL checkin scan EVENT --stdin --desk D`
        processes are started at once, each given one warm-up code; once all four have
        answered it (`startup_s`, the median time from start to first answer: interpreter,
        imports, opening and checking the database, the first scan), each is fed
        `--desk-codes` distinct codes (2,500, at most N/8) at the same moment and its stdin
        closed. `checkins_per_s` = the 4 x codes / wall-clock from feeding to all four exited:
        throughput excluding start-up (process exit, tens of ms, is included).
        `checkins_per_s_with_startup` counts from the start of the processes, warm-up codes
        included. Every code must answer "checked_in", and the journal must hold exactly one
        entry per code. Floor: four processes of a bare psycopg script started and fed the
        same way, per code what core.desk.scan does: BEGIN, the row lock (the UPDATE ...
        RETURNING id above), the row with its journal entries, INSERT of the journal row,
        COMMIT. The journal is emptied (TRUNCATE) before each measurement;
        ours and the floor alternate which goes first. Without PostgreSQL (or --no-postgres)
        the line says "skipped" and why.

`meets_targets`: ours_p95_ms under the target (search: 50 ms, judged at 100,000 and over
only; scan: 20 ms) and ratio_p95 at most 5. `found_share` (search): the share of the people
whose whole typed query listed them among the matches, a check that the queries are real ones.

Seeding (not timed): one event with N confirmed registrations, and a second event with N/5
registrations of some of the same people (so that search must pick out the event). Names are
distinct (first name, family name) pairs in five scripts: Latin with diacritics (Hungarian,
Polish, Romanian, Czech, Turkish, 50 %), Cyrillic (20 %), Greek (10 %), Georgian (8 %) and
Arabic script (12 %). Family names are built from syllables of each language (a start, an
optional middle, an ending: Ko+vá+cs, Wą+so+wski, Πα+πα+δόπουλος, ბე+რი+ძე), 18,000
possible ones, drawn with Zipf-like weights (1/rank^0.8 within a language: at 100,000 people
about 17,000 distinct family names, the commonest borne by ~200 people), so that common
prefixes are common, as in a real list; given names come from lists of real ones per
language, with a second given name for 30 % ("Anna Mária"). Organisations (real ministry and
agency names in the person's language, or international bodies), countries and emails
(transliterated name at the organisation's domain) go into the search key as the app puts
them. Check-in codes come from core.codes.new_code(). People and registrations are inserted
with SQLAlchemy Core insert() executemany, then db.models.people.index_words fills the word
index, as a bulk import does.

The machine this ran on for the issue was a 2-core box shared with other work: compare ratios
within one run; absolute times vary +-30 %.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from anyascii import anyascii
from sqlalchemy import insert, select

from budapest_desk.core import desk, events
from budapest_desk.core.codes import new_code
from budapest_desk.core.database import Database
from budapest_desk.core.desk_search import CANDIDATES, SHOWN, search
from budapest_desk.core.registrations import registration_rows
from budapest_desk.core.text import search_key, search_words, sort_key
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Category, Person, Registration
from budapest_desk.db.models.people import WORD_LENGTH, index_words

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_ADMIN_DB = "test"
TARGET_SEARCH_P95_MS = 50.0  # at 100,000 registrations
TARGET_SCAN_MS = 20.0
TARGET_RATIO = 5.0

# ---- names -----------------------------------------------------------------------------------
# language: (script, share, family-name starts, middles, endings, given names, countries, orgs)
LANGUAGES: dict[str, tuple[str, float, list[str], list[str], list[str], list[str], list[str],
                           list[tuple[str, str]]]] = {
    "hu": ("latin", 0.12,
           ["Ko", "Sza", "Tó", "Ho", "Ki", "Mo", "Ba", "Ne", "Fa", "Vá", "Gá", "Lu", "Sü", "Bí",
            "Őr", "Cso", "Zsi", "Gyu", "Pá", "Sí", "Ju", "Ve", "Ré", "Pin"],
           ["vá", "bó", "rá", "lo", "ke", "ri", "ma", "dé", "lá", "nyi", "kö", "te"],
           ["cs", "th", "ssy", "nár", "gh", "lyi", "di", "kó", "ár", "zs", "né", "tos", "ai"],
           ["Gyöngyvér", "Zsófia", "Ágnes", "Eszter", "Katalin", "Réka", "Ildikó", "László",
            "Gábor", "Zoltán", "Péter", "Attila", "Csaba", "Gergő", "Levente", "Tünde"],
           ["HU"],
           [("Belügyminisztérium", "bm.gov.hu"),
            ("Országos Idegenrendészeti Főigazgatóság", "oif.gov.hu"),
            ("Külgazdasági és Külügyminisztérium", "mfa.gov.hu")]),
    "pl": ("latin", 0.12,
           ["Wą", "Ko", "Now", "Wi", "Łu", "Krzy", "Zie", "Grze", "Szy", "Dą", "Ka", "Ja", "Ma",
            "Pio", "Woj", "Zaj", "Kró", "Bła", "Ści", "Żu"],
           ["so", "wal", "ak", "śnie", "mi", "bro", "ży", "ło", "ta", "le", "cho"],
           ["ski", "cki", "ewicz", "czyk", "ak", "owski", "ińska", "ek", "owska", "dzki", "ny"],
           ["Łukasz", "Małgorzata", "Agnieszka", "Krzysztof", "Paweł", "Katarzyna", "Michał",
            "Joanna", "Wojciech", "Zofia", "Tomasz", "Bożena", "Jędrzej", "Grażyna"],
           ["PL"],
           [("Ministerstwo Spraw Wewnętrznych i Administracji", "mswia.gov.pl"),
            ("Straż Graniczna", "strazgraniczna.pl"),
            ("Urząd do Spraw Cudzoziemców", "udsc.gov.pl")]),
    "ro": ("latin", 0.10,
           ["Po", "Io", "Stă", "Dumi", "Con", "Ga", "Mă", "Şer", "Ţu", "Vă", "Ra", "Ne", "Bă",
            "Chi", "Ghe", "Lu", "Mun", "Ro"],
           ["pe", "nes", "ves", "tra", "cu", "ri", "la", "dă", "mi", "tă"],
           ["scu", "anu", "ache", "eanu", "ia", "ici", "an", "oiu", "aru", "ău"],
           ["Ștefan", "Ioana", "Andreea", "Mihai", "Alexandru", "Elena", "Răzvan", "Cătălina",
            "Bogdan", "Ionuț", "Mădălina", "Florin"],
           ["RO", "MD"],
           [("Ministerul Afacerilor Interne", "mai.gov.ro"),
            ("Inspectoratul General pentru Imigrări", "igi.mai.gov.ro")]),
    "cs": ("latin", 0.08,
           ["Dvo", "Nov", "Svo", "Čer", "Pro", "Ně", "Ku", "Ho", "Vese", "Kři", "Ma", "Pospí",
            "Há", "Zá", "Bla", "Šťa"],
           ["řá", "bo", "ma", "ci", "lí", "ra", "če", "to", "še"],
           ["k", "ák", "da", "ný", "ová", "íček", "ka", "il", "ek", "ovský"],
           ["Jiří", "Tereza", "Lucie", "Petr", "Jana", "Tomáš", "Kateřina", "Radek", "Zuzana",
            "Ondřej", "Marek", "Veronika"],
           ["CZ", "SK"],
           [("Ministerstvo vnitra", "mvcr.cz"), ("Policie České republiky", "policie.cz")]),
    "tr": ("latin", 0.08,
           ["Yıl", "Öz", "Şa", "Çe", "Ay", "Ka", "Doğ", "Ars", "Er", "Gü", "Kılı", "Ak", "Şim",
            "Türk"],
           ["dı", "ka", "lan", "tü", "re", "an", "çe", "ğu"],
           ["z", "oğlu", "han", "türk", "can", "er", "ay", "lı", "ci", "dağ"],
           ["Ayşe", "Mehmet", "Fatma", "Mustafa", "Zeynep", "Emine", "Hüseyin", "Özge", "Çağla",
            "İbrahim", "Gökhan", "Şule"],
           ["TR"],
           [("İçişleri Bakanlığı", "icisleri.gov.tr"),
            ("Göç İdaresi Başkanlığı", "goc.gov.tr")]),
    "ru": ("cyrillic", 0.20,
           ["Ко", "Пе", "Ива", "Смир", "Кузне", "Соко", "По", "Ле", "Вол", "Мо", "Ша", "Бо",
            "Ти", "Ду", "Жу", "Ще", "Фё", "Гри", "Ше", "Ю"],
           ["ва", "тро", "но", "лен", "ро", "бе", "ди", "ми", "ха", "цо", "ря"],
           ["ов", "ова", "ев", "енко", "ский", "ская", "ин", "ук", "чук", "ич", "ёв", "ина"],
           ["Ольга", "Наталья", "Сергей", "Андрей", "Дмитрий", "Елена", "Татьяна", "Юлия",
            "Алексей", "Ирина", "Олександр", "Богдана", "Михаил", "Світлана", "Никола"],
           ["RU", "UA", "BY", "RS", "BG", "KZ"],
           [("Министерство внутренних дел", "mvd.ru"),
            ("Державна міграційна служба України", "dmsu.gov.ua"),
            ("Министерство иностранных дел", "mid.ru")]),
    "el": ("greek", 0.10,
           ["Πα", "Γε", "Κω", "Νι", "Δη", "Αλε", "Χα", "Μα", "Βλα", "Θε", "Ζα", "Ψα", "Ευ",
            "Σταυ", "Τσι", "Φω"],
           ["πα", "ωρ", "στο", "κο", "μη", "λα", "ρα", "δο", "νο"],
           ["δόπουλος", "ίου", "άκης", "ίδης", "όπουλος", "άτος", "ίδου", "άκη", "έλλης", "ας"],
           ["Γεώργιος", "Μαρία", "Ελένη", "Νικόλαος", "Κωνσταντίνος", "Αικατερίνη", "Δημήτριος",
            "Σοφία", "Ιωάννης", "Αναστασία", "Χρήστος", "Ευαγγελία"],
           ["GR", "CY"],
           [("Υπουργείο Μετανάστευσης και Ασύλου", "migration.gov.gr"),
            ("Ελληνική Αστυνομία", "astynomia.gr")]),
    "ka": ("georgian", 0.08,
           ["ბე", "მა", "გე", "ქა", "კა", "ჯა", "ლო", "ცი", "ხა", "ნა", "ჩხე", "წე", "ღვი",
            "თო"],
           ["რი", "ლა", "ხა", "ვა", "მო", "დი", "ბა", "ნი"],
           ["ძე", "შვილი", "ია", "ავა", "ანი", "ური", "ელი", "უა"],
           ["ნინო", "გიორგი", "თამარ", "დავით", "მარიამ", "ლევან", "ეკატერინე", "ზურაბ",
            "ნათია", "ირაკლი"],
           ["GE"],
           [("შინაგან საქმეთა სამინისტრო", "police.ge"),
            ("იუსტიციის სამინისტრო", "justice.gov.ge")]),
    "fa": ("arabic", 0.12,
           ["اح", "حس", "رض", "کر", "مح", "صا", "نو", "جع", "فر", "عب", "سل", "قا", "شری",
            "یو"],
           ["مد", "ین", "ری", "ا", "ل", "س", "ن", "با"],
           ["ی", "زاده", "یان", "پور", "نی", "ائی", "ور", "یه"],
           ["زهرا", "محمد", "علی", "فاطمه", "رضا", "مریم", "حسین", "سارا", "احمد", "لیلا",
            "یوسف", "نرگس"],
           ["IR", "AF", "EG", "JO", "IQ"],
           [("وزارت کشور", "moi.gov.ir"), ("وزارة الداخلية", "moi.gov.eg"),
            ("وزارت امور خارجه", "mfa.gov.af")]),
}  # fmt: skip
INTERNATIONAL = [
    ("International Organization for Migration", "iom.int"),
    ("UNHCR", "unhcr.org"),
    ("ICMPD", "icmpd.org"),
    ("Frontex", "frontex.europa.eu"),
    ("European Commission, DG HOME", "ec.europa.eu"),
    ("OSCE", "osce.org"),
]


@dataclass(frozen=True)
class Persona:
    first: str
    last: str
    script: str


@dataclass
class Seeded:
    event_id: int
    personas: list[Persona]  # the event's people, in the order of `codes`
    codes: list[str]  # the event's check-in codes, one per person, in random order


def family_names(
    rnd: random.Random, starts: list[str], mids: list[str], ends: list[str]
) -> list[str]:
    names = {s + e for s in starts for e in ends}
    names |= {s + m + e for s in starts for m in mids for e in ends}
    pool = sorted(names)
    rnd.shuffle(pool)  # the order is the popularity rank
    return pool


def make_people(n: int, rnd: random.Random) -> list[tuple[Persona, dict[str, object]]]:
    """n distinct people: (persona, Person row)."""
    langs = list(LANGUAGES)
    shares = [LANGUAGES[k][1] for k in langs]
    pools = {k: family_names(rnd, *LANGUAGES[k][2:5]) for k in langs}
    cum = {k: list(accumulate(1 / (r + 1) ** 0.8 for r in range(len(pools[k])))) for k in langs}
    seen: set[tuple[str, str]] = set()
    emails: set[str] = set()
    out = []
    while len(out) < n:
        lang = rnd.choices(langs, shares)[0]
        script, _, _, _, _, firsts, countries, orgs = LANGUAGES[lang]
        last = rnd.choices(pools[lang], cum_weights=cum[lang])[0]
        first = rnd.choice(firsts)
        if rnd.random() < 0.3:  # a second given name: "Anna Mária", "Jan Paweł"
            first = f"{first} {rnd.choice([f for f in firsts if f != first])}"
        if (first, last) in seen:
            continue
        seen.add((first, last))
        org, domain = rnd.choice(orgs) if rnd.random() < 0.8 else rnd.choice(INTERNATIONAL)
        local = ".".join(search_words(f"{first} {last}"))
        email = f"{local}@{domain}"
        i = 1
        while email in emails:
            i += 1
            email = f"{local}{i}@{domain}"
        emails.add(email)
        latin = anyascii(f"{first} {last}") if script != "latin" and rnd.random() < 0.6 else ""
        row = {
            "title": rnd.choice(["", "Mr", "Ms", "Dr", "H.E."]), "first_name": first,
            "last_name": last, "name_latin": latin, "email": email, "email_key": email,
            "country": rnd.choice(countries), "organisation": org,
            "position": rnd.choice(["Head of Unit", "Director", "Adviser", "Minister", ""]),
            "search_key": search_key(first, last, latin, "", org, email),
            "sort_key": sort_key(first, last),
        }  # fmt: skip
        out.append((Persona(first, last, script), row))
    return out


def seed(db: Database, n: int) -> Seeded:
    """One event of n confirmed registrations, a second with n/5 of the same people."""
    rnd = random.Random(n)
    people = make_people(n, rnd)
    codes: set[str] = set()
    while len(codes) < n + n // 5:
        codes.add(new_code())
    code_list = list(codes)
    with db.transaction() as s:
        event_id = events.create_event(
            s, events.EventInput("Ministerial Conference", dt.date(2027, 5, 12))
        ).id
        other_id = events.create_event(
            s, events.EventInput("Expert Meeting", dt.date(2027, 3, 2))
        ).id
        categories = list(s.execute(select(Category.id)).scalars()) or [None]
        stmt = insert(Person).returning(Person.id, sort_by_parameter_order=True)
        ids = s.execute(stmt, [row for _, row in people]).scalars().all()
        keys = [(pid, str(row["search_key"])) for pid, (_, row) in zip(ids, people, strict=True)]
        index_words(s.connection(), keys)
        regs = [
            {"event_id": event_id, "person_id": pid, "status": RegistrationStatus.CONFIRMED,
             "checkin_code": code_list[i], "category_id": rnd.choice(categories),
             "delegation_country": people[i][1]["country"], "needs_attention": i % 40 == 0,
             "attention_note": "Wheelchair access" if i % 80 == 0 else ""}
            for i, pid in enumerate(ids)
        ]  # fmt: skip
        statuses = list(RegistrationStatus)
        for j, pid in enumerate(rnd.sample(ids, n // 5)):
            regs.append({
                "event_id": other_id, "person_id": pid, "status": rnd.choice(statuses),
                "checkin_code": code_list[n + j], "category_id": rnd.choice(categories),
            })  # fmt: skip
        s.execute(insert(Registration), regs)
    order = list(range(n))
    rnd.shuffle(order)
    return Seeded(event_id, [people[i][0] for i in order], [code_list[i] for i in order])


# ---- search ----------------------------------------------------------------------------------
def typed_query(p: Persona, rnd: random.Random) -> str:
    """What a desk worker types to find this person (see the module's docstring)."""
    as_written = rnd.random() < 0.5
    if p.script == "latin":
        last, first = p.last, p.first
        if not as_written:
            last, first = anyascii(last).lower(), anyascii(first).lower()
    elif as_written:
        last, first = p.last, p.first
    else:
        last, first = " ".join(search_words(p.last)), " ".join(search_words(p.first))
    return f"{last} {first[: rnd.randint(2, 4)]}"


def query_words(text: str) -> list[str]:
    """The words search() looks up, longest first (as core.desk_search does)."""
    unique = dict.fromkeys(w[:WORD_LENGTH] for w in search_words(text))
    return sorted(unique, key=len, reverse=True)


def above(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def floor_search_sql(n_words: int, *, word_first: bool = False) -> str:
    """search()'s main statement, as it writes it (`event_id + 0`); with `word_first`, CROSS
    JOINs (SQLite's way to fix the join order) make it start from the word index, whatever the
    planner would choose."""
    join = "CROSS JOIN" if word_first else "JOIN"
    exists = (
        " AND EXISTS (SELECT 1 FROM person_words AS w2 WHERE w2.person_id = people.id"
        " AND w2.word >= ? AND w2.word < ?)"
    )
    return (
        "SELECT registrations.id, people.sort_key, people.search_key FROM person_words "
        f"{join} people ON people.id = person_words.person_id {join} registrations ON "
        "registrations.person_id = people.id AND registrations.event_id + 0 = ? "
        "WHERE person_words.word >= ? AND person_words.word < ?"
        + exists * (n_words - 1)
        + f" LIMIT {CANDIDATES}"
    )


# The columns core.registrations reads for a row, with its journal entries (one row per entry).
ROWS_SQL = (
    "SELECT r.id, r.event_id, r.person_id, p.title, p.first_name, p.last_name, p.email,"
    " p.country, p.organisation, p.position, r.status, r.category_id, c.name, c.colour,"
    " r.delegation_country, r.delegation_organisation, r.needs_attention, r.attention_note,"
    " r.list_consent, r.checkin_code, p.phone, p.badge_name, p.name_latin, p.languages, p.notes,"
    " j.registration_id, j.kind, j.nonce, j.undoes_nonce, j.device_time, j.desk"
    " FROM registrations AS r JOIN people AS p ON p.id = r.person_id"
    " LEFT OUTER JOIN categories AS c ON c.id = r.category_id"
    " LEFT OUTER JOIN checkin_journal AS j ON j.registration_id = r.id"
)
SHOWN_ROWS_SQL = ROWS_SQL + " WHERE r.id IN (" + ", ".join(["?"] * SHOWN) + ")"


def floor_keystroke(raw: sqlite3.Connection, n_words: int, params: tuple[object, ...]) -> None:
    """The bare-sqlite3 floor of a keystroke: in a transaction, the search statement, then the
    rows (with their journal entries) of the first SHOWN registrations it found."""
    raw.execute("BEGIN")
    found = raw.execute(floor_search_sql(n_words), params).fetchall()
    ids = [row[0] for row in found[:SHOWN]]
    raw.execute(SHOWN_ROWS_SQL, ids + [None] * (SHOWN - len(ids))).fetchall()
    raw.execute("COMMIT")


def floor_search_args(event_id: int, words: list[str]) -> tuple[object, ...]:
    params: list[object] = [event_id]
    for w in words:
        params += [w, above(w)]
    return tuple(params)


def pct(values: Sequence[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def latencies(per_run: list[dict[str, float]], others: Sequence[str]) -> dict[str, object]:
    """The medians over the runs of each side's p50 and p95 (ours, the floor, and `others`,
    each other side with its p95 ratio)."""
    med = {k: statistics.median(r[k] for r in per_run) for k in per_run[0]}
    fields: dict[str, object] = {
        "ours_p50_ms": round(med["ours_p50"], 2), "ours_p95_ms": round(med["ours_p95"], 2),
        "floor_p50_ms": round(med["floor_p50"], 3), "floor_p95_ms": round(med["floor_p95"], 3),
        "ratio_p50": round(med["ours_p50"] / med["floor_p50"], 1),
        "ratio_p95": round(med["ours_p95"] / med["floor_p95"], 1),
    }  # fmt: skip
    for side in others:
        fields[f"{side}_p50_ms"] = round(med[f"{side}_p50"], 3)
        fields[f"{side}_p95_ms"] = round(med[f"{side}_p95"], 3)
        fields[f"ratio_{side}_p95"] = round(med["ours_p95"] / med[f"{side}_p95"], 1)
    return fields


def ms_since(start: int) -> float:
    return (time.perf_counter_ns() - start) / 1e6


SEARCH_SIDES = ("floor", "statement", "word_first", "ours")


def search_case(
    db: Database, raw: sqlite3.Connection, seeded: Seeded, people: int, runs: int
) -> dict[str, object]:
    rnd = random.Random(1)
    chosen = rnd.sample(range(len(seeded.personas)), min(people, len(seeded.personas)))
    keystrokes: list[tuple[str, int, tuple[object, ...]]] = []  # text, words, parameters
    wanted: dict[int, str] = {}  # keystroke completing a query -> the code of the person sought
    for i in chosen:
        query = typed_query(seeded.personas[i], rnd)
        for k in range(1, len(query) + 1):
            words = query_words(query[:k])
            if words:
                params = floor_search_args(seeded.event_id, words)
                keystrokes.append((query[:k], len(words), params))
        wanted[len(keystrokes) - 1] = seeded.codes[i]
    found = 0
    per_run: list[dict[str, float]] = []
    for run in range(runs):
        times: dict[str, list[float]] = {side: [] for side in SEARCH_SIDES}
        for i, (text, n_words, params) in enumerate(keystrokes):
            turn = (i + run) % len(SEARCH_SIDES)
            for side in SEARCH_SIDES[turn:] + SEARCH_SIDES[:turn]:
                start = time.perf_counter_ns()
                if side == "ours":
                    with db.transaction() as s:
                        rows = registration_rows(s, search(s, seeded.event_id, text).ids)
                    times[side].append(ms_since(start))
                    if run == 0 and i in wanted:
                        found += any(r.checkin_code == wanted[i] for r in rows)
                elif side == "floor":
                    floor_keystroke(raw, n_words, params)
                    times[side].append(ms_since(start))
                else:
                    sql = floor_search_sql(n_words, word_first=side == "word_first")
                    raw.execute(sql, params).fetchall()
                    times[side].append(ms_since(start))
        per_run.append(
            {f"{side}_p{q}": pct(times[side], q) for side in SEARCH_SIDES for q in (50, 95)}
        )
    return {
        **latencies(per_run, ("statement", "word_first")),
        "keystrokes": len(keystrokes), "people": len(chosen),
        "found_share": round(found / len(wanted), 3),
    }  # fmt: skip


# ---- scan ------------------------------------------------------------------------------------
FLOOR_JOURNAL_SQL = (
    "INSERT INTO checkin_journal (nonce, registration_id, kind, desk, device_time, recorded_at,"
    " forced, created_at, updated_at) VALUES (?, ?, 'in', ?, ?, ?, 0, ?, ?)"
)


LOCK_SQL = "UPDATE registrations SET updated_at = updated_at WHERE checkin_code = ? RETURNING id"
ONE_ROW_SQL = ROWS_SQL + " WHERE r.id = ?"


def floor_scan(raw: sqlite3.Connection, code: str) -> None:
    """The bare-sqlite3 floor of a scan: what core.desk.scan does, statement for statement."""
    raw.execute("BEGIN")
    rid = raw.execute(LOCK_SQL, (code,)).fetchone()[0]
    raw.execute(ONE_ROW_SQL, (rid,)).fetchall()
    append_and_commit(raw, rid)


def minimal_scan(raw: sqlite3.Connection, code: str) -> None:
    """Less than a scan must do (no lock, no row read): the least a check-in could cost."""
    raw.execute("BEGIN")
    row = raw.execute("SELECT id FROM registrations WHERE checkin_code = ?", (code,)).fetchone()
    append_and_commit(raw, row[0])


def append_and_commit(raw: sqlite3.Connection, rid: int) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    raw.execute(FLOOR_JOURNAL_SQL, (str(uuid.uuid4()), rid, "Floor", now, now, now, now))
    raw.execute("COMMIT")


SCAN_SIDES = ("floor", "minimal", "ours")


def scan_case(
    db: Database, raw: sqlite3.Connection, seeded: Seeded, scans: int, runs: int
) -> dict[str, object]:
    per_run: list[dict[str, float]] = []
    codes = iter(seeded.codes)
    for run in range(runs):
        times: dict[str, list[float]] = {side: [] for side in SCAN_SIDES}
        for i in range(scans):
            turn = (i + run) % len(SCAN_SIDES)
            for side in SCAN_SIDES[turn:] + SCAN_SIDES[:turn]:
                code = next(codes)
                start = time.perf_counter_ns()
                if side == "ours":
                    with db.transaction() as s:
                        result = desk.scan(s, seeded.event_id, code, desk="Bench")
                    times[side].append(ms_since(start))
                    if result.result != desk.Result.CHECKED_IN:
                        raise RuntimeError(f"scan of {code}: {result.as_json()}")
                else:
                    (floor_scan if side == "floor" else minimal_scan)(raw, code)
                    times[side].append(ms_since(start))
        per_run.append(
            {f"{side}_p{q}": pct(times[side], q) for side in SCAN_SIDES for q in (50, 95)}
        )
    return {
        **latencies(per_run, ("minimal",)),
        "scans": scans,
    }  # fmt: skip


# ---- desks on PostgreSQL ---------------------------------------------------------------------
FLOOR_DESK = """
import datetime as dt, json, sys, uuid
import psycopg
url, desk, ROWS_SQL = sys.argv[1], sys.argv[2], sys.argv[3]
with psycopg.connect(url, autocommit=True, options="-c timezone=utc") as conn:
    for line in sys.stdin:
        code = line.strip()
        if not code:
            continue
        with conn.transaction():
            row = conn.execute(
                "UPDATE registrations SET updated_at = updated_at WHERE checkin_code = %s"
                " RETURNING id", (code,)
            ).fetchone()
            if row is not None:
                conn.execute(ROWS_SQL + " WHERE r.id = %s", row).fetchall()
                now = dt.datetime.now(dt.UTC)
                conn.execute(
                    "INSERT INTO checkin_journal (nonce, registration_id, kind, desk, "
                    "device_time, recorded_at, forced, created_at, updated_at) "
                    "VALUES (%s, %s, 'in', %s, %s, %s, false, %s, %s)",
                    (str(uuid.uuid4()), row[0], desk, now, now, now, now),
                )
        print(json.dumps({"code": code, "result": "unknown" if row is None else "checked_in"}))
        sys.stdout.flush()
"""


@dataclass
class DeskRun:
    startup_s: float  # median over the processes: start to first answer
    steady_s: float  # feeding to all exited
    total_s: float  # start to all exited


def run_desks(commands: list[list[str]], batches: list[list[str]], env: dict[str, str]) -> DeskRun:
    """Start one process per command, give each its first code, wait for every first answer,
    then feed each the rest of its codes at the same moment; check every answer."""
    n = len(commands)
    ready = threading.Barrier(n + 1)
    go = threading.Event()
    lines: list[list[str]] = [[] for _ in range(n)]
    first_answer = [0.0] * n
    started = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for cmd in commands
    ]

    def drive(i: int) -> None:
        proc, codes = procs[i], batches[i]
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write(codes[0] + "\n")
        proc.stdin.flush()
        lines[i].append(proc.stdout.readline())
        first_answer[i] = time.perf_counter() - started
        ready.wait()
        go.wait()
        feeder = threading.Thread(target=feed, args=(proc, codes[1:]))
        feeder.start()
        lines[i].extend(proc.stdout)
        feeder.join()

    def feed(proc: subprocess.Popen[str], codes: list[str]) -> None:
        assert proc.stdin is not None
        proc.stdin.write("".join(c + "\n" for c in codes))
        proc.stdin.close()

    threads = [threading.Thread(target=drive, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    try:
        ready.wait(timeout=300)
    except threading.BrokenBarrierError:
        for p in procs:
            p.kill()
        raise
    fed = time.perf_counter()
    go.set()
    for p in procs:
        p.wait()
    ended = time.perf_counter()
    for t in threads:
        t.join()
    for i, (p, out, codes) in enumerate(zip(procs, lines, batches, strict=True)):
        answers = [json.loads(line) for line in out if line.strip()]
        bad = [a for a in answers if a.get("result") != "checked_in"]
        if p.returncode != 0 or len(answers) != len(codes) or bad:
            raise RuntimeError(
                f"desk {i}: exit {p.returncode}, {len(answers)} answers for {len(codes)} "
                f"codes, {len(bad)} not checked in: {bad[:2]}"
            )
    return DeskRun(statistics.median(first_answer), ended - fed, ended - started)


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database (its psycopg URL), dropped at the end whatever happens."""
    import psycopg

    name = f"bench_checkin_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG_SERVER}/{PG_ADMIN_DB}", autocommit=True, connect_timeout=5) as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/{PG_ADMIN_DB}", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pg_unreachable() -> str:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/{PG_ADMIN_DB}", connect_timeout=3):
            return ""
    except Exception as exc:  # any failure means: skip the case
        return f"PostgreSQL not reachable at {PG_SERVER}: {str(exc).strip().splitlines()[0]}"


def desks_case(n: int, desk_codes: int, runs: int, home: Path) -> dict[str, object]:
    import psycopg

    per_desk = max(1, min(desk_codes, n // 8))
    env = {**os.environ, "BUDAPEST_DESK_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    with pg_database() as url:
        start = time.perf_counter()
        db = Database.open(url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            seeded = seed(db, n)
        finally:
            db.close()
        with psycopg.connect(url, autocommit=True) as c:
            c.execute("ANALYZE")
        seed_s = time.perf_counter() - start
        app_url = url.replace("postgresql://", "postgresql+psycopg://")
        results: dict[str, list[DeskRun]] = {"ours": [], "floor": []}
        for run in range(runs):
            for side in ("ours", "floor") if run % 2 == 0 else ("floor", "ours"):
                with psycopg.connect(url, autocommit=True) as c:
                    c.execute("TRUNCATE checkin_journal")
                codes = rnd_codes(seeded.codes, 4 * (per_desk + 1), run, side)
                batches = [codes[i::4] for i in range(4)]
                if side == "ours":
                    cmds = [
                        [sys.executable, "-m", "budapest_desk", "--db", app_url, "checkin",
                         "scan", str(seeded.event_id), "--stdin", "--desk", f"Desk {i + 1}"]
                        for i in range(4)
                    ]  # fmt: skip
                else:
                    cmds = [
                        [sys.executable, "-c", FLOOR_DESK, url, f"Floor {i + 1}", ROWS_SQL]
                        for i in range(4)
                    ]
                results[side].append(run_desks(cmds, batches, env))
                with psycopg.connect(url, autocommit=True) as c:
                    row = c.execute("SELECT count(*) FROM checkin_journal").fetchone()
                if row is None or row[0] != len(codes):
                    raise RuntimeError(f"{side}: journal holds {row} entries, not {len(codes)}")
    steady = 4 * per_desk

    def rate(side: str) -> float:
        return statistics.median(steady / r.steady_s for r in results[side])

    def with_startup(side: str) -> float:
        return statistics.median((steady + 4) / r.total_s for r in results[side])

    def startup(side: str) -> float:
        return statistics.median(r.startup_s for r in results[side])

    return {
        "desks": 4, "codes_per_desk": per_desk,
        "checkins_per_s": round(rate("ours"), 1), "floor_checkins_per_s": round(rate("floor"), 1),
        "ratio": round(rate("floor") / rate("ours"), 2),
        "checkins_per_s_with_startup": round(with_startup("ours"), 1),
        "floor_checkins_per_s_with_startup": round(with_startup("floor"), 1),
        "startup_s": round(startup("ours"), 2), "floor_startup_s": round(startup("floor"), 2),
        "seed_s": round(seed_s, 1),
    }  # fmt: skip


def rnd_codes(codes: list[str], count: int, run: int, side: str) -> list[str]:
    return random.Random(f"{run}-{side}").sample(codes, count)


# ---- main ------------------------------------------------------------------------------------
def sqlite_floor_connection(path: Path) -> sqlite3.Connection:
    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in ("foreign_keys = ON", "synchronous = NORMAL", "cache_size = -65536"):
        raw.execute(f"PRAGMA {pragma}")
    return raw


def emit(case: str, n: int, runs: int, fields: dict[str, object]) -> None:
    line = {"bench": "checkin", "case": case, "registrations": n, "runs": runs, **fields}
    print(json.dumps(line), flush=True)


def with_targets(case: str, n: int, fields: dict[str, object]) -> dict[str, object]:
    p95 = float(fields["ours_p95_ms"])  # type: ignore[arg-type]
    ratio = float(fields["ratio_p95"])  # type: ignore[arg-type]
    if case == "search":
        fast = p95 < TARGET_SEARCH_P95_MS if n >= 100_000 else True
    else:
        fast = p95 < TARGET_SCAN_MS
    return {**fields, "meets_targets": fast and ratio <= TARGET_RATIO}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=200, help="people searched per run")
    parser.add_argument("--scans", type=int, default=500, help="codes scanned per run")
    parser.add_argument("--desk-codes", type=int, default=2500, help="codes per desk (<= N/8)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--no-postgres", action="store_true", help="skip the desks case")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = [1000, 3000], 1
        args.people, args.scans, args.desk_codes = 20, 50, 50
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["BUDAPEST_DESK_HOME"] = str(home)  # backups, logs: not the user's folders
        for n in args.sizes:
            scans = min(args.scans, n // (len(SCAN_SIDES) * args.runs))  # a code each side
            path = Path(tmp) / f"checkin-{n}.db"
            db = Database.open(str(path))
            seeded = seed(db, n)
            raw = sqlite_floor_connection(path)
            try:
                fields = search_case(db, raw, seeded, args.people, args.runs)
                emit("search", n, args.runs, with_targets("search", n, fields))
                fields = scan_case(db, raw, seeded, scans, args.runs)
                emit("scan", n, args.runs, with_targets("scan", n, fields))
            finally:
                raw.close()
                db.close()
                for leftover in Path(tmp).glob(f"checkin-{n}.db*"):
                    leftover.unlink()
            reason = "--no-postgres" if args.no_postgres else pg_unreachable()
            if reason:
                emit("desks", n, args.runs, {"skipped": reason})
            else:
                emit("desks", n, args.runs, desks_case(n, args.desk_codes, args.runs, home))
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
