"""Vietnamese identifiers a person writes on a form: the citizen identity number and the phone number.

Pure functions, no database. Each answers the normalised value, or raises :class:`InvalidIdentifier` with
the message a form or an API shows next to the field (in Vietnamese: the person reads it, not a developer).
"""

from __future__ import annotations

import re

from danvan.core.text import nfc

#: The personal identification number (số định danh cá nhân), which is the number of the căn cước / CCCD
#: card, is a sequence of 12 digits (Nghị định 137/2015/NĐ-CP, Điều 13; kept by Luật Căn cước 2023) [M].
ID_NUMBER_DIGITS = 12
ID_NUMBER_MESSAGE = "Nhập số CCCD gồm 12 chữ số, ví dụ 001099000111"
PHONE_MESSAGE = "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678"

#: What people put between groups of digits; anything else (a letter, a slash) is refused.
_SEPARATORS = re.compile(r"[\s.\-()]")
#: The national numbering plan (Quy hoạch kho số viễn thông, Thông tư 22/2014/TT-BTTTT as amended) [M]:
#: mobile numbers since the 2018 re-numbering are 10 digits with the prefixes 03, 05, 07, 08, 09; fixed
#: lines since 2017 are 11 digits starting 02 (the area code 02x and the subscriber number).
_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")


class InvalidIdentifier(ValueError):
    """A value that is not the identifier asked for; ``str()`` is the message for the person."""


def normalise_id_number(value: str) -> str:
    """The 12 digits of a CCCD written with or without spaces or dots ("001 099 000 111")."""
    digits = _SEPARATORS.sub("", nfc(value))
    if len(digits) != ID_NUMBER_DIGITS or not (digits.isascii() and digits.isdigit()):
        raise InvalidIdentifier(ID_NUMBER_MESSAGE)
    return digits


def normalise_phone(value: str) -> str:
    """A Vietnamese phone number in its national form, "0912345678": spaces, dots, dashes and brackets
    dropped; the country code (+84, 84, 0084) replaced by the leading 0. Anything else is refused."""
    raw = _SEPARATORS.sub("", nfc(value))
    if raw.startswith("+84"):
        raw = "0" + raw[3:]
    elif raw.startswith("0084"):
        raw = "0" + raw[4:]
    elif raw.startswith("84") and len(raw) in (11, 12):
        raw = "0" + raw[2:]
    if not raw.isascii() or not (_MOBILE.fullmatch(raw) or _LANDLINE.fullmatch(raw)):
        raise InvalidIdentifier(PHONE_MESSAGE)
    return raw


def format_phone(value: str) -> str:
    """A normalised number as people read it: "0912 345 678"; a fixed line "0209 3870 123"."""
    if len(value) == 10:
        return f"{value[:4]} {value[4:7]} {value[7:]}"
    if len(value) == 11:
        return f"{value[:4]} {value[4:8]} {value[8:]}"
    return value
