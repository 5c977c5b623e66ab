"""Windows-1250 against Windows-1252: short real-looking name lists of each language must be
told apart (charset-normalizer restricted to the two gets French and Polish wrong)."""

from __future__ import annotations

import pytest

from budapest_desk.core.importing.text_encoding import choose_legacy

CENTRAL = {
    "hungarian": "Kovács Gyöngyvér;Szőke Győző;Kőrösi Ödön;Fűzfa Réka",
    "hungarian, one name": "Szőke;Anna",
    "czech": "Dvořák;Jiří;Kučera;Růžička;Petr Novák",
    "czech, one name": "Antonín Dvořák",
    "slovak": "Ľubomír Šťastný;Ján Kováč;Mária Ďurišová",
    "polish": "Łukasz Wąsowski;Małgorzata Żółć;Grzegorz Brzęczyszczykiewicz",
    "polish, one name": "Wałęsa",
    "croatian": "Ivan Horvat;Ana Bašić;Marko Đurić",
    "romanian": "Ştefan Brătianu;Ţara",
    "slovene": "Janez Kranjec;Žiga Černe",
}
WESTERN = {
    "french": "Hélène Lefèvre;François Château;Anaïs Noël;Zoë Crèvecœur",
    "french, one name": "Hélène Lefèvre",
    "spanish": "José Núñez;María Peña;Iñigo Ibáñez",
    "nordic": "Søren Kierkegaard;Åsa Bjørn;Ærø Møller",
    "italian": "Niccolò Lucà;Mattia Bernardò",
    "portuguese": "João Gonçalves;Ana Conceição;Luís Magalhães;Açores",
}


@pytest.mark.parametrize("text", CENTRAL.values(), ids=CENTRAL.keys())
def test_central_european_text_is_windows_1250(text: str) -> None:
    assert choose_legacy(text.encode("cp1250")) == "cp1250"


@pytest.mark.parametrize("text", WESTERN.values(), ids=WESTERN.keys())
def test_western_text_is_windows_1252(text: str) -> None:
    assert choose_legacy(text.encode("cp1252")) == "cp1252"


def test_text_both_read_alike_needs_no_decision() -> None:
    german = "Jürgen Müller;Björn Großmann;Österreich".encode("cp1252")
    assert german.decode(choose_legacy(german)) == german.decode("cp1252")


def test_a_byte_one_code_page_lacks_decides() -> None:
    assert choose_legacy("Šťastný".encode("cp1250")) == "cp1250"  # ť is 0x9D, undefined in 1252
    assert choose_legacy("Señor ˜".encode("cp1252")) == "cp1252"  # 0x98, undefined in 1250
