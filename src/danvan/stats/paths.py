"""Materialised-path prefixes as index ranges, and the coverage of many units at once.

A subtree is every path that starts with the unit's path. ``path LIKE 'p%'`` cannot use the index
on SQLite (its LIKE is case-insensitive), so a prefix is written as a range the index serves on
both databases: ``path >= p AND path < next(p)``, where ``next(p)`` is the smallest string of the
tree's alphabet (treebeard's ``0-9A-Z``) greater than every path starting with ``p``. Being made of
alphabet characters only, the bound sorts the same way under PostgreSQL's collations as in C.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.db.models import Q

from danvan.units.models import Unit, UnitLineage
from danvan.units.rules import minimal_prefixes
from danvan.units.selectors import children_on

ALPHABET: str = Unit.alphabet


def upper_bound(prefix: str) -> str | None:
    """The smallest alphabet string above every path that starts with ``prefix`` (None: no bound).

    ``"0001" → "0002"``, ``"000Z" → "001"``, ``"ZZ" → None``.
    """
    if any(char not in ALPHABET for char in prefix):
        raise ValueError(f"“{prefix}” không phải là đường dẫn của cây đơn vị.")
    chars = list(prefix)
    while chars:
        position = ALPHABET.index(chars[-1])
        if position + 1 < len(ALPHABET):
            chars[-1] = ALPHABET[position + 1]
            return "".join(chars)
        chars.pop()
    return None


def prefix_q(prefixes: Iterable[str], lookup: str) -> Q:
    """Records whose path (``lookup``) starts with any of ``prefixes``, as index ranges.

    An empty prefix is the whole tree; no prefix at all matches nothing.
    """
    q = Q(pk__in=[])
    for prefix in minimal_prefixes(list(prefixes)):
        if prefix == "":
            return Q()
        bound = upper_bound(prefix)
        condition = Q(**{f"{lookup}__gte": prefix})
        if bound is not None:
            condition &= Q(**{f"{lookup}__lt": bound})
        q |= condition
    return q


def whole_tree_if_covered(prefixes: list[str]) -> list[str]:
    """``[""]`` (everything, no filter to evaluate per record) when ``prefixes`` hold every root of the
    tree — the provinces of a national report, old and new — else ``prefixes`` unchanged."""
    if not prefixes or "" in prefixes or any(len(p) > Unit.steplen for p in prefixes):
        return prefixes
    roots = Unit.objects.filter(depth=1).values_list("path", flat=True)
    return [""] if set(roots) <= set(prefixes) else prefixes


def unit_ids(prefixes: Sequence[str]) -> models.QuerySet[Any]:
    """The ids of the units under ``prefixes`` (an index range each)."""
    return Unit.objects.filter(prefix_q(prefixes, "path")).order_by().values("pk")


def path_filter(lookup: str, prefixes: Sequence[str]) -> Q:
    """Records whose unit path (``lookup``, e.g. ``"initiative__unit__path"``) starts with any of
    ``prefixes``, written as ``unit_id IN (SELECT id FROM units WHERE path …)``. The database can then
    start from the units (a commune: a handful of index probes) or from the records (the nation), as
    its planner judges; a join on the path it would always enter from the records' date index."""
    if "" in prefixes:
        return Q()
    return Q(**{f"{lookup.removesuffix('__path')}__in": unit_ids(prefixes)})


def intersect(a: Sequence[str], b: Sequence[str]) -> list[str]:
    """The paths under some prefix of ``a`` and some prefix of ``b``, as minimal prefixes."""
    result = []
    for p in a:
        for s in b:
            if p.startswith(s):
                result.append(p)
            elif s.startswith(p):
                result.append(s)
    return minimal_prefixes(result)


def coverage_of(unit: Unit) -> list[str]:
    """:func:`danvan.units.selectors.coverage_prefixes` — the unit's subtree and, transitively, the
    subtrees of the units merged or split into it — with each step's lineage query written as index
    ranges (the LIKE of ``startswith`` walks the whole lineage table on SQLite)."""
    covered = [unit.path]
    frontier = [unit.path]
    while frontier:
        predecessors = set(
            UnitLineage.objects.filter(prefix_q(frontier, "successor__path")).values_list(
                "predecessor__path", flat=True
            )
        )
        new = [p for p in minimal_prefixes(predecessors) if not any(p.startswith(c) for c in covered)]
        covered = minimal_prefixes(covered + new)
        frontier = new
    return covered


def coverage(unit: Unit | None, *, today_tree: bool) -> list[str]:
    """The prefixes a unit's figures count: on today's tree its coverage (the subtrees of the units
    merged into it, transitively), on the tree as it was its own subtree; the nation is ``[""]``."""
    if unit is None:
        return [""]
    return coverage_of(unit) if today_tree else [unit.path]


def coverages(units: Sequence[Unit], within: Sequence[str]) -> dict[int, list[str]]:
    """The coverage (:func:`coverage_of`) of each of ``units`` in one
    query: the lineage links whose successor lies in ``within`` (the parent's coverage, which holds
    every sub-unit's), then the same walk as ``coverage_prefixes`` over them, in memory."""
    links = sorted(
        UnitLineage.objects.filter(prefix_q(within, "successor__path")).values_list(
            "successor__path", "predecessor__path"
        )
    )
    successors = [s for s, _ in links]

    def predecessors_under(path: str) -> set[str]:
        found = set()
        index = bisect.bisect_left(successors, path)
        while index < len(links) and links[index][0].startswith(path):
            found.add(links[index][1])
            index += 1
        return found

    result: dict[int, list[str]] = {}
    for unit in units:
        covered = [unit.path]
        frontier = [unit.path]
        while frontier:
            predecessors: set[str] = set()
            for path in frontier:
                predecessors |= predecessors_under(path)
            new = [p for p in minimal_prefixes(predecessors) if not any(p.startswith(c) for c in covered)]
            covered = minimal_prefixes(covered + new)
            frontier = new
        result[unit.pk] = covered
    return result


def sub_units(
    unit: Unit | None,
    *,
    today_tree: bool,
    period_end: datetime.date,
    today: datetime.date,
    covered: Sequence[str] | None = None,
) -> list[tuple[Unit, list[str]]]:
    """The direct sub-units a unit's figures are broken down by, each with the prefixes it counts.

    On today's tree: today's children, each with its coverage. On the tree as it was: the children
    the unit had at the end of the period (or when the unit itself ended), each its own subtree.
    The nation's sub-units are the provinces. ``covered``: the unit's coverage, if already known.
    """
    if today_tree:
        children = children_on(unit, today)
        of_children = coverages(children, covered if covered is not None else coverage(unit, today_tree=True))
        return [(child, of_children[child.pk]) for child in children]
    day = period_end if unit is None else min(period_end, unit.valid_to or period_end)
    return [(child, [child.path]) for child in children_on(unit, day)]
