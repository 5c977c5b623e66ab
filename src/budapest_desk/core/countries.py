"""Countries as ISO 3166-1 alpha-2 codes (pycountry), plus Kosovo (XK, user-assigned).

resolve_country() reads a country as people write it in a registration file: a code, the ISO
name, the official or common name, a former name or usual variant ("FYROM", "Kosovo*",
"Iran (Islamic Republic of)"), or the name in another language of the region, from pycountry's
own translations. It never guesses: a form it does not know exactly gives None, so "Austria"
cannot become "Australia", nor "Niger" "Nigeria".

Names are compared by a key that ignores case, accents, punctuation and "the". Three
layers are tried in turn, and a later one never overrides an earlier one:
1. pycountry's names (name, official name, common name) and our aliases;
2. parts of those names ("Holy See" and "Vatican City State" from "Holy See (Vatican City
   State)", "Iran" from "Iran, Islamic Republic of");
3. pycountry's translations of those names in the region's languages.
Within layers 2 and 3, a key that leads to two different countries ("Korea" from both Koreas; a
word that is one country in one language and another elsewhere; pycountry's Arabic file even
gives Moldova the Maldives' name) is dropped rather than guessed, in that layer and the next.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pycountry

from budapest_desk.core.errors import UserError

_EXTRA = {"XK": "Kosovo"}

# Former names, usual variants and codes people use that ISO does not (UK, EL, XKX).
_ALIASES: dict[str, tuple[str, ...]] = {
    "XK": ("Kosovo", "Kosova", "Kosovë", "Republic of Kosovo", "Kosovo*", "Kosovo (UNSCR 1244)",
           "Kosovo under UNSCR 1244", "Kosovo (UNSCR 1244/99)", "Kosovo (UNSCR 1244/1999)",
           "Kosovo under UNSCR 1244/99", "Kosovo (under UNSCR 1244)", "UNMIK", "UNMIK Kosovo",
           "Kosovo (UNMIK)", "Косово", "Koszovó", "Kosowo", "XKX"),
    "MK": ("Macedonia", "FYROM", "FYR Macedonia", "The former Yugoslav Republic of Macedonia",
           "Former Yugoslav Republic of Macedonia", "Macedonia, the former Yugoslav Republic of",
           "Republic of Macedonia", "Macedonia (FYROM)"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye", "Republic of Turkey", "Turkiye"),
    "KG": ("Kyrgyz Republic", "Kirghizia", "Kirgizia", "Kyrgyzstan"),
    "IR": ("Iran (Islamic Republic of)", "Persia", "Islamic Republic of Iran"),
    "MD": ("Moldova", "Republic of Moldova", "Moldova (Republic of)", "Moldavia"),
    "RU": ("Russia", "Russia (Russian Federation)", "Россия", "Oroszország", "Russland",
           "Russie", "Rusia", "Rosja", "Rusko", "Rusija", "Rusya", "Русија"),
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales",
           "Northern Ireland", "United Kingdom of Great Britain & Northern Ireland"),
    "US": ("USA", "U.S.A.", "U.S.", "United States of America", "United States"),
    "BA": ("Bosnia", "Bosnia-Herzegovina", "Bosnia & Herzegovina", "BiH"),
    "VA": ("Holy See", "Vatican", "Vatican City", "Vatican City State", "The Holy See"),
    "GR": ("EL", "Hellenic Republic"),
    "KR": ("South Korea", "Korea (Republic of)", "Republic of Korea", "Korea, South"),
    "KP": ("North Korea", "DPRK", "Korea, North"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo (Kinshasa)",
           "Congo-Kinshasa", "Zaire"),
    "CG": ("Republic of the Congo", "Congo (Brazzaville)", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "TL": ("East Timor",),
    "NL": ("Holland", "The Netherlands"),
    "BY": ("Byelorussia", "Belorussia"),
    "PS": ("Palestine", "State of Palestine"),
    "AE": ("UAE", "Emirates"),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "BN": ("Brunei",),
    "KH": ("Kampuchea",),
    "TH": ("Siam",),
    "LK": ("Ceylon",),
    "FM": ("Micronesia",),
    "CN": ("PRC", "People's Republic of China"),
    "SK": ("Slovak Republic",),
    "VN": ("Vietnam",),
    "TZ": ("Tanzania",),
}  # fmt: skip

# pycountry locales of the region and of the countries that take part (Bengali, Pashto...).
_LANGUAGES = (
    "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "da", "de", "el", "es", "et", "fa", "fi",
    "fr", "he", "hr", "hu", "hy", "it", "ka", "kk", "ky", "lt", "lv", "mk", "nb_NO", "nl",
    "nn", "pl", "ps", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sr@latin", "sv", "tg", "tk",
    "tr", "uk", "ur", "uz",
)  # fmt: skip

_NOT_WORD = re.compile(r"[\W_]+")
# Combining marks (accents, harakat, tonos) dropped; Arabic and Persian letter forms unified.
_FOLD: dict[int, str | None] = {c: None for c in range(0x10000) if unicodedata.combining(chr(c))}
_FOLD.update({ord("ي"): "ی", ord("ك"): "ک", ord("ى"): "ی", ord("ـ"): None})


def country_key(text: str) -> str:
    """Case, accents, punctuation and "the" ignored: "The Gambia" = "gambia"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    return " ".join(
        w for w in _NOT_WORD.sub(" ", decomposed.translate(_FOLD)).split() if w != "the"
    )


@lru_cache(maxsize=1)
def all_countries() -> tuple[tuple[str, str], ...]:
    """(code, English name) for every country, sorted by name."""
    pairs = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    pairs.update(_EXTRA)
    return tuple(sorted(pairs.items(), key=lambda kv: kv[1]))


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    return dict(all_countries())


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _names_by_code().get(code.upper(), code.upper())


def resolve_country(text: str | None) -> str | None:
    """The alpha-2 code of a country as written in a file, or None if it is not known exactly."""
    return _resolve(text or "")


@lru_cache(maxsize=8192)  # a file names the same few dozen countries over and over
def _resolve(text: str) -> str | None:
    key = country_key(text)
    if not key:
        return None
    codes, names, ambiguous = _tables()
    compact = key.replace(" ", "")
    if compact.isascii() and len(compact) <= 3 and compact.upper() in codes:
        return codes[compact.upper()]
    if key in names or key in ambiguous:
        return names.get(key)
    return _translated().get(key)


def normalise_country(value: str | None, *, required: bool = False) -> str | None:
    """An ISO alpha-2 code from a code or a name; a clear UserError otherwise."""
    text = (value or "").strip()
    if not text:
        if required:
            raise UserError("Country is required: choose one from the list.", field="country")
        return None
    code = resolve_country(text)
    if code is None:
        raise UserError(
            f"Unknown country {text!r}: use a two-letter ISO code (e.g. HU) or an English name.",
            field="country",
        )
    return code


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(codes, names, ambiguous): alpha-2, alpha-3 and numeric codes; the English names and
    their parts; and the keys that name two countries (unknown in every later layer)."""
    codes = {"XK": "XK", "XKX": "XK", "UK": "GB", "EL": "GR"}
    for country in pycountry.countries:
        codes[country.alpha_2] = codes[country.alpha_3] = country.alpha_2
        codes[country.numeric] = country.alpha_2  # "348": pycountry.lookup took these too
    names: dict[str, str] = {}
    for code, name in _own_names():
        names.setdefault(country_key(name), code)
    ambiguous: set[str] = set()
    _add_layer(names, ambiguous, ((c, p) for c, n in _own_names() for p in _parts(n)))
    return codes, names, frozenset(ambiguous)


@lru_cache(maxsize=1)
def _translated() -> dict[str, str]:
    """The names in other languages: built only when a name is not an English one, because
    reading pycountry's catalogues takes half a second."""
    _, english, ambiguous = _tables()
    names = dict(english)
    _add_layer(names, set(ambiguous), _translations())
    return {k: v for k, v in names.items() if k not in english}


def _add_layer(
    names: dict[str, str], ambiguous: set[str], layer: Iterable[tuple[str, str]]
) -> None:
    """Add the names of a layer that no earlier layer has, leaving out those naming two."""
    found: dict[str, set[str]] = {}
    for code, name in layer:
        key = country_key(name)
        if key and key not in names and not (key.isascii() and len(key) <= 3):
            found.setdefault(key, set()).add(code)
    ambiguous.update(key for key, c in found.items() if len(c) > 1)
    names.update({k: next(iter(c)) for k, c in found.items() if k not in ambiguous})


def _own_names() -> Iterator[tuple[str, str]]:
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                yield country.alpha_2, name
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            yield code, alias


def _parts(name: str) -> Iterator[str]:
    """ "Holy See (Vatican City State)" -> "Holy See", "Vatican City State"; "Iran, X" -> "Iran"."""
    if "(" in name:
        outer, _, inner = name.partition("(")
        yield outer
        yield inner.rstrip(")")
    for comma in (",", "،"):  # the Latin and the Arabic comma
        if comma in name:
            yield name.split(comma, 1)[0]


def _translations() -> Iterator[tuple[str, str]]:
    """Each language's names, without those found inside another country's name there.

    pycountry's Arabic catalogue calls Moldova "المالديف", part of the Maldives' "جزر المالديف";
    the same test drops real but treacherous short forms ("Guinée" inside "Guinée équatoriale"),
    which is the price of never guessing.
    """
    english = list(_own_names())
    for language in _LANGUAGES:
        try:
            catalogue = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue
        names: set[tuple[str, str]] = set()
        for code, name in english:
            translated = catalogue.gettext(name)
            if translated != name:
                names.update((code, country_key(n)) for n in (translated, *_parts(translated)))
        by_word: dict[str, set[tuple[str, str]]] = {}
        for code, key in names:
            for word in key.split():
                by_word.setdefault(word, set()).add((code, key))
        for code, key in names:
            words = key.split()
            if not words:
                continue
            rarest = min(words, key=lambda w: len(by_word[w]))
            inside = f" {key} "
            if not any(
                other != code and inside in f" {longer} " for other, longer in by_word[rarest]
            ):
                yield code, key
