"""The index of letters: distinctive features in an inverted index, re-ranked with sender and place.

A letter becomes a vector of TF-IDF weights over its folded words and word
pairs (:mod:`.features`), from which the common terms are cut (a feature in
more than :attr:`Settings.max_df` of the letters names no matter: "đề nghị
giải quyết", "ủy ban nhân dân xã") and of which only the most distinctive
:attr:`Settings.doc_features` are kept. The vectors are stored by feature (a
compressed sparse column matrix: the postings), so a new letter's candidates
are the letters that share its rare features, scored by cosine in one sparse
product, never by a scan of every letter. The best candidates are then
re-ranked with what the text does not say: the same sender (ID number, or name
folded and compared fuzzily), the same hamlet, the same receiving unit
(:func:`evidence`).

Letters added after the last build are kept in a small delta that every query
also reads; the delta is folded into the postings when it grows past a tenth
of them, and the whole index is rebuilt (fresh IDF) by the caller's command.
"""

from __future__ import annotations

import json
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from scipy import sparse

from danvan.matching import text as vtext
from danvan.matching.features import N_FEATURES, term_counts
from danvan.matching.records import Match, Record

Progress = Callable[[int, int], None]
FORMAT = 4
#: Letters weighed together into one segment of the postings.
SEGMENT = 50_000


@dataclass(frozen=True)
class Settings:
    """The matcher's parameters, chosen on the labelled benchmark (``bench/duplicates.py``)."""

    #: A feature in more than this share of the letters is a common term and is cut…
    max_df: float = 0.05
    #: …but only once it is in this many letters (in a commune's first twenty letters nothing is common).
    min_common: int = 50
    #: The most distinctive features kept per indexed letter (bounds memory and the postings' length).
    doc_features: int = 64
    #: Letters re-ranked per query, out of those that share its features.
    candidates: int = 50
    #: How much the same sender, the same hamlet and the same receiving unit add to the content's score.
    sender_weight: float = 0.35
    place_weight: float = 0.15
    unit_weight: float = 0.05
    #: Names at least this similar (rapidfuzz ratio of the folded names, 0–100) are the same sender.
    name_similarity: float = 92.0
    #: A match scored below this is not suggested.
    suggest_floor: float = 0.4
    #: Two letters scored at or above this are one matter (find_duplicates, group_letters).
    same_matter: float = 0.45
    #: Letters added since the last build, as a share of the built ones, before the build is redone.
    delta_share: float = 0.1


@dataclass(slots=True)
class _Meta:
    """What re-ranking reads of one letter, beside its vector."""

    name: str
    sender_id: str
    place_key: str
    place_label: str
    unit: str
    check: int  # the text's checksum: a caller can tell that the letter it stored is the one indexed


def checksum(record: Record) -> int:
    """A checksum of what the matcher read of a letter (its text and its sender): a caller can tell that the
    letter it stores is still the one indexed (a sender erased under the personal-data rules is not)."""
    seen = "\x1f".join((record.text, record.sender_name, record.sender_id, record.address))
    return zlib.crc32(seen.encode("utf-8", "surrogatepass"))


def meta_of(record: Record) -> _Meta:
    label, key = vtext.place(record.address, record.text)
    intern = sys.intern  # the same hamlets and units recur in thousands of letters
    return _Meta(vtext.name_key(record.sender_name), vtext.id_key(record.sender_id), intern(key), intern(label),
                 intern(record.unit.strip()), checksum(record))  # fmt: skip


def evidence(settings: Settings, query: _Meta, other: _Meta, content: float) -> Match | None:
    """The score of ``other`` as the same matter as ``query`` given their content's cosine, with the
    reasons in Vietnamese ("cùng người gửi; cùng thôn Nà Săm; nội dung giống 87%"). One function for
    intake and grouping: the outside command and the page cannot disagree."""
    same_id = bool(query.sender_id) and query.sender_id == other.sender_id
    same_name = (
        bool(query.name and other.name)
        and fuzz.ratio(query.name, other.name) >= settings.name_similarity
        and ((bool(query.place_key) and query.place_key == other.place_key) or query.unit == other.unit != "")
    )
    same_place = bool(query.place_key) and query.place_key == other.place_key
    same_unit = bool(query.unit) and query.unit == other.unit
    bonus = 1.0
    bonus += settings.sender_weight if same_id or same_name else 0.0
    bonus += settings.place_weight if same_place else 0.0
    bonus += settings.unit_weight if same_unit else 0.0
    score = min(1.0, content * bonus)
    if score < settings.suggest_floor:
        return None
    reasons = []
    if same_id:
        reasons.append("cùng người gửi (cùng số định danh)")
    elif same_name:
        reasons.append("cùng người gửi")
    if same_place:
        reasons.append(f"cùng {query.place_label}")
    if same_unit and not same_place:
        reasons.append("cùng đơn vị nhận")
    reasons.append(f"nội dung giống {round(content * 100)}%")
    return Match(
        id="",
        score=round(score, 4),
        content=round(content, 4),
        same_sender=same_id or same_name,
        same_place=query.place_label if same_place else "",
        same_unit=same_unit,
        reasons=tuple(reasons),
    )


class Index:
    """The letters of one instance (or one benchmark), searchable by content, sender and place."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._meta: list[_Meta] = []
        self._scope_codes: dict[str, int] = {}
        self._scopes = np.zeros(0, dtype=np.int32)
        self._alive = np.zeros(0, dtype=bool)
        self._df = np.zeros(N_FEATURES, dtype=np.int32)
        self._pending: list[sparse.csr_matrix] = []  # the first letters' term counts, not yet weighted
        self._pending_rows = 0
        self._segments: list[sparse.csc_matrix] = []  # weighted rows by feature, in the order added
        self._built_rows = 0
        self._delta: list[sparse.csr_matrix] = []  # weighted rows added since the last segment
        self._delta_rows = 0
        self._idf_cache: NDArray[np.float32] | None = None
        self._idf_n = 0
        self._delta_stack: sparse.csr_matrix | None = None  # the delta as one matrix, for the queries

    # --- adding --------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._alive.sum())

    def ids(self) -> list[str]:
        """The ids of the letters indexed (and not discarded)."""
        return list(self._pos)

    def checksum_of(self, record_id: str) -> int | None:
        """The checksum of the text indexed under ``record_id`` (None if it is not indexed)."""
        pos = self._pos.get(record_id)
        return None if pos is None else self._meta[pos].check

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._pos

    def add(self, records: Iterable[Record], progress: Progress | None = None, *, batch: int = 5000) -> int:
        """Index ``records`` (a letter already indexed is replaced); returns how many were added."""
        added = 0
        for chunk in _chunks(records, batch):
            for record in chunk:
                if record.id in self._pos:
                    self.discard([record.id])
            counts = term_counts((r.text for r in chunk), (r.sender_name for r in chunk))
            if len(chunk) > 100:
                self._df += np.bincount(counts.indices, minlength=N_FEATURES).astype(np.int32)
            else:  # a letter at intake: no pass over the whole feature space
                np.add.at(self._df, counts.indices, 1)
            start = len(self._ids)
            for offset, record in enumerate(chunk):
                self._pos[record.id] = start + offset
                self._ids.append(record.id)
                self._meta.append(meta_of(record))
            scopes = np.fromiter((self._scope(r.scope) for r in chunk), dtype=np.int32, count=len(chunk))
            self._scopes = np.concatenate([self._scopes, scopes])
            self._alive = np.concatenate([self._alive, np.ones(len(chunk), dtype=bool)])
            if not self._segments and not self._delta:
                # The first letters are weighed together once their IDF is known (a fresh index, a rebuild).
                self._pending.append(counts)
                self._pending_rows += len(chunk)
                if self._pending_rows >= SEGMENT:
                    self.build()
            else:
                self._delta.append(self._weigh(counts))
                self._delta_rows += len(chunk)
                self._delta_stack = None
                if self._delta_rows >= max(1000, min(SEGMENT, self.settings.delta_share * self._built_rows)):
                    self._fold_delta()
            added += len(chunk)
            if progress is not None:
                progress(added, added)
        return added

    def discard(self, ids: Iterable[str]) -> None:
        """Letters that are gone (deleted, or re-indexed): never suggested again."""
        for record_id in ids:
            pos = self._pos.pop(record_id, None)
            if pos is not None:
                self._alive[pos] = False

    def _scope(self, scope: str) -> int:
        return self._scope_codes.setdefault(scope, len(self._scope_codes))

    # --- weighting -----------------------------------------------------------------------------------

    def _idf(self) -> NDArray[np.float32]:
        """The IDF of every feature, zero for the common ones; kept until a letter is added."""
        n = max(1, len(self._ids))
        if self._idf_cache is None or n > self._idf_n * 1.01:  # the IDF moves by less than 1 %: kept
            self._idf_n = n
            idf = (np.log((1.0 + n) / (1.0 + self._df)) + 1.0).astype(np.float32)
            idf[self._df > max(self.settings.min_common, self.settings.max_df * n)] = 0.0
            self._idf_cache = idf
        return self._idf_cache

    def _weigh(self, counts: sparse.csr_matrix, keep: int | None = None) -> sparse.csr_matrix:
        """TF-IDF rows, common terms cut, the ``keep`` most distinctive features of each row, L2-normalised."""
        keep = self.settings.doc_features if keep is None else keep
        rows = sparse.csr_matrix(counts, dtype=np.float32, copy=True)
        rows.data *= self._idf()[rows.indices]
        rows.eliminate_zeros()
        if keep:
            rows = _top_per_row(rows, keep)
        lengths = np.diff(rows.indptr)
        row_of = np.repeat(np.arange(rows.shape[0]), lengths)
        norms = np.sqrt(np.bincount(row_of, weights=rows.data**2, minlength=rows.shape[0])).astype(np.float32)
        norms[norms == 0] = 1.0
        rows.data /= norms[row_of]
        return rows

    def build(self) -> None:
        """Weigh what is pending and turn the delta into a segment: after this, queries read segments only."""
        if self._pending:
            self._delta = [self._weigh(counts) for counts in self._pending]
            self._delta_rows, self._pending, self._pending_rows = self._pending_rows, [], 0
        self._fold_delta()

    def _fold_delta(self) -> None:
        """The rows added since the last segment become one (by feature); old segments are not rewritten,
        so memory never holds two copies of the index."""
        if self._delta:
            self._segments.append(sparse.vstack(self._delta, format="csr").tocsc())
            self._built_rows += self._delta_rows
            self._delta, self._delta_rows, self._delta_stack = [], 0, None

    # --- asking --------------------------------------------------------------------------------------

    def query_vector(self, text: str, sender: str = "") -> sparse.csr_matrix:
        """A letter's vector as a query: all its features that are not common (no cap)."""
        if self._pending:
            self.build()
        return self._weigh(term_counts([text], [sender]), keep=0)

    def suggest(self, record: Record, k: int = 5, *, allowed: Callable[[str], bool] | None = None) -> list[Match]:
        """The ``k`` indexed letters most likely about the same matter as ``record``, best first, in its
        scope, never ``record`` itself; ``allowed`` filters the candidates (what the asker may see)."""
        vector = self.query_vector(record.text, record.sender_name)
        scope = self._scope_codes.get(record.scope)
        if vector.nnz == 0 or scope is None:
            return []
        content = self._content(vector)
        return self._rerank(record, meta_of(record), content, scope, k, allowed)

    def _content(self, vector: sparse.csr_matrix) -> NDArray[np.float32]:
        """The cosine of ``vector`` with every indexed letter (zero where nothing is shared)."""
        cols, vals = vector.indices, vector.data
        scores = np.zeros(len(self._ids), dtype=np.float32)
        if self._delta and self._delta_stack is None:
            self._delta_stack = sparse.vstack(self._delta, format="csr") if len(self._delta) > 1 else self._delta[0]
        start = 0
        for block in [*self._segments, *([self._delta_stack] if self._delta_stack is not None else [])]:
            scores[start : start + block.shape[0]] = block[:, cols] @ vals
            start += block.shape[0]
        return scores

    def _rerank(
        self,
        record: Record,
        query: _Meta,
        content: NDArray[np.float32],
        scope: int,
        k: int,
        allowed: Callable[[str], bool] | None,
    ) -> list[Match]:
        found = np.flatnonzero(content)
        found = found[self._alive[found] & (self._scopes[found] == scope)]
        own = self._pos.get(record.id)
        if own is not None:
            found = found[found != own]
        wanted = self.settings.candidates
        if len(found) > wanted:
            found = found[np.argpartition(-content[found], wanted - 1)[:wanted]]
        matches = []
        for pos in found:
            record_id = self._ids[pos]
            if allowed is not None and not allowed(record_id):
                continue
            match = evidence(self.settings, query, self._meta[pos], float(content[pos]))
            if match is not None:
                matches.append(_with_id(match, record_id))
        matches.sort(key=lambda m: (-m.score, m.id))
        return matches[:k]

    # --- grouping ------------------------------------------------------------------------------------

    def pairs(self, progress: Progress | None = None, *, block: int = 2048) -> Iterator[tuple[str, str, Match]]:
        """Every pair of indexed letters, in one scope, scored at or above :attr:`Settings.same_matter`."""
        self.build()
        matrix = sparse.vstack([segment.tocsr() for segment in self._segments], format="csr")
        alive = np.flatnonzero(self._alive[: matrix.shape[0]])
        most = 1 + self.settings.sender_weight + self.settings.place_weight + self.settings.unit_weight
        floor = np.float32(self.settings.same_matter / most)
        total = len(alive)
        done = 0
        for scope in np.unique(self._scopes[alive]):
            rows = alive[self._scopes[alive] == scope]
            within = matrix[rows]
            within_t = within.T.tocsc()
            for start in range(0, len(rows), block):
                product = (within[start : start + block] @ within_t).tocoo()
                keep = (product.data >= floor) & (product.row + start < product.col)
                for i, j, value in zip(product.row[keep] + start, product.col[keep], product.data[keep], strict=True):
                    a, b = rows[i], rows[j]
                    match = evidence(self.settings, self._meta[a], self._meta[b], min(1.0, float(value)))
                    if match is not None and match.score >= self.settings.same_matter:
                        yield self._ids[a], self._ids[b], match
                done += min(block, len(rows) - start)
                if progress is not None:
                    progress(done, total)

    # --- keeping -------------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (a directory), atomically enough: the arrays, then the metadata."""
        self.build()
        path.mkdir(parents=True, exist_ok=True)
        segments = {
            f"{name}{i}": getattr(segment, name)
            for i, segment in enumerate(self._segments)
            for name in ("data", "indices", "indptr")
        }
        np.savez(
            path / "arrays.tmp.npz",
            **segments,
            rows=np.array([segment.shape[0] for segment in self._segments], dtype=np.int64),
            df=self._df,
            scopes=self._scopes,
            alive=self._alive,
        )
        meta = {
            "format": FORMAT,
            "settings": asdict(self.settings),
            "ids": self._ids,
            "scopes": list(self._scope_codes),
            "meta": [[m.name, m.sender_id, m.place_key, m.place_label, m.unit, m.check] for m in self._meta],
            "saved_at": time.time(),
        }
        (path / "meta.tmp.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        for written in ("arrays.tmp.npz", "meta.tmp.json"):  # senders' names and ID numbers: the owner only
            (path / written).chmod(0o600)
        (path / "arrays.tmp.npz").replace(path / "arrays.npz")
        (path / "meta.tmp.json").replace(path / "meta.json")

    @classmethod
    def load(cls, path: Path, settings: Settings | None = None) -> Index:
        """An index saved by :meth:`save` (``FileNotFoundError`` or ``ValueError`` if there is none usable)."""
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError("index format changed: rebuild it")
        index = cls(settings or Settings(**meta["settings"]))
        with np.load(path / "arrays.npz", allow_pickle=False) as arrays:
            for i, rows in enumerate(arrays["rows"]):
                parts = (arrays[f"data{i}"], arrays[f"indices{i}"], arrays[f"indptr{i}"])
                index._segments.append(sparse.csc_matrix(parts, shape=(int(rows), N_FEATURES)))
            index._built_rows = int(arrays["rows"].sum())
            index._df = arrays["df"]
            index._scopes = arrays["scopes"]
            index._alive = arrays["alive"]
        index._ids = list(meta["ids"])
        index._scope_codes = {scope: i for i, scope in enumerate(meta["scopes"])}
        index._meta = [_Meta(*row) for row in meta["meta"]]
        index._pos = {record_id: i for i, record_id in enumerate(index._ids) if index._alive[i]}
        return index


def _with_id(match: Match, record_id: str) -> Match:
    return Match(record_id, match.score, match.content, match.same_sender, match.same_place, match.same_unit,
                 match.reasons)  # fmt: skip


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _top_per_row(rows: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Only the ``keep`` largest entries of each row (sorted by row, then weight: no Python loop)."""
    lengths = np.diff(rows.indptr)
    if lengths.max(initial=0) <= keep:
        return rows
    row_of = np.repeat(np.arange(rows.shape[0]), lengths)
    order = np.lexsort((-rows.data, row_of))
    rank = np.arange(len(order)) - rows.indptr[row_of[order]]
    chosen = order[rank < keep]
    kept_lengths = np.minimum(lengths, keep)
    indptr = np.concatenate([[0], np.cumsum(kept_lengths)])
    return sparse.csr_matrix((rows.data[chosen], rows.indices[chosen], indptr), shape=rows.shape, dtype=np.float32)
