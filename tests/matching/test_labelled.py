"""The matcher on the small fixed labelled set (``labelled_letters.jsonl``: 400 letters of 200 matters in 12
communes, written by ``bench/duplicates_corpus.py --labelled`` with seed 2026): the figures the
benchmark measures at scale, kept from sliding on every change. The floors are the figures measured when
the set was made, rounded down; ``bench/duplicates.py`` gives the full picture."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from danvan.matching import Index, Record, Settings, group

LABELLED = Path(__file__).with_name("labelled_letters.jsonl")


@pytest.fixture(scope="module")
def letters() -> list[tuple[Record, int]]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    return [
        (
            Record(
                id=row["id"], text=row["text"], sender_name=row["sender_name"], sender_id=row["sender_id"],
                address=row["address"], unit=row["unit_code"], scope=row["unit_code"][:2],
            ),
            row["matter"],
        )
        for row in rows
    ]  # fmt: skip


def bcubed_f1(groups: dict[str, str], matters: dict[str, int]) -> float:
    members: dict[str, set[str]] = {}
    truth: dict[int, set[str]] = {}
    for record_id, group_id in groups.items():
        members.setdefault(group_id, set()).add(record_id)
        truth.setdefault(matters[record_id], set()).add(record_id)
    precision = recall = 0.0
    for record_id, group_id in groups.items():
        shared = len(members[group_id] & truth[matters[record_id]])
        precision += shared / len(members[group_id])
        recall += shared / len(truth[matters[record_id]])
    precision, recall = precision / len(groups), recall / len(groups)
    return 2 * precision * recall / (precision + recall)


def test_the_set_is_what_it_says(letters) -> None:
    matters = Counter(matter for _, matter in letters)
    assert len(letters) == 400 and len(matters) == 200
    assert max(matters.values()) >= 20  # a crowd dispute
    assert len({record.unit for record, _ in letters}) == 12


def test_letters_of_one_matter_are_grouped_and_the_others_are_not(letters) -> None:
    groups = group([record for record, _ in letters])
    matters = {record.id: matter for record, matter in letters}
    assert bcubed_f1(groups, matters) >= 0.87  # 0,877 measured: a dense set (12 communes) in a tiny index


def test_each_later_letter_of_a_matter_finds_an_earlier_one_among_its_first_five(letters) -> None:
    index = Index(Settings())
    found = answered = right = asked = 0
    for (record, matter), position in zip(letters, itertools.count()):
        earlier = {m for _, m in letters[:position]}
        if position and matter in earlier:
            asked += 1
            suggestions = index.suggest(record, k=5)
            by_id = {r.id: m for r, m in letters[:position]}
            found += any(by_id[s.id] == matter for s in suggestions)
            if suggestions:
                answered += 1
                right += by_id[suggestions[0].id] == matter
        index.add([record])
    assert asked > 150
    assert found / asked >= 0.85  # top-5 recall (0,875 measured), the index growing letter by letter as at intake
    assert right / answered >= 0.95  # top-1 precision (1,0 measured) among the letters that got a suggestion
