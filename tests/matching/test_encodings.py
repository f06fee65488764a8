"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI text is detected and converted, Unicode text is left alone.

The round trips encode Unicode with the module's own tables read backwards, as the old keyboard drivers
did, and check that the text comes back.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.matching.encodings import (
    TCVN3,
    TCVN3_TABLE,
    VNI,
    VNI_TABLE,
    convert,
    describe,
    is_syllable,
    repair,
    script_warning,
)

# The Vietnamese letters with a mark, written out here rather than taken from the module: each vowel
# plain, then with grave, hook above, tilde, acute, dot below.
VOWELS = "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ".replace(" ", "")
VIETNAMESE_LOWER = VOWELS + "đ"
VIETNAMESE_LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()
ASCII = "".join(chr(code) for code in range(128))

_TO_TCVN3 = {letter: code for code, letter in TCVN3_TABLE.items()}
_TO_VNI = {letter: sequence for sequence, letter in VNI_TABLE.items()}


def to_tcvn3(text: str) -> str:
    """``text`` as the ABC driver typed it: a capital with a tone takes the small letter's code (.VnTimeH)."""
    return "".join(_TO_TCVN3.get(ch) or _TO_TCVN3.get(ch.lower(), ch) for ch in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(ch, ch) for ch in text)


def tcvn3_case(text: str) -> str:
    """What TCVN3 can give back of a title-case text: a capital with a tone has no code and comes back small."""
    return "".join(ch.lower() if ch.isupper() and ch not in _TO_TCVN3 and not ch.isascii() else ch for ch in text)


# Between them, every letter with a mark, small and (in the upper-case forms) capital.
PHRASES = [
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Đơn khiếu nại về việc thu hồi đất của hộ gia đình ông Nguyễn Văn Thắng",
    "Uỷ ban nhân dân xã Tân Phú, huyện Định Quán, tỉnh Đồng Nai",
    "Người dân phản ánh đường ngập nước sau trận mưa lớn",
    "Tôi đề nghị cơ quan chức năng sớm giải quyết dứt điểm",
    "Chiều thứ bảy, bà Lữ Thị Mỹ Hằng gửi thư tới trưởng thôn Ẩn Lợi",
    "Khuỷu tay bị thương, cậu bé ngã xuống rãnh nước cạnh cầu",
    "Quỹ hỗ trợ nông dân nghèo đã chuyển tiền bồi thường kịp thời",
    "Ngõ nhỏ, phố nhỏ, nhà tôi ở đó; bác sĩ khám bệnh miễn phí",
    "Em bé vẽ tranh con voi, mẹ khen giỏi; đừng bẻ cành cây ven đường",
    "Rừng bị chặt phá, lũ cuốn trôi nhà cửa vào mùa mưa ở bản Mường Lò",
    "Kỹ sư thẳng thắn góp ý về lẵng hoa và mẫu đơn; hỡi ơi, đội kỵ binh đọc thư",
    "Kỳ họp thứ năm, Hội đồng nhân dân bàn về ổ gà và ụ đất trên đường làng",
    "Ông Ưng Hoàng Phúc và chị Ỷ Lan ở Ấp Ẹo gửi đơn lên Ủy ban",
]


def test_the_phrases_hold_every_letter() -> None:
    assert len(set(VIETNAMESE_LETTERS)) == 146
    assert all(unicodedata.is_normalized("NFC", letter) for letter in VIETNAMESE_LETTERS)
    assert set(VIETNAMESE_LOWER) <= set(" ".join(PHRASES).lower())


def test_the_tables_cover_every_letter() -> None:
    assert set(VIETNAMESE_LETTERS) - set(ASCII) == set(VNI_TABLE.values())
    # TCVN3 (VN3) has the small letters, and the capitals without a tone.
    assert set(TCVN3_TABLE.values()) == set(VIETNAMESE_LOWER) - set("aeiouy") | set("ĂÂÊÔƠƯĐ")
    assert len(_TO_TCVN3) == len(TCVN3_TABLE)
    assert len(_TO_VNI) == len(VNI_TABLE)


@pytest.mark.parametrize("phrase", PHRASES)
def test_round_trip_through_tcvn3(phrase: str) -> None:
    for form, expected in (
        (phrase, tcvn3_case(phrase)),
        (phrase.lower(), phrase.lower()),
        (phrase.upper(), phrase.upper()),
    ):
        legacy = to_tcvn3(form)
        assert legacy != form
        assert repair(legacy) == (expected, TCVN3)
        assert convert(legacy, TCVN3) == expected


@pytest.mark.parametrize("phrase", PHRASES)
def test_round_trip_through_vni(phrase: str) -> None:
    for form in (phrase, phrase.lower(), phrase.upper()):
        legacy = to_vni(form)
        assert legacy != form
        assert repair(legacy) == (form, VNI)
        assert convert(legacy, VNI) == form


@pytest.mark.parametrize("phrase", PHRASES)
def test_repaired_text_is_left_alone(phrase: str) -> None:
    assert repair(phrase) == (phrase, None)
    repaired, _ = repair(to_vni(phrase))
    assert repair(repaired) == (repaired, None)


@given(st.text(alphabet=VIETNAMESE_LETTERS + ASCII))
def test_every_vni_text_converts_back(text: str) -> None:
    assert convert(to_vni(text), VNI) == text


@given(st.text(alphabet=VIETNAMESE_LOWER + "abcdefghijklmnopqrstuvwxyz0123456789 .,;:!?-()\n\t"))
def test_every_small_tcvn3_text_converts_back(text: str) -> None:
    assert convert(to_tcvn3(text), TCVN3) == text


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Hµ Néi", "Hà Nội"),
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),  # the old place of the tone: what was typed
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (
            "§éC LËP - Tù DO - H¹NH PHóC\nHµ Néi, ngµy 05 th¸ng 3 n¨m 2024",
            "ĐỘC LẬP - TỰ DO - HẠNH PHÚC\nHà Nội, ngày 05 tháng 3 năm 2024",
        ),
        (
            "C«ng v¨n sè 123/UBND-VP vÒ viÖc tæ chøc tiÕp c«ng d©n",
            "Công văn số 123/UBND-VP về việc tổ chức tiếp công dân",
        ),
        ("Tr\xadêng THCS Hµ Néi, ng\xadêi d©n", "Trường THCS Hà Nội, người dân"),
        ("UBND Hµ Néi", "UBND Hà Nội"),
        ("ë Hµ NéI", "Ở HÀ NỘI"),
    ],
)
def test_real_tcvn3(legacy: str, unicode: str) -> None:
    assert repair(legacy) == (unicode, TCVN3)


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Haø Noäi", "Hà Nội"),
        ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñôn khieáu naïi veà vieäc thu hoài ñaát", "Đơn khiếu nại về việc thu hồi đất"),
        ("Nguyeãn Vaên An, ngöôøi daân thoân 3", "Nguyễn Văn An, người dân thôn 3"),
        ("Aán Ñoä", "Ấn Độ"),  # a capital base with a small modifier
    ],
)
def test_real_vni(legacy: str, unicode: str) -> None:
    assert repair(legacy) == (unicode, VNI)


def test_unicode_words_in_a_legacy_text_are_kept() -> None:
    text = "Ông Nguyễn Văn A: Uû ban nh©n d©n x· T©n Phó ®· nhËn ®¬n khiÕu n¹i vÒ viÖc thu håi ®Êt cña hé gia ®×nh"
    expected = "Ông Nguyễn Văn A: Uỷ ban nhân dân xã Tân Phú đã nhận đơn khiếu nại về việc thu hồi đất của hộ gia đình"
    assert repair(text) == (expected, TCVN3)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hà Nội",
        "Ủy ban nhân dân xã Tân Phú",
        "Đơn khiếu nại về việc thu hồi đất",
        "The committee received 12 letters on 5 May.",
        "nguyen.van.a@gmail.com",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?id=123&q=%C3%A0",
        "1.234.567,89 — 50% (2024)",
        "!@#$%^&*()_+-=[]{}|;':\",./<>?",
        "Müller, José, São Paulo, Zoë, naïve, façade, Øresund, Björk, Søren, niño, Straße",
        "The sample is 5 µm thick; 5 µm and 10 µm",
        "3 × 4 ÷ 2 = 6",
        "© 2024 UBND tỉnh; diện tích ½ ha",
        "Hà Nội · Huế · Đà Nẵng «đẹp»",
        "中华人民共和国",
        "Привет, мир",
        "สวัสดีครับ",
        "\x00\x01\x1b[0m\x7f\ufeff",
        "\ud800 lone surrogate",
        "Né ó é",  # TCVN3 for "Nộ ú ộ", but nothing a Unicode word could not hold
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert repair(text) == (text, None)


@given(st.text(alphabet=VIETNAMESE_LETTERS + ASCII))
def test_vietnamese_unicode_and_ascii_come_back_unchanged(text: str) -> None:
    assert repair(text) == (text, None)


_words = st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=7)


@given(st.lists(_words, min_size=1, max_size=40).map(" ".join))
def test_vietnamese_unicode_words_come_back_unchanged(text: str) -> None:
    assert repair(text) == (text, None)


@given(st.text())
def test_any_text_gives_nfc_and_never_raises(text: str) -> None:
    repaired, encoding = repair(text)
    assert encoding in (None, TCVN3, VNI)
    assert unicodedata.is_normalized("NFC", repaired)
    assert script_warning(text) is None or script_warning(text)


def test_nfd_becomes_nfc() -> None:
    text = "Ủy ban nhân dân thành phố Hồ Chí Minh, người dân, đường Lê Lợi"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert repair(decomposed) == (text, None)


def test_a_large_text_is_repaired_whole() -> None:
    """A 1.000.000-character letter in each encoding comes back whole (its speed is a benchmark's to measure,
    never a timed assertion: this one failed CI on a loaded machine at 5,2 s)."""
    unicode_text = ("Uỷ ban nhân dân xã Tân Phú đã nhận đơn khiếu nại của người dân. " * 20_000)[:1_000_000]
    legacy_text = to_tcvn3(unicode_text)
    assert repair(unicode_text) == (unicode_text, None)
    assert repair(legacy_text) == (unicode_text, TCVN3)
    assert repair(to_vni(unicode_text)) == (unicode_text, VNI)


def test_detection_reads_the_start_only() -> None:
    text = "Hà Nội " * 5_000 + "Uû ban nh©n d©n x· T©n Phó"
    assert repair(text) == (text, None)


@pytest.mark.parametrize(
    "word", ["hà", "Nội", "nghiêng", "khuỷu", "quốc", "giữa", "người", "Uỷ", "Ủy", "xoong", "ĐƯỜNG"]
)
def test_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["", "Néi", "hat", "UBND", "Haø", "hàá", "café", "Müller", "hello", "nghiênggg"])
def test_not_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_describe() -> None:
    assert describe(TCVN3) == "Nội dung gõ bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode."
    assert describe(VNI) == "Nội dung gõ bằng bảng mã VNI (VNI-Windows) đã được chuyển sang Unicode."
    assert describe(None) == ""


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("中华人民共和国万岁", "chữ Hán"),
        ("Прошу рассмотреть моё заявление", "chữ Kirin"),
        ("ขอความช่วยเหลือ", "chữ Thái Lan"),
        ("안녕하세요", "chữ Hàn"),
    ],
)
def test_script_warning_names_the_script(text: str, script: str) -> None:
    assert (
        script_warning(text)
        == f"Nội dung không viết bằng chữ Việt (phần lớn là {script}): không so sánh được với đơn đã có."
    )


@pytest.mark.parametrize(
    "text",
    ["", "12345 !?", "Hà Nội", "Hµ Néi", "Haø Noäi", "The committee", "Ông Trương (张伟) đến Hà Nội làm việc"],
)
def test_no_script_warning_for_latin_text(text: str) -> None:
    assert script_warning(text) is None


def test_script_warning_for_another_script_without_a_name() -> None:
    assert script_warning("ሰላም ልዑል") == "Nội dung không viết bằng chữ Việt: không so sánh được với đơn đã có."
