"""The list of participants as a PDF, read back as a reader would (text, fonts, page sizes), and
its layout checked as data (every line within its column, no orphan headings)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4, landscape

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.participants import Delegation, Participant, Variant
from budapest_desk.core.progress import CancelToken
from budapest_desk.exporters import participants_pdf, typeset
from budapest_desk.exporters.label_layout import MM
from budapest_desk.exporters.participants_pdf import (
    INTERNAL_MARK,
    PAD_X,
    SIZE,
    Layout,
    full_name,
    lay_out,
    wrap_email,
    write_participants_pdf,
)
from tests.exporters.pdfcheck import BASE_14, comparable, fonts_used, page_sizes, page_texts
from tests.exporters.samples import EVENT
from tests.exporters.scripts import NAMES

LONG_ORGANISATION = (
    "State Migration Service and Border Guard of the Republic of Azerbaijan"  # 70 characters
)
assert len(LONG_ORGANISATION) == 70


def _person(i: int, first: str, last: str, **changes: object) -> Participant:
    person = Participant(
        registration_id=i,
        title="Dr" if i % 9 == 0 else "",
        first_name=first,
        last_name=last,
        badge_name="",
        position="Director General, Department of Migration Policy" if i % 4 == 0 else "Adviser",
        organisation="Ministry of Interior",
        email=f"person{i}@example.org",
        category="Delegate",
        head_of_delegation=False,
        checkin_code="",
    )
    return dataclasses.replace(person, **changes)


def _delegations() -> list[Delegation]:
    """Every script's names in one delegation, then 300 people in delegations of all sizes (one
    of 120 runs over pages), an organisation and those without a delegation."""
    scripts = tuple(
        _person(i, first, last, head_of_delegation=i == 0) for i, (first, last) in enumerate(NAMES)
    )
    result = [Delegation("country:AF", "Afghanistan", "country", scripts)]
    sizes = [120, 3, 45, 1, 60, 17, 30, 24]
    assert sum(sizes) == 300
    n = 100
    for k, size in enumerate(sizes):
        people = tuple(
            _person(n + i, f"Given{n + i}", f"Family{n + i}", head_of_delegation=i == 0)
            for i in range(size)
        )
        n += size
        result.append(Delegation(f"country:X{k}", f"Country {k}", "country", people))
    org = (_person(900, "Anna", "Long", organisation=LONG_ORGANISATION),)
    result.append(Delegation("organisation:iom", "IOM", "organisation", org))
    none = (_person(901, "Walk", "In"),)
    result.append(Delegation("none", "Other participants", "none", none))
    return result


DELEGATIONS = _delegations()
PEOPLE = [p for d in DELEGATIONS for p in d.participants]


def _write(tmp_path: Path, **options: object) -> tuple[Path, list[str]]:
    path = tmp_path / "list.pdf"
    options.setdefault("variant", Variant.DISTRIBUTED)
    count = write_participants_pdf(path, EVENT, DELEGATIONS, **options)  # type: ignore[arg-type]
    assert count == len(PEOPLE)
    return path, page_texts(path)


def _reads_back(name: str, text: str) -> bool:
    """`name` is in `text` as typed. A right-to-left name whose line is mostly left-to-right
    (the other columns of its row) is read back by PDFium with its words in the order they
    stand on the page, each word's letters in reading order (its bidi pass breaks right-to-left
    runs at spaces); pypdf and pdftotext give such a name as typed. Either is accepted there."""
    name = comparable(name)
    if name in text:
        return True
    rtl = any("\u0600" <= c <= "\u06ff" for c in name)  # Arabic script
    return rtl and " ".join(reversed(name.split())) in text


def test_every_name_reads_back_as_typed(tmp_path: Path) -> None:
    _, texts = _write(tmp_path)
    text = " ".join(texts)
    for person in PEOPLE:
        assert _reads_back(full_name(person), text), full_name(person)
    for first, last in NAMES:
        assert _reads_back(f"{first} {last}", text), (first, last)


def test_every_page_has_the_header_column_labels_and_page_x_of_y(tmp_path: Path) -> None:
    _, texts = _write(tmp_path)
    assert len(texts) > 3
    for number, text in enumerate(texts, 1):
        assert text.startswith("List of participants")
        assert EVENT.title in text
        assert "12–13 May 2027 · Várkert Bazár, Budapest, Hungary" in text
        assert "Name Position Organisation" in text
        assert f"Page {number} of {len(texts)}" in text
        assert "Generated " in text
        assert INTERNAL_MARK not in text
        assert "@example.org" not in text  # no email unless asked for


def test_a_delegation_going_on_over_a_page_repeats_its_heading(tmp_path: Path) -> None:
    _, texts = _write(tmp_path)
    continued = [t for t in texts if "Country 0 (continued)" in t]
    assert continued, "the 120-person delegation should run over a page"
    assert sum("Country 0 " in t for t in texts) == len(continued) + 1


@pytest.mark.parametrize(("orientation", "size"), [("portrait", A4), ("landscape", landscape(A4))])
def test_orientation(tmp_path: Path, orientation: str, size: tuple[float, float]) -> None:
    path, _ = _write(tmp_path, orientation=orientation)
    assert {(round(w), round(h)) for w, h in page_sizes(path)} == {(round(size[0]), round(size[1]))}


def test_internal_list_is_marked_on_every_page_and_may_show_emails(tmp_path: Path) -> None:
    _, texts = _write(tmp_path, variant=Variant.INTERNAL, include_email=True)
    for text in texts:
        assert INTERNAL_MARK in text
        assert "Name Position Organisation Email" in text
    text = " ".join(texts)
    assert all(p.email in text for p in PEOPLE)


def test_sign_in_sheet_has_a_signature_column_and_no_emails(tmp_path: Path) -> None:
    _, texts = _write(
        tmp_path, variant=Variant.SIGN_IN, include_email=True, day=dt.date(2027, 5, 13)
    )
    for text in texts:
        assert "Sign-in sheet — Thursday 13 May 2027" in text
        assert "Name Position Organisation Signature" in text
        assert "@example.org" not in text
        assert INTERNAL_MARK not in text
    layout = lay_out(A4, EVENT, DELEGATIONS, Variant.SIGN_IN, True, None)
    assert [c.label for c in layout.cols][-1] == "Signature"
    assert min(r.height for rows in layout.rows for r in rows) >= 9 * MM
    assert layout.frame.lines[1].text == "Sign-in sheet — Wednesday 12 May 2027"  # first day


def test_fonts_all_embedded_none_of_the_base_14(tmp_path: Path) -> None:
    path, _ = _write(tmp_path, variant=Variant.INTERNAL, include_email=True)
    used = fonts_used(path)
    assert used
    assert all(used.values()), used
    assert not {name.split("+")[-1] for name in used} & BASE_14


def test_a_long_organisation_wraps_within_its_column_and_reads_back_whole(tmp_path: Path) -> None:
    _, texts = _write(tmp_path)
    assert LONG_ORGANISATION in " ".join(texts)
    layout = lay_out(A4, EVENT, DELEGATIONS, Variant.DISTRIBUTED, False, None)
    org_col = [c.label for c in layout.cols].index("Organisation")
    cell = layout.rows[-2][0].cells[org_col]
    assert len(cell.lines) >= 2
    assert " ".join(line.text for line in cell.lines) == LONG_ORGANISATION


def test_an_email_breaks_before_a_dot_or_the_at_sign() -> None:
    email = "anahit.sargsyan@migration.example.am"
    width = typeset.width("anahit.sargsyan@mig", SIZE)
    assert wrap_email(email, width) == ["anahit.sargsyan", "@migration.example", ".am"]
    narrow = wrap_email("averyveryverylongmailbox@example.org", typeset.width("averyvery", SIZE))
    assert "".join(narrow) == "averyveryverylongmailbox@example.org"
    assert all(typeset.width(line, SIZE) <= typeset.width("averyvery", SIZE) for line in narrow)


@pytest.mark.parametrize("variant", list(Variant))
@pytest.mark.parametrize("page", [A4, landscape(A4)])
def test_every_line_within_its_column_and_every_row_within_the_page(
    variant: Variant, page: tuple[float, float]
) -> None:
    giant = _person(999, "Maximilian-Alexander", "Wolfeschlegelsteinhausenbergerdorff" * 3)
    giant = dataclasses.replace(giant, organisation="Ministry of the Interior " * 60)
    delegations = [*DELEGATIONS, Delegation("country:ZZ", "Zed", "country", (giant,))]
    layout = lay_out(page, EVENT, delegations, variant, True, None)
    table_height = layout.frame.body.height - layout.labels.height
    for rows in layout.rows:
        for row in rows:
            assert row.height <= table_height
            for col, cell in zip(layout.cols, row.cells, strict=True):
                assert cell.height <= row.height
                for line in cell.lines:
                    assert typeset.width(line.text, line.size, line.bold) <= col.width - 2 * PAD_X
    for page_items in layout.pages:
        assert page_items[-1].row is not None  # no heading alone at the foot of a page
        assert page_items[-1].bottom <= table_height + 1e-6


def test_the_cells_are_drawn_as_measured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list is measured whole before it is drawn, more lines than typeset's cache holds:
    its cells keep their shaped lines, so that drawing shapes none of them again."""
    laid_out: list[Layout] = []
    asked: list[str] = []

    def lay_out_then_watch(*args: Any, **kwargs: Any) -> Layout:
        layout = lay_out(*args, **kwargs)
        laid_out.append(layout)
        line = typeset.line

        def watched(text: str, bold: bool = False) -> typeset.Line:
            asked.append(text)
            return line(text, bold)

        monkeypatch.setattr(typeset, "line", watched)
        return layout

    monkeypatch.setattr(participants_pdf, "lay_out", lay_out_then_watch)
    _write(tmp_path, variant=Variant.INTERNAL)
    (layout,) = laid_out
    cells = {
        line.text for rows in layout.rows for row in rows for c in row.cells for line in c.lines
    }
    assert len(cells) > 300
    assert asked  # the pages' headers and footers are drawn from their texts
    assert not cells & set(asked)


def test_progress_per_page_and_cancel(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    _, texts = _write(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, len(texts)) for n in range(1, len(texts) + 1)]

    token = CancelToken()

    def cancel_after_two(done: int, total: int) -> None:
        if done == 2:
            token.cancel()

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_participants_pdf(
            target,
            EVENT,
            DELEGATIONS,
            variant=Variant.DISTRIBUTED,
            progress=cancel_after_two,
            cancel=token,
        )
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["list.pdf"]


def test_an_empty_list_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Nobody is on this list"):
        write_participants_pdf(tmp_path / "x.pdf", EVENT, [], variant=Variant.DISTRIBUTED)
    assert not (tmp_path / "x.pdf").exists()
