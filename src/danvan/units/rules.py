"""Rules of the administrative-unit tree: pure functions, no database.

Legal basis: Nghị quyết 202/2025/QH15 (34 provincial units, 12/06/2025);
Luật Tổ chức chính quyền địa phương 72/2025/QH15 (two-tier local government
from 01/07/2025: the district level ends on 30/06/2025); the resolutions of the
Ủy ban Thường vụ Quốc hội on commune-level arrangement in 2025 (3,321 communes).
"""

from __future__ import annotations

import datetime

from django.db import models

from danvan.core.text import format_date

#: Districts (cấp huyện) and towns (thị trấn) exist only until this day.
TWO_TIER_START = datetime.date(2025, 7, 1)
DISTRICT_LEVEL_END = datetime.date(2025, 6, 30)
REFORM_LEGAL_BASIS_PROVINCES = "Nghị quyết 202/2025/QH15 ngày 12/06/2025 của Quốc hội"
REFORM_LEGAL_BASIS_COMMUNES = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp các đơn vị hành chính cấp xã năm 2025"
)


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện (đến 30/6/2025)"
    COMMUNE = "commune", "Cấp xã"
    HAMLET = "hamlet", "Thôn, tổ dân phố"


class Kind(models.TextChoices):
    TINH = "tinh", "Tỉnh"
    THANH_PHO_TW = "thanh_pho_tw", "Thành phố trực thuộc Trung ương"
    HUYEN = "huyen", "Huyện"
    QUAN = "quan", "Quận"
    THI_XA = "thi_xa", "Thị xã"
    THANH_PHO = "thanh_pho", "Thành phố thuộc tỉnh"
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    THI_TRAN = "thi_tran", "Thị trấn"
    DAC_KHU = "dac_khu", "Đặc khu"
    THON = "thon", "Thôn"
    XOM = "xom", "Xóm"
    BAN = "ban", "Bản"
    AP = "ap", "Ấp"
    TO_DAN_PHO = "to_dan_pho", "Tổ dân phố"
    KHU_PHO = "khu_pho", "Khu phố"


KIND_LEVEL: dict[str, str] = {
    Kind.TINH: Level.PROVINCE,
    Kind.THANH_PHO_TW: Level.PROVINCE,
    Kind.HUYEN: Level.DISTRICT,
    Kind.QUAN: Level.DISTRICT,
    Kind.THI_XA: Level.DISTRICT,
    Kind.THANH_PHO: Level.DISTRICT,
    Kind.XA: Level.COMMUNE,
    Kind.PHUONG: Level.COMMUNE,
    Kind.THI_TRAN: Level.COMMUNE,
    Kind.DAC_KHU: Level.COMMUNE,
    Kind.THON: Level.HAMLET,
    Kind.XOM: Level.HAMLET,
    Kind.BAN: Level.HAMLET,
    Kind.AP: Level.HAMLET,
    Kind.TO_DAN_PHO: Level.HAMLET,
    Kind.KHU_PHO: Level.HAMLET,
}

#: Which level may sit directly under which.
PARENT_LEVELS: dict[str, set[str | None]] = {
    Level.PROVINCE: {None},
    Level.DISTRICT: {Level.PROVINCE},
    Level.COMMUNE: {Level.PROVINCE, Level.DISTRICT},
    Level.HAMLET: {Level.COMMUNE},
}

#: Kinds that exist only before the two-tier reform.
HISTORICAL_KINDS = {Kind.HUYEN, Kind.QUAN, Kind.THI_XA, Kind.THANH_PHO, Kind.THI_TRAN}

#: The prefix of the official full name for each kind ("Xã Thượng Giáo").
KIND_PREFIX: dict[str, str] = {
    Kind.TINH: "Tỉnh",
    Kind.THANH_PHO_TW: "Thành phố",
    Kind.HUYEN: "Huyện",
    Kind.QUAN: "Quận",
    Kind.THI_XA: "Thị xã",
    Kind.THANH_PHO: "Thành phố",
    Kind.XA: "Xã",
    Kind.PHUONG: "Phường",
    Kind.THI_TRAN: "Thị trấn",
    Kind.DAC_KHU: "Đặc khu",
    Kind.THON: "Thôn",
    Kind.XOM: "Xóm",
    Kind.BAN: "Bản",
    Kind.AP: "Ấp",
    Kind.TO_DAN_PHO: "Tổ dân phố",
    Kind.KHU_PHO: "Khu phố",
}

#: Official code width by level: provinces "19", districts "061", communes "01912".
CODE_WIDTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def level_of(kind: str) -> str:
    return KIND_LEVEL[kind]


def format_code(level: str, number: int) -> str:
    return str(number).zfill(CODE_WIDTH[level])


def full_name(kind: str, short_name: str) -> str:
    return f"{KIND_PREFIX[kind]} {short_name}"


def strip_kind_prefix(name: str) -> str:
    """ "Xã Thượng Giáo" → "Thượng Giáo"; "Thành phố Hà Nội" → "Hà Nội"."""
    for prefix in sorted(set(KIND_PREFIX.values()), key=len, reverse=True):
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


def placement_errors(
    *,
    kind: str,
    parent_level: str | None,
    parent_valid_to: datetime.date | None,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
) -> dict[str, str]:
    """Why a unit of ``kind`` cannot be placed so, field by field (empty when it can)."""
    errors: dict[str, str] = {}
    level = KIND_LEVEL.get(kind)
    if level is None:
        return {"kind": "Loại đơn vị không hợp lệ."}
    if parent_level not in PARENT_LEVELS[level]:
        if level == Level.HAMLET:
            errors["parent"] = "Thôn, tổ dân phố phải thuộc một xã, phường hoặc đặc khu."
        elif parent_level is None:
            errors["parent"] = "Đơn vị này phải thuộc một đơn vị cấp trên."
        else:
            errors["parent"] = "Đơn vị cấp trên không phù hợp với loại đơn vị."
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
    if kind in HISTORICAL_KINDS and (valid_to is None or valid_to > DISTRICT_LEVEL_END):
        errors["valid_to"] = "Cấp huyện và thị trấn chỉ tồn tại đến hết ngày 30/6/2025."
    if parent_valid_to is not None and (valid_to is None or valid_to > parent_valid_to):
        errors.setdefault(
            "valid_to",
            f"Đơn vị cấp trên chỉ còn hiệu lực đến {format_date(parent_valid_to)}; "
            "đơn vị con không thể hiệu lực lâu hơn.",
        )
    return errors


def is_valid_on(valid_from: datetime.date | None, valid_to: datetime.date | None, day: datetime.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def minimal_prefixes(paths: set[str] | list[str]) -> list[str]:
    """Drop every path that another path in the set is a prefix of (the subtree already covers it)."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result
