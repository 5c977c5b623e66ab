"""The registration editor as the roster uses it: saving an edit goes through the roster's
actions, so that it can be undone with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.ui.checkin.editor import RegistrationEditor
from budapest_desk.ui.events import roster_ops


class RosterRegistrationEditor(RegistrationEditor):
    def update_op(self, registration_id: int, data: RegistrationInput) -> Callable[[Session], Any]:
        return roster_ops.edit(registration_id, data)
