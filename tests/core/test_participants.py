"""The list of participants: who is on it, in which groups, in which order, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from budapest_desk.core import events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import Cancelled, NotFoundError
from budapest_desk.core.participants import (
    OTHER_PARTICIPANTS,
    Delegation,
    Variant,
    is_head_of_delegation,
    participant_list,
)
from budapest_desk.core.people import PersonInput
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import RegistrationStatus as S


def _event(s: Session) -> int:
    data = events.EventInput(title="Ministerial Conference", start_date=dt.date(2027, 5, 12))
    return events.create_event(s, data).id


def _categories(s: Session) -> dict[str, int]:
    return {c.name: c.id for c in registrations.list_categories(s)}


class _Registrar:
    def __init__(self, s: Session, event_id: int) -> None:
        self.s, self.event_id, self.n = s, event_id, 0
        self.categories = _categories(s)

    def __call__(
        self,
        first: str,
        last: str,
        *,
        country: str | None = None,
        org: str = "",
        category: str | None = "Delegate",
        status: S = S.CONFIRMED,
        consent: bool = True,
        title: str = "",
    ) -> int:
        self.n += 1
        person = PersonInput(
            first, last, f"p{self.n}@example.org", organisation="Ministry", title=title
        )
        data = RegistrationInput(
            person=person,
            status=status,
            category_id=self.categories[category] if category else None,
            delegation_country=country,
            delegation_organisation=org,
            list_consent=consent,
        )
        return registrations.create_registration(self.s, self.event_id, data).id


def _names(delegation: Delegation) -> list[str]:
    return [p.last_name for p in delegation.participants]


def _populate(s: Session) -> int:
    event = _event(s)
    add = _Registrar(s, event)
    add("Nikolaus", "Zimmermann", country="TR")
    add("Murat", "Yılmaz", country="TR")
    add("Aman", "Orazov", country="TM")
    add("Anna", "Berger", country="AT")
    add("Awa", "Koné", country="CI")
    # Hungary: three scripts in one alphabet, and the head of delegation first.
    add("Gyöngyvér", "Kovács", country="HU")
    add("Олег", "Ковальчук", country="HU")
    add("Νίκος", "Κωστόπουλος", country="HU")
    add("Péter", "Nagy", country="HU", category="Head of delegation", title="H.E.")
    add("Erzsébet", "Szabó", country="HU", consent=False)
    add("Zoltán", "Tóth", country="HU", status=S.PENDING)
    add("Ilona", "Varga", country="HU", status=S.WAITLISTED)
    add("Ádám", "Balogh", country="HU", status=S.CANCELLED)
    # Organisations, spelled as typed at different desks.
    add("Marie", "Dupont", org="UNHCR")
    add("Jan", "Novák", org="unhcr", category=None)
    add("Amina", "Hassan", org="IOM")
    add("Lena", "Fischer", org="IOM", category="Head of delegation")
    # No delegation at all.
    add("Sam", "Taylor", category="Staff")
    add("Kim", "Lee", category=None, consent=False)
    return event


def test_groups_countries_by_english_name_then_organisations_then_others(
    database: Database,
) -> None:
    with database.transaction() as s:
        event = _populate(s)
        groups = participant_list(s, event, Variant.INTERNAL)

    assert [(g.kind, g.heading) for g in groups] == [
        ("country", "Austria"),
        ("country", "Côte d'Ivoire"),  # among the Cs, not after the Zs
        ("country", "Hungary"),
        ("country", "Türkiye"),  # before Turkmenistan: the ü is a u
        ("country", "Turkmenistan"),
        ("organisation", "IOM"),
        ("organisation", "UNHCR"),  # "unhcr" joins it, under the spelling most use
        ("none", OTHER_PARTICIPANTS),
    ]
    assert [g.key for g in groups][:3] == ["country:AT", "country:CI", "country:HU"]
    by_heading = {g.heading: g for g in groups}
    assert _names(by_heading["UNHCR"]) == ["Dupont", "Novák"]
    assert _names(by_heading["IOM"]) == ["Fischer", "Hassan"]  # the head, then by name
    assert _names(by_heading[OTHER_PARTICIPANTS]) == ["Lee", "Taylor"]
    assert _names(by_heading["Türkiye"]) == ["Yılmaz", "Zimmermann"]


def test_head_of_delegation_first_then_family_names_in_one_alphabet(database: Database) -> None:
    with database.transaction() as s:
        event = _populate(s)
        groups = participant_list(s, event, Variant.SIGN_IN)
    hungary = next(g for g in groups if g.key == "country:HU")
    # Confirmed only: the pending, waitlisted and cancelled are not expected at the meeting.
    assert _names(hungary) == ["Nagy", "Κωστόπουλος", "Kovács", "Ковальчук", "Szabó"]
    head = hungary.participants[0]
    assert (head.head_of_delegation, head.category, head.title) == (
        True,
        "Head of delegation",
        "H.E.",
    )
    assert not any(p.head_of_delegation for p in hungary.participants[1:])
    assert all(p.checkin_code for p in hungary.participants)
    assert head.email.endswith("@example.org")
    assert head.organisation == "Ministry"


def test_distributed_list_only_has_those_who_consented(database: Database) -> None:
    with database.transaction() as s:
        event = _populate(s)
        internal = participant_list(s, event, Variant.INTERNAL)
        distributed = participant_list(s, event, Variant.DISTRIBUTED)

    def everyone(groups: list[Delegation]) -> set[str]:
        return {p.last_name for g in groups for p in g.participants}

    assert everyone(internal) - everyone(distributed) == {"Szabó", "Lee"}
    assert {"Tóth", "Varga", "Balogh"}.isdisjoint(everyone(internal))
    hungary = next(g for g in distributed if g.key == "country:HU")
    assert _names(hungary) == ["Nagy", "Κωστόπουλος", "Kovács", "Ковальчук"]
    # A check-in code on a printed list is anyone's ticket in.
    assert all(p.checkin_code == "" for g in distributed for p in g.participants)


def test_a_delegation_nobody_may_be_listed_for_is_left_out(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        add = _Registrar(s, event)
        add("Anna", "Berger", country="AT", consent=False)
        add("Nino", "Beridze", country="GE")
        add("Olga", "Petrova", country="RU", status=S.DECLINED)
        assert [g.heading for g in participant_list(s, event, Variant.DISTRIBUTED)] == ["Georgia"]
        assert [g.heading for g in participant_list(s, event, Variant.INTERNAL)] == [
            "Austria",
            "Georgia",
        ]
        empty = _event(s)
        assert participant_list(s, empty, Variant.INTERNAL) == []
        with pytest.raises(NotFoundError):
            participant_list(s, 999_999, Variant.INTERNAL)


def test_progress_and_cancel(database: Database) -> None:
    with database.transaction() as s:
        event = _populate(s)
        seen: list[tuple[int, int]] = []
        participant_list(s, event, Variant.INTERNAL, progress=lambda d, t: seen.append((d, t)))
        assert seen[-1] == (16, 16)  # 19 registered, 3 not confirmed
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            participant_list(s, event, Variant.INTERNAL, cancel=token)


def test_head_of_delegation_is_recognised_whatever_the_case() -> None:
    assert is_head_of_delegation("Head of delegation")
    assert is_head_of_delegation("HEAD OF  Delegation")
    assert not is_head_of_delegation("Deputy head of delegation")
    assert not is_head_of_delegation("")
    assert not is_head_of_delegation(None)
