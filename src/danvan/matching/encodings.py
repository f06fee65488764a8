"""Text typed in the legacy Vietnamese font encodings (TCVN3/ABC, VNI): detected and converted to Unicode.

Before Unicode, Vietnamese was typed with "font encodings": the keyboard driver wrote ordinary Windows-1252
bytes and a special font drew them as Vietnamese letters. Copied out of an old Word file or a font-encoded
web page, the text keeps the bytes and loses the font, so a citizen's letter arrives as "Hµ Néi" (TCVN3,
fonts .VnTime, .VnArial) or "Haø Noäi" (VNI-Windows, fonts VNI-Times) instead of "Hà Nội". Such text
matches nothing, so it is repaired before it is compared.

The two encodings:

* TCVN3 (TCVN 5712:1993, its VN3 subset, used by the ABC driver): one byte per letter. It has codes for
  the lower-case letters with their tones and for the upper-case letters without a tone (Ă Â Ê Ô Ơ Ư Đ);
  an upper-case letter with a tone is typed with the lower-case code in a capitals font (.VnTimeH), so
  that the case is lost in the copy. It is restored where the word around the letter is in capitals
  ("CéNG HOµ" → "CỘNG HOÀ").
* VNI-Windows: a base letter followed by a modifier letter that the font draws as the mark ("aø" → "à",
  "aâ" → "â", "aá" → "ấ"); ơ, ư, đ, ỵ and the i with tones are single letters.

Detection is conservative (a wrong conversion ruins good text, a missed one leaves text that was already
unreadable). The text is cut into words; a word with a non-ASCII letter votes for an encoding when it is
not a Vietnamese syllable as it stands and becomes one once converted ("Néi" → "Nội"); signs alone
("×", "·") do not vote. The text is taken to be in that encoding when, in its first 20.000 characters,

* at least two different words vote for it ("5 µm and 10 µm" is not enough), and one of them holds a
  character that only the legacy encoding produces and that no Vietnamese Unicode word contains
  (µ, §, ©, ø, ä, ï…), and
* these votes are at least 60 % of the words that count: the voters, the words with a non-ASCII letter
  that the conversion does not make a syllable (Unicode words, foreign names), and the ASCII words that
  are not Vietnamese syllables (English words, "UBND"). A word that reads as a syllable both ways
  ("cã": có in TCVN3) does not count.

Text made of Vietnamese Unicode letters and ASCII never holds such a character, so it always comes back
unchanged. On conversion, a word that reads as a Vietnamese syllable and would not read as one once
converted is kept as it is (a Unicode word typed into a legacy text).

Whatever the encoding, the result is in Unicode NFC (text in NFD, with combining marks, is composed).
``script_warning`` tells the officer when the text is mostly in another script (Chinese, Cyrillic, Thai…).

Where the tables come from: TCVN3 is the VN3 part of TCVN 5712:1993, the same codes as the upper half of
glibc's ``TCVN5712-1`` converter (checked against it with iconv); the capitals with tones that the full
standard (VN1) puts in the remaining positions are left out, the ABC fonts do not have them. VNI is the
layout of the VNI-Windows fonts by VNI Software, as listed by the Vietnamese keyboard drivers (xvnkb,
UniKey). Both are written out below by hand, grouped by vowel, in the tone order grave, hook above,
tilde, acute, dot below.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from functools import lru_cache

TCVN3 = "TCVN3"
VNI = "VNI"

#: Detection reads this many characters: the start of a text tells its encoding, and the work is bounded.
DETECT_LIMIT = 20_000

_MIN_VOTES = 2
_MIN_SHARE = 0.6

_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
#: The five tone marks, in the order the tables list them.
_TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"


def _toned(letter: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", letter + "".join(marks))


# --- TCVN3 ----------------------------------------------------------------------------------------------
# Byte values of TCVN 5712:1993 VN3. Pasted text shows each byte as its Windows-1252 character, which
# from 0xA0 up is the Latin-1 character of the same number: chr(byte).

_TCVN3_PLAIN = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}

#: Vowel → bytes of the vowel with grave, hook above, tilde, acute, dot below.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}


def _tcvn3_table() -> dict[str, str]:
    table = {chr(byte): letter for byte, letter in _TCVN3_PLAIN.items()}
    for vowel, codes in _TCVN3_TONED.items():
        for byte, tone in zip(codes, _TONES, strict=True):
            table[chr(byte)] = _toned(vowel, tone)
    return table


#: TCVN3 character (as pasted) → Unicode letter.
TCVN3_TABLE: dict[str, str] = _tcvn3_table()
_TCVN3_LOWER = str.maketrans(TCVN3_TABLE)
_TCVN3_UPPER = str.maketrans({code: letter.upper() for code, letter in TCVN3_TABLE.items()})

# --- VNI-Windows ----------------------------------------------------------------------------------------
# Modifier letters written after a base vowel, in the tone order grave, hook above, tilde, acute, dot.

_VNI_TONE = "øûõùï"  # after a, e, o, u, y and after ô (ơ) and ö (ư)
_VNI_CIRCUMFLEX = "âàåãáä"  # after a, e, o: the circumflex alone, then with each tone
_VNI_BREVE = "êèúüéë"  # after a: the breve alone, then with each tone
_VNI_I = "ìæóíò"  # i with each tone: single letters
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"}


def _vni_lower_table() -> dict[str, str]:
    table = dict(_VNI_SINGLE)
    for modifier, tone in zip(_VNI_I, _TONES, strict=True):
        table[modifier] = _toned("i", tone)
    for base, letter in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư")):
        for modifier, tone in zip(_VNI_TONE, _TONES, strict=True):
            if not (base == "y" and tone == _DOT):  # ỵ is the single letter î
                table[base + modifier] = _toned(letter, tone)
    for modifiers, mark, bases in ((_VNI_CIRCUMFLEX, _CIRCUMFLEX, "aeo"), (_VNI_BREVE, _BREVE, "a")):
        for base in bases:
            table[base + modifiers[0]] = _toned(base, mark)
            for modifier, tone in zip(modifiers[1:], _TONES, strict=True):
                table[base + modifier] = _toned(base, mark, tone)
    return table


def _vni_table() -> dict[str, str]:
    lower = _vni_lower_table()
    return lower | {legacy.upper(): letter.upper() for legacy, letter in lower.items()}


#: VNI sequence (as pasted: one or two characters) → Unicode letter.
VNI_TABLE: dict[str, str] = _vni_table()
# Decoding also takes a capital base followed by a small modifier ("Aá" for "Ấ"); the base gives the case.
_VNI_DECODE = VNI_TABLE | {
    legacy[0].upper() + legacy[1]: letter.upper() for legacy, letter in _vni_lower_table().items() if len(legacy) == 2
}
_VNI_PATTERN = re.compile("|".join(re.escape(key) for key in sorted(_VNI_DECODE, key=len, reverse=True)))

# --- Vietnamese syllables -------------------------------------------------------------------------------

_TONE_SET = frozenset(_TONES)
_STOP_TONES = frozenset((_ACUTE, _DOT))  # a syllable ending in c, ch, p, t takes only these tones
_STOP_ENDINGS = ("c", "ch", "p", "t")
_BARE_LETTERS = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_INITIALS = (
    *("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n"),
    *("ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"),
)
#: Rhymes (vowel and final consonant) without their tone, a little generous: validity is a vote, not a spell check.
_RHYME_LIST = """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    y ych ynh yt yêm yên yêng yêt yêu
    o oc oi om on ong op ot ooc oong
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u uc ui um un ung up ut
    ua uân uâng uât uây
    uê uêch uênh
    uy uych uynh uyp uyt uya uyu uyên uyêt
    uôc uôi uôm uôn uông uôt
    uơ
    ư ưc ưi ưm ưn ưng ưt ưu
    ưa ươc ươi ươm ươn ương ươp ươt ươu
"""
_RHYMES = frozenset(_RHYME_LIST.split())
_LONGEST_SYLLABLE = 8


def is_syllable(word: str) -> bool:
    """Whether ``word`` (NFC, any case) is one Vietnamese syllable: initial, rhyme and at most one tone."""
    return len(word) <= _LONGEST_SYLLABLE and _is_bare_syllable(word.lower())


@lru_cache(maxsize=65_536)
def _is_bare_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [mark for mark in decomposed if mark in _TONE_SET]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_SET))
    if not bare or not _BARE_LETTERS.issuperset(bare):
        return False
    stop_allowed = bool(tones) and tones[0] in _STOP_TONES
    for initial in _INITIALS:
        rhyme = bare[len(initial) :]
        if bare.startswith(initial) and rhyme in _RHYMES and (stop_allowed or not rhyme.endswith(_STOP_ENDINGS)):
            return True
    return False


# --- Words and their conversion -------------------------------------------------------------------------

_VIETNAMESE_LETTERS = frozenset(
    letter
    for base in "aăâeêioôơuưy"
    for tone in ("", *_TONES)
    for letter in (_toned(base, tone), _toned(base, tone).upper())
) | frozenset("đĐ")
#: Characters the legacy encoding produces that no Vietnamese Unicode word contains: the sure signs.
_FOREIGN = {
    TCVN3: frozenset(TCVN3_TABLE) - _VIETNAMESE_LETTERS,
    VNI: frozenset("".join(VNI_TABLE)) - _VIETNAMESE_LETTERS - frozenset(string.ascii_letters),
}
# A word: letters, and for TCVN3 also its codes that are not letters (©, §, ·, ¸, ­…).
_WORD = {
    TCVN3: re.compile(r"(?:[^\W\d_]|[" + re.escape("".join(sorted(TCVN3_TABLE))) + r"])+"),
    VNI: re.compile(r"[^\W\d_]+"),
}

_UPPER, _LOWER, _UNSURE = "upper", "lower", "unsure"


def _decode_vni(word: str) -> str:
    return _VNI_PATTERN.sub(lambda match: _VNI_DECODE[match.group()], word)


def _decode(word: str, encoding: str, capitals: bool = False) -> str:
    if encoding == VNI:
        return _decode_vni(word)
    return word.translate(_TCVN3_UPPER if capitals else _TCVN3_LOWER)


def _repaired(word: str, encoding: str, capitals: bool) -> str:
    """``word`` converted, unless it is a syllable as it stands and would not be one once converted."""
    if len(word) > _LONGEST_SYLLABLE:
        return _decode(word, encoding, capitals)  # not a syllable as it stands
    return _repaired_short(word, encoding, capitals)


@lru_cache(maxsize=65_536)
def _repaired_short(word: str, encoding: str, capitals: bool) -> str:
    decoded = _decode(word, encoding, capitals)
    if decoded != word and is_syllable(word) and not is_syllable(decoded):
        return word
    return decoded


def _case_of(word: str) -> str:
    """Whether a TCVN3 word is in capitals, judged by its ASCII letters (the legacy ones carry no case)."""
    letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if any(ch.islower() for ch in letters):
        return _LOWER
    if len(letters) >= 2 or (letters and word[0] != letters[0]):
        return _UPPER  # "HOµ", "§éC": a capital after the first letter
    return _UNSURE  # "Hµ", "X·", "ë": a title or a capitals word, told by the words around it


def _nearest_known(cases: list[str]) -> list[str | None]:
    """For each word, the case of the nearest word before it whose case is known."""
    nearest: list[str | None] = []
    last: str | None = None
    for case in cases:
        nearest.append(last)
        last = last if case == _UNSURE else case
    return nearest


def _tcvn3_capitals(words: list[str]) -> list[bool]:
    """For each word, whether its TCVN3 letters are capitals (the .VnTimeH font lost the case).

    A word whose ASCII letters tell nothing ("Hµ", "X·", "ë") is in capitals when the nearest words
    around it whose case is known are in capitals: "CéNG HOµ X· HéI", "ë Hµ NéI"; not "UBND Hµ Néi".
    """
    cases = [_case_of(word) for word in words]
    before, after = _nearest_known(cases), _nearest_known(cases[::-1])[::-1]
    return [
        case == _UPPER or (case == _UNSURE and {before[index], after[index]} - {None} == {_UPPER})
        for index, case in enumerate(cases)
    ]


def _convert(text: str, encoding: str, keep_unicode_words: bool) -> str:
    matches = list(_WORD[encoding].finditer(text))
    capitals = _tcvn3_capitals([match.group() for match in matches]) if encoding == TCVN3 else [False] * len(matches)
    parts: list[str] = []
    end = 0
    for match, upper in zip(matches, capitals, strict=True):
        word = match.group()
        decoded = _repaired(word, encoding, upper) if keep_unicode_words else _decode(word, encoding, upper)
        parts += [text[end : match.start()], decoded]
        end = match.end()
    parts.append(text[end:])
    return "".join(parts)


def convert(text: str, encoding: str) -> str:
    """``text`` read as typed in ``encoding`` (TCVN3 or VNI), in Unicode NFC, without any detection."""
    return unicodedata.normalize("NFC", _convert(unicodedata.normalize("NFC", text), encoding, False))


# --- Detection ------------------------------------------------------------------------------------------


def _share(sample: str, encoding: str) -> float:
    """The share of the words that vote for ``encoding``; 0 when the evidence is too thin."""
    votes = against = 0
    voters: set[str] = set()
    sure_sign = False
    foreign = _FOREIGN[encoding]
    for match in _WORD[encoding].finditer(sample):
        word = match.group()
        if word.isascii():
            if not is_syllable(word):
                against += 1  # "UBND", English words
            continue
        decoded = _decode(word, encoding)
        legacy = decoded != word and is_syllable(decoded)
        if legacy and not is_syllable(word):
            if not any(ch.isalpha() for ch in word):
                continue  # "×", "·", "¸": signs alone ("3 × 4 ÷ 2") prove nothing
            votes += 1
            voters.add(word)
            sure_sign = sure_sign or not foreign.isdisjoint(word)
        elif not legacy:
            against += 1  # a Unicode word, or a word neither reading makes sense of
    if len(voters) < _MIN_VOTES or not sure_sign or votes < _MIN_SHARE * (votes + against):
        return 0.0
    return votes / (votes + against)


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` (NFC) is clearly typed in, judged on its start; None for Unicode text."""
    sample = text[:DETECT_LIMIT]
    shares = {encoding: _share(sample, encoding) for encoding in (TCVN3, VNI)}
    best = max(shares, key=lambda encoding: shares[encoding])
    return best if shares[best] > 0 else None


def repair(text: str) -> tuple[str, str | None]:
    """``text`` converted to Unicode NFC, and the name of the legacy encoding it was typed in (or None)."""
    text = unicodedata.normalize("NFC", text)
    encoding = detect(text)
    if encoding is None:
        return text, None
    return unicodedata.normalize("NFC", _convert(text, encoding, True)), encoding


# --- Messages for the officer ---------------------------------------------------------------------------

_ENCODING_NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI (VNI-Windows)"}


def describe(encoding: str | None) -> str:
    """A Vietnamese sentence telling the officer that the text was converted ("" when it was not)."""
    if not encoding:
        return ""
    name = _ENCODING_NAMES.get(encoding, encoding)
    return f"Nội dung gõ bằng bảng mã {name} đã được chuyển sang Unicode."


#: The first word of a letter's Unicode name → the script's name in Vietnamese.
_SCRIPT_NAMES = {
    "CJK": "chữ Hán",
    "HIRAGANA": "chữ Nhật",
    "KATAKANA": "chữ Nhật",
    "HANGUL": "chữ Hàn",
    "CYRILLIC": "chữ Kirin",
    "THAI": "chữ Thái Lan",
    "LAO": "chữ Lào",
    "KHMER": "chữ Khmer",
    "ARABIC": "chữ Ả Rập",
    "GREEK": "chữ Hy Lạp",
    "HEBREW": "chữ Do Thái",
}


def _is_latin(letter: str) -> bool:
    code = ord(letter)
    return (
        code < 0x0250  # ASCII, Latin-1, Latin Extended-A and -B (the legacy codes µ ª º too)
        or 0x1E00 <= code <= 0x1EFF  # Latin Extended Additional: the Vietnamese letters with tones
        or 0x2C60 <= code <= 0x2C7F
        or 0xA720 <= code <= 0xA7FF
        or 0xFF21 <= code <= 0xFF5A  # full-width Latin
    )


def script_warning(text: str) -> str | None:
    """A Vietnamese warning when most letters of ``text`` are not Latin (Chinese, Cyrillic, Thai…), else None."""
    letters = [ch for ch in text[:DETECT_LIMIT] if ch.isalpha()]
    others = [ch for ch in letters if not _is_latin(ch)]
    if not others or 2 * len(others) <= len(letters):
        return None
    scripts = Counter(unicodedata.name(ch, "").split(" ")[0] for ch in others)
    script = _SCRIPT_NAMES.get(scripts.most_common(1)[0][0])
    which = f" (phần lớn là {script})" if script else ""
    return f"Nội dung không viết bằng chữ Việt{which}: không so sánh được với đơn đã có."
