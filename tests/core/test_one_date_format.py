"""One date format everywhere: 1/12/2026 (no leading zeros) on pages, in messages, notes, exports and the
timeline; only the date line of an official document keeps NĐ 30/2020's "ngày 05 tháng 02 năm 2026"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import Context, Template

import danvan
from danvan.core.text import format_date, format_datetime

SOURCE = Path(danvan.__file__).parent

# Ways of writing a date with leading zeros: an f-string or strftime pattern, Django's date filter, Excel's
# number format. Reading dates that officers type ("%d/%m/%Y" among input formats) stays allowed.
LEADING_ZEROS = re.compile(
    r""":%d/%m/%Y|strftime\(["']%d/%m|\|date:["']d/m/Y|\|date:["']d/m|number_format = ["']dd/mm"""
)


def test_no_page_message_or_export_writes_a_date_with_leading_zeros() -> None:
    offenders = []
    for path in SOURCE.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt"} or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if LEADING_ZEROS.search(line):
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert offenders == []


def test_a_moment_is_the_short_date_and_the_time_in_vietnam() -> None:
    utc = dt.datetime(2026, 11, 30, 17, 5, tzinfo=dt.UTC)  # 00:05 on 1/12 in Hà Nội
    assert format_datetime(utc) == "1/12/2026 00:05"
    assert format_datetime(dt.datetime(2026, 3, 9, 9, 30)) == "9/3/2026 09:30"  # noqa: DTZ001 (a naive time is read as Vietnam's)
    assert format_datetime(dt.datetime(2026, 3, 9, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))) == "9/3/2026 09:30"
    assert format_date(dt.date(2026, 1, 5)) == "5/1/2026"


def test_the_template_filters_write_the_same_format() -> None:
    rendered = Template("{{ d|vi_date }} · {{ t|vi_datetime }} · {{ missing|vi_datetime }}.").render(
        Context({"d": dt.date(2026, 12, 1), "t": dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)})
    )
    assert rendered == "1/12/2026 · 1/12/2026 09:00 · ."
