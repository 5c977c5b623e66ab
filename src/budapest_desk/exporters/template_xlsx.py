"""The registration template a delegation fills in and sends back: its header row is exactly the
importer's (TEMPLATE_FIELDS on a sheet named TEMPLATE_SHEET), so the file comes back in with no
mapping step; drop-down lists keep countries, categories and yes/no answers to values the
importer knows, and each column says what goes in it when a cell is selected.

Sheet order: "Registrations" is the first sheet, so that any program that reads a workbook's
first sheet (ours, or whatever a delegation runs it through) finds the data; but the workbook
opens on "Instructions", the second sheet, so that a delegate reads what is required (names in
their own script and in Latin letters, the header row left alone) before typing 40 names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from budapest_desk.core.countries import all_countries
from budapest_desk.core.events import EventRow
from budapest_desk.core.importing.fields import LABELS, REQUIRED, TEMPLATE_FIELDS, TEMPLATE_SHEET
from budapest_desk.core.importing.fields import Field as F
from budapest_desk.exporters.sheets import BOLD
from budapest_desk.exporters.tabular import NO, YES, protect
from budapest_desk.exporters.template_text import PROMPTS, WIDTHS, instructions
from budapest_desk.exporters.writing import replacing

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"  # hidden: the country and category lists the drop-downs read
TEMPLATE_ROWS = 1000  # rows that get the drop-down lists and input messages
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow
INSTRUCTIONS_WIDTH = 80  # characters: fits a portrait A4 page when printed
TEXT = "@"  # Excel's Text format: "+36 1 234 5678" and "0049…" stay as typed


def write_template(
    path: Path, event: EventRow, categories: Sequence[str], *, rows: int = TEMPLATE_ROWS
) -> None:
    """Write the template for `event`, offering `categories` in the Category column."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    sheet: Worksheet = wb.create_sheet(TEMPLATE_SHEET)
    notes: Worksheet = wb.create_sheet(INSTRUCTIONS_SHEET)
    lists: Worksheet = wb.create_sheet(LISTS_SHEET)
    _write_registrations(sheet, _lists(lists, categories), rows)
    _write_instructions(notes, event)
    wb.active = notes
    sheet.sheet_view.tabSelected = False  # else Excel opens both sheets grouped
    notes.sheet_view.tabSelected = True
    with replacing(path) as temp:
        wb.save(temp)


def _lists(lists: Worksheet, categories: Sequence[str]) -> dict[F, str]:
    """Write the lists (hidden: a list of ~250 countries is too long to write in the
    validation itself, whose limit is 255 characters) and return a range for each field."""
    lists.sheet_state = "hidden"
    ranges: dict[F, str] = {}
    columns = {
        F.COUNTRY: [name for _, name in all_countries()],
        F.CATEGORY: [c for c in categories if c],
    }
    for index, (field, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=index, value=protect(value))
        if values:
            ranges[field] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
    return ranges


def _write_registrations(ws: Worksheet, ranges: dict[F, str], rows: int) -> None:
    ws.freeze_panes = "A2"
    for index, field in enumerate(TEMPLATE_FIELDS, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=LABELS[field])
        header.font = BOLD
        if field in REQUIRED:
            header.fill = REQUIRED_FILL
        column = ws.column_dimensions[letter]
        column.width = max(WIDTHS.get(field, 0), len(LABELS[field]) + 2)
        column.number_format = TEXT
        check = _validation(field, ranges)
        check.add(f"{letter}2:{letter}{rows + 1}")
        ws.add_data_validation(check)


def _validation(field: F, ranges: dict[F, str]) -> DataValidation:
    """A drop-down list where the field has one, else "any value"; both with the column's input
    message. A value not in a list is warned about, not refused: a delegate may know better
    (a new category, a country spelt otherwise), and the importer judges every value anyway."""
    if field in ranges:
        formula: str | None = ranges[field]
    elif field is F.LIST_CONSENT:
        formula = f'"{YES},{NO}"'
    else:
        formula = None
    return DataValidation(
        type="list" if formula else None,
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=LABELS[field][:32],
        prompt=PROMPTS[field][:255],
        showErrorMessage=formula is not None,
        errorStyle="warning",
        errorTitle="Not in the list",
        error="Choose a value from the list, or keep this one if you are sure.",
    )


def _write_instructions(ws: Worksheet, event: EventRow) -> None:
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, (text, style) in enumerate(instructions(event), start=1):
        cell = ws.cell(row=row, column=1, value=protect(text))
        cell.alignment = wrap
        # Heights for the wrapped lines: LibreOffice does not fit rows to wrapped text on
        # opening a file, and would print the lines over each other.
        lines = -(-len(text) // (INSTRUCTIONS_WIDTH - 10))
        if lines > 1:
            ws.row_dimensions[row].height = 15 * lines
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = BOLD
