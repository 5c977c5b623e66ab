"""Badges and the participant list as PDF: time and peak memory of the app's writers against
their floors, measured in the same run. Prints one JSON line per measured case.

    .venv/bin/python bench/badges.py [--badges 1000 5000] [--people 2000] [--runs 3] [--quick]

Badges: write_badges on the "a6-4up" layout (four A6 badges on each A4 page, with cut marks),
default calibration. The floor is a plain reportlab script doing the same work with the bare
library: on each page, at the same four positions, per badge the same strings (event title,
dates, first and family name, position, organisation, delegation, the check-in code as printed,
category) in the same registered Noto fonts, a font chosen per string by its script (no shaping,
no fitting), a filled category band, and the QR code of the check-in code encoded with segno and
drawn as one path of module rectangles (a row's neighbouring dark modules as one rectangle, as
the app does); the same cut marks. The floor's strings are computed beforehand, outside the
timing (badge_text, display): so a ratio is what the app adds, shaping, fitting, layout.

Participant list: write_participants_pdf (exporters/participants_pdf.py), internal variant,
portrait, no emails: name, position and organisation, a heading per delegation. Its floor: a plain
reportlab table, rows of text drawn with canvas.drawString in the registered fonts (one per cell by
its script), on each page a header (title, marker, event, place, column labels) and a footer ("Page
X of Y"), the same rows (a heading per delegation, one per person) in the same three columns, a
rule under each row, a page break every ROWS_PER_PAGE rows; no wrapping, no measuring.

The rows are RegistrationRow objects built in memory as tests/exporters/samples.py does; no
database. The people are as a real roster has them: first names, positions and organisations repeat
(a pool of a dozen or so each, first names per language), family names do not. Each person speaks
one of the 19 languages of tests/exporters/scripts.py, in turn (the same mix of scripts: Latin with
the region's letters, Cyrillic, Greek, Georgian, Armenian, Arabic script with Persian, Pashto, Urdu
and Sorani letters and ZWNJ, Bengali), belongs to that country's delegation (or, one in nine, to an
organisation's), and has a family name made up from that language's syllables: a first one, none to
two more and an ending (Bengali: consonants and conjuncts each with a vowel sign or none and a
closing consonant or none), drawn again until nobody has it yet, so that every family name in a run
is distinct. Made up, not numbered ("Name 123" would add a run of digits to every name); the
strings are those of a script as written, so that HarfBuzz joins and reorders them as it does real
names. Why: the app shapes text once per distinct string (typeset.line and shaping.shape are
lru_caches), the floor draws every string anew, so names cycling through a handful of real ones (as
this bench once had) were shaped once and then met in the cache, flattering the app. A seeded
generator makes the rows, check-in codes included (valid ones, as core.codes.new_code makes them),
so that every run, ours and the floor's, gets exactly the same strings. Categories with their
colours and titles cycle. The rows are built, and the fonts registered, before the clock starts.

Memory: as bench/roster_export.py, each measurement runs in a fresh subprocess, so that no case
inherits another's heap. There, once the input is built, the peak resident set is reset to the
current one (/proc/self/clear_refs), and the figure (peak_mb) is ru_maxrss after writing minus
the resident set before: everything the writer held at its worst, C allocations included. The
input rows are not counted. rss_mb is the whole process's ru_maxrss (interpreter, libraries,
fonts and rows included). The line of a larger badge count gives the increase of peak_mb from
the smallest count run (the target: flat in the number of badges).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.codes import ALPHABET, BODY_LENGTH, display, is_valid
from budapest_desk.core.countries import country_name
from budapest_desk.core.delegations import Kind
from budapest_desk.core.events import EventRow
from budapest_desk.core.participants import Delegation, Participant, Variant
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.exporters.badge_content import BadgeText, NameFormat, badge_text, event_dates
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.fonts import FontKey, Script, register_fonts
from budapest_desk.exporters.label_sheets import (
    MM,
    Calibration,
    Rect,
    content_rect,
    cut_marks,
    front_slots,
    get_layout,
)
from budapest_desk.exporters.page_frame import place_line
from budapest_desk.exporters.participants_pdf import write_participants_pdf

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # for tests.exporters: the sample rows and event
from tests.exporters.samples import EVENT, registration  # noqa: E402

LAYOUT = "a6-4up"
BADGE_CASES = ("badges_floor", "badges")
PEOPLE_CASES = ("participants_floor", "participants")
VARIANT = Variant.INTERNAL

CATEGORIES = [
    ("Head of delegation", "#8b1a1a"),
    ("Delegate", "#1f77b4"),
    ("Observer", "#2ca02c"),
    ("Speaker", "#ffbf00"),
    ("Press", "#6a3d9a"),
    ("Staff", "#7f7f7f"),
    ("Interpreter", "#e8e8e8"),
]
ORGANISATION_DELEGATIONS = ["IOM", "UNHCR", "ICMPD", "Frontex"]
ORGANISATIONS = [
    "Ministry of Interior",
    "Ministry of Foreign Affairs and Trade",
    "Ministry of Foreign Affairs",
    "State Migration Service",
    "State Border Guard Service, Department of International Cooperation",
    "Embassy in Budapest",
    "General Directorate of Migration Management",
    "National Police, Border Police Directorate",
    "Ministry of Justice",
    "Ministry of Labour and Social Protection",
    "Permanent Mission to the United Nations Office at Geneva",
    "Office of the Prosecutor General",
]
POSITIONS = [
    "Head of Unit",
    "Director General, Department of Migration Policy",
    "Senior Adviser",
    "Deputy Minister",
    "",
    "Director",
    "Head of Division for Return and Readmission",
    "Counsellor",
    "First Secretary",
    "Programme Manager",
    "Legal Officer",
    "Chief Inspector",
    "",
]
SEED = 2027
GREY = Color(0.35, 0.35, 0.35)


# --- The people: first names that repeat, family names that do not ---------------------------


@dataclass(frozen=True)
class Language:
    """How one language's people are named: a pool of first names, and family names made of a
    first syllable (`starts`), more (`middles`) and an ending. _language takes each pool as one
    string, its items joined by "|"."""

    country: str
    first: tuple[str, ...]
    starts: tuple[str, ...]
    middles: tuple[str, ...]
    endings: tuple[str, ...]
    cased: bool = True  # the family name starts with a capital
    double: str = ""  # what joins a second family name, which one in ten then has
    middle_counts: tuple[int, ...] = (0, 1, 1, 1, 2)  # how many middles, drawn from these


def _language(
    country: str, first: str, starts: str, middles: str, endings: str, **options: Any
) -> Language:
    def pool(text: str) -> tuple[str, ...]:
        return tuple(text.split("|"))

    return Language(country, pool(first), pool(starts), pool(middles), pool(endings), **options)


ZWNJ = "\u200c"
# Bengali ড় and য় as NFC writes them (they are composition exclusions): letter and nukta.
RRA, YYA = "\u09a1\u09bc", "\u09af\u09bc"
_PERSIAN_STARTS = (
    "اح|مد|حس|کر|رض|جا|نو|روز|بهر|امی|شیر|فر|هاد|تهر|صد|قی|گل|سل|طا|ظه|موس|کاظ|یز|خس|پیر|ژی"
    "|چم|نج|ست|بی"
)
_PERSIAN_MIDDLES = "مد|نی|را|سی|ور|بی|من|دل|هر|کو|یا|گا|لا|زا|تا|چه"
# A Bengali syllable: a consonant or conjunct, a vowel sign or none (the inherent vowel), and a
# closing consonant or none; endings start with a consonant or a vowel letter, never a sign.
_BENGALI_STARTS = "ক|খ|গ|ঘ|চ|ছ|জ|ঝ|ট|ড|ত|থ|দ|ধ|ন|প|ফ|ব|ভ|ম|র|ল|শ|স|হ|ক্ষ|স্ত|স্ব|প্র|ক্র|শ্র"
_BENGALI_MIDDLES = f"{_BENGALI_STARTS}|ন্দ|ম্ম|ল্ল|দ্দ|ত্ত|ন্ত|ঙ্গ|জ্জ|ষ্ট|{RRA}|{YYA}|ণ|ষ"
BENGALI_VOWEL_SIGNS = ("", "", "া", "া", "ি", "ী", "ু", "ূ", "ে", "ো", "ৌ", "ৃ")
BENGALI_CLOSINGS = ("", "", "", "", "ন", "ম", "ং", "র", "ল", "ৎ", "স")

LANGUAGES: tuple[Language, ...] = (
    _language(
        "HU",
        "Gyöngyvér|Erzsébet|László|Zoltán|Katalin|Ágnes|Péter|Gábor|Zsófia|Tamás|Krisztina"
        "|Attila|Éva|Ildikó|Balázs|Győző|Orsolya",
        "ba|bo|cso|dö|fa|gyu|ha|ke|ko|la|ma|nyé|pá|rá|sá|szé|sző|tó|vá|zsi|lő|mű|kö|dé|hí|gé|bí"
        "|ür|ör",
        "bá|rö|csi|ge|szi|lá|mo|ne|tő|vé|ka|zo|ri|gyö|ma|fü|hé|ló|sza",
        "cs|s|si|ri|di|ffy|nyi|gi|ly|th|k|r|lyi|vári|házi|falvi|ős|ró|csik|kai",
        double="-",
    ),
    _language(
        "PL",
        "Łukasz|Małgorzata|Katarzyna|Paweł|Agnieszka|Grzegorz|Michał|Anna|Tomasz|Joanna"
        "|Krzysztof|Ewa|Wojciech|Magdalena|Jędrzej|Bożena",
        "bo|dą|gó|ja|kie|ła|mro|no|pie|rze|sta|szy|trę|wa|źró|żó|cie|dzi|gło|chmie|ko|bie|lew"
        "|ża|wró",
        "bo|ro|cha|ło|sze|dzie|ko|wa|mi|lę|ta|ry|ni|gu",
        "ski|ska|wicz|czyk|ak|ek|ński|owski|ewska|cki|iak|uk|ała|eń",
        double="-",
    ),
    _language(
        "TR",
        "Şükrü|Ayşe|Mehmet|Fatma|Mustafa|Emine|Hüseyin|Zeynep|İbrahim|Özlem|Gökhan|Çağla|Ömer"
        "|Büşra|Ertuğrul|Işıl",
        "ak|ar|bay|çe|da|er|gün|ka|kı|ko|öz|şa|ta|tü|yıl|ıl|in|do|sö|çı|ay|ul|bü|gö",
        "ağ|oğ|eğ|lı|se|ra|tu|mu|dı|şi|re|na|ki|gü|yü",
        "oğlu|er|türk|han|soy|kaya|taş|can|yılmaz|çelik|dağ|gül|özer|ay|ören",
        double=" ",
    ),
    _language(
        "CZ",
        "Řehoř|Jiří|Tomáš|Petra|Lucie|Martin|Kateřina|Jaroslav|Zdeněk|Věra|Lubomír|Šárka|Ondřej"
        "|Hana|Miloš|Dagmar",
        "dvo|ře|ná|vo|ko|če|ma|ho|dě|sva|tě|pro|kři|šte|ža|bu|ně|ry|lí|ďá|stř",
        "ř|vá|ku|dů|la|ne|čí|ra|šo|bě|mů|ti|ž",
        "ák|ek|íček|ský|ová|ka|ec|ný|ař|čil|ěk|ík|ůček",
    ),
    _language(
        "RO",
        "Ștefan|Ioana|Andrei|Mihaela|Alexandru|Elena|Răzvan|Cristina|Gheorghe|Ionuț|Mădălina"
        "|Florin|Ana|Bogdan|Viorica",
        "țu|ca|po|ră|du|mi|stă|ni|gâr|șer|bă|tă|vlă|dră|mun|ghe|io|co|pe|bu|ți",
        "că|ne|ra|dă|li|mo|tu|să|gâ|șo|ța|ve",
        "escu|eanu|anu|aru|ache|ică|oiu|ilă|uț|ea|ariu",
    ),
    _language(
        "AZ",
        "Məmməd|Leyla|Elçin|Günay|Rəşad|Aynur|Vüqar|Səbinə|Orxan|Nərmin|İlham|Şəhla|Tural|Fəridə",
        "əli|mə|hə|qu|ba|ca|şə|rə|nə|xa|gü|ağ|məm|həs|qas|rüs|cəf|bağ|şix|isa|ab",
        "ba|mə|ra|dı|lə|su|xə|rı|qa|bə|yə|nu",
        "ov|ova|yev|yeva|zadə|li|lı|bəyli|lu",
    ),
    _language(
        "UZ",
        "Gʻulom|Dilnoza|Oʻtkir|Shahlo|Jasur|Nodira|Sherzod|Gulnora|Bobur|Zarina|Oʻlmas|Feruza"
        "|Rustam",
        "oʻz|gʻa|yu|su|xo|ra|sha|qo|ma|to|ki|nur|ka|ri|mir|ja|ho|ab|u",
        "su|bek|ra|moʻ|gʻu|lo|da|xu|na|qu|li|sh",
        "ov|ova|yev|yeva|xoʻjayev|boyev|qulov|murodov|ev",
    ),
    _language(
        "UA",
        "Олена|Олександр|Андрій|Наталія|Юлія|Сергій|Оксана|Віталій|Тетяна|Ігор|Ірина|Дмитро|Ганна"
        "|Євген|Богдан",
        "ко|валь|шев|бо|ри|ли|сен|мель|ти|гри|цен|пе|тру|ша|дзю|лі|ґа|яр|щу|ку|хо|зі",
        "ба|ків|ро|щи|да|ню|ле|ма|ги|со|ти|ра",
        "енко|чук|ук|ський|ська|ович|ишин|як|ець|ій|ів|юк",
    ),
    _language(
        "KZ",
        "Ғалым|Айгүл|Нұрлан|Әсем|Ерлан|Гүлнар|Қайрат|Дәурен|Жанар|Бауыржан|Сәуле|Асқар|Өмірзақ",
        "қа|сы|мұ|ра|жа|ну|тө|ле|бе|ке|сә|ғы|аң|үр|бай|хан|ол|да|ер|ор",
        "ғы|се|қы|та|мұ|жі|на|лы|рі|ші|ұр|ба",
        "ов|ова|ев|ева|ұлы|қызы|баев|бекова|бай|хан",
    ),
    _language(
        "GR",
        "Γιώργος|Μαρία|Δημήτρης|Ελένη|Νικόλαος|Αικατερίνη|Κωνσταντίνος|Σοφία|Παναγιώτης"
        "|Ευαγγελία|Ιωάννης|Χριστίνα|Σπυρίδων",
        # Unaccented: the ending carries the word's one accent (and any final ς).
        "κω|στο|πα|δο|νι|κο|λα|ζα|χα|ρι|μα|θε|ξε|ψα|γε|βλα|τσο|μπα|φω|ντο|λυ|ση|ευ|αν",
        "πα|δο|στα|λι|νο|ρο|μα|θα|κα|τρι|γο|με",
        "όπουλος|ίδης|άκης|άτος|ίου|έας|ούλης|ιάδης|όγλου|άκη|οπούλου|ίδου|ίτης|έλλης",
    ),
    _language(
        "GE",
        "ნინო|გიორგი|თამარ|დავით|ნათია|ლევან|ეკატერინე|ირაკლი|მარიამ|ზურაბ|ქეთევან|ლაშა|სალომე",
        "ბე|რი|ქა|ხა|ძი|ლო|მა|ჯა|გე|ცი|ტყე|შა|ჩხე|ღო|წე|ფხა|თო|კვა|სუ|ყი|ჭა|ნა|ვა|გო",
        "რი|ლა|ტი|ბა|ღვი|ნე|ხვე|ში|და|კო|მე|ჯი",
        "ძე|ძე|შვილი|შვილი|ია|ავა|ური|ანი|ელი|უა|ონი|ეთი",
        cased=False,  # names are written without capitals (str.upper would give Mtavruli)
    ),
    _language(
        "AM",
        "Հայկ|Անահիտ|Արամ|Նարինե|Տիգրան|Լուսինե|Արմեն|Գայանե|Դավիթ|Աննա|Վարդան|Մարինե|Սուրեն",
        "պետ|սա|գի|վար|դա|մա|նու|կա|րա|բա|ղա|խա|չա|թո|զա|շա|հով|ակ|ար|ես|սի|լե|օհա|ներ",
        "րոս|սե|գե|դա|նի|մի|կի|րա|թե|հա|պա|վա|ղու",
        "յան|յան|յան|յան|ունի|ունց|եան|յանց",
    ),
    _language(  # Persian, twice as in tests/exporters/scripts.py: some endings after a ZWNJ
        "IR",
        f"محمد رضا|زهرا|علی|فاطمه|حسین|مریم|مهدی|سارا|امیر|نرگس|رضا|شیرین|حمید|لیلا|مهسا"
        f"|محمد{ZWNJ}علی",
        _PERSIAN_STARTS,
        _PERSIAN_MIDDLES,
        f"ی|ی|ی|{ZWNJ}زاده|پور|نیا|فر|یان|{ZWNJ}نژاد|ان|{ZWNJ}پور|ی{ZWNJ}فر|وند",
        cased=False,
    ),
    _language(
        "IR",
        f"زینب|رضا|نازنین|علیرضا|مهناز|بهرام|پریسا|کامران|سمیرا|مسعود|الهام|فرهاد|امیر{ZWNJ}حسین",
        _PERSIAN_STARTS,
        _PERSIAN_MIDDLES,
        f"{ZWNJ}زاده|{ZWNJ}نژاد|{ZWNJ}پور|ی|یان|{ZWNJ}خواه|{ZWNJ}دوست|ی{ZWNJ}پناه",
        cased=False,
    ),
    _language(  # Pashto: its own letters, which have no presentation forms
        "AF",
        "ځلمی|ملالۍ|ګلالۍ|وږمه|اجمل|زرغونه|خوشحال|ننګیالی|پلوشه|میرویس|ښکلا|روښانه",
        "ځل|ښک|ټو|ډا|ږم|ګل|څا|ښا|پت|زم|خټ|ننګ|سپ|ډګ|ټا|ګو|مل|لو|سی|کړ",
        "ړو|وړ|ړن|ږو|ښو|ټې|ډې|ګی|څې|نا|رو|ڼو",
        "زی|خېل|وال|ی|ۍ|یار|مل|وړ|ګل",
        cased=False,
    ),
    _language(  # Urdu, and Arabic first names (the Allah ligature)
        "PK",
        "عبدالله|عائشہ|عمران|نوید|ثمینہ|بلال|صائمہ|کاشف|رخسانہ|طاہر|نادیہ|محمد|شاہد",
        "چو|ہد|بھ|ٹو|ڈا|قر|شی|گھ|خا|ملک|را|جپ|کھو|صد|بٹ|ست|پھ|لغ|مر|جٹ|ڈھ",
        "ہد|ڑی|ٹا|ری|ما|ڈو|کھ|گو|نی|سا|ہر|لا",
        "ی|ے|انی|وی|ری|ڑا|ٹی|والا|زادہ|ی خان|یں",
        cased=False,
    ),
    _language(  # Sorani Kurdish
        "IQ",
        "ڕێبین|ئەحمەد|شیلان|کاوە|هێرۆ|ئاسۆ|ڕۆژان|بەختیار|نەسرین|سۆران|دلێر|ژیلا",
        "ڕێ|بە|ئە|ڵا|کۆ|شێ|گە|ڤی|ژی|سۆ|هە|دڵ|مە|ڕۆ|خا|نێ|زە|پە|چیا|ئا",
        "ڵە|ڕە|مێ|حمە|بۆ|نە|کە|زێ|وە|رۆ|گۆ|ژا",
        "انی|ی|ەیی|زادە|ان|یی|ەوەند",
        cased=False,
    ),
    _language(  # Dari
        "AF",
        f"فریده|احمد شاه|نجیب{ZWNJ}الله|زرمینه|محمود|شکریه|عبدالرحمن|پروین|نسرین|همایون"
        f"|روح{ZWNJ}الله|ثریا",
        _PERSIAN_STARTS,
        _PERSIAN_MIDDLES,
        f"ی|یار|زی|{ZWNJ}زاده|وال|پور|زاده|ستانی",
        cased=False,
    ),
    _language(
        "BD",
        f"শেখ|রহিম|ফাতেমা|আব্দুল|নুসরাত|তানভীর|সাবরিনা|মাহমুদ|শিরিন|রফিক|নাসরিন|আরিফ|তাসলিমা|কামরুল|সুমাই{YYA}া",
        _BENGALI_STARTS,
        _BENGALI_MIDDLES,
        f"উদ্দিন|দার|চৌধুরী|জামান|ইসলাম|হোসেন|মি{YYA}া|সরকার|ভূঁই{YYA}া|আলম|বর্মন|মজুমদার"
        "||||||",  # or none: the syllables alone
        cased=False,
        middle_counts=(0, 1, 1),
    ),
)
BENGALI = LANGUAGES[-1]
assert all(
    unicodedata.is_normalized("NFC", text)
    for lang in LANGUAGES
    for pool in (lang.first, lang.starts, lang.middles, lang.endings)
    for text in pool
)


def _syllable(lang: Language, pool: tuple[str, ...], rng: random.Random) -> str:
    text = rng.choice(pool)
    if lang is BENGALI:
        text += rng.choice(BENGALI_VOWEL_SIGNS) + rng.choice(BENGALI_CLOSINGS)
    return text


# Where a syllable ending in one of these meets an ending that starts with one, the syllable's
# is dropped (Żaro + owski: Żarowski).
VOWELS = set("aáâăeéěəiíîıoóöőuúüűůąęаеєиіїоуюяәөұүыэαεηιουωάέήίόύώաեէըիօაეიოუ")


def _family_word(lang: Language, rng: random.Random) -> str:
    parts = [_syllable(lang, lang.starts, rng)]
    parts += [_syllable(lang, lang.middles, rng) for _ in range(rng.choice(lang.middle_counts))]
    root, ending = "".join(parts), rng.choice(lang.endings)
    if ending and root[-1] in VOWELS and ending[0] in VOWELS:
        root = root[:-1]
    word = root + ending
    if not lang.cased:
        return word
    if lang.country in ("TR", "AZ") and word[0] in "iı":
        return ("İ" if word[0] == "i" else "I") + word[1:]  # Turkish and Azerbaijani i
    return word[0].upper() + word[1:]


def family_name(lang: Language, rng: random.Random, taken: set[str]) -> str:
    """A family name of `lang` that nobody in `taken` has (given up on after 100 tries)."""
    for _ in range(100):
        name = _family_word(lang, rng)
        if lang.double and rng.random() < 0.1:
            name += lang.double + _family_word(lang, rng)
        if name not in taken:
            break
    taken.add(name)
    return name


def check_in_code(rng: random.Random) -> str:
    """A valid check-in code as new_code() makes them, but from the seeded generator."""
    body = "".join(rng.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return next(body + check for check in ALPHABET if is_valid(body + check))


def make_rows(n: int) -> list[RegistrationRow]:
    rng = random.Random(SEED)
    taken: set[str] = set()
    rows = []
    for i in range(n):
        lang = LANGUAGES[i % len(LANGUAGES)]
        category, colour = CATEGORIES[i % len(CATEGORIES)]
        by_organisation = i % 9 == 0
        rows.append(
            registration(
                i + 1,
                first_name=rng.choice(lang.first),
                last_name=family_name(lang, rng, taken),
                name_latin="",
                title=("", "Mr", "Ms", "Dr", "H.E.")[i % 5],
                country=lang.country,
                organisation=rng.choice(ORGANISATIONS),
                position=rng.choice(POSITIONS),
                category=category,
                category_colour=colour,
                delegation_country=None if by_organisation else lang.country,
                delegation_organisation=(
                    ORGANISATION_DELEGATIONS[i % len(ORGANISATION_DELEGATIONS)]
                    if by_organisation
                    else ""
                ),
                checkin_code=check_in_code(rng),
            )
        )
    return rows


def make_delegations(n: int) -> list[Delegation]:
    """n confirmed people grouped by delegation (countries, then organisations), heads first."""
    groups: dict[str, tuple[Kind, str, list[Participant]]] = {}
    for row in make_rows(n):
        head = row.category == "Head of delegation"
        person = Participant(
            registration_id=row.id,
            title=row.title,
            first_name=row.first_name,
            last_name=row.last_name,
            badge_name="",
            position=row.position,
            organisation=row.organisation,
            email=row.email,
            category=row.category,
            head_of_delegation=head,
            checkin_code=row.checkin_code,
        )
        if row.delegation_country:
            kind: Kind = "country"
            key, heading = f"country:{row.delegation_country}", country_name(row.delegation_country)
        else:
            kind = "organisation"
            key = f"organisation:{row.delegation_organisation.lower()}"
            heading = row.delegation_organisation
        groups.setdefault(key, (kind, heading, []))[2].append(person)
    ordered = sorted(groups.items(), key=lambda g: (g[1][0] != "country", g[1][1]))
    return [
        Delegation(
            key, heading, kind, tuple(sorted(people, key=lambda p: not p.head_of_delegation))
        )
        for key, (kind, heading, people) in ordered
    ]


# --- The floors: the bare library doing the same work ---------------------------------------

_RANGES = [
    (0x0530, 0x058F, Script.ARMENIAN),
    (0x0600, 0x08FF, Script.ARABIC),
    (0x0980, 0x09FF, Script.BENGALI),
    (0x10A0, 0x10FF, Script.GEORGIAN),
    (0x1C90, 0x1CBF, Script.GEORGIAN),
    (0xFB50, 0xFEFF, Script.ARABIC),
]


def font_name(text: str, bold: bool = False) -> str:
    """The registered font for `text`: that of the first letter outside Latin, Cyrillic, Greek."""
    for char in text:
        code = ord(char)
        if code < 0x0530:
            continue
        for low, high, script in _RANGES:
            if low <= code <= high:
                return FontKey(script, bold).name
    return FontKey(Script.LATIN, bold).name


def floor_qr(canvas: Canvas, x: float, y: float, side: float, code: str) -> None:
    matrix = segno.make(code, error="m", micro=False).matrix
    step = side / (len(matrix) + 4)
    path = canvas.beginPath()
    top = y + side - 2 * step
    for r, row in enumerate(matrix):
        row_y = top - (r + 1) * step
        start = -1
        for c, dark in enumerate(row):
            if dark and start < 0:
                start = c
            elif not dark and start >= 0:
                path.rect(x + (start + 2) * step, row_y, (c - start) * step, step)
                start = -1
        if start >= 0:
            path.rect(x + (start + 2) * step, row_y, (len(row) - start) * step, step)
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)


def floor_badge(canvas: Canvas, box: Rect, text: BadgeText, title: str, dates: str) -> None:
    unit = box.width
    centre = box.x + box.width / 2
    # Header: title, dates, a rule.
    size = 0.046 * unit
    canvas.setFillColor(black)
    canvas.setFont(font_name(title, True), size)
    canvas.drawString(box.x, box.top - size, title)
    dates_size = 0.03 * unit
    canvas.setFillColor(GREY)
    canvas.setFont(font_name(dates), dates_size)
    canvas.drawString(box.x, box.top - 1.2 * size - dates_size, dates)
    header_h = 0.12 * box.height
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.line(box.x, box.top - header_h, box.right, box.top - header_h)
    # The category band.
    band_h = max(0.085 * box.height, 16.0)
    canvas.setFillColor(HexColor(text.colour))
    canvas.rect(box.x, box.y, box.width, band_h, stroke=0, fill=1)
    size = 0.05 * unit
    canvas.setFillColor(white)
    canvas.setFont(font_name(text.category, True), size)
    canvas.drawCentredString(centre, box.y + band_h / 2 - 0.37 * size, text.category)
    # The name.
    large = 0.115 * unit
    name_y = box.top - header_h - 0.25 * box.height
    canvas.setFillColor(black)
    canvas.setFont(font_name(text.large, True), large)
    canvas.drawCentredString(centre, name_y, text.large)
    canvas.setFont(font_name(text.small), 0.72 * large)
    canvas.drawCentredString(centre, name_y - 1.1 * large, text.small)
    # The QR code with the code under it.
    code_size = 0.027 * unit
    qr_side = 0.3 * unit
    qr_y = box.y + band_h + 0.02 * unit + 1.6 * code_size
    floor_qr(canvas, box.right - qr_side, qr_y, qr_side, text.code)
    canvas.setFont(FontKey(Script.LATIN).name, code_size)
    canvas.drawCentredString(box.right - qr_side / 2, qr_y - 1.25 * code_size, display(text.code))
    # Position, organisation, delegation beside it.
    y = qr_y + qr_side
    for line, size, bold in (
        (text.position, 0.036 * unit, False),
        (text.organisation, 0.044 * unit, False),
        (text.delegation, 0.05 * unit, True),
    ):
        y -= 1.2 * size
        canvas.setFont(font_name(line, bold), size)
        canvas.drawString(box.x, y, line)


def badges_floor(path: Path, texts: list[BadgeText], title: str, dates: str) -> None:
    layout = get_layout(LAYOUT)
    boxes = [content_rect(layout, slot) for slot in front_slots(layout)]
    marks = cut_marks(layout)
    canvas = Canvas(
        str(path),
        pagesize=(layout.page_width_mm * MM, layout.page_height_mm * MM),
        pageCompression=1,
    )
    for start in range(0, len(texts), len(boxes)):
        for text, box in zip(texts[start : start + len(boxes)], boxes, strict=False):
            floor_badge(canvas, box, text, title, dates)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.lines(marks)
        canvas.showPage()
    canvas.save()


A4 = (210 * MM, 297 * MM)
ROWS_PER_PAGE = 32  # headings and people: 2,000 people fill 62 pages in the app, 64 here
ROW_H = 21.5
# What the app's internal list shows (without emails): name, position, organisation.
COLUMNS = [("Name", 0.34), ("Position", 0.31), ("Organisation", 0.35)]
BAND = Color(0.9, 0.93, 0.96)


def participants_floor(
    path: Path, event: EventRow, place: str, delegations: list[Delegation]
) -> None:
    left, width = 15 * MM, A4[0] - 30 * MM
    xs = [left + 3 + width * sum(w for _, w in COLUMNS[:i]) for i in range(len(COLUMNS))]
    regular, bold = FontKey(Script.LATIN).name, FontKey(Script.LATIN, True).name
    rows = len(delegations) + sum(len(d.participants) for d in delegations)
    pages = -(-rows // ROWS_PER_PAGE)
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    page, row, y = 0, ROWS_PER_PAGE, 0.0

    def next_row() -> float:
        """The baseline of the next row, on a new page (header, labels, footer) when full."""
        nonlocal page, row, y
        if row == ROWS_PER_PAGE:
            if page:
                canvas.showPage()
            page, row = page + 1, 0
            top = A4[1] - 12 * MM
            canvas.setFillColor(black)
            canvas.setFont(bold, 16)
            canvas.drawString(left, top - 16, "List of participants")
            canvas.setFont(bold, 10.5)
            canvas.drawRightString(left + width, top - 16, "Internal — not for distribution")
            canvas.setFont(font_name(event.title, True), 11)
            canvas.drawString(left, top - 36, event.title)
            canvas.setFont(font_name(place), 9)
            canvas.drawString(left, top - 49, place)
            canvas.setLineWidth(0.6)
            canvas.line(left, top - 56, left + width, top - 56)
            canvas.setFillColor(BAND)
            canvas.rect(left, top - 80, width, 16, stroke=0, fill=1)
            canvas.setFillColor(black)
            canvas.setFont(bold, 8)
            for (label, _), x in zip(COLUMNS, xs, strict=True):
                canvas.drawString(x, top - 74, label)
            canvas.setLineWidth(0.3)
            canvas.line(left, 10 * MM + 11, left + width, 10 * MM + 11)
            canvas.setFont(regular, 7.5)
            canvas.drawString(left, 10 * MM, "Generated 12 May 2027, 08:30")
            canvas.drawRightString(left + width, 10 * MM, f"Page {page} of {pages}")
            y = top - 80
        row += 1
        y -= ROW_H
        return y

    for delegation in delegations:
        row_y = next_row()
        canvas.setFillColor(BAND)
        canvas.rect(left, row_y - 5, width, ROW_H, stroke=0, fill=1)
        canvas.setFillColor(black)
        canvas.setFont(font_name(delegation.heading, True), 9.5)
        canvas.drawString(xs[0], row_y, delegation.heading)
        for p in delegation.participants:
            row_y = next_row()
            name = " ".join(s for s in (p.title, p.first_name, p.last_name) if s)
            for cell, x in zip((name, p.position, p.organisation), xs, strict=True):
                canvas.setFont(font_name(cell, p.head_of_delegation and x == xs[0]), 8.5)
                canvas.drawString(x, row_y, cell)
            canvas.line(left, row_y - 5, left + width, row_y - 5)
    canvas.showPage()
    canvas.save()


# --- The app's writers -------------------------------------------------------------------


def measure(case: str, n: int) -> dict[str, float]:
    """Run one case in this (fresh) process: seconds, the writer's peak memory and the whole
    process's in MB, and the file's size."""
    register_fonts()  # once per process in the app too, and the floor needs them as well
    run: Callable[[Path], object]
    if case == "badges":
        rows = make_rows(n)
        options = BadgeOptions(layout=LAYOUT, calibration=Calibration())
        run = lambda p: write_badges(p, EVENT, rows, options, total=n)  # noqa: E731
    elif case == "badges_floor":
        texts = [badge_text(row, NameFormat.FIRST_LAST) for row in make_rows(n)]
        dates = event_dates(EVENT)
        run = lambda p: badges_floor(p, texts, EVENT.title, dates)  # noqa: E731
    elif case == "participants":
        delegations = make_delegations(n)
        run = lambda p: write_participants_pdf(  # noqa: E731
            p, EVENT, delegations, variant=VARIANT, orientation="portrait", include_email=False
        )
    else:
        delegations = make_delegations(n)
        place = place_line(EVENT)
        run = lambda p: participants_floor(p, EVENT, place, delegations)  # noqa: E731
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    before_kb = (
        int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 1024
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case}.pdf"
        start = time.perf_counter()
        run(path)
        seconds = time.perf_counter() - start
        pdf_bytes = path.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Not below 0: the resident set can shrink while writing, when freed pages go back.
    peak_kb = max(0, rss_kb - before_kb)
    return {
        "seconds": seconds,
        "peak_mb": peak_kb / 1024,
        "rss_mb": rss_kb / 1024,
        "pdf_mb": pdf_bytes / 1e6,
    }


def in_subprocess(case: str, n: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--measure", case, "--n", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def interleaved(cases: tuple[str, str], n: int, runs: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {case: [] for case in cases}
    for _ in range(runs):  # interleaved, so that machine noise hits all alike
        for case in cases:
            results[case].append(in_subprocess(case, n))
    return results


def summary(results: dict[str, list[dict[str, float]]], ours: str, floor: str) -> dict[str, float]:
    s = {c: statistics.median(r["seconds"] for r in results[c]) for c in (ours, floor)}
    return {
        "ours_s": round(s[ours], 2),
        "floor_s": round(s[floor], 2),
        "ratio": round(s[ours] / s[floor], 2),
        "ours_peak_mb": round(max(r["peak_mb"] for r in results[ours]), 1),
        "floor_peak_mb": round(max(r["peak_mb"] for r in results[floor]), 1),
        "ours_rss_mb": round(max(r["rss_mb"] for r in results[ours])),
        "floor_rss_mb": round(max(r["rss_mb"] for r in results[floor])),
        "pdf_mb": round(results[ours][0]["pdf_mb"], 2),
        "floor_pdf_mb": round(results[floor][0]["pdf_mb"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--badges", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 100 and 200 badges, 200 people"
    )
    parser.add_argument("--measure", choices=BADGE_CASES + PEOPLE_CASES, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.n)))
        return 0
    if args.quick:
        args.badges, args.people = [100, 200], 200

    smallest: tuple[int, dict[str, float]] | None = None
    for n in sorted(args.badges):
        line = summary(interleaved(BADGE_CASES, n, args.runs), "badges", "badges_floor")
        report: dict[str, object] = {"case": "badges", "badges": n, "layout": LAYOUT}
        report["runs"] = args.runs
        report.update(line)
        report["ours_ms_per_badge"] = round(1000 * line["ours_s"] / n, 2)
        report["floor_ms_per_badge"] = round(1000 * line["floor_s"] / n, 2)
        if smallest is None:
            smallest = (n, line)
        else:
            base_n, base = smallest
            report["increase_from"] = base_n
            report["ours_peak_increase_mb"] = round(line["ours_peak_mb"] - base["ours_peak_mb"], 1)
            report["floor_peak_increase_mb"] = round(
                line["floor_peak_mb"] - base["floor_peak_mb"], 1
            )
        print(json.dumps(report), flush=True)

    report = {"case": "participants", "people": args.people, "variant": str(VARIANT)}
    report["runs"] = args.runs
    report["orientation"] = "portrait"
    results = interleaved(PEOPLE_CASES, args.people, args.runs)
    report.update(summary(results, "participants", "participants_floor"))
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
