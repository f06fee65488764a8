"""Letters grouped into matters: the pairs the index scores as one matter, joined transitively.

A pair is one matter when :func:`~danvan.matching.index.evidence` scores it at
or above :attr:`~danvan.matching.index.Settings.same_matter`: the same function
that ranks intake suggestions, so the command, the backlog page and intake
agree. Each letter joins the group of the earlier letter it is most like (:func:`group_index`).
"""

from __future__ import annotations

from collections.abc import Iterable

from danvan.matching.index import Index, Progress, Settings
from danvan.matching.records import Match, Record


class _Forest:
    """Union-find with path halving and union by size."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.size = dict.fromkeys(self.parent, 1)

    def find(self, item: str) -> str:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def group_index(
    index: Index, ids: Iterable[str], progress: Progress | None = None
) -> tuple[dict[str, str], list[tuple[str, str, Match]]]:
    """Each of ``ids`` (indexed, in the order the letters came) mapped to its group's id (its first
    letter's), and the pairs that made the groups.

    A letter is linked to the earlier letter it is most like, when that pair scores as one matter — what an
    officer does at intake with the first suggestion. A letter that is like no earlier one is linked to the
    later letter it is most like (the neighbour who wrote first is joined by the letter that names them
    both). At most two links per letter: one look-alike pair cannot bridge two whole groups, as joining
    every pair above the score did (a group of 499 letters at 100.000 on the benchmark)."""
    order = list(ids)
    rank = {record_id: i for i, record_id in enumerate(order)}
    earlier: dict[str, tuple[float, int, str, Match]] = {}
    later: dict[str, tuple[float, int, str, Match]] = {}
    for a, b, match in index.pairs(progress):
        if a not in rank or b not in rank:
            continue
        first, second = (a, b) if rank[a] < rank[b] else (b, a)
        for table, one, other in ((earlier, second, first), (later, first, second)):
            held = table.get(one)
            if held is None or (match.score, -rank[other]) > (held[0], -held[1]):
                table[one] = (match.score, rank[other], other, match)
    forest = _Forest(order)
    links = []
    for record_id in order:
        link = earlier.get(record_id) or later.get(record_id)
        if link is not None:
            forest.union(record_id, link[2])
            links.append((record_id, link[2], link[3]))
    first_of: dict[str, str] = {}
    groups = {record_id: first_of.setdefault(forest.find(record_id), record_id) for record_id in order}
    return groups, links


def group(
    records: Iterable[Record], settings: Settings | None = None, progress: Progress | None = None
) -> dict[str, str]:
    """Each record's id mapped to its group (letters of one group are one matter)."""
    items = list(records)
    index = Index(settings)
    index.add(items)
    groups, _ = group_index(index, (r.id for r in items), progress)
    return groups
