"""What the matcher compares: a letter as plain data, and what it answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Record:
    """One letter as the matcher sees it (no database row: the command, the benchmark and intake share it).

    ``scope`` bounds where its matches are looked for (the province key at intake, so that a national
    instance never compares Cao Bằng's letters with Cà Mau's); an empty scope matches everywhere.
    """

    id: str
    text: str
    sender_name: str = ""
    sender_id: str = ""
    address: str = ""
    unit: str = ""
    received: datetime.date | None = None
    scope: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """An earlier letter that is probably about the same matter, with the reasons, in Vietnamese."""

    id: str
    score: float
    content: float
    same_sender: bool = False
    same_place: str = ""
    same_unit: bool = False
    reasons: tuple[str, ...] = field(default=())

    @property
    def reason(self) -> str:
        """ "cùng người gửi; cùng thôn Nà Săm; nội dung giống 87%"."""
        return "; ".join(self.reasons)
