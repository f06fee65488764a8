"""Benchmark: the duplicate-letter matcher (``danvan.matching``) on a labelled corpus of N letters.

The corpus is ``bench/duplicates_corpus.py``'s (``--size`` letters, ``--seed``): letters with their
matter label, the duplicates differing as real ones do, with hard negatives. It is written once to a
temporary JSONL file and never held in memory here.

**Queries.** ``--queries`` letters are held out of the index (default 1000): ``1 - --negatives`` of
them (default 80 %) are *positive* — letters that are not the first of their matter, drawn uniformly,
so the first letter of the matter (received earlier) is always indexed, and with it every other letter
of the matter that is not itself a query; the rest are *negative* — letters whose matter has no other
letter, so nothing about it is indexed. Every other letter is indexed, with the scope (province) of
its commune.

**Suggestion figures** (``index.suggest(query, k=5)``):

* *top-1 precision* — over the queries that received at least one suggestion (positive or negative),
  the share whose first suggestion is a letter of the query's matter. A negative query that gets any
  suggestion counts as a wrong answer.
* *top-5 recall* — over the positive queries (a letter of the matter is indexed), the share with a
  letter of their matter among the (at most) five suggestions.
* also: the top-1 accuracy on positive queries, the share of negative queries that got a suggestion
  (false alarms), and both broken down by the kind of duplicate (the generator's roles and variants).
* *latency* — wall time of each ``suggest`` call (after ten warm-up calls), p50 and p95 in ms.
* *indexing time* — ``Index.add`` over the indexed letters, then ``Index.build`` (so the first query
  does not pay for it), read from the corpus file line by line.
* *peak memory* — the peak resident set size (``ru_maxrss``) of a **fresh worker process** that reads
  the corpus file line by line, builds the index and answers the queries; the figure includes the
  interpreter and its imports (numpy, SciPy, scikit-learn, rapidfuzz), which are also given alone as
  the RSS before the first letter (``baseline``). ``Index.save`` and ``Index.load`` are timed after that
  (the load in a second fresh process, with its own peak RSS).

**Grouping figures** (``group(all letters, Settings())``, queries included, in a third fresh process):

* *pairwise* precision, recall and F1 — over all pairs of letters: a pair is predicted positive when
  both are in one group, truly positive when both are of one matter.
* *cluster F1 (B-cubed)* — for each letter, precision = |its group ∩ its matter| / |its group| and
  recall = |its group ∩ its matter| / |its matter|; B³ precision and recall are their means over all
  letters, and the cluster F1 is their harmonic mean.
* The grouping is skipped by default above 100.000 letters (``--group yes`` forces it): ``group``
  takes every record as one list, so the 1.000.000 texts alone are about 3 GB of Python strings.

**Reference** (at 100.000 letters and below; ``--reference yes|no``): an exact cosine over the same
features — scikit-learn ``TfidfVectorizer(analyzer=analyze, sublinear_tf=True, max_df=Settings().max_df)``
fitted on the indexed letters, each query's cosine with every indexed letter of its scope by a full
sparse product, the five best kept. It answers every query, so its top-1 precision is given twice: over
all queries, and at equal coverage (answering only its N most confident queries, N the number the
matcher answered).

Prints a summary (``--verbose``: examples of misses and wrong first suggestions), then, as its last
line, one JSON object with every figure, also written to bench/results/duplicates-<size>.json.

Usage: .venv/bin/python bench/duplicates.py --size 10000 [--queries 1000] [--seed 1] [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

#: The goals of the issue (at 1.000.000 letters, on a 2-core machine).
GOALS = {"top5_recall": 0.95, "top1_precision": 0.90, "cluster_f1": 0.90, "p95_ms": 100.0, "peak_mb": 2048.0}
ROLES = ("first", "cosigner", "resend", "rewrite", "anonymous", "reminder", "summary")  # the generator's, and "first"
VARIANTS = ("again_line", "synonyms", "abbrev", "reorder", "dropped", "added", "old_tones", "typos", "no_marks", "nfd",
            "tcvn3", "vni")  # fmt: skip


# --- the worker processes (a fresh interpreter each: their peak RSS is the matcher's) ------------------


def _settings() -> Any:
    """The matcher's settings, with the overrides of ``BENCH_SETTINGS`` (JSON) to compare choices."""
    from danvan.matching import Settings

    return Settings(**json.loads(os.environ.get("BENCH_SETTINGS") or "{}"))


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _records(path: Path, skip: set[int] | None = None, only: set[int] | None = None) -> Any:
    import datetime

    from danvan.matching import Record

    with path.open(encoding="utf-8") as lines:
        for pos, line in enumerate(lines):
            if (skip is not None and pos in skip) or (only is not None and pos not in only):
                continue
            row = json.loads(line)
            yield (
                pos,
                Record(
                    id=row["id"],
                    text=row["text"],
                    sender_name=row["sender_name"],
                    sender_id=row["sender_id"],
                    address=row["address"],
                    unit=row["unit_code"],
                    received=datetime.date.fromisoformat(row["received"]),
                    scope=row["scope"],
                ),
            )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def worker_suggest(folder: Path) -> None:
    """Build the index from the corpus minus the queries, answer the queries, save the index."""
    from danvan.matching import Index

    queries = json.loads((folder / "queries.json").read_text())
    held = set(queries)
    baseline = _rss_mb()
    index = Index(_settings())
    total = sum(1 for _ in (folder / "corpus.jsonl").open()) - len(held)
    last = [0.0]

    def progress(done: int, _total: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            _say(f"  indexed {done:>9,} / {total:,} letters, RSS {_rss_mb():,.0f} MB")

    started = time.perf_counter()
    index.add((r for _, r in _records(folder / "corpus.jsonl", skip=held)), progress=progress)
    add_s = time.perf_counter() - started
    started = time.perf_counter()
    if hasattr(index, "build"):
        index.build()
    build_s = time.perf_counter() - started
    peak_index = _peak_mb()
    rss_index = _rss_mb()
    records = dict(_records(folder / "corpus.jsonl", only=held))
    for pos in queries[:10]:  # warm-up
        index.suggest(records[pos], k=5)
    answers: dict[str, Any] = {}
    latencies = []
    for pos in queries:
        started = time.perf_counter()
        matches = index.suggest(records[pos], k=5)
        latencies.append((time.perf_counter() - started) * 1000)
        answers[str(pos)] = [[m.id, m.score, m.content, m.same_sender, m.same_place, m.same_unit, list(m.reasons)]
                             for m in matches]  # fmt: skip
    peak_queries = _peak_mb()
    started = time.perf_counter()
    index.save(folder / "index")
    save_s = time.perf_counter() - started
    size = sum(f.stat().st_size for f in (folder / "index").rglob("*") if f.is_file())
    result = {
        "indexed": len(index), "add_s": add_s, "build_s": build_s, "baseline_rss_mb": baseline,
        "rss_after_index_mb": rss_index, "peak_rss_index_mb": peak_index, "peak_rss_mb": peak_queries,
        "latencies_ms": latencies, "answers": answers, "save_s": save_s, "saved_mb": size / 2**20,
    }  # fmt: skip
    (folder / "suggest.json").write_text(json.dumps(result))


def worker_load(folder: Path) -> None:
    from danvan.matching import Index

    baseline = _rss_mb()
    started = time.perf_counter()
    index = Index.load(folder / "index")
    load_s = time.perf_counter() - started
    result = {"load_s": load_s, "loaded": len(index), "baseline_rss_mb": baseline, "peak_rss_mb": _peak_mb()}
    (folder / "load.json").write_text(json.dumps(result))


def worker_group(folder: Path) -> None:
    from danvan.matching import Index, group_index

    baseline = _rss_mb()
    ids: list[str] = []

    def stream() -> Any:
        for _, record in _records(folder / "corpus.jsonl"):
            ids.append(record.id)
            yield record

    started = time.perf_counter()
    index = Index(_settings())  # streamed, as find_duplicates' group() does with a list
    index.add(stream())
    index.build()
    index_s = time.perf_counter() - started
    rss_records = _rss_mb()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            _say(f"  grouped {done:>9,} / {total:,} letters, RSS {_rss_mb():,.0f} MB")

    started = time.perf_counter()
    groups, _ = group_index(index, ids, progress)
    group_s = time.perf_counter() - started
    result = {"group_s": group_s, "index_s": index_s, "baseline_rss_mb": baseline, "rss_records_mb": rss_records,
              "peak_rss_mb": _peak_mb(), "groups": groups}  # fmt: skip
    (folder / "group.json").write_text(json.dumps(result))


def run_worker(kind: str, folder: Path, reuse: Path | None = None) -> dict[str, Any]:
    """Run a worker in a fresh process on ``folder``; with ``reuse``, read its result there if it has one."""
    if reuse is not None and (reuse / f"{kind}.json").exists():
        _say(f"  (the {kind} worker's result is read from {reuse})")
        return json.loads((reuse / f"{kind}.json").read_text())
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    command = [sys.executable, __file__, "--worker", kind, "--dir", str(folder)]  # this file, fixed arguments
    subprocess.run(command, check=True, env=env)  # noqa: S603
    return json.loads((folder / f"{kind}.json").read_text())


# --- the corpus, as the benchmark knows it -------------------------------------------------------------


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return " ".join(
        "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn").lower().split()
    )


class Corpus:
    """The labels and what each letter is (arrays, one row per letter), and where its line is in the file."""

    def __init__(self, path: Path, size: int, seed: int) -> None:
        from duplicates_corpus import TOPICS, generate_annotated, province_of

        self.path = path
        self.label = np.zeros(size, dtype=np.int64)
        self.topic = np.zeros(size, dtype=np.int8)
        self.role = np.zeros(size, dtype=np.int8)
        self.variants = np.zeros(size, dtype=np.int16)
        self.flags = np.zeros(size, dtype=np.int8)  # 1 sibling, 2 same sender as an earlier matter, 4 crowd
        self.hamlet = np.zeros(size, dtype=np.int32)
        self.unit = np.zeros(size, dtype=np.int32)
        self.sender = np.full(size, -1, dtype=np.int64)  # a person (ID number, else folded name in the unit)
        self.named = np.zeros(size, dtype=bool)
        self.scope = np.zeros(size, dtype=np.int32)
        self.offset = np.zeros(size + 1, dtype=np.int64)
        self.topics = TOPICS
        hamlets: dict[tuple[str, str], int] = {}
        units: dict[str, int] = {}
        people: dict[str, int] = {}
        scopes: dict[str, int] = {}
        offset = 0
        with path.open("wb") as out:
            for pos, (letter, label, info) in enumerate(generate_annotated(size, seed)):
                scope = province_of(letter["unit_code"])
                line = (json.dumps({**letter, "scope": scope}, ensure_ascii=False) + "\n").encode()
                self.scope[pos] = scopes.setdefault(scope, len(scopes))
                self.named[pos] = bool(letter["sender_name"])
                out.write(line)
                self.offset[pos] = offset
                offset += len(line)
                self.label[pos] = label
                self.topic[pos] = TOPICS.index(info["topic"])
                self.role[pos] = ROLES.index(info["role"])
                self.variants[pos] = sum(1 << VARIANTS.index(v) for v in info["variants"])
                self.flags[pos] = info["sibling"] + 2 * info["same_sender"] + 4 * info["crowd"]
                self.unit[pos] = units.setdefault(letter["unit_code"], len(units))
                self.hamlet[pos] = hamlets.setdefault((letter["unit_code"], info["hamlet"]), len(hamlets))
                if letter["sender_name"]:  # one person: one folded name in one commune (IDs are not always given)
                    key = f"{_fold(letter['sender_name'])}|{letter['unit_code']}"
                    self.sender[pos] = people.setdefault(key, len(people))
                if (pos + 1) % 100_000 == 0:
                    _say(f"  generated {pos + 1:>9,} letters")
            self.offset[size] = offset
        self.size = size

    @staticmethod
    def pos(record_id: str) -> int:
        return int(record_id[1:]) - 1

    def text(self, pos: int) -> dict[str, Any]:
        with self.path.open("rb") as f:
            f.seek(int(self.offset[pos]))
            return json.loads(f.readline())

    def describe(self, pos: int) -> str:
        names = [ROLES[self.role[pos]]] + [v for i, v in enumerate(VARIANTS) if self.variants[pos] >> i & 1]
        flags = [f for i, f in enumerate(("sibling", "same-sender", "crowd")) if self.flags[pos] >> i & 1]
        return "+".join(names) + (f" [{', '.join(flags)}]" if flags else "") + f" ({self.topics[self.topic[pos]]})"

    def relation(self, query: int, other: int) -> str:
        """How a wrongly suggested letter relates to the query (the hard negative it is)."""
        if self.sender[query] >= 0 and self.sender[query] == self.sender[other]:
            return "same sender, other matter"
        same_topic = self.topic[query] == self.topic[other]
        if self.hamlet[query] == self.hamlet[other]:
            return "same hamlet, same topic" if same_topic else "same hamlet, other topic"
        if self.unit[query] == self.unit[other]:
            return "same commune, same topic" if same_topic else "same commune, other topic"
        return "same province, same topic" if same_topic else "same province, other topic"


def choose_queries(corpus: Corpus, count: int, negatives: float, seed: int) -> tuple[list[int], list[int]]:
    label = corpus.label
    sizes = np.bincount(label)
    first = np.full(len(sizes), -1, dtype=np.int64)
    first[label[::-1]] = np.arange(len(label))[::-1]  # the first position of each label
    positions = np.arange(len(label))
    later = positions[first[label] != positions]
    alone = positions[sizes[label] == 1]
    rng = np.random.default_rng(seed)
    n_neg = min(len(alone), round(count * negatives))
    n_pos = min(len(later), count - n_neg)
    pos_q = sorted(rng.choice(later, n_pos, replace=False).tolist())
    neg_q = sorted(rng.choice(alone, n_neg, replace=False).tolist())
    return pos_q, neg_q


# --- figures -------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(np.array(values), p)) if values else 0.0


def suggestion_figures(
    corpus: Corpus, positives: list[int], negatives: list[int], ranked: dict[int, list[int]]
) -> dict[str, Any]:
    """top-1 precision, top-5 recall and the rest, from each query's ranked suggestions (positions)."""
    label = corpus.label
    answered = [q for q in positives + negatives if ranked.get(q)]
    right = [q for q in answered if label[ranked[q][0]] == label[q]]
    hit5 = [q for q in positives if any(label[p] == label[q] for p in ranked.get(q, [])[:5])]
    top1_pos = [q for q in positives if ranked.get(q) and label[ranked[q][0]] == label[q]]
    alarms = [q for q in negatives if ranked.get(q)]
    return {
        "queries": len(positives) + len(negatives),
        "positive_queries": len(positives),
        "negative_queries": len(negatives),
        "answered": len(answered),
        "top1_precision": round(len(right) / len(answered), 4) if answered else None,
        "top5_recall": round(len(hit5) / len(positives), 4) if positives else None,
        "top1_accuracy_positive": round(len(top1_pos) / len(positives), 4) if positives else None,
        "false_alarm_rate_negative": round(len(alarms) / len(negatives), 4) if negatives else None,
    }


def breakdown(corpus: Corpus, positives: list[int], ranked: dict[int, list[int]]) -> dict[str, dict[str, Any]]:
    """Top-5 recall and top-1 accuracy of positive queries by role, variant, topic and flag."""
    label = corpus.label
    keys: dict[str, list[int]] = collections.defaultdict(list)
    for q in positives:
        keys[f"role:{ROLES[corpus.role[q]]}"].append(q)
        keys[f"topic:{corpus.topics[corpus.topic[q]]}"].append(q)
        for i, v in enumerate(VARIANTS):
            if corpus.variants[q] >> i & 1:
                keys[f"variant:{v}"].append(q)
        if not corpus.variants[q]:
            keys["variant:none"].append(q)
        for i, f in enumerate(("sibling", "same_sender", "crowd")):
            if corpus.flags[q] >> i & 1:
                keys[f"flag:{f}"].append(q)
        if not corpus.named[q]:
            keys["flag:anonymous_query"].append(q)
    out = {}
    for key in sorted(keys):
        qs = keys[key]
        hit5 = sum(any(label[p] == label[q] for p in ranked.get(q, [])[:5]) for q in qs)
        top1 = sum(bool(ranked.get(q)) and label[ranked[q][0]] == label[q] for q in qs)
        out[key] = {"n": len(qs), "top5_recall": round(hit5 / len(qs), 3), "top1": round(top1 / len(qs), 3)}
    return out


def wrong_firsts(
    corpus: Corpus, positives: list[int], negatives: list[int], ranked: dict[int, list[int]]
) -> dict[str, dict[str, int]]:
    """The relation of each wrong first suggestion to its query (which hard negatives win), for the positive
    queries (a letter of the matter was outranked) and the negative ones (nothing should have been said)."""
    out = {}
    for name, queries in (("positive", positives), ("negative", negatives)):
        counts: collections.Counter[str] = collections.Counter()
        for q in queries:
            if ranked.get(q) and corpus.label[ranked[q][0]] != corpus.label[q]:
                counts[corpus.relation(q, ranked[q][0])] += 1
        out[name] = dict(counts.most_common())
    return out


def floor_sweep(
    corpus: Corpus, positives: list[int], negatives: list[int], answers: dict[int, list[Any]]
) -> list[dict[str, Any]]:
    """The suggestion figures had the matcher said nothing below each score floor (from the scores it gave)."""
    rows = []
    for floor in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        ranked = {q: [Corpus.pos(m[0]) for m in answer if m[1] >= floor] for q, answer in answers.items()}
        rows.append({"floor": floor, **suggestion_figures(corpus, positives, negatives, ranked)})
    return rows


def cluster_figures(label: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    """Pairwise precision/recall/F1 and B-cubed precision/recall/F1 of ``predicted`` against ``label``."""
    n = len(label)
    _, true_ids = np.unique(label, return_inverse=True)
    _, pred_ids = np.unique(predicted, return_inverse=True)
    true_size = np.bincount(true_ids).astype(np.float64)
    pred_size = np.bincount(pred_ids).astype(np.float64)
    cell = true_ids.astype(np.int64) * (pred_ids.max() + 1) + pred_ids
    cells, cell_count = np.unique(cell, return_counts=True)
    cell_true, cell_pred = cells // (pred_ids.max() + 1), cells % (pred_ids.max() + 1)
    nij = cell_count.astype(np.float64)
    tp = float((nij * (nij - 1) / 2).sum())
    pred_pairs = float((pred_size * (pred_size - 1) / 2).sum())
    true_pairs = float((true_size * (true_size - 1) / 2).sum())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / true_pairs if true_pairs else 1.0
    b3p = float((nij**2 / pred_size[cell_pred]).sum() / n)
    b3r = float((nij**2 / true_size[cell_true]).sum() / n)
    return {
        "letters": n, "matters": len(true_size), "groups": len(pred_size),
        "largest_group": int(pred_size.max()), "largest_matter": int(true_size.max()),
        "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4),
        "pairwise_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "bcubed_precision": round(b3p, 4), "bcubed_recall": round(b3r, 4),
        "cluster_f1": round(2 * b3p * b3r / (b3p + b3r), 4) if b3p + b3r else 0.0,
    }  # fmt: skip


def group_errors(corpus: Corpus, predicted: np.ndarray, rng: random.Random, sample: int = 200) -> dict[str, Any]:
    """Which pairs the grouping merges wrongly (by relation) and which it misses (by the later letter's kind)."""
    by_group: dict[int, list[int]] = collections.defaultdict(list)
    for pos, g in enumerate(predicted.tolist()):
        by_group[g].append(pos)
    merged: collections.Counter[str] = collections.Counter()
    for members in by_group.values():
        if len(members) < 2:
            continue
        pairs = [(members[i], members[j]) for i in range(min(len(members), 60)) for j in range(i + 1, len(members))]
        for a, b in rng.sample(pairs, min(sample, len(pairs))):
            if corpus.label[a] != corpus.label[b]:
                merged[corpus.relation(a, b)] += 1
    by_matter: dict[int, list[int]] = collections.defaultdict(list)
    for pos, m in enumerate(corpus.label.tolist()):
        by_matter[m].append(pos)
    missed: collections.Counter[str] = collections.Counter()
    for members in by_matter.values():
        first = members[0]
        for pos in members[1:]:
            if predicted[pos] != predicted[first]:
                missed[ROLES[corpus.role[pos]]] += 1
                for i, v in enumerate(VARIANTS):
                    if corpus.variants[pos] >> i & 1:
                        missed[f"+{v}"] += 1
    return {"wrongly_merged_pairs_sampled": dict(merged.most_common()),
            "letters_not_with_first_of_matter": dict(missed.most_common())}  # fmt: skip


# --- the exact reference -------------------------------------------------------------------------------


def reference(corpus: Corpus, queries: list[int]) -> tuple[dict[int, list[int]], dict[int, float], dict[str, float]]:
    """Each query's five best indexed letters by exact TF-IDF cosine in its scope, the best cosine, timings."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from danvan.matching import Settings
    from danvan.matching.features import analyze

    held = set(queries)
    indexed = np.array([p for p in range(corpus.size) if p not in held])

    def texts(positions: Any) -> Any:
        want = set(int(p) for p in positions)
        with corpus.path.open(encoding="utf-8") as lines:
            for pos, line in enumerate(lines):
                if pos in want:
                    yield json.loads(line)["text"]

    started = time.perf_counter()
    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, max_df=Settings().max_df)
    matrix = vectorizer.fit_transform(texts(indexed)).tocsr()
    fit_s = time.perf_counter() - started
    started = time.perf_counter()
    q_matrix = vectorizer.transform(texts(queries)).tocsr()
    matrix_t = matrix.T.tocsr()
    ranked: dict[int, list[int]] = {}
    best: dict[int, float] = {}
    indexed_scope = corpus.scope[indexed]
    for start in range(0, len(queries), 64):
        chunk = queries[start : start + 64]
        scores = (q_matrix[start : start + 64] @ matrix_t).toarray()
        for row, q in enumerate(chunk):
            s = scores[row]
            s[indexed_scope != corpus.scope[q]] = -1.0
            top = np.argpartition(-s, 5)[:5]
            top = top[np.argsort(-s[top])]
            top = top[s[top] > 0]
            ranked[q] = indexed[top].tolist()
            best[q] = float(s[top[0]]) if len(top) else 0.0
    query_s = time.perf_counter() - started
    timings = {"fit_s": round(fit_s, 2), "query_ms_mean": round(query_s * 1000 / max(1, len(queries)), 2),
               "features": len(vectorizer.vocabulary_)}  # fmt: skip
    return ranked, best, timings


# --- printing ------------------------------------------------------------------------------------------


def _clip(text: str, width: int = 700) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= width else text[:width] + " …"


def show_examples(
    corpus: Corpus, title: str, items: list[tuple[int, int | None, list[Any]]], count: int, reference_rank: Any
) -> None:
    print(f"\n--- {title} ({len(items)}; {min(count, len(items))} shown)")
    for q, expected, answer in items[:count]:
        row = corpus.text(q)
        kind = "positive" if expected is not None else "negative: its matter is not indexed"
        print(f"\n* query {row['id']} ({kind}) — {corpus.describe(q)}, sender “{row['sender_name']}”, "
              f"{row['address']}")  # fmt: skip
        print(f"  {_clip(row['text'])}")
        if expected is not None:
            e = corpus.text(expected)
            ref = reference_rank(q)
            print(f"  expected {e['id']} — {corpus.describe(expected)}, sender “{e['sender_name']}”"
                  + (f"; exact cosine ranks a true match {ref}" if ref else ""))  # fmt: skip
            print(f"  {_clip(e['text'])}")
        if answer:
            top = answer[0]
            t = corpus.text(Corpus.pos(top[0]))
            rel = (
                corpus.relation(q, Corpus.pos(top[0]))
                if corpus.label[Corpus.pos(top[0])] != corpus.label[q]
                else "right"
            )
            print(f"  suggested first {top[0]} (score {top[1]:.3f}, content {top[2]:.3f}; {'; '.join(top[6])})"
                  f" — {rel}, {corpus.describe(Corpus.pos(top[0]))}, sender “{t['sender_name']}”")  # fmt: skip
            print(f"  {_clip(t['text'])}")
        else:
            print("  no suggestion")


def table(rows: dict[str, dict[str, Any]], indent: str = "  ") -> None:
    for key, row in rows.items():
        print(f"{indent}{key:28} n={row['n']:5}  top-5 recall {row['top5_recall']:.3f}  top-1 {row['top1']:.3f}")


# --- main ----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark of the duplicate-letter matcher on a labelled corpus.")
    parser.add_argument("--size", type=int, default=10_000, help="letters in the corpus (10000, 100000, 1000000)")
    parser.add_argument("--queries", type=int, default=1000, help="letters held out and asked")
    parser.add_argument("--negatives", type=float, default=0.2, help="share of the queries whose matter is not indexed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--group", choices=["auto", "yes", "no"], default="auto", help="auto: at every size (streamed)")
    parser.add_argument("--reference", choices=["auto", "yes", "no"], default="auto", help="auto: up to 100000")
    parser.add_argument("--verbose", action="store_true", help="print examples of misses and wrong suggestions")
    parser.add_argument("--examples", type=int, default=6, help="examples per kind with --verbose")
    parser.add_argument("--keep", action="store_true", help="keep the corpus file and the saved index")
    parser.add_argument(
        "--reuse", type=Path, help="the folder of an earlier run: its workers' results are read, not run again"
    )
    parser.add_argument("--worker", choices=["suggest", "load", "group"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        {"suggest": worker_suggest, "load": worker_load, "group": worker_group}[args.worker](args.dir)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-duplicates-"))
    started = time.perf_counter()
    _say(f"generating {args.size:,} letters (seed {args.seed}) into {tmp}")
    corpus = Corpus(tmp / "corpus.jsonl", args.size, args.seed)
    generate_s = time.perf_counter() - started
    positives, negatives = choose_queries(corpus, args.queries, args.negatives, args.seed)
    queries = sorted(positives + negatives)
    (tmp / "queries.json").write_text(json.dumps(queries))
    matters = int(corpus.label.max()) + 1
    _say(f"  {args.size:,} letters, {matters:,} matters, generated in {generate_s:.0f} s; "
         f"{len(positives)} positive and {len(negatives)} negative queries")  # fmt: skip

    _say("indexing and asking (worker process)")
    sug = run_worker("suggest", tmp, args.reuse)
    _say("loading the saved index (worker process)")
    loaded = run_worker("load", tmp, args.reuse)
    answers = {int(k): v for k, v in sug["answers"].items()}
    ranked = {q: [Corpus.pos(m[0]) for m in answer] for q, answer in answers.items()}
    figures = suggestion_figures(corpus, positives, negatives, ranked)
    lat = sug["latencies_ms"]
    report: dict[str, Any] = {
        "size": args.size, "seed": args.seed, "matters": matters, "indexed": sug["indexed"],
        "settings": asdict(_settings()),
        "suggest": {**figures,
                    "p50_ms": round(percentile(lat, 50), 2), "p95_ms": round(percentile(lat, 95), 2),
                    "max_ms": round(max(lat), 2) if lat else None},
        "indexing": {"add_s": round(sug["add_s"], 2), "build_s": round(sug["build_s"], 2),
                     "total_s": round(sug["add_s"] + sug["build_s"], 2),
                     "letters_per_s": round(sug["indexed"] / max(1e-9, sug["add_s"] + sug["build_s"]))},
        "memory": {"method": "peak RSS (ru_maxrss) of a fresh worker process that streams the corpus file, "
                             "builds the index and answers the queries; baseline = RSS after imports",
                   "baseline_rss_mb": round(sug["baseline_rss_mb"]),
                   "peak_rss_index_mb": round(sug["peak_rss_index_mb"]),
                   "rss_after_index_mb": round(sug["rss_after_index_mb"]), "peak_rss_mb": round(sug["peak_rss_mb"]),
                   "index_mb": round(sug["peak_rss_mb"] - sug["baseline_rss_mb"])},
        "saved": {"save_s": round(sug["save_s"], 2), "size_mb": round(sug["saved_mb"], 1),
                  "load_s": round(loaded["load_s"], 2), "load_peak_rss_mb": round(loaded["peak_rss_mb"])},
        "by_kind": breakdown(corpus, positives, ranked),
        "wrong_first_relations": wrong_firsts(corpus, positives, negatives, ranked),
        "floor_sweep": floor_sweep(corpus, positives, negatives, answers),
        "generate_s": round(generate_s, 1),
    }  # fmt: skip

    want_ref = args.reference == "yes" or (args.reference == "auto" and args.size <= 100_000)
    ref_ranked: dict[int, list[int]] = {}
    if want_ref:
        _say("exact cosine reference (TfidfVectorizer, full sparse product)")
        ref_ranked, ref_best, timings = reference(corpus, queries)
        ref = suggestion_figures(corpus, positives, negatives, ref_ranked)
        confident = sorted(queries, key=lambda q: -ref_best[q])[: figures["answered"]]
        right = sum(bool(ref_ranked[q]) and corpus.label[ref_ranked[q][0]] == corpus.label[q] for q in confident)
        ref["top1_precision_equal_coverage"] = round(right / len(confident), 4) if confident else None
        ref["by_kind"] = breakdown(corpus, positives, ref_ranked)
        ref["wrong_first_relations"] = wrong_firsts(corpus, positives, negatives, ref_ranked)
        report["reference"] = {**ref, **timings}
    else:
        report["reference"] = {"skipped": f"exact cosine over {args.size:,} letters: the TF-IDF matrix and a "
                                          "dense score row per query are beyond this machine's memory"}  # fmt: skip

    want_group = args.group != "no"  # streamed into an index: feasible at every size
    if want_group:
        _say("grouping every letter (worker process)")
        grp = run_worker("group", tmp, args.reuse)
        gid = {g: i for i, g in enumerate(sorted(set(grp["groups"].values())))}
        predicted = np.array([gid[grp["groups"][f"L{p + 1:07d}"]] for p in range(args.size)], dtype=np.int64)
        report["group"] = {**cluster_figures(corpus.label, predicted), "group_s": round(grp["group_s"], 2),
                           "peak_rss_mb": round(grp["peak_rss_mb"]), "records_rss_mb": round(grp["rss_records_mb"]),
                           **group_errors(corpus, predicted, random.Random(args.seed))}  # fmt: skip
    else:
        report["group"] = {"skipped": f"group() takes every record as one list: {args.size:,} letters are about "
                                      f"{args.size * 3 / 1e6:.0f} GB of text in Python before any grouping "
                                      "(--group yes forces it)"}  # fmt: skip

    s, m, ix = report["suggest"], report["memory"], report["indexing"]
    report["goals"] = {
        "top5_recall": [s["top5_recall"], GOALS["top5_recall"]],
        "top1_precision": [s["top1_precision"], GOALS["top1_precision"]],
        "cluster_f1": [report["group"].get("cluster_f1"), GOALS["cluster_f1"]],
        "p95_ms": [s["p95_ms"], GOALS["p95_ms"]],
        "peak_mb": [m["peak_rss_mb"], GOALS["peak_mb"]],
        "note": "the goals hold at 1.000.000 letters; at smaller sizes they are indications",
    }

    print(f"Duplicate-letter matcher — {args.size:,} letters ({matters:,} matters), seed {args.seed}")
    print(f"queries: {s['positive_queries']} with a match indexed, {s['negative_queries']} without; "
          f"answered {s['answered']}")  # fmt: skip
    print(f"  top-1 precision {s['top1_precision']}   top-5 recall {s['top5_recall']}   top-1 on positives "
          f"{s['top1_accuracy_positive']}   false alarms on negatives {s['false_alarm_rate_negative']}")  # fmt: skip
    print(f"  latency p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms")
    print(
        f"indexing {ix['total_s']} s (add {ix['add_s']} s + build {ix['build_s']} s, {ix['letters_per_s']:,} letters/s)"
    )
    print(f"memory: peak RSS {m['peak_rss_mb']} MB (after indexing {m['peak_rss_index_mb']} MB; baseline "
          f"{m['baseline_rss_mb']} MB) — {m['method']}")  # fmt: skip
    sv = report["saved"]
    print(f"saved index {sv['size_mb']} MB in {sv['save_s']} s; loaded in {sv['load_s']} s "
          f"(peak RSS {sv['load_peak_rss_mb']} MB)")  # fmt: skip
    ref = report["reference"]
    if "skipped" in ref:
        print(f"reference: skipped — {ref['skipped']}")
    else:
        print(f"reference (exact cosine): top-1 precision {ref['top1_precision']} over all queries, "
              f"{ref['top1_precision_equal_coverage']} at the matcher's coverage; top-5 recall {ref['top5_recall']}; "
              f"top-1 on positives {ref['top1_accuracy_positive']} "
              f"(fit {ref['fit_s']} s, {ref['query_ms_mean']} ms/query)")  # fmt: skip
    g = report["group"]
    if "skipped" in g:
        print(f"group(): skipped — {g['skipped']}")
    else:
        print(f"group(): {g['groups']:,} groups for {g['matters']:,} matters (largest {g['largest_group']}, "
              f"largest matter {g['largest_matter']}) in {g['group_s']} s, peak RSS {g['peak_rss_mb']} MB")  # fmt: skip
        print(f"  pairwise precision {g['pairwise_precision']} recall {g['pairwise_recall']} F1 {g['pairwise_f1']};"
              f" B-cubed precision {g['bcubed_precision']} recall {g['bcubed_recall']}"
              f" cluster F1 {g['cluster_f1']}")  # fmt: skip
        print(f"  wrongly merged pairs (sampled), by relation: {g['wrongly_merged_pairs_sampled']}")
        print(f"  letters not grouped with their matter's first: {g['letters_not_with_first_of_matter']}")
    print("positive queries by kind (matcher):")
    table(report["by_kind"])
    for kind in ("positive", "negative"):
        print(f"wrong first suggestions to {kind} queries, by relation: {report['wrong_first_relations'][kind]}")
        if "by_kind" in ref:
            print(f"  (reference: {ref['wrong_first_relations'][kind]})")
    print("had the matcher said nothing below a score floor:")
    for row in report["floor_sweep"]:
        print(f"  floor {row['floor']:.2f}: top-1 precision {row['top1_precision']}  top-5 recall {row['top5_recall']}"
              f"  answered {row['answered']}  false alarms {row['false_alarm_rate_negative']}")  # fmt: skip

    if args.verbose:
        label = corpus.label

        def ref_rank(q: int) -> str:
            if not ref_ranked:
                return ""
            for rank, p in enumerate(ref_ranked.get(q, []), start=1):
                if label[p] == label[q]:
                    return f"#{rank}"
            return "beyond #5"

        def expected(q: int) -> int:
            same = [p for p in ref_ranked.get(q, []) if label[p] == label[q]]
            if same:
                return same[0]
            return int(np.flatnonzero(label == label[q])[0])

        misses = [(q, expected(q), answers.get(q, [])) for q in positives
                  if not any(label[p] == label[q] for p in ranked.get(q, [])[:5])]  # fmt: skip
        wrong = [(q, expected(q) if q in positives else None, answers[q]) for q in queries
                 if ranked.get(q) and label[ranked[q][0]] != label[q]]  # fmt: skip
        rng = random.Random(args.seed)
        rng.shuffle(misses)
        rng.shuffle(wrong)
        show_examples(corpus, "misses: no letter of the matter in the top 5", misses, args.examples, ref_rank)
        show_examples(corpus, "wrong first suggestions", wrong, args.examples, ref_rank)

    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"duplicates-{args.size}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if args.keep:
        _say(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
