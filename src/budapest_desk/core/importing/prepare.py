"""The first look at a file, shared by the wizard and the command line: its sheets, the first
rows, where the header is, and the proposed (or saved, or template) column mapping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing import mapping
from budapest_desk.core.importing.fields import Field
from budapest_desk.core.importing.sources import SourceInfo, SourceOptions, SourceRow, open_source

PREVIEW_ROWS = 40


@dataclass(frozen=True)
class Prepared:
    path: Path
    options: SourceOptions
    info: SourceInfo
    preview: tuple[SourceRow, ...]  # the first non-blank rows, header included
    header_index: int  # index in `preview` of the header row
    mapping: dict[int, Field]
    template: bool  # our registration template: no mapping step needed

    @property
    def header(self) -> tuple[str, ...]:
        return self.preview[self.header_index].cells

    @property
    def header_row(self) -> int:
        return self.preview[self.header_index].number

    def with_header(self, index: int) -> Prepared:
        """The same file with another row chosen as the header (mapping proposed anew)."""
        header = self.preview[index].cells
        return Prepared(
            self.path, self.options, self.info, self.preview, index,
            mapping.propose(header), mapping.is_template(header),
        )  # fmt: skip


def prepare(
    path: Path, options: SourceOptions | None = None, mapping_file: Path | None = None
) -> Prepared:
    """Open `path`, find its header row and propose a mapping (a saved one if given)."""
    options = options or SourceOptions()
    with open_source(path, options) as source:
        preview = tuple(source.preview(PREVIEW_ROWS))
        info = source.info
    if not preview:
        where = f"the sheet “{info.sheet}” of " if info.sheet else ""
        raise UserError(f"{where}{path.name} has no rows: choose another sheet or file.")
    index = mapping.find_header(preview)
    header = preview[index].cells
    if mapping_file is not None:
        proposed = mapping.load_mapping(mapping_file, header)
    else:
        proposed = mapping.propose(header)
    return Prepared(path, options, info, preview, index, proposed, mapping.is_template(header))
