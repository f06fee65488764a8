"""Who acts when no person does: an explicit system actor, never ``None``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied


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


def require_actor(actor: Any) -> None:
    """Refuse an unnamed caller: skipping the checks for ``None`` is how rules leak, so a system job
    passes a :class:`SystemActor` that says who it is."""
    if actor is None:
        raise PermissionDenied("Thiếu người thực hiện: thao tác của hệ thống phải khai báo rõ (SystemActor).")
