"""Progress reporting and cancellation for long work, with no knowledge of Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable

from budapest_desk.core.errors import Cancelled

ProgressFn = Callable[[int, int], None]  # (done, total); total 0 = unknown


class CancelToken:
    """Set from any thread; long work calls raise_if_cancelled() between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
