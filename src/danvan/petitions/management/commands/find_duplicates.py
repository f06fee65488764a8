"""``danvan find_duplicates --input letters.jsonl --output groups.jsonl``: the outside interface for
evaluating the duplicate matcher (issue 11). The format is a promise to outside scripts: keep it.

Each input line is ``{"id", "text", "sender_name", "sender_id", "address", "unit_code", "received"}``;
each output line is ``{"id", "group"}``, in the input's order, and letters with the same group are one
matter. The code is the intake suggestions' (:mod:`danvan.matching`): the same features, the same score.
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from danvan.core.text import format_number
from danvan.matching import Index, Record, Settings, group_index
from danvan.stats.keys import KEY_LENGTH
from danvan.units.models import Unit

FIELDS = ("id", "text", "sender_name", "sender_id", "address", "unit_code", "received")


def _text(line: int, row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int)):
        raise CommandError(f'Dòng {line}: trường "{key}" phải là chuỗi ký tự.')
    return str(value)


def read_records(path: Path) -> list[Record]:
    """The letters of ``path``, checked line by line (a bad line is named, nothing is half-read)."""
    try:  # without a database (or its units) every letter is compared with every other
        provinces = dict(Unit.objects.exclude(code="").values_list("code", "path"))
    except DatabaseError:
        provinces = {}
    records: list[Record] = []
    seen: set[str] = set()
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Không mở được tệp {path}: {exc.strerror}.") from exc
    with handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise CommandError(f"Dòng {line}: không phải JSON hợp lệ ({exc.msg}).") from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"Dòng {line}: tệp không phải UTF-8.") from exc
            if not isinstance(row, dict):
                raise CommandError(f"Dòng {line}: mỗi dòng phải là một đối tượng JSON.")
            record_id = _text(line, row, "id").strip()
            if not record_id:
                raise CommandError(f'Dòng {line}: thiếu "id".')
            if record_id in seen:
                raise CommandError(f'Dòng {line}: "id" {record_id} đã có ở dòng trước.')
            seen.add(record_id)
            received = _text(line, row, "received").strip()
            try:
                day = datetime.date.fromisoformat(received[:10]) if received else None
            except ValueError as exc:
                raise CommandError(f'Dòng {line}: "received" phải là ngày dạng 2026-12-01.') from exc
            unit = _text(line, row, "unit_code").strip()
            records.append(
                Record(
                    id=record_id,
                    text=_text(line, row, "text"),
                    sender_name=_text(line, row, "sender_name"),
                    sender_id=_text(line, row, "sender_id"),
                    address=_text(line, row, "address"),
                    unit=unit,
                    received=day,
                    # A known commune is compared within its province, as at intake; others among themselves.
                    scope=str(provinces.get(unit, ""))[:KEY_LENGTH],
                )
            )
    return records


class Command(BaseCommand):
    help = (
        "Tìm đơn trùng, đơn cùng vụ việc trong một tệp JSONL: mỗi dòng vào "
        '{"id", "text", "sender_name", "sender_id", "address", "unit_code", "received"}, '
        'mỗi dòng ra {"id", "group"} (cùng "group" là cùng một vụ việc).'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="Tệp JSONL các đơn (UTF-8).")
        parser.add_argument("--output", required=True, help="Tệp JSONL kết quả; '-' để in ra màn hình.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=f"Ngưỡng coi là cùng vụ việc, 0–1 (mặc định {Settings().same_matter}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        records = read_records(Path(options["input"]))
        threshold = options["threshold"]
        if threshold is not None and not 0 < threshold <= 1:
            raise CommandError("--threshold phải lớn hơn 0 và không quá 1.")
        settings = Settings() if threshold is None else Settings(same_matter=threshold)
        index = Index(settings)
        index.add(records)
        groups, _ = group_index(index, [r.id for r in records])
        lines = "".join(json.dumps({"id": r.id, "group": groups[r.id]}, ensure_ascii=False) + "\n" for r in records)
        if options["output"] == "-":
            sys.stdout.write(lines)
        else:
            try:
                Path(options["output"]).write_text(lines, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp {options['output']}: {exc.strerror}.") from exc
        matters = len(set(groups.values()))
        self.stderr.write(
            f"{format_number(len(records))} đơn, {format_number(matters)} vụ việc "
            f"({format_number(len(records) - matters)} đơn trùng hoặc cùng vụ việc), "
            f"{format_number(time.perf_counter() - started, 1)} giây."
        )
