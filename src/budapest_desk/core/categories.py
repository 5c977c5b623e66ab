"""Registration categories, configurable per database: a name and the colour of its band on
the badge (defaults: Head of delegation, Delegate, Observer, Speaker, Press, Staff,
Interpreter), in the order lists and badges show them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from budapest_desk.core.errors import UserError
from budapest_desk.core.records import get_or_raise, require_text
from budapest_desk.core.registrations import CategoryRow, list_categories
from budapest_desk.core.text import clean
from budapest_desk.db.models import Category, Registration

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class CategoryUse:
    category: CategoryRow
    registrations: int  # in every event


def categories_in_use(session: Session) -> list[CategoryUse]:
    counts = dict(
        session.execute(
            select(Registration.category_id, func.count()).group_by(Registration.category_id)
        ).all()
    )
    return [CategoryUse(c, counts.get(c.id, 0)) for c in list_categories(session)]


def _validated(session: Session, name: str, colour: str, category_id: int | None) -> str:
    name = require_text(clean(name), "Name", field="name", max_length=80)
    if not _COLOUR.fullmatch(colour):
        raise UserError("Choose a colour for the category's band on the badge.", field="colour")
    # Compared here, not in SQL: SQLite's lower() folds only ASCII letters.
    others = session.execute(select(Category.id, Category.name)).all()
    same = next(
        (n for i, n in others if i != category_id and n.casefold() == name.casefold()), None
    )
    if same is not None:
        raise UserError(f"There is already a category called “{same}”.", field="name")
    return name


def create_category(session: Session, name: str, colour: str) -> CategoryRow:
    name = _validated(session, name, colour, None)
    last = session.scalar(select(func.max(Category.sort_order))) or 0
    category = Category(name=name, colour=colour.lower(), sort_order=last + 10)
    session.add(category)
    session.flush()
    return CategoryRow(category.id, category.name, category.colour)


def update_category(session: Session, category_id: int, name: str, colour: str) -> CategoryRow:
    category = get_or_raise(session, Category, category_id, "category")
    category.name = _validated(session, name, colour, category_id)
    category.colour = colour.lower()
    session.flush()
    return CategoryRow(category.id, category.name, category.colour)


def delete_category(session: Session, category_id: int) -> int:
    """Delete a category; its registrations keep their status and lose the category. Returns
    how many registrations had it."""
    category = get_or_raise(session, Category, category_id, "category")
    used = session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.category_id == category_id)
    )
    session.execute(
        update(Registration)
        .where(Registration.category_id == category_id)
        .values(category_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(category)
    session.flush()
    return int(used or 0)


def move_category(session: Session, category_id: int, step: int) -> None:
    """Move a category up (step -1) or down (+1) in the order lists and badges show."""
    order = [c.id for c in list_categories(session)]
    get_or_raise(session, Category, category_id, "category")
    i = order.index(category_id)
    j = max(0, min(len(order) - 1, i + step))
    order.insert(j, order.pop(i))
    for position, cid in enumerate(order, start=1):
        category = session.get(Category, cid)
        assert category is not None
        category.sort_order = position * 10
    session.flush()
