"""Letters grouped into matters: the pairs the index scores as one matter, joined transitively.

A pair is one matter when :func:`~danvan.matching.index.evidence` scores it at
or above :attr:`~danvan.matching.index.Settings.same_matter`: the same function
that ranks intake suggestions, so the command, the backlog page and intake
agree. Groups are the connected components of those pairs (union-find).
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
    """Each of ``ids`` (indexed) mapped to its group's id (the first id of the group, in the order given),
    and the scored pairs that made the groups."""
    order = list(ids)
    forest = _Forest(order)
    pairs = []
    for a, b, match in index.pairs(progress):
        if a in forest.parent and b in forest.parent:
            forest.union(a, b)
            pairs.append((a, b, match))
    first: dict[str, str] = {}
    groups = {}
    for record_id in order:
        root = forest.find(record_id)
        groups[record_id] = first.setdefault(root, record_id)
    return groups, pairs


def group(
    records: Iterable[Record], settings: Settings | None = None, progress: Progress | None = None
) -> dict[str, str]:
    """Each record's id mapped to its group (letters of one group are one matter)."""
    items = list(records)
    index = Index(settings)
    index.add(items)
    groups, _ = group_index(index, (r.id for r in items), progress)
    return groups
