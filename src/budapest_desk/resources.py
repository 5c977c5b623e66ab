"""The only reader of packaged resources (icons, fonts, artwork): importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

_PACKAGE = "budapest_desk"


def resource(*parts: str) -> Traversable:
    """A packaged resource below src/budapest_desk/resources/."""
    node = files(_PACKAGE).joinpath("resources")
    for part in parts:
        node = node.joinpath(part)
    if not node.is_file():
        raise FileNotFoundError(f"packaged resource missing: resources/{'/'.join(parts)}")
    return node


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
