"""The duplicate index's background task: rebuilt after a unit moved to another province (its letters'
scope changed), or when an administrator asks (``danvan duplicates_index`` does it in the foreground)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task

from danvan.petitions import duplicates
from danvan.units.models import Unit


@task
def rebuild_duplicates_index() -> dict[str, Any]:
    index = duplicates.rebuild()
    return {"letters": len(index)}


def unit_moved(sender: Any, unit: Unit, old_path: str, **kwargs: Any) -> None:
    """A unit moved to another province: its letters' scope changed, so the index is rebuilt in the
    background once the move is committed (the receiver of ``units.signals.unit_moved``)."""
    if getattr(settings, "DANVAN_MATCHING_KEEP", True):  # else nothing is kept: questions read the database
        transaction.on_commit(rebuild_duplicates_index.enqueue)
