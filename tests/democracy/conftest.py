"""Grassroots-democracy fixtures: valid inputs for each record of xã A (and its thôn A1)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from danvan.core.actors import SystemActor

SYSTEM = SystemActor("kiểm thử")
D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def publication_data(**kw: Any) -> dict[str, Any]:
    return {
        "category": 1,
        "title": "Kế hoạch phát triển kinh tế - xã hội năm 2026",
        "document_ref": "12/QĐ-UBND",
        "decided_on": D(2026, 3, 2),
        "published_on": D(2026, 3, 4),
        "forms": ["posting", "portal"],
        "posted_from": D(2026, 3, 4),
        "posted_to": D(2026, 4, 10),
    } | kw


def decision_data(**kw: Any) -> dict[str, Any]:
    return {
        "matter": 1,
        "content": "Đóng góp làm đường thôn",
        "way": "meeting",
        "held_at": datetime.datetime(2026, 11, 2, 19, 0, tzinfo=VN),
        "households": 90,
        "present": 80,
        "absent": 10,
        "participating": 80,
        "votes_for": 60,
        "votes_against": 15,
        "votes_blank": 5,
        "decision_text": "Thống nhất làm đường",
        "hamlet_head": "Hoàng Văn Toàn",
        "mttq_head": "Nông Thị Lan",
        "representative_1": "Lý Văn Sơn",
        "representative_2": "Ma Thị Hường",
    } | kw


@pytest.fixture
def personas_d(personas):
    return personas
