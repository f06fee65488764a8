"""What the statistics layer does when the unit tree changes."""

from __future__ import annotations

from typing import Any

from danvan.stats import keys
from danvan.units.models import Unit


def keys_follow_the_unit(sender: Any, *, unit: Unit, old_path: str, **kwargs: Any) -> None:
    keys.follow_move(unit, old_path)
