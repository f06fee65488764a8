"""A labelled corpus of Vietnamese petition letters for the duplicate-letter matcher (``danvan.matching``).

``generate(n, seed)`` streams ``n`` letters, each a dict in the outside JSONL format
(``id``, ``text``, ``sender_name``, ``sender_id``, ``address``, ``unit_code``, ``received`` as an ISO
date) with its matter label: letters with the same label are about the same matter. It never holds the
``n`` texts: a matter is a small dict of specifics (the hamlet, the plot, the project, the amounts, the
people), its later letters wait in a heap until their day comes, and the text is written when a letter
is due. It reaches 1.000.000 letters in a few minutes.

What it models:

* **Places.** 320 real communes and wards of today's 34 provinces (``vietnam-provinces``), two fifths
  in the northern mountain provinces, each with 5–12 hamlets named as the region names them (thôn Nà
  Săm, bản Huổi Lạn, xóm 7, ấp Tân Phú, buôn Ea Kmar, tổ dân phố số 4), and one to three projects per
  commune that take land (so that many households of one hamlet write about the same project).
* **Matters** on six topics, each with its own specifics: land disputes (plot and map-sheet numbers,
  area, certificate, the neighbour), site clearance and compensation (the project, the decision, the
  price per m², the amount, the trees counted), environment (the workshop, the farm, the landfill, the
  stream), social policy (poor-household lists, allowances, health insurance cards, war martyrs), the
  conduct of officials (who, what procedure, how much was asked), infrastructure (the road, the bridge,
  the power line). About 7 in 10 matters get one letter, some 2–9, and one in a hundred is a crowd
  dispute with 10–30 letters (a project's price, a polluting farm, a broken road).
* **Duplicates** differ as real ones do: the same letter sent again later (the same words, sometimes
  with "đây là lần thứ 2…"), a rewrite by the same sender (other sentence templates, synonyms, another
  addressee), a co-signer or neighbour from the same hamlet writing in their own words about the same
  specifics, an anonymous copy, a short reminder that names the matter in one line with some of its
  specifics ("Ngày 5/7/2025, tôi đã gửi đơn về việc ông X lấn chiếm đất … tại thửa đất số 388"), the
  officer's few sentences on a citizen's visit ("Công dân … phản ánh việc …"); and on any letter: typed
  without diacritics, typos, sentences reordered, dropped or added, UBND/GPMB/GCNQSDĐ abbreviations or
  their full forms, the old tone placement (hoà, thuỷ), decomposed Unicode (NFD), amounts and areas
  written another way (2.293.180.000 đồng, 2,29 tỷ đồng; 1.957 m², 1957 m2), and, rarely, the whole
  letter in a legacy font encoding as pasted without its font (TCVN3 "Hµ Néi", from glibc's iconv
  table, not the matcher's; VNI-Windows "Haø Noäi").
* **Hard negatives**: a third of new matters are a *sibling* of a recent matter (same commune, same
  hamlet, same topic, other specifics: another household's plot in the same project, another family
  struck off the same poor-household list); one in twelve is written by a sender of an earlier matter
  about something else. Anonymous letters have no name, no ID and often no address; about half of the
  named senders give a 12-digit ID number.

``generate_annotated`` yields a third item, what the letter is (its topic, hamlet, role and variants),
which the benchmark uses to say which kinds of duplicates are missed; ``generate`` drops it.

``python bench/duplicates_corpus.py --labelled`` rewrites tests/matching/labelled_letters.jsonl (400
letters, seed 2026, 12 communes so that hard negatives are dense): each line a letter in the outside
format plus ``matter`` (its label) and ``variant`` (how it came to be, e.g. ``cosigner+synonyms+typos``,
for reading only). ``--size N --out FILE`` writes a corpus with a ``matter`` field.
"""

# ruff: noqa: E501 — the letters' sentences are kept whole, one template a line, so that they can be read as Vietnamese

from __future__ import annotations

import argparse
import datetime
import functools
import heapq
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "matching" / "labelled_letters.jsonl"
LABELLED_SIZE, LABELLED_SEED, LABELLED_COMMUNES = 400, 2026, 12
#: Letters are received over these days (after the 2025 reform: the unit codes are today's communes).
FIRST_DAY = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2026, 11, 30)
SPAN = (LAST_DAY - FIRST_DAY).days + 1
TOPICS = ("land", "gpmb", "env", "social", "conduct", "infra")
TOPIC_WEIGHTS = (28, 20, 13, 17, 11, 11)
KEYS = ("id", "text", "sender_name", "sender_id", "address", "unit_code", "received")

# --- places ------------------------------------------------------------------------------------------

MOUNTAIN = {"04", "08", "11", "12", "14", "15", "19", "20"}
THAI = {"11", "12", "14"}
DELTA = {"01", "22", "24", "25", "31", "33", "37"}
CENTRAL = {"38", "40", "42", "44", "46", "48", "51", "56"}
HIGHLANDS = {"52", "66", "68"}
# the rest (75, 79, 80, 82, 86, 91, 92, 96) is the south

TAY_1 = [
    "Nà",
    "Bản",
    "Khuổi",
    "Phiêng",
    "Lũng",
    "Pác",
    "Cốc",
    "Nặm",
    "Bó",
    "Kéo",
    "Pò",
    "Thôm",
    "Khau",
    "Tổng",
    "Phja",
    "Slam",
    "Vằng",
    "Nà",
    "Khuổi",
    "Bản",
]
TAY_2 = [
    "Săm",
    "Chang",
    "Khỉ",
    "Pằng",
    "Mòn",
    "Dì",
    "Lẹng",
    "Mạ",
    "Luông",
    "Tàu",
    "Ngòa",
    "Vài",
    "Nưa",
    "Cáy",
    "Rạo",
    "Hon",
    "Sla",
    "Đuổn",
    "Mặn",
    "Khoang",
    "Lạn",
    "Tậu",
    "Phạc",
    "Cuồng",
    "Nghiều",
    "Riềng",
    "Ca",
    "Lếch",
    "Mu",
    "Kít",
    "Pài",
    "Nọi",
    "Pỏ",
    "Hin",
    "Sliến",
    "Giào",
    "Mjầu",
    "Phường",
    "Lừa",
    "Ngần",
    "Quang",
    "Thoong",
    "Vạc",
]
THAI_1 = ["Mường", "Huổi", "Nà", "Hua", "Phiêng", "Co", "Pá", "Nậm", "Bó", "Lả", "Bản", "Huổi"]
THAI_2 = [
    "Lạn",
    "Hịa",
    "Chạng",
    "Khoang",
    "Nong",
    "Sàng",
    "Hắt",
    "Sản",
    "Pe",
    "Ten",
    "Lứa",
    "Muôn",
    "Lé",
    "Phăng",
    "Mạ",
    "Lót",
    "Củ",
    "Tấu",
    "Hồng",
    "Chả",
]
KINH_1 = [
    "Đông",
    "Đoài",
    "Thượng",
    "Hạ",
    "Trung",
    "Nam",
    "Bắc",
    "Đình",
    "Yên",
    "Phú",
    "An",
    "Tân",
    "Hòa",
    "Đồng",
    "Vân",
    "Thanh",
    "Quảng",
    "Mỹ",
    "Phúc",
    "Long",
]
KINH_2 = [
    "Xá",
    "Lộc",
    "Thọ",
    "Hòa",
    "An",
    "Khê",
    "Lạc",
    "Mỹ",
    "Vân",
    "Thái",
    "Lương",
    "Quang",
    "Sơn",
    "Tiến",
    "Lập",
    "Phong",
    "Thịnh",
    "Hưng",
    "Bình",
    "Thành",
]
SOUTH_1 = ["Tân", "Bình", "An", "Long", "Phước", "Mỹ", "Vĩnh", "Thạnh", "Hòa", "Phú", "Bình", "Tân", "Long", "An"]
SOUTH_2 = [
    "Phú",
    "An",
    "Lộc",
    "Thạnh",
    "Lợi",
    "Hòa",
    "Thới",
    "Hưng",
    "Thuận",
    "Đông",
    "Tây",
    "Trung",
    "Điền",
    "Khánh",
    "Nhơn",
    "Quới",
]
EDE_1 = ["Ea", "Kô", "Ta", "Buôn", "Krông", "Cư"]
EDE_2 = ["Kmar", "Tling", "Hleo", "Sup", "Drăng", "Nuôl", "Pốk", "Sar", "Bông", "Jông", "Kmăng", "Dliê", "Pưk", "Tar"]

STREAMS_N = [
    "suối Nà Lẹng",
    "suối Khuổi Cáy",
    "suối Pác Nặm",
    "sông Bằng",
    "sông Hiến",
    "suối Nậm Mu",
    "sông Lô",
    "suối Bó Ca",
]
STREAMS_S = [
    "kênh N2",
    "kênh Xáng",
    "rạch Cái Tắc",
    "sông Vàm Cỏ",
    "kênh Thủy Lợi",
    "suối Cát",
    "sông Trà Khúc",
    "rạch Ông Kiệt",
]


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    kind: str  # xã, phường, đặc khu
    name: str
    province: str  # "tỉnh Cao Bằng", "thành phố Hà Nội"
    province_code: str
    hamlets: tuple[str, ...]  # "thôn Nà Săm", "tổ dân phố số 4"
    projects: tuple[str, ...]  # "Dự án đường tránh …"
    streams: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"


def _hamlet_names(rng: random.Random, province: str, kind: str, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        if kind == "phường":
            south = province not in (MOUNTAIN | DELTA | CENTRAL | HIGHLANDS)
            roll = rng.random()
            if south:
                name = f"khu phố {rng.randint(1, 12)}"
            elif roll < 0.6:
                name = f"tổ dân phố số {rng.randint(1, 25)}"
            else:
                name = f"tổ dân phố {rng.choice(KINH_1)} {rng.choice(KINH_2)}"
        elif province in THAI:
            name = f"bản {rng.choice(THAI_1)} {rng.choice(THAI_2)}"
        elif province in MOUNTAIN:
            name = f"{rng.choice(['thôn', 'thôn', 'thôn', 'bản'])} {rng.choice(TAY_1)} {rng.choice(TAY_2)}"
        elif province in HIGHLANDS:
            name = (f"buôn {rng.choice(EDE_1)} {rng.choice(EDE_2)}" if rng.random() < 0.4
                    else f"thôn {rng.randint(1, 15)}" if rng.random() < 0.5
                    else f"thôn {rng.choice(KINH_1)} {rng.choice(KINH_2)}")  # fmt: skip
        elif province in DELTA:
            name = (
                f"thôn {rng.choice(KINH_1)} {rng.choice(KINH_2)}" if rng.random() < 0.7 else f"xóm {rng.randint(1, 14)}"
            )
        elif province in CENTRAL:
            name = (
                f"thôn {rng.choice(KINH_1)} {rng.choice(KINH_2)}" if rng.random() < 0.6 else f"xóm {rng.randint(1, 18)}"
            )
        else:
            name = (
                f"ấp {rng.choice(SOUTH_1)} {rng.choice(SOUTH_2)}" if rng.random() < 0.8 else f"khóm {rng.randint(1, 9)}"
            )
        if name not in names and name.split()[-1] != name.split()[-2]:
            names.append(name)
    return names


def _projects(rng: random.Random, commune: str, hamlets: list[str], province: str) -> list[str]:
    short = [h.split(" ", 1)[1] if not h.startswith("tổ dân phố") else h for h in hamlets]
    kinds = [
        lambda: f"Dự án đường tránh trung tâm {commune}",
        lambda: f"Dự án Khu dân cư {rng.choice(short)}",
        lambda: f"Dự án nâng cấp, mở rộng Quốc lộ {rng.choice(['3', '4A', '34', '279', '1A', '14', '20', '91'])}",
        lambda: (
            f"Dự án đường cao tốc {rng.choice(['Đồng Đăng – Trà Lĩnh', 'Tuyên Quang – Hà Giang', 'Bắc – Nam', 'Biên Hòa – Vũng Tàu', 'Châu Đốc – Cần Thơ – Sóc Trăng', 'Hòa Bình – Mộc Châu'])}"
        ),
        lambda: f"Dự án Thủy điện {rng.choice(TAY_2)} {rng.choice(['1', '2', ''])}".strip(),
        lambda: f"Dự án Hồ chứa nước {rng.choice(short)}",
        lambda: f"Dự án Khu công nghiệp {rng.choice(KINH_1)} {rng.choice(KINH_2)}",
        lambda: f"Dự án Cụm công nghiệp {commune}",
        lambda: f"Dự án đường dây 220 kV {rng.choice(KINH_1)} {rng.choice(KINH_2)} – {province.split(' ', 1)[1]}",
        lambda: f"Dự án Khu tái định cư {rng.choice(short)}",
        lambda: f"Dự án xây dựng Trường Trung học cơ sở {commune}",
        lambda: f"Dự án Khu đô thị mới {rng.choice(KINH_1)} {rng.choice(KINH_2)}",
    ]
    out: list[str] = []
    while len(out) < rng.randint(1, 3):
        p = rng.choice(kinds)()
        if p not in out:
            out.append(p)
    return out


def _load_communes() -> list[Commune]:
    """320 communes of today's tree, the same list whatever the seed (a fixed draw)."""
    from vietnam_provinces import Province, Ward

    rng = random.Random(20250701)
    provinces = {f"{int(p.code):02d}": p for p in Province.iter_all()}
    wards: dict[str, list[Any]] = {}
    for w in Ward.iter_all():
        wards.setdefault(f"{int(w.province_code):02d}", []).append(w)
    out: list[Commune] = []
    for pcode in sorted(provinces):
        p = provinces[pcode]
        pkind = "tỉnh" if p.name.startswith("Tỉnh ") else "thành phố"
        pname = p.name.split(" ", 1)[1] if pkind == "tỉnh" else p.name.split(" ", 2)[2]
        chosen = sorted(rng.sample(wards[pcode], 16 if pcode in MOUNTAIN else 7), key=lambda w: int(w.code))
        for w in chosen:
            kind = str(w.division_type.value)
            name = w.name.split(" ", 1)[1] if kind != "đặc khu" else w.name.split(" ", 2)[2]
            hamlets = _hamlet_names(rng, pcode, kind, rng.randint(5, 12))
            streams = rng.sample(STREAMS_N if pcode in MOUNTAIN | DELTA else STREAMS_S, 2)
            out.append(Commune(code=f"{int(w.code):05d}", kind=kind, name=name, province=f"{pkind} {pname}",
                               province_code=pcode, hamlets=tuple(hamlets),
                               projects=tuple(_projects(rng, name, hamlets, f"{pkind} {pname}")),
                               streams=tuple(streams)))  # fmt: skip
    return out


COMMUNES: list[Commune] = _load_communes()
_BY_CODE = {c.code: c for c in COMMUNES}


def province_of(unit_code: str) -> str:
    """The province code of one of the corpus's communes (the scope the matcher looks in)."""
    return _BY_CODE[unit_code].province_code


# --- people ------------------------------------------------------------------------------------------

SURNAMES = (
    ("Nguyễn", 31), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 3), ("Phan", 4), ("Vũ", 4),
    ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1), ("Lý", 1), ("Đinh", 1),
    ("Trịnh", 1), ("Đào", 1), ("Mai", 1), ("Cao", 1), ("Lương", 1), ("Tạ", 1),
)  # fmt: skip
SURNAMES_MOUNTAIN = (
    ("Nông", 9), ("Hoàng", 9), ("Lương", 3), ("Ma", 3), ("Triệu", 4), ("Lục", 2), ("Bế", 3), ("Đàm", 3),
    ("Lộc", 2), ("Hà", 3), ("Mông", 2), ("Sầm", 1), ("Lò", 3), ("Vi", 2), ("Lành", 1), ("Chu", 2), ("Hứa", 2),
    ("Phùng", 1), ("Lường", 2), ("Giàng", 2), ("Sùng", 1), ("Vàng", 1), ("Thào", 1), ("Nguyễn", 6),
    ("Lâm", 2), ("Nịnh", 1), ("Đinh", 1), ("Mã", 1),
)  # fmt: skip
MIDDLE_M = [
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Hữu",
    "Minh",
    "Quang",
    "Xuân",
    "Ngọc",
    "Thanh",
    "Công",
    "Đình",
    "Trọng",
    "Tiến",
    "Mạnh",
    "Văn",
]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Phương", "Thị"]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Minh",
    "Thắng",
    "Hải",
    "Long",
    "Sơn",
    "Cường",
    "Hòa",
    "Bình",
    "Quân",
    "Thành",
    "Toàn",
    "Hưng",
    "Khánh",
    "Phúc",
    "Lâm",
    "Tài",
    "Đông",
    "Chiến",
    "Thuận",
    "Vinh",
    "Quý",
    "Nam",
    "Trường",
    "Lợi",
    "Pắng",
    "Khìn",
    "Sáng",
    "Thọ",
    "Nghĩa",
    "Tâm",
    "Quyết",
    "Lực",
    "Đạt",
    "Huy",
    "Tùng",
    "Kiên",
    "Phong",
    "Chung",
]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Mai",
    "Huệ",
    "Nga",
    "Hạnh",
    "Thu",
    "Hằng",
    "Dung",
    "Liên",
    "Thảo",
    "Yến",
    "Loan",
    "Nhung",
    "Phương",
    "Hà",
    "Vân",
    "Tuyết",
    "Xuân",
    "Duyên",
    "Thơm",
    "Lụa",
    "Mến",
    "Nhài",
    "Dịu",
    "Chiêm",
    "Nguyệt",
    "Oanh",
    "Hiền",
    "Quyên",
    "Trang",
    "Thủy",
    "Ngân",
]
COMPANY = [
    "Phú",
    "Hưng",
    "Đại",
    "Thành",
    "Hoàng",
    "Long",
    "Minh",
    "Phát",
    "An",
    "Khang",
    "Tân",
    "Tiến",
    "Việt",
    "Bắc",
    "Trường",
    "Sơn",
    "Hưng",
    "Thịnh",
    "Thành",
    "Đạt",
    "Bắc",
    "Sơn",
    "Đông",
    "Á",
    "Phúc",
    "Lộc",
    "Kim",
    "Long",
    "Thái",
    "Bình",
    "Dương",
    "Hải",
    "Nam",
    "Gia",
    "Huy",
    "Quang",
    "Minh",
    "Toàn",
    "Cầu",
    "Sao",
    "Việt",
]


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in table)
    roll = rng.random() * total
    for value, weight in table:
        roll -= weight
        if roll < 0:
            return value
    return table[-1][0]


def person_name(rng: random.Random, province: str, female: bool | None = None) -> tuple[str, bool]:
    female = rng.random() < 0.42 if female is None else female
    surname = _weighted(rng, SURNAMES_MOUNTAIN if province in MOUNTAIN and rng.random() < 0.85 else SURNAMES)
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    if female and middle == "Thị" and rng.random() < 0.2:  # Nguyễn Thị Thu Hà
        middle = f"Thị {rng.choice(['Thu', 'Ngọc', 'Thanh', 'Kim', 'Minh', 'Hồng', 'Phương', 'Mai', 'Bích'])}"
    return f"{surname} {middle} {given}", female


def titled(rng: random.Random, province: str) -> str:
    """ "ông Nông Văn Pắng", "bà Hoàng Thị Hoa"."""
    name, female = person_name(rng, province)
    return f"{'bà' if female else 'ông'} {name}"


def id_number(rng: random.Random, province: str, born: int, female: bool) -> str:
    """A 12-digit citizen ID: the province of birth (3 digits), sex and century, the year, six digits."""
    century = (0 if born < 2000 else 2) + (1 if female else 0)
    return f"{int(province):03d}{century}{born % 100:02d}{rng.randrange(10**6):06d}"


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float) -> str:
    whole, _, dec = f"{x:.1f}".partition(".")
    return vn(int(whole)) + ("" if dec == "0" else "," + dec)


def money(x: int, r: random.Random) -> str:
    """An amount as letters write it: 2.293.180.000 đồng, 2.293.180.000đ, 2,29 tỷ đồng, 540 nghìn đồng."""
    roll = r.random()
    if roll < 0.6:
        return f"{vn(x)} đồng"
    if roll < 0.75:
        return f"{vn(x)}đ"
    if x >= 10**9:
        return f"{x / 10**9:.2f}".replace(".", ",") + " tỷ đồng"
    if x >= 10**6:
        return f"{vn_dec(x / 10**6)} triệu đồng"
    return f"{x // 1000} nghìn đồng"


def area_text(x: float, r: random.Random) -> str:
    """An area: 1.957,3 m², 1957,3 m2, 1.957,3 mét vuông."""
    number = vn_dec(x) if r.random() < 0.75 else vn_dec(x).replace(".", "")
    return f"{number} {_s(r, 'm2', 'm²', 'm²', 'mét vuông')}"


def day_text(d: datetime.date, r: random.Random) -> str:
    roll = r.random()
    if roll < 0.5:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if roll < 0.75:
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day} tháng {d.month} năm {d.year}"


# --- matters -------------------------------------------------------------------------------------------


def _person(rng: random.Random, commune: Commune, hamlet: str, named: bool = True) -> dict[str, Any]:
    name, female = person_name(rng, commune.province_code)
    born = rng.randint(1940, 2001)
    return {
        "name": name if named else "",
        "female": female,
        "born": born,
        "id": id_number(rng, commune.province_code, born, female) if named and rng.random() < 0.5 else "",
        "hamlet": hamlet,
        "address": f"{hamlet}, {commune.label}, {commune.province}",
        "collective": 0,
    }


def _before(rng: random.Random, day: datetime.date, low: int, high: int) -> datetime.date:
    return day - datetime.timedelta(days=rng.randint(low, high))


def new_matter(rng: random.Random, commune: Commune, hamlet: str, topic: str, day: datetime.date) -> dict[str, Any]:
    """A matter's specifics: what every letter about it names, whoever writes it."""
    m: dict[str, Any] = {"topic": topic, "commune": commune.code, "hamlet": hamlet, "day": day}
    prov = commune.province_code
    other = [h for h in commune.hamlets if h != hamlet] or [hamlet]
    if topic == "land":
        m |= {
            "kind": rng.choice(["tranh chấp", "tranh chấp", "lấn chiếm", "cấp giấy"]),
            "plot": rng.randint(12, 1480), "sheet": rng.randint(1, 64),
            "area": round(rng.uniform(60, 4200), 1),
            "land": rng.choice(["đất ở", "đất ở nông thôn", "đất trồng cây lâu năm", "đất trồng lúa",
                                "đất rừng sản xuất", "đất vườn", "đất nương rẫy"]),
            "cert": f"{rng.choice(['BĐ', 'CĐ', 'BY', 'CS', 'AK', 'DA', 'BX'])} {rng.randrange(10**6):06d}",
            "cert_year": rng.randint(1996, 2021),
            "other": titled(rng, prov),
            "relation": rng.choice(["hộ liền kề", "hộ giáp ranh", "em ruột của tôi", "hàng xóm", "người cùng thôn"]),
            "act": rng.choice(["xây tường rào lấn sang", "dựng nhà tạm lấn sang", "cày xới, trồng cây keo lấn sang",
                               "san ủi, đổ đất lấn sang", "rào chắn lối đi chung lấn sang", "trồng quế lấn sang"]),
            "depth": round(rng.uniform(0.6, 6.5), 1),
            "origin": rng.choice(["do bố mẹ tôi khai phá từ năm {y}", "nhận chuyển nhượng của ông {p} năm {y}",
                                  "được Nhà nước giao năm {y}", "do ông bà để lại, gia đình sử dụng ổn định từ năm {y}"]
                                 ).format(y=rng.randint(1975, 2005), p=person_name(rng, prov)[0]),
            "event": _before(rng, day, 20, 400),
        }  # fmt: skip
    elif topic == "gpmb":
        m |= {
            "project": rng.choice(commune.projects),
            "plot": rng.randint(12, 1480), "sheet": rng.randint(1, 64),
            "area": round(rng.uniform(40, 3800), 1),
            "decision": f"{rng.randint(120, 4800)}/QĐ-UBND",
            "decision_day": _before(rng, day, 60, 500),
            "price": rng.choice([45, 60, 72, 85, 110, 150, 240, 380, 650, 1200, 2400]) * 1000,
            "wanted": 0,
            "amount": rng.randint(40, 2600) * 1_000_000 + rng.randint(0, 99) * 10_000,
            "trees": f"{rng.randint(12, 480)} cây {rng.choice(['quế', 'keo', 'hồi', 'bưởi', 'cam', 'vải', 'chè', 'mít', 'điều', 'cà phê'])}",
            "grievance": rng.choice(["price", "resettle", "count", "outside", "unpaid"]),
            "house": rng.random() < 0.4,
        }  # fmt: skip
        m["wanted"] = m["price"] * rng.choice([2, 3, 4])
    elif topic == "env":
        owner = titled(rng, prov)
        comp = f"{rng.choice(['Công ty TNHH', 'Công ty cổ phần', 'Hợp tác xã'])} {rng.choice(COMPANY)} {rng.choice(COMPANY)}"
        m |= {
            "facility": rng.choice([
                f"xưởng chế biến gỗ của {owner}", f"trại chăn nuôi lợn của {comp}", "bãi rác thải tập trung của xã",
                f"xưởng sản xuất gạch của {comp}", f"cơ sở chế biến tinh bột dong riềng của {owner}",
                f"mỏ khai thác đá của {comp}", f"cơ sở thu mua phế liệu của {owner}",
                f"xưởng xẻ gỗ, bóc gỗ keo của {owner}", f"trại gà của {comp}", f"nhà máy chế biến nông sản của {comp}",
            ]),
            "harm": rng.sample(["nước thải", "mùi hôi", "khói bụi", "tiếng ồn", "ruồi muỗi"], 2),
            "discharge": rng.random() < 0.6,
            "stream": rng.choice(commune.streams),
            "since": _before(rng, day, 40, 900),
            "households": rng.randint(8, 140),
            "effect": rng.choice(["cá chết hàng loạt", "nước giếng bị đục, có mùi", "nhiều trẻ em bị ho, viêm họng",
                                  "lúa và hoa màu bị chết", "không thể mở cửa sinh hoạt", "người già mất ngủ"]),
        }  # fmt: skip
    elif topic == "social":
        m |= {
            "policy": rng.choice(["poor", "poor", "elderly", "disabled", "bhyt", "martyr", "house", "flood"]),
            "who": person_name(rng, prov)[0],
            "who_rel": rng.choice(["mẹ tôi", "bố tôi", "con tôi", "bản thân tôi", "vợ tôi", "ông nội tôi"]),
            "who_born": rng.randint(1925, 1965),
            "year": day.year if day.month > 3 else day.year - 1,  # the last review of the lists
            "asked": _before(rng, day, 20, 300),
            "monthly": rng.choice([360_000, 500_000, 540_000, 720_000, 1_080_000, 2_055_000]),
            "card": f"{rng.choice(['HN', 'DT', 'TE', 'CN', 'BT', 'KC'])}{rng.randint(1, 4)}{int(prov):02d}{rng.randrange(10**10):010d}",
            "martyr_year": rng.randint(1965, 1989),
            "martyr_place": rng.choice(["mặt trận Vị Xuyên", "biên giới phía Bắc", "chiến trường miền Nam",
                                        "Campuchia", "Quảng Trị", "Tây Nguyên"]),
            "house_amount": rng.choice([40, 50, 60, 80]) * 1_000_000,
            "flood_day": _before(rng, day, 20, 300),
        }  # fmt: skip
        if m["policy"] == "martyr":
            m["who_rel"] = rng.choice(["bố tôi", "ông nội tôi", "anh trai tôi", "bác ruột tôi"])
        elif m["policy"] == "disabled":
            m["who_rel"] = rng.choice(["con tôi", "con trai tôi", "con gái tôi", "bản thân tôi", "em trai tôi"])
            m["who_born"] = rng.randint(1960, 2019)
        elif m["policy"] == "elderly":
            m["who_rel"] = rng.choice(["mẹ tôi", "bố tôi", "bản thân tôi", "bà nội tôi"])
            m["who_born"] = rng.randint(1925, 1946)
        female = {"mẹ tôi": True, "vợ tôi": True, "bà nội tôi": True, "con gái tôi": True, "bố tôi": False,
                  "ông nội tôi": False, "anh trai tôi": False, "bác ruột tôi": False, "con trai tôi": False,
                  "em trai tôi": False}.get(m["who_rel"])  # fmt: skip
        m["who"] = person_name(rng, prov, female)[0]
    elif topic == "conduct":
        m |= {
            "official": titled(rng, prov),
            "role": rng.choice(["cán bộ địa chính – xây dựng xã", "công chức tư pháp – hộ tịch xã",
                                f"trưởng {hamlet}", "Phó Chủ tịch UBND xã", "công chức văn hóa – xã hội xã",
                                "cán bộ bộ phận một cửa của xã", "Trưởng Công an xã", "kế toán xã"]),
            "procedure": rng.choice(["đăng ký biến động đất đai", "làm thủ tục cấp GCNQSDĐ", "đăng ký khai sinh cho cháu",
                                     "chứng thực hợp đồng chuyển nhượng", "xác nhận hồ sơ vay vốn ngân hàng",
                                     "xin giấy phép xây dựng nhà ở", "xét duyệt hồ sơ hộ nghèo", "tách thửa đất"]),
            "act": rng.choice(["demand", "rude", "delay", "fee", "favour"]),
            "money": rng.choice([500, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000]) * 1000,
            "event": _before(rng, day, 5, 200),
            "witness": titled(rng, prov),
        }  # fmt: skip
    else:  # infra
        m |= {
            "object": rng.choice(["road", "road", "bridge", "power", "canal", "water", "culvert"]),
            "from": hamlet, "to": rng.choice(other),
            "km": round(rng.uniform(0.8, 9.5), 1),
            "problem": rng.choice(["worn", "landslide", "unfinished", "quality"]),
            "flood": _before(rng, day, 15, 300),
            "built": rng.randint(2008, 2024),
            "contractor": f"{rng.choice(['Công ty TNHH', 'Công ty cổ phần'])} xây dựng {rng.choice(COMPANY)} {rng.choice(COMPANY)}",
            "households": rng.randint(20, 320),
            "pupils": rng.randint(12, 160),
        }  # fmt: skip
    m["kind_doc"] = {
        "land": rng.choice(
            ["ĐƠN ĐỀ NGHỊ", "ĐƠN ĐỀ NGHỊ GIẢI QUYẾT TRANH CHẤP ĐẤT ĐAI", "ĐƠN KHIẾU NẠI", "ĐƠN KIẾN NGHỊ"]
        ),
        "gpmb": rng.choice(["ĐƠN KHIẾU NẠI", "ĐƠN KIẾN NGHỊ", "ĐƠN ĐỀ NGHỊ"]),
        "env": rng.choice(["ĐƠN PHẢN ÁNH", "ĐƠN KIẾN NGHỊ", "ĐƠN ĐỀ NGHỊ"]),
        "social": rng.choice(["ĐƠN ĐỀ NGHỊ", "ĐƠN KIẾN NGHỊ", "ĐƠN XIN XEM XÉT"]),
        "conduct": rng.choice(["ĐƠN TỐ CÁO", "ĐƠN PHẢN ÁNH", "ĐƠN TỐ CÁO"]),
        "infra": rng.choice(["ĐƠN KIẾN NGHỊ", "ĐƠN ĐỀ NGHỊ", "ĐƠN PHẢN ÁNH"]),
    }[topic]
    return m


# --- the words of a letter -------------------------------------------------------------------------------


class Voice:
    """Who speaks in a letter: one person (tôi, gia đình tôi) or many households (chúng tôi)."""

    def __init__(self, w: dict[str, Any], r: random.Random) -> None:
        self.many = bool(w["collective"])
        self.i = "chúng tôi" if self.many else "tôi"
        self.I = self.i.capitalize()
        fam = r.choice(["gia đình tôi", "gia đình tôi", "hộ gia đình tôi", "nhà tôi"])
        self.fam = "các hộ gia đình chúng tôi" if self.many else fam
        self.Fam = self.fam[0].upper() + self.fam[1:]


def _s(r: random.Random, *options: str) -> str:
    return r.choice(options)


def body_land(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    plot = _s(r, f"thửa đất số {m['plot']}, tờ bản đồ số {m['sheet']}", f"thửa số {m['plot']} tờ bản đồ {m['sheet']}",
              f"thửa đất số {m['plot']} thuộc tờ bản đồ địa chính số {m['sheet']}")  # fmt: skip
    area = area_text(m["area"], r)
    cert = _s(r, f"Giấy chứng nhận quyền sử dụng đất số {m['cert']}", f"GCNQSDĐ số {m['cert']}",
              f"sổ đỏ số {m['cert']}", f"giấy chứng nhận QSDĐ số {m['cert']}")  # fmt: skip
    other = _s(r, m["other"], m["other"], f"hộ {m['other']}")
    event = day_text(m["event"], r)
    out = [
        (_s(r, f"{v.Fam} đang quản lý, sử dụng {plot}, diện tích {area}, mục đích sử dụng: {m['land']}, tại {m['hamlet']}, {c.label}.",
            f"{v.Fam} có {plot} với diện tích {area} ({m['land']}) ở {m['hamlet']}.",
            f"Thửa đất của {v.fam} là {plot}, tổng diện tích {area}, mục đích sử dụng {m['land']}, địa chỉ {m['hamlet']}, {c.label}."), True),
        (_s(r, f"Nguồn gốc thửa đất {m['origin']}.", f"Thửa đất này có nguồn gốc {m['origin']}.",
            f"Đất {m['origin']}, không có tranh chấp với ai."), False),
        (_s(r, f"Năm {m['cert_year']}, {v.fam} đã được UBND huyện cấp {cert}.",
            f"Thửa đất đã được cấp {cert} vào năm {m['cert_year']}.",
            f"{v.Fam} đã được Nhà nước cấp {cert} từ năm {m['cert_year']} đứng tên chủ hộ."), True),
    ]  # fmt: skip
    if m["kind"] == "cấp giấy":
        out.pop()  # no certificate yet: that is the matter
        out.append((_s(r, f"Từ năm {m['cert_year']} đến nay, {v.fam} đã nhiều lần nộp hồ sơ đề nghị cấp giấy chứng nhận nhưng cán bộ địa chính xã không giải quyết với lý do {other} có ý kiến.",
                       f"{v.Fam} nộp hồ sơ xin cấp GCNQSDĐ cho thửa đất trên từ năm {m['cert_year']} mà đến nay vẫn chưa được cấp, xã trả lời là đất đang có tranh chấp với {other}."), True))  # fmt: skip
    else:
        out.append((_s(r, f"Ngày {event}, {other} ({m['relation']}) đã tự ý {m['act']} phần đất của {v.fam} khoảng {vn_dec(m['depth'])} m.",
                       f"Khoảng ngày {event}, {other} là {m['relation']} tự ý {m['act']} đất nhà tôi chiều sâu {vn_dec(m['depth'])} m, chạy dọc theo ranh giới thửa đất.",
                       f"Vào ngày {event}, {other} đã {m['act']} thửa đất nói trên khoảng {vn_dec(m['depth'])} mét mà không được sự đồng ý của {v.fam}."), True))  # fmt: skip
        out.append((_s(r, f"{v.I} đã gặp {other} để nói chuyện nhưng {other} không chịu dừng lại mà còn có lời lẽ thách thức.",
                       f"Khi {v.i} ra ngăn cản thì {other} cho rằng phần đất đó là của mình.",
                       f"Mặc dù {v.i} đã nhiều lần yêu cầu trả lại đất nhưng {other} vẫn cố tình chiếm giữ."), False))  # fmt: skip
    out.append((_s(r, f"Trưởng {m['hamlet']} đã tổ chức hòa giải nhưng không thành.",
                   f"Sự việc đã được thôn và UBND xã tổ chức hòa giải ngày {day_text(m['event'] + datetime.timedelta(days=12), r)} nhưng hai bên không thống nhất.",
                   "Tổ hòa giải cơ sở đã hòa giải một lần nhưng không có kết quả."), False))  # fmt: skip
    ask = _s(r, f"đề nghị UBND {c.label} kiểm tra, đo đạc lại {plot}, buộc {other} trả lại phần đất đã lấn chiếm",
             f"kính đề nghị các cơ quan chức năng xem xét, giải quyết dứt điểm việc tranh chấp tại {plot}",
             f"đề nghị cơ quan có thẩm quyền xác minh, giải quyết để bảo vệ quyền lợi hợp pháp của {v.fam} đối với thửa đất số {m['plot']}")  # fmt: skip
    if m["kind"] == "cấp giấy":
        ask = _s(r, f"đề nghị UBND xã xem xét, hoàn thiện hồ sơ cấp GCNQSDĐ cho {v.fam} đối với {plot}",
                 f"kính đề nghị cấp có thẩm quyền chỉ đạo cấp giấy chứng nhận quyền sử dụng đất thửa số {m['plot']} cho {v.fam}")  # fmt: skip
    out.append((f"Vậy {v.i} {ask}.", True))
    return out


def body_gpmb(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    proj = m["project"]
    dec = _s(r, f"Quyết định số {m['decision']} ngày {day_text(m['decision_day'], r)}", f"Quyết định {m['decision']}",
             f"QĐ số {m['decision']} ngày {day_text(m['decision_day'], r)}")  # fmt: skip
    price = _s(r, vn(m["price"]), vn(m["price"]), f"{m['price'] // 1000} nghìn")
    wanted = _s(r, vn(m["wanted"]), vn(m["wanted"]), f"{m['wanted'] // 1000} nghìn")
    out: list[tuple[str, bool]] = []
    shared = v.many or m.get("crowd", False)  # a crowd writes about the project's price, not one plot
    if shared:
        out.append((_s(r, f"{v.Fam} là {'các hộ' if v.many else 'một trong các hộ'} có đất bị thu hồi để thực hiện {proj} tại {m['hamlet']}, {c.label}.",
                       f"Thực hiện {proj}, nhiều hộ dân {m['hamlet']} trong đó có {v.fam} bị thu hồi đất sản xuất."), True))  # fmt: skip
    else:
        out.append((_s(r, f"{v.Fam} có thửa đất số {m['plot']}, tờ bản đồ số {m['sheet']}, diện tích {area_text(m['area'], r)} bị thu hồi để thực hiện {proj}.",
                       f"Để thực hiện {proj}, Nhà nước thu hồi của {v.fam} {area_text(m['area'], r)} đất tại thửa số {m['plot']}, tờ bản đồ số {m['sheet']}, {m['hamlet']}.",
                       f"Thửa đất số {m['plot']} tờ bản đồ số {m['sheet']} của {v.fam} ở {m['hamlet']} nằm trong phạm vi GPMB {proj}, diện tích bị thu hồi là {area_text(m['area'], r)}."), True))  # fmt: skip
    out.append((_s(r, f"Theo {dec} của UBND tỉnh về việc phê duyệt phương án bồi thường, hỗ trợ, tái định cư, đơn giá bồi thường đất là {price} đồng/m2.",
                   f"Phương án bồi thường được phê duyệt tại {dec} áp đơn giá {price} đồng/m².",
                   f"Căn cứ {dec}, {v.fam} chỉ được bồi thường với giá {price} đồng một mét vuông."), True))  # fmt: skip
    if not shared:
        out.append((_s(r, f"Tổng số tiền bồi thường, hỗ trợ {v.fam} được nhận là {money(m['amount'], r)}.",
                       f"Số tiền {v.fam} được phê duyệt là {money(m['amount'], r)}, quá thấp so với thiệt hại thực tế.",
                       f"Tổng giá trị bồi thường là {money(m['amount'], r)}."), m["grievance"] in ("price", "unpaid")))  # fmt: skip
    g = m["grievance"]
    if g == "price" or shared:
        out.append((_s(r, f"Mức giá này thấp hơn nhiều so với giá chuyển nhượng thực tế tại địa phương, khoảng {wanted} đồng/m2.",
                       f"Đơn giá trên không sát với giá thị trường, trong khi đất cùng vị trí đang được mua bán khoảng {wanted} đồng/m².",
                       f"{v.I} thấy đơn giá bồi thường quá thấp, không đúng giá thị trường (khoảng {wanted} đồng/m²)."), True))  # fmt: skip
    elif g == "resettle":
        out.append((_s(r, f"{v.Fam} bị thu hồi {'toàn bộ đất ở và nhà ở' if m['house'] else 'phần lớn đất sản xuất'} nhưng đến nay chưa được bố trí tái định cư.",
                       f"Sau khi bàn giao mặt bằng, {v.fam} vẫn chưa được giao lô đất TĐC, phải đi ở nhờ nhà người thân."), True))  # fmt: skip
    elif g == "count":
        out.append((_s(r, f"Khi kiểm đếm, tổ công tác GPMB đã bỏ sót {m['trees']} và {'chuồng trại, giếng nước' if m['house'] else 'hệ thống mương tưới'} của {v.fam}.",
                       f"Biên bản kiểm đếm không ghi đủ tài sản trên đất, thiếu {m['trees']}."), True))  # fmt: skip
    elif g == "outside":
        out.append((_s(r, f"Phần diện tích bị thu hồi của {v.fam} nằm ngoài chỉ giới của dự án nhưng vẫn bị san gạt.",
                       f"Đơn vị thi công đã san ủi cả phần đất ngoài mốc giới giải phóng mặt bằng của {v.fam}, làm mất {m['trees']}."), True))  # fmt: skip
    else:
        out.append((_s(r, f"Đã bàn giao mặt bằng từ ngày {day_text(m['decision_day'] + datetime.timedelta(days=40), r)} nhưng đến nay {v.fam} vẫn chưa nhận được tiền bồi thường.",
                       f"{v.Fam} đã giao đất cho dự án nhưng Ban quản lý dự án chưa chi trả số tiền bồi thường, hỗ trợ."), True))  # fmt: skip
    out.append((_s(r, f"{v.I} đã có ý kiến tại buổi họp dân ở nhà văn hóa {m['hamlet']} nhưng chưa được trả lời.",
                   f"Việc thu hồi đất làm cho {v.fam} mất nguồn thu nhập chính, cuộc sống gặp rất nhiều khó khăn.",
                   f"{v.Fam} luôn chấp hành chủ trương của Nhà nước, nhưng việc bồi thường như vậy là chưa thỏa đáng."), False))  # fmt: skip
    ask = {
        "price": f"xem xét lại đơn giá bồi thường {proj} cho phù hợp với giá thị trường",
        "resettle": "bố trí tái định cư cho " + v.fam + f" theo quy định khi thu hồi đất thực hiện {proj}",
        "count": f"tổ chức kiểm đếm bổ sung tài sản trên thửa đất số {m['plot']} và bồi thường đầy đủ",
        "outside": f"kiểm tra lại mốc giới, bồi thường phần diện tích bị san ủi ngoài chỉ giới {proj}",
        "unpaid": f"chỉ đạo chi trả dứt điểm tiền bồi thường {money(m['amount'], r)} cho {v.fam}",
    }["price" if shared else g]
    out.append((_s(r, f"Vậy {v.i} kính đề nghị {ask}.", f"{v.I} đề nghị các cấp có thẩm quyền {ask}.",
                   f"Kính mong lãnh đạo quan tâm, {ask}."), True))  # fmt: skip
    return out


def body_env(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    h1, h2 = m["harm"]
    since = _s(
        r,
        f"từ tháng {m['since'].month}/{m['since'].year}",
        f"từ năm {m['since'].year}",
        f"khoảng {m['since'].month}/{m['since'].year}",
    )
    return [
        (_s(r, f"{since.capitalize()}, {m['facility']} hoạt động tại {m['hamlet']} đã gây ô nhiễm môi trường nghiêm trọng.",
            f"Tại {m['hamlet']}, {c.label} có {m['facility']} hoạt động {since}, gây ô nhiễm kéo dài.",
            f"{v.I} xin phản ánh việc {m['facility']} ở {m['hamlet']} gây ô nhiễm môi trường {since} đến nay."), True),
        (_s(r, f"Cơ sở gây {h1}, {h2}, ảnh hưởng đến khoảng {m['households']} hộ dân{' và xả nước thải ra ' + m['stream'] if m['discharge'] else ''}.",
            f"{h1.capitalize()} và {h2} từ cơ sở này ảnh hưởng trực tiếp đến đời sống của {m['households']} hộ xung quanh, nhất là khu vực ven {m['stream']}.",
            f"Khoảng {m['households']} hộ gia đình phải chịu {h1}, {h2}" + (f"; {m['stream']} bị ô nhiễm nặng." if m["discharge"] else ".")), True),
        (_s(r, f"Hậu quả là {m['effect']}.", f"Tình trạng này làm {m['effect']}.", f"Người dân rất bức xúc vì {m['effect']}."), False),
        (_s(r, "Người dân đã nhiều lần phản ánh tại các buổi họp thôn nhưng tình trạng vẫn không được khắc phục.",
            "Chính quyền xã đã xuống kiểm tra một lần nhưng sau đó cơ sở vẫn tiếp tục hoạt động như cũ.",
            f"{v.I} đã báo với trưởng thôn nhiều lần mà chưa có biện pháp xử lý."), False),
        (_s(r, f"Vậy {v.i} đề nghị cơ quan chức năng kiểm tra, xử lý nghiêm {m['facility']}, buộc khắc phục ô nhiễm hoặc di dời ra khỏi khu dân cư.",
            f"{v.I} kính đề nghị UBND xã và các ngành chức năng kiểm tra, xử phạt và đình chỉ hoạt động {m['facility']} nếu không bảo đảm môi trường.",
            f"Kính đề nghị lãnh đạo chỉ đạo kiểm tra việc xả thải của {m['facility']}, trả lại môi trường sống trong lành cho nhân dân {m['hamlet']}."), True),
    ]  # fmt: skip


def body_social(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    p, who, rel = m["policy"], m["who"], m["who_rel"]
    person = f"{rel} là {who}, sinh năm {m['who_born']}" if rel != "bản thân tôi" else f"tôi, sinh năm {m['who_born']}"
    year = m["year"]
    if p == "poor":
        first = _s(r, f"{v.Fam} thuộc diện hộ nghèo của {m['hamlet']} nhiều năm nay, chủ hộ là {who}.",
                   f"Hộ {who} ở {m['hamlet']} là hộ nghèo từ năm {year - 4}, hoàn cảnh rất khó khăn.")  # fmt: skip
        issue = _s(r, f"Trong đợt rà soát hộ nghèo, hộ cận nghèo năm {year}, {v.fam} bị đưa ra khỏi danh sách hộ nghèo mà không được thông báo lý do.",
                   f"Kết quả rà soát năm {year} của {m['hamlet']} không đưa {v.fam} vào danh sách hộ nghèo, trong khi một số hộ có điều kiện hơn lại được bình xét.",
                   f"Năm {year}, ban rà soát thôn chấm điểm không đúng thực tế nên {v.fam} không còn trong danh sách hộ nghèo.")  # fmt: skip
        ask = f"xem xét, rà soát lại và đưa {v.fam} vào danh sách hộ nghèo năm {year}"
    elif p == "elderly":
        first = f"{person}, hiện sống tại {m['hamlet']}."
        issue = _s(r, f"{who} đã đủ tuổi và thuộc diện hưởng trợ cấp xã hội hằng tháng nhưng đến nay chưa được hưởng.",
                   f"Hồ sơ đề nghị trợ cấp người cao tuổi của {who} đã nộp từ năm {year - 1} nhưng chưa được giải quyết.")  # fmt: skip
        ask = f"giải quyết chế độ trợ cấp hằng tháng {money(m['monthly'], r)} cho {who} theo quy định"
    elif p == "disabled":
        first = f"{person}, bị khuyết tật {r.choice(['vận động', 'trí tuệ', 'nghe, nói'])} mức độ nặng."
        issue = _s(r, f"Từ tháng {m['asked'].month}/{m['asked'].year}, {who} bị cắt trợ cấp người khuyết tật mức {money(m['monthly'], r)}/tháng mà không rõ lý do.",
                   f"Hội đồng xác định mức độ khuyết tật của xã xác định {who} ở mức nhẹ là không đúng, nên {who} không được hưởng trợ cấp {money(m['monthly'], r)}/tháng.")  # fmt: skip
        ask = f"xác định lại mức độ khuyết tật và khôi phục trợ cấp cho {who}"
    elif p == "bhyt":
        first = f"{person}, thuộc diện được Nhà nước cấp thẻ bảo hiểm y tế."
        issue = _s(r, f"Thẻ BHYT số {m['card']} của {who} hết hạn từ tháng {m['asked'].month}/{m['asked'].year} nhưng không được cấp lại.",
                   f"Năm {year}, {who} không được cấp thẻ bảo hiểm y tế (thẻ cũ số {m['card']}), khi đi khám bệnh phải tự chi trả toàn bộ.")  # fmt: skip
        ask = f"cấp lại thẻ bảo hiểm y tế cho {who}"
    elif p == "martyr":
        first = f"{rel.capitalize() if rel != 'bản thân tôi' else 'Bố tôi'} là liệt sĩ {who}, hy sinh năm {m['martyr_year']} tại {m['martyr_place']}."
        issue = _s(r, f"Gia đình đã làm hồ sơ đề nghị giải quyết chế độ thờ cúng liệt sĩ {who} từ năm {year - 1} nhưng đến nay chưa có kết quả.",
                   f"Chế độ trợ cấp thờ cúng liệt sĩ {who} chưa được chi trả, hồ sơ bị trả lại nhiều lần vì thiếu giấy tờ.")  # fmt: skip
        ask = f"xem xét giải quyết chế độ chính sách đối với thân nhân liệt sĩ {who}"
    elif p == "house":
        first = f"{v.Fam} là hộ nghèo ở {m['hamlet']}, nhà ở tạm bợ, dột nát, chủ hộ là {who}."
        issue = _s(r, f"Năm {year}, {v.fam} có tên trong danh sách được hỗ trợ xóa nhà tạm với số tiền {money(m['house_amount'], r)} nhưng đến nay chưa được nhận.",
                   f"Theo chương trình xóa nhà tạm, nhà dột nát, {v.fam} được duyệt hỗ trợ {money(m['house_amount'], r)} nhưng xã chưa giải ngân.")  # fmt: skip
        ask = f"chỉ đạo giải ngân khoản hỗ trợ {money(m['house_amount'], r)} làm nhà cho {v.fam}"
    else:
        first = f"Ngày {day_text(m['flood_day'], r)}, mưa lũ lớn làm {r.choice(['sập hoàn toàn', 'hư hỏng nặng', 'cuốn trôi'])} nhà ở của {v.fam} tại {m['hamlet']}, chủ hộ là {who}."
        issue = _s(r, f"Đến nay {v.fam} vẫn chưa nhận được khoản hỗ trợ khắc phục hậu quả thiên tai nào.",
                   f"Trong khi các hộ khác đã được hỗ trợ thì {v.fam} chưa có tên trong danh sách.")  # fmt: skip
        ask = f"xem xét hỗ trợ {v.fam} khắc phục hậu quả mưa lũ ngày {day_text(m['flood_day'], r)}"
    return [
        (first, True),
        (issue, True),
        (_s(r, f"{v.I} đã hỏi cán bộ chính sách xã nhiều lần nhưng chỉ được trả lời là chờ cấp trên.",
            f"Hoàn cảnh {v.fam} hiện rất khó khăn, không có nguồn thu nhập ổn định.",
            f"{v.I} đã gửi đơn đến UBND {c.label} từ tháng {m['asked'].month}/{m['asked'].year} nhưng chưa được trả lời."), False),
        (_s(r, f"Vậy {v.i} kính đề nghị {ask}.", f"{v.I} đề nghị các cấp có thẩm quyền {ask}.",
            f"Kính mong UBND {c.label} quan tâm {ask}."), True),
    ]  # fmt: skip


def body_conduct(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    off = _s(r, m["official"], m["official"], f"đồng chí {m['official'].split(' ', 1)[1]}")
    role, proc = m["role"], m["procedure"]
    event, cash = day_text(m["event"], r), money(m["money"], r)
    act = {
        "demand": _s(r, f"{off} yêu cầu {v.i} phải đưa {cash} thì mới giải quyết hồ sơ.",
                     f"{off} gợi ý {v.i} \"bồi dưỡng\" {cash}, nếu không thì hồ sơ sẽ bị kéo dài."),
        "rude": _s(r, f"{off} có thái độ hách dịch, quát mắng và xé hồ sơ của {v.i} trước mặt nhiều người.",
                   f"{off} không hướng dẫn mà còn to tiếng, có lời lẽ xúc phạm {v.i} ngay tại trụ sở UBND xã."),
        "delay": _s(r, f"{off} hẹn {v.i} nhiều lần, mỗi lần một lý do, đã quá thời hạn giải quyết hơn {r.randint(2, 8)} tháng.",
                    f"Hồ sơ của {v.i} đã nộp đầy đủ nhưng {off} cố tình gây khó khăn, bắt bổ sung nhiều giấy tờ không cần thiết."),
        "fee": _s(r, f"{off} thu của mỗi hộ {cash} không có biên lai, không rõ mục đích.",
                  f"{off} tự đặt ra khoản thu {cash}/hộ mà không thông qua cuộc họp thôn."),
        "favour": _s(r, f"{off} lợi dụng chức vụ để đưa người thân vào danh sách được hỗ trợ, trong khi nhiều hộ khó khăn không được xét.",
                     f"{off} đã ưu ái cho người nhà khi {proc}, không công khai, minh bạch."),
    }[m["act"]]  # fmt: skip
    return [
        (_s(r, f"{v.I} xin phản ánh về việc làm sai trái của {off}, {role}, {c.label}.",
            f"{v.I} làm đơn này tố cáo hành vi của {off}, hiện là {role}.",
            f"Người bị phản ánh: {off}, chức vụ {role}, {c.label}, {c.province}."), True),
        (_s(r, f"Ngày {event}, {v.i} đến UBND xã để {proc}.", f"Vào ngày {event}, khi {v.i} liên hệ {proc}, sự việc xảy ra như sau.",
            f"Khoảng ngày {event}, {v.fam} có nhu cầu {proc}."), True),
        (act, True),
        (_s(r, f"Sự việc có {m['witness']} ở cùng {m['hamlet']} chứng kiến.", f"Người làm chứng là {m['witness']}.",
            "Nhiều người dân đến làm thủ tục hôm đó đều biết sự việc."), False),
        (_s(r, "Hành vi trên gây bức xúc trong nhân dân, làm giảm lòng tin vào chính quyền cơ sở.",
            "Việc làm này vi phạm quy định về văn hóa công vụ và đạo đức cán bộ, công chức."), False),
        (_s(r, f"Vậy {v.i} đề nghị cấp có thẩm quyền xác minh, xử lý nghiêm {off} theo quy định của pháp luật.",
            f"{v.I} kính đề nghị lãnh đạo kiểm tra, làm rõ và xử lý kỷ luật {off}, {role}.",
            f"Đề nghị UBND xã và Ủy ban kiểm tra Đảng ủy xã xem xét trách nhiệm của {off}."), True),
    ]  # fmt: skip


def body_infra(m: dict[str, Any], v: Voice, r: random.Random, c: Commune) -> list[tuple[str, bool]]:
    a, b, km = m["from"], m["to"], vn_dec(m["km"])
    obj = {
        "road": _s(r, f"tuyến đường liên thôn từ {a} đi {b} dài khoảng {km} km", f"đường từ {a} đến {b} (khoảng {km} km)"),
        "bridge": _s(r, f"cầu treo {a} bắc qua {m['to']}", f"cây cầu treo ở {a} nối sang {b}"),
        "power": _s(r, f"đường điện hạ thế cấp điện cho {a}", f"lưới điện sinh hoạt của {a}"),
        "canal": _s(r, f"kênh mương nội đồng {a} dài {km} km", f"tuyến mương thủy lợi từ {a} xuống cánh đồng {b}"),
        "water": _s(r, f"công trình cấp nước sinh hoạt tập trung {a}", f"hệ thống nước sạch tập trung của {a}"),
        "culvert": _s(r, f"ngầm tràn từ {a} sang {b}", f"cầu tràn trên đường {a} – {b}"),
    }[m["object"]]  # fmt: skip
    problem = {
        "worn": _s(r, f"{obj} đã xuống cấp nghiêm trọng, nhiều ổ gà, ổ voi, mùa mưa lầy lội không đi lại được.",
                   f"Hiện nay {obj} bị hư hỏng, xuống cấp nặng sau nhiều năm sử dụng."),
        "landslide": _s(r, f"Sau trận mưa lũ ngày {day_text(m['flood'], r)}, {obj} bị sạt lở, chia cắt hoàn toàn.",
                        f"Mưa lũ tháng {m['flood'].month}/{m['flood'].year} làm {obj} sạt lở nhiều đoạn, đến nay chưa được khắc phục."),
        "unfinished": _s(r, f"{obj} do {m['contractor']} thi công từ năm {m['built']} nhưng bỏ dở, đến nay chưa hoàn thành.",
                         f"Nhà thầu {m['contractor']} thi công {obj} rất chậm, bỏ dở công trình nhiều tháng nay."),
        "quality": _s(r, f"{obj} mới xây dựng năm {m['built']} do {m['contractor']} thi công đã hư hỏng, bong tróc, có dấu hiệu kém chất lượng.",
                      f"Công trình {obj} hoàn thành năm {m['built']} nhưng chỉ sau một thời gian ngắn đã xuống cấp, nghi ngờ thi công không đúng thiết kế."),
    }[m["problem"]]  # fmt: skip
    if m["object"] == "power" and m["problem"] == "worn":
        problem = f"{obj} thường xuyên mất điện, điện yếu, cột điện bị nghiêng có nguy cơ đổ."
    return [
        (problem, True),
        (_s(r, f"Việc này ảnh hưởng đến việc đi lại, sản xuất của {m['households']} hộ dân và {m['pupils']} học sinh.",
            f"Khoảng {m['households']} hộ với hơn {m['pupils']} cháu học sinh hằng ngày phải đi qua đây rất nguy hiểm.",
            f"Hơn {m['households']} hộ dân {a} bị ảnh hưởng trực tiếp."), True),
        (_s(r, "Nhân dân đã nhiều lần kiến nghị qua các kỳ tiếp xúc cử tri nhưng chưa được giải quyết.",
            "Người dân đã tự đóng góp ngày công để sửa tạm nhưng không khắc phục được.",
            "Mùa mưa năm nay đã có người bị ngã, may mà không nguy hiểm đến tính mạng."), False),
        (_s(r, f"Vậy {v.i} kính đề nghị các cấp quan tâm đầu tư sửa chữa, nâng cấp {obj}.",
            f"{v.I} đề nghị UBND xã và cấp trên sớm bố trí kinh phí khắc phục {obj}.",
            f"Kính đề nghị kiểm tra chất lượng và yêu cầu đơn vị thi công khắc phục {obj}."), True),
    ]  # fmt: skip


def gist(m: dict[str, Any], r: random.Random, fam: str, i: str) -> str:
    """What a short letter or an officer's note says the matter is: "việc …", with some of its specifics."""
    t = m["topic"]
    if t == "land":
        if m["kind"] == "cấp giấy":
            out = f"việc chưa được cấp giấy chứng nhận quyền sử dụng đất cho {fam}"
        else:
            out = _s(r, f"việc {m['other']} lấn chiếm đất của {fam}", f"việc tranh chấp đất đai giữa {fam} và {m['other']}",
                     f"việc {m['other']} tự ý {m['act']} đất của {fam}")  # fmt: skip
        if r.random() < 0.7:
            out += f" tại thửa đất số {m['plot']}" + (f", tờ bản đồ số {m['sheet']}" if r.random() < 0.5 else "")
        if r.random() < 0.6:
            out += f" ở {m['hamlet']}"
        return out
    if t == "gpmb":
        out = f"việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất của {fam}"
        if not m.get("crowd") and r.random() < 0.6:
            out += f" tại thửa số {m['plot']}"
        out += f" để thực hiện {m['project']}" if r.random() < 0.8 else " cho dự án"
        if r.random() < 0.4:
            out += f" theo Quyết định số {m['decision']}"
        grievance = "price" if m.get("crowd") else m["grievance"]
        return out + ", " + {"price": "đơn giá bồi thường quá thấp", "resettle": "chưa được bố trí tái định cư",
                             "count": "kiểm đếm thiếu tài sản trên đất", "outside": "bị san ủi cả phần đất ngoài chỉ giới",
                             "unpaid": "đến nay chưa được chi trả tiền bồi thường"}[grievance]  # fmt: skip
    if t == "env":
        out = f"việc {m['facility']} gây ô nhiễm môi trường"
        if r.random() < 0.6:
            out += f" tại {m['hamlet']}"
        if m["discharge"] and r.random() < 0.5:
            out += f", xả nước thải ra {m['stream']}"
        if r.random() < 0.4:
            out += f", ảnh hưởng đến {m['households']} hộ dân"
        return out
    if t == "social":
        who = m["who"]
        return {
            "poor": f"việc hộ {who} bị đưa ra khỏi danh sách hộ nghèo năm {m['year']}",
            "elderly": f"việc {who} chưa được hưởng trợ cấp xã hội hằng tháng",
            "disabled": f"việc {who} bị cắt trợ cấp người khuyết tật",
            "bhyt": f"việc {who} không được cấp lại thẻ bảo hiểm y tế" + (f" số {m['card']}" if r.random() < 0.4 else ""),
            "martyr": f"việc giải quyết chế độ thờ cúng liệt sĩ {who}",
            "house": f"việc chưa được giải ngân khoản hỗ trợ làm nhà {money(m['house_amount'], r)} cho hộ {who}",
            "flood": f"việc hỗ trợ khắc phục hậu quả mưa lũ ngày {day_text(m['flood_day'], r)} cho hộ {who}",
        }[m["policy"]]  # fmt: skip
    if t == "conduct":
        cash = money(m["money"], r)
        act = {"demand": f"đòi {cash} khi {i} {m['procedure']}", "rude": "có thái độ hách dịch, xúc phạm người dân",
               "delay": f"cố tình gây khó khăn, kéo dài việc {m['procedure']}", "fee": f"thu trái quy định {cash} mỗi hộ",
               "favour": "lợi dụng chức vụ, ưu ái người thân"}[m["act"]]  # fmt: skip
        out = f"việc {m['official']}, {m['role']}, {act}"
        return out + (f" ngày {day_text(m['event'], r)}" if r.random() < 0.5 else "")
    obj = {"road": f"tuyến đường từ {m['from']} đi {m['to']}", "bridge": f"cầu treo {m['from']}",
           "power": f"lưới điện của {m['from']}", "canal": f"kênh mương nội đồng {m['from']}",
           "water": f"công trình nước sinh hoạt {m['from']}", "culvert": f"ngầm tràn {m['from']} – {m['to']}"}[m["object"]]  # fmt: skip
    problem = {"worn": "xuống cấp nghiêm trọng", "landslide": "bị sạt lở sau mưa lũ",
               "unfinished": f"bị {m['contractor']} thi công bỏ dở", "quality": "mới làm đã hư hỏng, kém chất lượng"}[m["problem"]]  # fmt: skip
    return f"việc {obj} {problem}" + (f", ảnh hưởng đến {m['households']} hộ dân" if r.random() < 0.5 else "")


def render_reminder(
    m: dict[str, Any], w: dict[str, Any], style: int, received: datetime.date, sent: datetime.date
) -> str:
    """A short letter that asks again about a letter already sent, naming the matter in a line."""
    r = random.Random(style)
    c = _BY_CODE[m["commune"]]
    to = _s(r, f"Chủ tịch UBND {c.label}", f"Ủy ban nhân dân {c.label}", f"Ban Tiếp công dân {c.province}")
    lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"] if r.random() < 0.4 else []
    lines += [_s(r, "ĐƠN ĐỀ NGHỊ", "ĐƠN ĐỀ NGHỊ ĐÔN ĐỐC GIẢI QUYẾT", "ĐƠN THƯ NHẮC LẠI"), f"Kính gửi: {to}"]
    if w["name"]:
        lines.append(f"Tôi tên là {w['name']}, trú tại {w['address']}.")
    fam = _s(r, "gia đình tôi", "nhà tôi", "hộ gia đình tôi")
    what = gist(m, r, fam, "tôi")
    lines.append(_s(r, f"Ngày {day_text(sent, r)}, tôi đã gửi đơn về {what}.",
                    f"Tôi đã có đơn gửi ngày {day_text(sent, r)} đề nghị giải quyết {what}.",
                    f"Trước đây tôi đã làm đơn phản ánh {what}."))  # fmt: skip
    lines.append(_s(r, "Đến nay đã quá thời hạn giải quyết theo quy định nhưng tôi chưa nhận được văn bản trả lời.",
                    "Đến nay sự việc vẫn chưa được giải quyết.", "Nhưng đến nay vẫn chưa thấy cơ quan nào trả lời."))  # fmt: skip
    lines.append(_s(r, "Kính đề nghị quý cơ quan sớm xem xét, trả lời cho tôi.", "Đề nghị sớm giải quyết dứt điểm.",
                    "Rất mong được quan tâm giải quyết. Xin cảm ơn."))  # fmt: skip
    lines.append(f"{c.name}, ngày {received.day} tháng {received.month} năm {received.year}")
    lines += ["Người viết đơn", w["name"]] if w["name"] else ["Người dân"]
    return "\n".join(lines)


def render_summary(m: dict[str, Any], w: dict[str, Any], style: int) -> str:
    """What the officer wrote of a citizen's visit to the reception office: a few sentences, third person."""
    r = random.Random(style)
    c = _BY_CODE[m["commune"]]
    if w["name"]:
        title = "Bà" if w["female"] else "Ông"
        what = gist(m, r, f"gia đình {title.lower()}", title.lower())
        return _s(r, f"{title} {w['name']}, trú tại {w['address']}, đến trụ sở tiếp công dân {c.label} trình bày {what}. "
                     f"{title} đề nghị chính quyền xem xét, giải quyết.",
                  f"Công dân {w['name']} ({w['hamlet']}) phản ánh {what}, đề nghị xã kiểm tra, giải quyết.",
                  f"Nội dung: phản ánh {what}. Người trình bày: {w['name']}, {w['hamlet']}, {c.label}.")  # fmt: skip
    what = gist(m, r, "các hộ", "người dân")
    return _s(r, f"Một số hộ dân {w['hamlet']} đến trụ sở UBND {c.label} phản ánh {what}, không để lại họ tên.",
              f"Nội dung đơn không ký tên ({w['hamlet']}): phản ánh {what}.")  # fmt: skip


BODIES = {"land": body_land, "gpmb": body_gpmb, "env": body_env, "social": body_social, "conduct": body_conduct,
          "infra": body_infra}  # fmt: skip
EXTRAS = (
    "Sự việc đã kéo dài nhiều năm, gây mất đoàn kết trong thôn.",
    "Gia đình tôi là hộ có hoàn cảnh khó khăn, con cái còn nhỏ.",
    "Tôi đã tuổi cao, sức yếu, đi lại rất khó khăn nên nhờ con viết hộ đơn này.",
    "Kèm theo đơn là bản photo các giấy tờ liên quan.",
    "Tôi mong sớm được giải quyết để yên tâm lao động sản xuất.",
    "Rất mong các cấp chính quyền quan tâm, vì dân mà giải quyết.",
    "Tôi đã gọi điện đến đường dây nóng của xã nhưng không ai nghe máy.",
)


def render(m: dict[str, Any], w: dict[str, Any], style: int, received: datetime.date, extra: dict[str, Any]) -> str:
    """The letter ``w`` writes about ``m``, in the wording ``style`` picks (the same style, the same words)."""
    r = random.Random(style)
    c = _BY_CODE[m["commune"]]
    v = Voice(w, r)
    higher = extra.get("higher", r.random() < 0.2)
    to = (_s(r, f"Ban Tiếp công dân {c.province}", f"Chủ tịch Ủy ban nhân dân {c.province}", f"Thanh tra {c.province}",
             f"Đoàn đại biểu Quốc hội {c.province}", f"Sở Nông nghiệp và Môi trường {c.province}")
          if higher else
          _s(r, f"Chủ tịch Ủy ban nhân dân {c.label}", f"Ủy ban nhân dân {c.label}", f"UBND {c.label}",
             f"Đảng ủy, HĐND, UBND, Ủy ban MTTQ {c.label}", f"Chủ tịch UBND {c.label}, {c.province}"))  # fmt: skip
    lines: list[str] = []
    if r.random() < 0.6:
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"]
    place_date = f"{c.name}, ngày {received.day} tháng {received.month} năm {received.year}"
    top_date = r.random() < 0.4
    if top_date:
        lines.append(place_date)
    lines.append(m["kind_doc"])
    if r.random() < 0.35:
        subject = {
            "land": f"V/v tranh chấp đất đai tại thửa đất số {m.get('plot', '')}",
            "gpmb": f"V/v bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện {m.get('project', '')}",
            "env": "V/v ô nhiễm môi trường",
            "social": "V/v giải quyết chế độ chính sách",
            "conduct": "V/v phản ánh thái độ, hành vi của cán bộ",
            "infra": "V/v đề nghị sửa chữa công trình",
        }
        lines.append(f"({subject[m['topic']]})")  # fmt: skip
    lines.append(f"Kính gửi: {to}")
    if w["collective"]:
        who = f"Chúng tôi gồm {w['collective']} hộ dân {w['hamlet']}, {c.label}, {c.province}"
        intro = f"{who}, người đại diện là {'bà' if w['female'] else 'ông'} {w['name']}." if w["name"] else f"{who}."
    elif w["name"]:
        ident = f", số CCCD {w['id']}" if w["id"] else ""
        intro = _s(r, f"Tôi tên là {w['name']}, sinh năm {w['born']}{ident}, hiện trú tại {w['address']}.",
                   f"Tôi là {w['name']}, sinh năm {w['born']}{ident}. Địa chỉ: {w['address']}.",
                   f"Họ và tên người viết đơn: {w['name']}. Năm sinh: {w['born']}. Nơi cư trú: {w['address']}."
                   + (f" Số định danh cá nhân: {w['id']}." if w["id"] else ""))  # fmt: skip
    else:
        intro = _s(r, f"Tôi là người dân sinh sống tại {w['hamlet']}, {c.label}.",
                   f"Chúng tôi là một số người dân {w['hamlet']}, {c.label}, xin được giấu tên.",
                   "Tôi là công dân trên địa bàn xã, vì lý do an toàn nên xin không nêu tên.")  # fmt: skip
    lines.append(intro)
    opening = _s(r, f"{v.I} xin trình bày sự việc như sau:", f"{v.I} làm đơn này kính trình bày một việc như sau:",
                 f"Nay {v.i} làm đơn trình bày nội dung sau:", f"{v.I} xin trình bày với quý cơ quan một việc như sau:")  # fmt: skip
    sentences = BODIES[m["topic"]](m, v, r, c)
    body = [s for s, core in sentences if core or r.random() < 0.6]
    if extra.get("cosigner") and not w["collective"]:
        body.insert(0, _s(r, f"Gia đình tôi là một trong những hộ bị ảnh hưởng, cùng với nhiều hộ khác ở {w['hamlet']}.",
                          f"Tôi cùng nhiều hộ dân {w['hamlet']} đã có đơn về việc này, nay tôi viết đơn riêng.",
                          "Việc này không chỉ ảnh hưởng đến gia đình tôi mà cả nhiều hộ lân cận."))  # fmt: skip
    if extra.get("again"):
        body.insert(0, _s(r, f"Ngày {day_text(extra['again'], r)}, {v.i} đã gửi đơn về việc này nhưng đến nay chưa được giải quyết.",
                          f"Đây là lần thứ {extra.get('times', 2)} {v.i} gửi đơn về việc này.",
                          f"{v.I} đã có đơn gửi ngày {day_text(extra['again'], r)}, quá thời hạn mà vẫn chưa nhận được trả lời."))  # fmt: skip
    lines.append(opening)
    lines += [line[0].upper() + line[1:] for line in body]
    lines.append(_s(r, f"{v.I} xin cam đoan những nội dung trình bày trên là đúng sự thật, nếu sai {v.i} xin hoàn toàn chịu trách nhiệm trước pháp luật.",
                    f"Kính mong các cấp chính quyền quan tâm xem xét, giải quyết. {v.I} xin chân thành cảm ơn!",
                    "Xin trân trọng cảm ơn!", f"{v.I} xin chân thành cảm ơn."))  # fmt: skip
    if not top_date:
        lines.append(place_date)
    if w["name"]:
        lines += ["Người viết đơn" if not w["collective"] else "Đại diện các hộ dân", w["name"]]
    else:
        lines.append(_s(r, "Người dân", "Một nhóm công dân", "Người viết đơn"))
    return "\n".join(lines)


# --- how duplicates differ ------------------------------------------------------------------------------

SYNONYMS = (
    ("đề nghị", "kiến nghị", "yêu cầu", "đề xuất"),
    ("xem xét, giải quyết", "xem xét giải quyết", "giải quyết", "quan tâm giải quyết"),
    ("đến nay", "cho đến nay", "tới nay"),
    ("chưa được giải quyết", "vẫn chưa được giải quyết", "chưa được xử lý"),
    ("rất khó khăn", "vô cùng khó khăn", "hết sức khó khăn"),
    ("nhiều lần", "rất nhiều lần", "mấy lần"),
    ("kiểm tra", "xác minh", "kiểm tra, xác minh"),
    ("nghiêm trọng", "rất nặng", "nặng nề"),
    ("người dân", "bà con"),
    ("tự ý", "tự tiện"),
    ("bức xúc", "bất bình"),
    ("kính mong", "rất mong", "mong"),
    ("khoảng", "chừng"),
)
_SYN_OPTIONS = {phrase: group for group in SYNONYMS for phrase in group}
_SYN_RE = re.compile("|".join(re.escape(p) for p in sorted(_SYN_OPTIONS, key=len, reverse=True)))
ABBREVIATE = (
    ("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"), ("giải phóng mặt bằng", "GPMB"),
    ("giấy chứng nhận quyền sử dụng đất", "GCNQSDĐ"), ("quyền sử dụng đất", "QSDĐ"), ("tái định cư", "TĐC"),
    ("bảo hiểm y tế", "BHYT"), ("căn cước công dân", "CCCD"), ("Mặt trận Tổ quốc", "MTTQ"),
    ("Quyết định", "QĐ"), ("tổ dân phố", "TDP"),
)  # fmt: skip
OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé", "ỏe": "oẻ",
             "ủy": "uỷ", "úy": "uý", "ùy": "uỳ", "ũy": "uỹ", "ụy": "uỵ", "Ủy": "Uỷ"}  # fmt: skip
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def strip_marks(text: str) -> str:
    """The text typed without diacritics (case kept; đ → d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    )


def synonyms(text: str, r: random.Random) -> str:
    """Half the phrases of :data:`SYNONYMS` swapped for another of their group (one pass, longest first)."""

    def swap(match: re.Match[str]) -> str:
        return r.choice(_SYN_OPTIONS[match[0]]) if r.random() < 0.5 else match[0]

    return _SYN_RE.sub(swap, text)


def abbreviations(text: str, r: random.Random, shorten: bool) -> str:
    for full, short in ABBREVIATE:
        if r.random() < 0.8:
            text = text.replace(full, short) if shorten else text.replace(f"{short} ", f"{full} ")
    return text


def old_tones(text: str) -> str:
    for new, old in OLD_TONES.items():
        text = text.replace(new, old)
    return text


def typos(text: str, r: random.Random, rate: float) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) < 3 or any(ch.isdigit() for ch in word) or r.random() >= rate:
            continue
        op = r.randrange(5)
        j = r.randrange(len(word) - 1)
        if op == 0:  # a letter dropped
            word = word[:j] + word[j + 1 :]
        elif op == 1:  # two letters swapped
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        elif op == 2:  # a letter doubled
            word = word[:j] + word[j] + word[j:]
        elif op == 3:  # the tone mark forgotten
            word = unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", word)
                                                        if ch not in _TONES))  # fmt: skip
        else:  # the wrong tone
            nfd = unicodedata.normalize("NFD", word)
            if any(ch in _TONES for ch in nfd):
                word = unicodedata.normalize("NFC", "".join(r.choice(_TONES) if ch in _TONES else ch for ch in nfd))
        words[i] = word
    return " ".join(words)


_CLOSING = re.compile(r"^((Tôi|Chúng tôi) xin (cam đoan|chân thành)|Kính mong các cấp chính quyền|Xin trân trọng)")


def _body(lines: list[str]) -> tuple[int, int]:
    """Where the body is: after the line that opens it ("… như sau:"), before the closing formula."""
    start = next((i + 1 for i, line in enumerate(lines) if line.endswith(":") and not line.startswith("Kính gửi")), 0)
    end = next((i for i in range(start, len(lines)) if _CLOSING.match(lines[i])), len(lines))
    return start, end


def reorder(text: str, r: random.Random) -> str:
    """The body's sentences in another order (the header, the address line and the signature stay)."""
    lines = text.split("\n")
    start, end = _body(lines)
    middle = lines[start:end]
    r.shuffle(middle)
    return "\n".join(lines[:start] + middle + lines[end:])


def drop_sentence(text: str, r: random.Random) -> str:
    lines = text.split("\n")
    start, end = _body(lines)
    if end - start >= 3:
        del lines[r.randrange(start, end)]
    return "\n".join(lines)


def add_sentence(text: str, r: random.Random) -> str:
    lines = text.split("\n")
    start, end = _body(lines)
    lines.insert(r.randrange(start, end + 1), r.choice(EXTRAS))
    return "\n".join(lines)


def surface(text: str, r: random.Random, variants: list[str], first: bool, short: bool = False) -> str:
    """Apply the surface differences of a typed copy; record their names in ``variants``. A short text (a
    reminder, an officer's note) keeps its sentences."""
    p = 0.5 if first else 1.0  # the first letter of a matter is altered too, less often
    if r.random() < 0.3 * p:
        text = abbreviations(text, r, shorten=r.random() < 0.6)
        variants.append("abbrev")
    if r.random() < 0.18 * p and not short:
        text = reorder(text, r)
        variants.append("reorder")
    if r.random() < 0.18 * p and not short:
        text = drop_sentence(text, r)
        variants.append("dropped")
    if r.random() < 0.18 * p and not short:
        text = add_sentence(text, r)
        variants.append("added")
    if r.random() < 0.08 * p:
        text = old_tones(text)
        variants.append("old_tones")
    if r.random() < 0.15 * p:
        text = typos(text, r, r.uniform(0.03, 0.12))
        variants.append("typos")
    roll = r.random() / p  # how the letter was typed: one of these at most
    if roll < 0.12:
        text = strip_marks(text)
        variants.append("no_marks")
    elif roll < 0.15:
        text = unicodedata.normalize("NFD", text)
        variants.append("nfd")
    elif roll < 0.17 and _tcvn3_encoder():
        text = text.translate(_tcvn3_encoder())
        variants.append("tcvn3")
    elif 0.17 <= roll < 0.19:
        text = to_vni(text)
        variants.append("vni")
    return text


# --- letters typed in the legacy font encodings ------------------------------------------------------------
# Copied out of an old Word file without its font, a TCVN3 (.VnTime) or VNI-Windows (VNI-Times) text keeps
# the Windows bytes: "Hµ Néi", "Haø Noäi". The TCVN3 table is read from glibc's iconv (TCVN5712-1, whose
# upper half is TCVN3), not from the matcher's own tables, so the benchmark checks them.

_VI_LOWER = "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"


@functools.cache
def _tcvn3_encoder() -> dict[int, str]:
    """Unicode letter → TCVN3 character as pasted; an upper-case letter with a tone has no TCVN3 code and is
    typed with the lower-case one (in a capitals font: the case is lost in the copy). Empty without iconv."""
    letters = _VI_LOWER + _VI_LOWER.upper()
    iconv = shutil.which("iconv")
    if iconv is None:
        return {}
    try:
        out = subprocess.run([iconv, "-f", "UTF-8", "-t", "TCVN5712-1"], input="\n".join(letters).encode(),  # noqa: S603
                             capture_output=True, check=True, timeout=10).stdout.split(b"\n")  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    code = {letter: chr(b[0]) for letter, b in zip(letters, out, strict=False) if len(b) == 1}
    table = {}
    for letter in letters:
        toned = any(m in unicodedata.normalize("NFD", letter) for m in _TONES)
        legacy = code.get(letter.lower() if letter.isupper() and toned else letter)
        if legacy is None or (letter.isupper() and not toned and ord(legacy) < 0xA1):
            return {}
        table[ord(letter)] = legacy
    return table


# VNI-Windows: a base letter and a modifier letter the font draws as the marks (tone order grave, hook above,
# tilde, acute, dot below); ơ, ư, đ, ỵ and the i with a tone are single letters.
_VNI_TONE = dict(zip(_TONES_ORDER := ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323"), "øûõùï", strict=True))
_VNI_CIRCUMFLEX = dict(zip(("", *_TONES_ORDER), "âàåãáä", strict=True))
_VNI_BREVE = dict(zip(("", *_TONES_ORDER), "êèúüéë", strict=True))
_VNI_I = dict(zip(_TONES_ORDER, "ìæóíò", strict=True))


def _vni_letter(letter: str) -> str:
    nfd = unicodedata.normalize("NFD", letter)
    base, marks = nfd[0], nfd[1:]
    tone = next((m for m in marks if m in _VNI_TONE), "")
    upper = base.isupper()
    low = base.lower()
    if letter in "đĐ":
        out = "ñ"
    elif low == "i" and tone:
        out = _VNI_I[tone]
    elif low == "y" and tone == "\u0323":
        out = "î"
    elif "\u031b" in marks:  # horn: ơ is written ô, ư is written ö
        out = ("ô" if low == "o" else "ö") + _VNI_TONE.get(tone, "")
    elif "\u0302" in marks:  # circumflex
        out = low + _VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:  # breve
        out = low + _VNI_BREVE[tone]
    elif tone:
        out = low + _VNI_TONE[tone]
    else:
        return letter
    return out.upper() if upper else out


_VNI_MAP = {ord(ch): _vni_letter(ch) for ch in _VI_LOWER + _VI_LOWER.upper()}


def to_vni(text: str) -> str:
    """``text`` as a VNI-Windows file reads without its font ("Hà Nội" → "Haø Noäi")."""
    return unicodedata.normalize("NFC", text).translate(_VNI_MAP)


# --- the stream -------------------------------------------------------------------------------------------


#: How a later letter of a matter came to be: a co-signer or neighbour writing in their own words, the same
#: letter sent again, rewritten by its sender, an anonymous copy, a short reminder naming the matter in a
#: line, the officer's few sentences on a citizen's visit.
ROLES = ("cosigner", "resend", "rewrite", "anonymous", "reminder", "summary")


def matter_size(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.70:
        return 1
    if roll < 0.84:
        return 2
    if roll < 0.91:
        return 3
    if roll < 0.945:
        return 4
    if roll < 0.97:
        return 5
    if roll < 0.99:
        return rng.randint(6, 9)
    return rng.randint(10, 30)


@dataclass(slots=True)
class _Pending:
    matter: dict[str, Any]
    label: int
    plan: list[dict[str, Any]]  # the letters still to come, each {"day": …, "role": …}
    sent: list[tuple[dict[str, Any], int, datetime.date]]  # (writer, style, day) of the letters sent


def generate(n: int, seed: int, communes: int | None = None) -> Iterator[tuple[dict[str, str], int]]:
    """``n`` letters in the outside JSONL format, each with its matter label, in the order received."""
    for letter, label, _ in generate_annotated(n, seed, communes):
        yield letter, label


def generate_annotated(
    n: int, seed: int, communes: int | None = None
) -> Iterator[tuple[dict[str, str], int, dict[str, Any]]]:
    """As :func:`generate`, with what each letter is: ``{"topic", "hamlet", "role", "variants", "sibling",
    "same_sender"}``; ``communes`` keeps that many communes, spread over the provinces (a small set with
    dense hard negatives)."""
    rng = random.Random(seed)
    places = COMMUNES[:: len(COMMUNES) // communes][:communes] if communes else COMMUNES  # spread over provinces
    heap: list[tuple[int, int, _Pending]] = []
    recent: dict[str, list[_Pending]] = {}  # per commune, the last matters (siblings are drawn from them)
    senders: dict[str, list[tuple[dict[str, Any], str]]] = {}  # per commune, recent named senders
    per_day = n / SPAN
    label = 0
    seq = 0
    for pos in range(n):
        day = FIRST_DAY + datetime.timedelta(days=min(SPAN - 1, int(pos / per_day)))
        if heap and heap[0][0] <= pos:
            _, _, pending = heapq.heappop(heap)
            letter_plan = pending.plan.pop(0)
            first = False
        else:
            pending = _start_matter(rng, places, recent, senders, label, day)
            label += 1
            letter_plan = pending.plan.pop(0)
            first = True
        letter, info = _write(rng, pending, letter_plan, day, first)
        letter["id"] = f"L{pos + 1:07d}"
        if pending.plan:
            due = pos + max(1, int((pending.plan[0]["day"] - day).days * per_day) + rng.randint(0, 3))
            seq += 1
            heapq.heappush(heap, (due, seq, pending))
        yield {k: letter[k] for k in KEYS}, pending.label, info


def _start_matter(
    rng: random.Random,
    places: list[Commune],
    recent: dict[str, list[_Pending]],
    senders: dict[str, list[tuple[dict[str, Any], str]]],
    label: int,
    day: datetime.date,
) -> _Pending:
    commune = rng.choice(places)
    near = recent.setdefault(commune.code, [])
    known = senders.setdefault(commune.code, [])
    size = matter_size(rng)
    crowd = size >= 10
    same_sender = bool(known) and not crowd and rng.random() < 0.08
    sibling = not same_sender and bool(near) and rng.random() < 0.33
    base: dict[str, Any] = {}
    writer: dict[str, Any] | None = None
    if same_sender:  # someone who wrote before, about something else (half the time on the same topic)
        known_writer, known_topic = rng.choice(known)
        writer = dict(known_writer)
        hamlet = writer["hamlet"]
        topic = known_topic if rng.random() < 0.5 else rng.choices(TOPICS, TOPIC_WEIGHTS)[0]
    elif sibling:  # the same hamlet and topic as a recent matter, other specifics
        base = rng.choice(near).matter
        hamlet, topic = base["hamlet"], base["topic"]
    else:
        hamlet = rng.choice(commune.hamlets)
        topic = rng.choices(TOPICS, TOPIC_WEIGHTS)[0]
    if crowd and topic not in ("gpmb", "env", "infra"):  # what a crowd writes about
        topic = rng.choice(["gpmb", "env", "infra"])
    matter = new_matter(rng, commune, hamlet, topic, day)
    if base and topic == base["topic"] == "gpmb":
        matter["project"] = base["project"]  # another household in the same project
    if base and topic == base["topic"] == "social":
        matter["policy"], matter["year"] = base["policy"], base["year"]  # the same list, another family
    matter |= {"sibling": sibling, "same_sender": same_sender, "crowd": crowd}
    if writer is None:
        named = rng.random() >= (0.25 if topic == "conduct" else 0.05)
        writer = _person(rng, commune, hamlet, named)
    if crowd and rng.random() < 0.5:  # a collective letter, signed by a representative
        writer = dict(writer, collective=rng.randint(size, 80))
        if not writer["name"]:
            writer["name"] = person_name(rng, commune.province_code)[0]
    plan = [{"day": day, "role": "first", "writer": writer}]
    last = day
    for k in range(1, size):
        if crowd:
            role = rng.choices(ROLES, [62, 10, 8, 8, 6, 6])[0]
            gap = rng.randint(0, 45)
        else:
            role = rng.choices(ROLES, [24, 26, 24, 7, 12, 7])[0]
            gap = rng.randint(0, 12) if role == "cosigner" else int(rng.expovariate(1 / 50)) + 10
        last = last + datetime.timedelta(days=gap) if role != "cosigner" else day + datetime.timedelta(days=gap)
        last = max(last, day)
        plan.append({"day": last, "role": role, "k": k})
    plan.sort(key=lambda p: p["day"])
    pending = _Pending(matter=matter, label=label, plan=plan, sent=[])
    near.append(pending)
    if len(near) > 12:
        near.pop(0)
    if writer["name"] and not writer["collective"]:
        known.append((writer, topic))
        if len(known) > 30:
            known.pop(0)
    return pending


def _write(
    rng: random.Random, pending: _Pending, plan: dict[str, Any], day: datetime.date, first: bool
) -> tuple[dict[str, str], dict[str, Any]]:
    m = pending.matter
    commune = _BY_CODE[m["commune"]]
    role = "first" if first or not pending.sent else plan["role"]
    extra: dict[str, Any] = {}
    variants: list[str] = []
    if role == "first":
        writer = plan.get("writer") or _person(rng, commune, m["hamlet"])
        style = rng.randrange(2**32)
    else:
        prev_writer, prev_style, prev_day = rng.choice(pending.sent)
        if role == "resend":
            writer, style = prev_writer, prev_style
            if rng.random() < 0.4:
                extra = {"again": prev_day, "times": len(pending.sent) + 1}
                variants.append("again_line")
        elif role == "rewrite":
            writer, style = prev_writer, rng.randrange(2**32)
            extra["higher"] = rng.random() < 0.5
        elif role == "cosigner":
            writer, style = _person(rng, commune, m["hamlet"]), rng.randrange(2**32)
            extra["cosigner"] = rng.random() < 0.6
        elif role == "anonymous":
            writer, style = _person(rng, commune, m["hamlet"], named=False), rng.randrange(2**32)
        elif role == "reminder":  # the sender, or a co-signer, asks again
            writer = prev_writer if prev_writer["name"] and rng.random() < 0.7 else _person(rng, commune, m["hamlet"])
            style = rng.randrange(2**32)
        else:  # summary: the sender came in person, or someone else did
            writer = prev_writer if rng.random() < 0.6 else _person(rng, commune, m["hamlet"], rng.random() < 0.9)
            style = rng.randrange(2**32)
    short = role in ("reminder", "summary")
    if role == "reminder":
        text = render_reminder(m, writer, style, day, prev_day)
    elif role == "summary":
        text = render_summary(m, dict(writer, collective=0), style)
    else:
        text = render(m, writer, style, day, extra)
    if role == "rewrite" or (role in ("cosigner", "anonymous") and rng.random() < 0.5):
        text = synonyms(text, rng)
        variants.append("synonyms")
    if role == "resend" and rng.random() < 0.5:
        pass  # sent again exactly as it was typed
    else:
        text = surface(text, rng, variants, first=role == "first", short=short)
    pending.sent.append((writer, style, day))
    anonymous_address = not writer["name"] and rng.random() < 0.6
    name, address, ident = writer["name"], "" if anonymous_address else writer["address"], writer["id"]
    if "no_marks" in variants and rng.random() < 0.5:  # the sender's fields typed as the letter was
        name, address = strip_marks(name), strip_marks(address)
    if ident and rng.random() < 0.1:
        ident = " ".join(ident[i : i + 4] for i in range(0, 12, 4))  # "0041 7912 3456"
    letter = {
        "text": text,
        "sender_name": name,
        "sender_id": ident,
        "address": address,
        "unit_code": commune.code,
        "received": day.isoformat(),
    }
    info = {"topic": m["topic"], "hamlet": m["hamlet"], "role": role, "variants": variants,
            "sibling": m.get("sibling", False), "same_sender": m.get("same_sender", False),
            "crowd": m.get("crowd", False)}  # fmt: skip
    return letter, info


# --- files --------------------------------------------------------------------------------------------------


def write_jsonl(path: Path, n: int, seed: int, communes: int | None = None, annotate: bool = False) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for letter, label, info in generate_annotated(n, seed, communes):
            row: dict[str, Any] = {**letter, "matter": label}
            if annotate:
                row["variant"] = "+".join([info["role"], *info["variants"]])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labelled", action="store_true", help=f"rewrite {LABELLED.relative_to(ROOT)}")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.labelled:
        write_jsonl(LABELLED, LABELLED_SIZE, LABELLED_SEED, LABELLED_COMMUNES, annotate=True)
        print(f"wrote {LABELLED_SIZE} letters to {LABELLED.relative_to(ROOT)}")
        return 0
    if args.out:
        print(f"wrote {write_jsonl(args.out, args.size, args.seed)} letters to {args.out}")
        return 0
    for letter, label in generate(args.size, args.seed):
        print(json.dumps({**letter, "matter": label}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
