"""Who acts when no person does: an explicit system actor, never ``None``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """An explicit system actor: an import from the command line, the demo, a scheduled task.

    It holds every right everywhere, and it says why (the reason goes into the timeline). A caller
    without a user passes one of these; ``None`` is never taken as "skip the checks".
    """

    reason: str

    is_authenticated = False
    is_active = True
    pk = None
    username = ""

    def get_full_name(self) -> str:
        return f"Hệ thống ({self.reason})"
