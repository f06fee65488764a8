"""How good the intake suggestions were, measured against what officers decided (issue 11).

Every letter keeps what DanVan suggested (``Suggestion``): the likely cases, best first, and the kind,
field and competent body it would have suggested. Measured here against the officers' decisions: a
suggestion list was right when the case the officer joined was its first (or among its five); the kind,
field and body suggestions were right when they equal what the letter was finally given.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from danvan.petitions.models import Suggestion
from danvan.units.models import Unit


@dataclass(frozen=True)
class Report:
    letters: int
    with_cases: int  # letters that were shown at least one likely case
    decided: int  # joined or confirmed new by an officer
    joined: int
    joined_first: int  # the case joined was the first suggested
    joined_in_five: int
    new_despite_cases: int  # confirmed new although cases were suggested
    pending: int
    kind_right: int
    kind_suggested: int
    subject_right: int
    subject_suggested: int
    body_right: int
    body_suggested: int


def suggestions(unit: Unit | None = None, since: datetime.date | None = None) -> QuerySet[Suggestion]:
    rows = Suggestion.objects.select_related("letter")
    if unit is not None:
        rows = rows.filter(letter__unit__path__startswith=unit.path)
    if since is not None:
        rows = rows.filter(letter__received_on__gte=since)
    return rows


def measure(rows: QuerySet[Suggestion]) -> Report:
    D = Suggestion.Decision
    counts = dict.fromkeys(Report.__dataclass_fields__, 0)
    fields = ("cases", "decision", "chosen_case_id", "kind_suggested", "subject_suggested_id", "body_suggested",
              "letter__kind", "letter__subject_id", "letter__competent_sector")  # fmt: skip
    for cases, decision, chosen, kind, subject, body, letter_kind, letter_subject, sector in rows.values_list(*fields):
        counts["letters"] += 1
        suggested = [c.get("case") for c in cases or [] if isinstance(c, dict)]
        counts["with_cases"] += bool(suggested)
        counts["decided"] += decision in (D.JOINED, D.NEW)
        counts["pending"] += decision == D.PENDING
        if decision == D.JOINED:
            counts["joined"] += 1
            counts["joined_first"] += bool(suggested) and suggested[0] == chosen
            counts["joined_in_five"] += chosen in suggested[:5]
        if decision == D.NEW and suggested:
            counts["new_despite_cases"] += 1
        if kind:
            counts["kind_suggested"] += 1
            counts["kind_right"] += kind == letter_kind
        if subject:
            counts["subject_suggested"] += 1
            counts["subject_right"] += subject == letter_subject
        if body:
            counts["body_suggested"] += 1
            counts["body_right"] += bool(sector) and body.strip().casefold() == sector.strip().casefold()
    return Report(**counts)
