"""Countries as people write them: codes, names, variants, the region's languages; no guesses."""

from __future__ import annotations

import pytest

from budapest_desk.core.countries import normalise_country, resolve_country
from budapest_desk.core.errors import UserError

KNOWN = {
    "HU": ["hu", "HUN", "348", " Hungary ", "hungary", "Magyarország", "Ungarn", "Hongrie",
           "Венгрия", "Ουγγαρία"],
    "AT": ["Austria", "AUT", "040", "Österreich", "Ausztria", "Autriche", "Австрия"],
    "AU": ["Australia"],
    "NE": ["Niger"],
    "NG": ["Nigeria"],
    "GN": ["Guinea"],
    "GQ": ["Equatorial Guinea"],
    "TR": ["Türkiye", "Turkey", "Turkiye", "TÜRKİYE", "Republic of Türkiye", "Törökország",
           "Türkei"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic", "Kirghizia", "Киргизия", "Кыргызстан"],
    "IR": ["Iran", "Iran (Islamic Republic of)", "Iran, Islamic Republic of", "Persia", "ایران",
           "إيران"],
    "MK": ["North Macedonia", "Macedonia", "FYROM", "The former Yugoslav Republic of Macedonia",
           "former Yugoslav Republic of Macedonia, the", "Észak-Macedónia"],
    "CZ": ["Czech Republic", "Czechia", "CZE", "Česko", "Csehország", "Tschechien"],
    "XK": ["Kosovo", "Kosovo*", "Kosovo (UNSCR 1244)", "Kosovo under UNSCR 1244/99", "UNMIK", "xk",
           "XKX"],
    "MD": ["Moldova", "Republic of Moldova", "Moldova, Republic of", "Молдова", "Moldavia"],
    "RU": ["Russia", "Russian Federation", "Россия", "Российская Федерация"],
    "GB": ["UK", "U.K.", "United Kingdom", "Great Britain", "GBR"],
    "US": ["USA", "U.S.A.", "United States", "United States of America", "us"],
    "BA": ["Bosnia", "Bosnia and Herzegovina", "Bosnia & Herzegovina", "Bosnia-Herzegovina", "BIH"],
    "VA": ["Holy See", "Vatican", "Holy See (Vatican City State)", "Vatican City"],
    "GE": ["Georgia", "Грузия", "საქართველო", "Grúzia"],
    "GM": ["The Gambia", "Gambia"],
    "CI": ["Côte d'Ivoire", "Cote d’Ivoire", "Ivory Coast"],
    "GR": ["Greece", "EL", "Ελλάδα"],
    "DE": ["Germany", "DEU", "Deutschland", "Németország", "Германия", "Allemagne"],
    "UA": ["Ukraine", "Україна", "Украина"],
    "AF": ["Afghanistan", "افغانستان"],
    "KZ": ["Қазақстан", "Казахстан"],
}  # fmt: skip


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in KNOWN.items() for t in ts])
def test_known_forms(code: str, text: str) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    "text",
    ["", "  ", "Atlantis", "XX", "H", "Austrla", "Nigerr", "Korea", "Virgin Islands", "Yugoslavia",
     "USSR", "Europe", "Guinée", "المالديف", "Hungary/Austria", "Ministry of Interior"],
)  # fmt: skip
def test_no_guesses(text: str) -> None:
    """Unknown, ambiguous, dissolved and misspelt forms give None, never a near neighbour.
    (A near miss may still be a real name: "Austri" is Albanian for Austria.)

    "Guinée" is dropped because it is inside "Guinée équatoriale"; "المالديف" because
    pycountry's Arabic file gives it to Moldova while it is the Maldives' name."""
    assert resolve_country(text) is None


def test_normalise_country_keeps_its_contract() -> None:
    assert normalise_country("Kosovo*") == "XK"
    assert normalise_country(" ") is None
    with pytest.raises(UserError, match="Country is required") as required:
        normalise_country(None, required=True)
    assert required.value.field == "country"
    with pytest.raises(UserError, match=r"Unknown country 'Austrla'") as unknown:
        normalise_country("Austrla")
    assert unknown.value.field == "country"
