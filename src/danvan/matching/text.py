"""The matcher's view of Vietnamese text: repaired, NFC, folded, abbreviations spelt out, words.

Two letters about one matter rarely share their wording, but they share the
words that name it: the hamlet, the people, the plot number, the project. The
text is therefore compared as folded words (no tone or vowel marks, đ → d:
letters typed without diacritics compare equal to the others), with the
abbreviations officers and citizens write both ways ("UBND", "GPMB") spelt
out, so that "UBND xã" and "Ủy ban nhân dân xã" are the same words.
"""

from __future__ import annotations

import re
import string
import unicodedata

from danvan.core.text import fold
from danvan.matching import encodings

#: Work is bounded: a letter longer than this is compared on its beginning (a pasted file of 1 MB must
#: not hold up intake).
MAX_CHARS = 20_000

#: Abbreviations as written in letters and official papers, folded, with their folded full form.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "gpmb": "giai phong mat bang",
    "qsdd": "quyen su dung dat",
    "gcnqsdd": "giay chung nhan quyen su dung dat",
    "gcn": "giay chung nhan",
    "sdd": "su dung dat",
    "tdc": "tai dinh cu",
    "tdp": "to dan pho",
    "tp": "thanh pho",
    "tx": "thi xa",
    "bhxh": "bao hiem xa hoi",
    "bhyt": "bao hiem y te",
    "cccd": "can cuoc cong dan",
    "cmnd": "chung minh nhan dan",
    "cb": "can bo",
    "cbcc": "can bo cong chuc",
    "nd": "nhan dan",
    "dc": "dong chi",
    "tnmt": "tai nguyen moi truong",
    "ldtbxh": "lao dong thuong binh xa hoi",
}

_WORD = re.compile(r"[0-9a-z]+")
_SLASHED = re.compile(r"\b([a-z]{1,3})/([a-z]{1,3})\b")  # "đ/c" → "dc", "v/v" → "vv"


def _vietnamese_letters() -> frozenset[str]:
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    vowels = ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y")
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones} | {"đ"}
    return frozenset(letters | {c.upper() for c in letters})


#: Text made only of these needs no repair: ASCII, the Vietnamese letters in NFC, common punctuation (a
#: legacy-font text always has a character outside them, see :mod:`.encodings`).
_PLAIN = frozenset(string.printable) | _vietnamese_letters() | frozenset("–—…“”‘’«»°№•·\u00a0")


def _fold_table() -> dict[int, str]:
    table = {ord(c): fold(c) for c in _vietnamese_letters()}
    table.update({ord(c): c.lower() for c in string.ascii_uppercase})
    table.update({ord(c): " " for c in _PLAIN if not c.isascii() and not c.isalpha()})  # “quotes”, dashes
    return table


_FOLD = _fold_table()


def quick_fold(text: str) -> str:
    """:func:`danvan.core.text.fold` by one table for Vietnamese and ASCII (the common case, many times
    faster), by decomposition for the rest. Spacing is kept as it is."""
    folded = text.translate(_FOLD)
    return folded if folded.isascii() else fold(folded)


def clean(text: str) -> str:
    """``text`` repaired (legacy font encodings, NFD), NFC, bounded to :data:`MAX_CHARS`."""
    text = text[: MAX_CHARS * 2]
    if set(text) <= _PLAIN:
        return text[:MAX_CHARS]  # already NFC Vietnamese: the common case, without the detector's work
    repaired, _ = encodings.repair(text)
    return unicodedata.normalize("NFC", repaired)[:MAX_CHARS]


def words(text: str) -> list[str]:
    """The folded words of ``text``, abbreviations spelt out: "UBND xã Đức Xuân" → uy ban nhan dan xa duc xuan."""
    folded = _SLASHED.sub(r"\1\2", quick_fold(clean(text)))
    out: list[str] = []
    for word in _WORD.findall(folded):
        full = ABBREVIATIONS.get(word)
        if full is None:
            out.append(word)
        else:
            out.extend(full.split())
    return out


def name_key(name: str) -> str:
    """A sender's name compared: folded, one space ("Đàm Thị Hoa", "dam thi  hoa" → "dam thi hoa")."""
    return " ".join(words(name))


def id_key(number: str) -> str:
    """An ID number compared: its digits only (CCCD "0061 8000 1111" → "006180001111")."""
    return "".join(ch for ch in number if ch.isdigit())


#: Words that open the name of a place below the commune, folded (thôn, xóm, bản, tổ dân phố, khu phố…).
_PLACE_WORDS = (
    ("to", "dan", "pho"),
    ("khu", "dan", "cu"),
    ("khu", "pho"),
    ("thon",),
    ("xom",),
    ("ban",),
    ("ap",),
    ("khom",),
    ("buon",),
    ("lang",),
    ("khu",),
    ("to",),
)
_RAW_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: Capitalised words after a place word that are not its name ("thôn Nà Săm, Xã Đức Xuân").
_NOT_NAME = frozenset({"xa", "phuong", "thi", "huyen", "tinh", "thanh", "dac", "quan"})


def place(*texts: str) -> tuple[str, str]:
    """The hamlet (or street group) a letter is about, from its sender's address, else its content:
    ("thôn Nà Săm", "na sam"); ("", "") when none is named. The name is the capitalised words (or the
    number) after the place word, so "ở thôn Nà Săm, xã Đức Xuân" gives Nà Săm and "tổ dân phố 3" gives 3."""
    for text in texts:
        raw = _RAW_WORD.findall(clean(text)[:4000]) if text else []
        folded = quick_fold(" ".join(raw)).split(" ") if raw else []
        if len(folded) != len(raw):  # a word of marks only folds to nothing: fold word by word
            folded = [fold(w) for w in raw]
        for i in range(len(raw)):
            for opener in _PLACE_WORDS:
                end = i + len(opener)
                if tuple(folded[i:end]) != opener or end >= len(raw):
                    continue
                if raw[end][0].isdigit():
                    name = [raw[end]]
                else:
                    name = []
                    for word, key in zip(raw[end : end + 3], folded[end : end + 3], strict=False):
                        if not word[0].isupper() or key in _NOT_NAME:
                            break
                        name.append(word)
                if name:
                    kind = " ".join(raw[i:end]).lower()
                    return f"{kind} {' '.join(name)}", " ".join(fold(w) for w in name)
    return "", ""


#: The commonest Vietnamese family names, folded: a capitalised run of words that starts with one of them
#: is a person's name ("ông Hoàng Văn Bình", "hộ bà Triệu Thị Hoa").
_SURNAMES = (
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly nong trieu luong ha ma dam "
    "lam mai trinh dinh doan cao luu chu quach la vi hua thach kim tong to tang giang hong an lo sam "
    "lu mac ninh thai"
)
SURNAMES = frozenset(_SURNAMES.split())


_CLAUSE = re.compile(r"[.,;:!?()\[\]\n\"“”…–—-]+")


def specifics(text: str) -> tuple[frozenset[str], list[str]]:
    """What names a matter rather than its topic, read from the capitalised words of ``text``, clause by
    clause: the folded words of the places below the commune it names ("thôn Nà Săm" → na, sam), which the
    place evidence weighs on its own, and the folded names of the people it names ("Hoàng Văn Bình" →
    hoang van binh)."""
    places: set[str] = set()
    people: list[str] = []
    openers = {o[-1] for o in _PLACE_WORDS}
    for clause in _CLAUSE.split(clean(text)) if text else []:
        raw = _RAW_WORD.findall(clause)
        if not raw:
            continue
        folded = quick_fold(" ".join(raw)).split(" ")
        if len(folded) != len(raw):
            folded = [fold(w) for w in raw]
        i = 0
        while i < len(raw):
            if folded[i] in openers and i + 1 < len(raw) and raw[i + 1][0].isupper():
                j = i + 1
                while j < len(raw) and j < i + 4 and raw[j][0].isupper() and folded[j] not in _NOT_NAME:
                    places.add(folded[j])
                    j += 1
                i = j
            elif raw[i][0].isupper() and folded[i] in SURNAMES and i + 1 < len(raw) and raw[i + 1][0].isupper():
                j = i + 1
                while j < len(raw) and j < i + 4 and raw[j][0].isupper():
                    j += 1
                people.append(" ".join(folded[i:j]))
                i = j
            else:
                i += 1
    return frozenset(places), people
