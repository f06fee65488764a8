"""Duplicate and related letters at intake: the kit's matcher (:mod:`danvan.matching`) over this
instance's letters, kept current, and its answers filtered by what the asker may see.

The index lives in each process (a national instance: about 1 GB for 1.000.000 letters, see
``bench/duplicates.py``). It is loaded from the snapshot that ``danvan duplicates_index`` writes under
``DATA_DIR/matching/letters`` (so it survives a restart), and before every question it reads the letters
committed since (``pk`` above the last one it holds): a letter entered in another process is found by
the next question here. A letter is compared only with its own province's (the record's scope).

What is shown follows the hardening rule (issue 10): a case is suggested only to someone who may work on
it, and a sealed case (tố cáo) only to its handlers and leader (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from danvan.accounts import access, roles
from danvan.matching import Index, Match, Record, Settings
from danvan.matching import encodings as legacy
from danvan.matching.index import checksum
from danvan.petitions import rules
from danvan.petitions.models import Case, Letter
from danvan.stats.keys import KEY_LENGTH
from danvan.units.models import Unit

if TYPE_CHECKING:
    from danvan.accounts.models import User

#: The newest letter is compared with at most this many of the best-matching cases.
SHOWN = 5
#: A letter this close to an earlier one of the same sender is a repeat letter (đơn trùng): same sender,
#: same content (DOMAIN §1.3, "Duplicate": counted apart, not as a new case).
REPEAT_CONTENT = 0.8

_FIELDS = ("pk", "content", "sender_name", "sender_id_number", "sender_address", "address_string", "unit_id",
           "received_on", "province_key")  # fmt: skip


def snapshot_dir() -> Path:
    return Path(settings.DATA_DIR) / "matching" / "letters"


def _record(row: tuple[Any, ...]) -> Record:
    pk, content, name, id_number, address, where, unit_id, received, province = row
    return Record(
        id=str(pk),
        text=content,
        sender_name=name,
        sender_id=id_number,
        address=address or where,
        unit=str(unit_id),
        received=received,
        scope=province,
    )


def _checksum(letter: Letter) -> int:
    return checksum(record_of(letter))


def record_of(letter: Letter) -> Record:
    return _record(tuple(getattr(letter, "pk" if f == "pk" else f) for f in _FIELDS))


def new_record(*, unit: Unit, content: str, sender_name: str = "", sender_id: str = "", address: str = "") -> Record:
    """A letter being entered, not saved yet."""
    return Record("", content, sender_name, sender_id, address, str(unit.pk), None, str(unit.path)[:KEY_LENGTH])


class _Kept:
    """The process's index and the last letter it holds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: Index | None = None
        self.upto = 0
        self.loaded = 0.0  # the snapshot's time when it was loaded

    def current(self) -> Index:
        with self.lock:
            kept = getattr(settings, "DANVAN_MATCHING_KEEP", True)
            if self.index is None or not kept or _snapshot_time() > self.loaded:
                self.loaded = _snapshot_time()
                self.index, self.upto = _load()
            self.upto = _catch_up(self.index, self.upto)
            return self.index

    def forget(self) -> None:
        with self.lock:
            self.index, self.upto = None, 0


_KEPT = _Kept()


def _snapshot_time() -> float:
    """When the snapshot was last written (0 if never): a rebuild in another process is picked up."""
    try:
        return (snapshot_dir() / "meta.json").stat().st_mtime
    except OSError:
        return 0.0


def _load() -> tuple[Index, int]:
    if not getattr(settings, "DANVAN_MATCHING_KEEP", True):
        return Index(Settings()), 0
    try:
        index = Index.load(snapshot_dir(), Settings())
    except (OSError, ValueError, KeyError):
        return Index(Settings()), 0
    return index, max((int(i) for i in index.ids()), default=0)


#: Letters committed out of order (on PostgreSQL a transaction holding id N may commit after N + 1 was
#: read) are looked for among this many ids below the last one read.
LATE_WINDOW = 2000


def _catch_up(index: Index, upto: int, progress: Callable[[int, int], None] | None = None) -> int:
    if upto:
        late = set(Letter.objects.filter(pk__gt=max(0, upto - LATE_WINDOW), pk__lte=upto).values_list("pk", flat=True))
        missing = [pk for pk in late if str(pk) not in index]
        if missing:
            index.add(_record(row) for row in Letter.objects.filter(pk__in=missing).values_list(*_FIELDS))
    letters = Letter.objects.filter(pk__gt=upto).order_by("pk")
    total = letters.count() if progress else 0
    done = 0
    for chunk in _chunked(letters.values_list(*_FIELDS).iterator(chunk_size=5000), 5000):
        index.add((_record(row) for row in chunk), batch=5000)
        upto = int(chunk[-1][0])
        done += len(chunk)
        if progress:
            progress(done, total)
    return upto


def _chunked(rows: Iterable[tuple[Any, ...]], size: int) -> Iterable[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def current() -> Index:
    """The index, current to the last committed letter."""
    return _KEPT.current()


def rebuild(progress: Callable[[int, int], None] | None = None) -> Index:
    """Index every letter afresh (new IDF) and write the snapshot the processes load on start."""
    index = Index(Settings())
    _catch_up(index, 0, progress)
    index.save(snapshot_dir())
    _KEPT.forget()
    return index


@dataclass(frozen=True)
class CaseSuggestion:
    """An existing case probably about the same matter as the letter being entered."""

    case: Case
    letter: Letter
    match: Match
    #: Whether the letter can join it here (a case of the same unit); another unit's case is shown so that
    #: the officer sees the letter was also sent there (DOMAIN §1.3, "Sent to many bodies at once").
    joinable: bool

    @property
    def percent(self) -> int:
        return round(self.match.score * 100)

    @property
    def reason(self) -> str:
        return self.match.reason

    def as_json(self) -> dict[str, Any]:
        return {"case": self.case.pk, "letter": self.letter.pk, "score": self.match.score, "reason": self.reason}


def may_be_shown(user: User | None, letter: Letter) -> bool:
    """Whether ``user`` may be told that a letter looks like ``letter`` (and so learn its case): someone who
    may work on the case, and for a sealed one only its handlers and leader (Luật Tố cáo 2018, Điều 47)."""
    case = letter.case
    if user is None or case is None or isinstance(user, access.SystemActor):
        return False
    if not access.can(user, roles.PETITIONS.edit, case):
        return False
    if letter.sealed or rules.is_sealed(case.kind):
        return case.leader_id == user.pk or case.handlers.filter(pk=user.pk).exists()
    return True


def _speaks_for_its_case(viewer: User | None, letter: Letter) -> bool:
    """Whether ``letter`` may stand for its case in ``viewer``'s suggestions. A denunciation joined into a
    case that is not sealed (a kiến nghị about the same matter) speaks only to those who may see its
    sender: otherwise a guessed name would make it the case's best letter, and whether the case is then
    shown would confirm the guess (Luật Tố cáo 2018, Điều 47). The case is still found by its other letters."""
    case = letter.case
    if case is None or not letter.sealed or rules.is_sealed(case.kind):
        return True  # a sealed case as a whole is decided by may_be_shown, whatever letter matched
    return viewer is not None and (case.leader_id == viewer.pk or case.handlers.filter(pk=viewer.pk).exists())


def candidates(unit: Unit, record: Record, *, k: int = SHOWN, viewer: User | None = None) -> list[CaseSuggestion]:
    """The cases most likely about the same matter as ``record``, best first, one line per case (its best
    letter that may speak to ``viewer``): for the record kept with the letter; show them through
    :func:`suggest`. Never raises on odd text: nothing to compare is no suggestion."""
    if not record.text.strip():
        return []
    index = current()
    matches = index.suggest(record, k=k * 6)
    letters = Letter.objects.select_related("case", "case__unit").filter(pk__in=[int(m.id) for m in matches])
    by_id = {str(letter.pk): letter for letter in letters}
    out: list[CaseSuggestion] = []
    seen: set[int] = set()
    for match in matches:
        letter = by_id.get(match.id)
        if letter is not None and index.checksum_of(match.id) != _checksum(letter):
            # Not the letter indexed under this id: its sender was erased (personal data), or SQLite reused
            # the id of a rolled-back row. Indexed again as it is now, and not suggested on the old text.
            with _KEPT.lock:
                index.add([record_of(letter)])
            continue
        if letter is None or letter.case is None or letter.case_id in seen:
            continue
        if not _speaks_for_its_case(viewer, letter):
            continue
        seen.add(letter.case.pk)
        out.append(CaseSuggestion(letter.case, letter, match, joinable=letter.case.unit_id == unit.pk))
        if len(out) == k:
            break
    return out


def suggest(user: User | None, unit: Unit, record: Record, *, k: int = SHOWN) -> list[CaseSuggestion]:
    """The cases ``user`` may see that are most likely about the same matter as ``record``."""
    if user is None:
        return []
    return [s for s in candidates(unit, record, k=k * 2, viewer=user) if may_be_shown(user, s.letter)][:k]


def repeat_of(unit: Unit, record: Record, kind: str) -> Letter | None:
    """An earlier letter of the unit from the same sender with (nearly) the same content and of the same
    kind: a repeat letter (đơn trùng). A denunciation never matches a reflection because the ID number is
    the same."""
    if not (record.sender_name.strip() or record.sender_id.strip()):
        return None
    index = current()
    for match in index.suggest(record, k=10):
        if match.same_sender and match.same_unit and match.content >= REPEAT_CONTENT:
            letter = Letter.objects.filter(pk=int(match.id), kind=kind, duplicate_of__isnull=True).first()
            if letter is not None and letter.case_id is not None and index.checksum_of(match.id) == _checksum(letter):
                return letter
    return None


def warnings(content: str) -> list[str]:
    """What the officer should know about the text itself (typed in a legacy font, another script)."""
    _, encoding = legacy.repair(content)
    out = [legacy.describe(encoding)] if encoding else []
    other = legacy.script_warning(content)
    if other:
        out.append(other)
    return out
