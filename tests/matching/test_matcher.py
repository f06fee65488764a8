"""The matcher on its own: what it calls the same matter, why, and that it survives a restart."""

from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.matching import Index, Record, Settings, group
from danvan.matching.text import name_key, place, words

LAND = (
    "Kính gửi UBND xã Đức Xuân. Tôi là Nguyễn Văn An, thôn Nà Săm. Gia đình tôi có thửa đất số 125, tờ bản đồ "
    "số 8, đã được cấp giấy chứng nhận quyền sử dụng đất năm 2003. Năm nay hộ ông Hoàng Văn Bình lấn sang 40 m² "
    "để xây tường rào. Đề nghị UBND xã hòa giải, giải quyết tranh chấp."
)
#: The same matter, written without diacritics, with the abbreviation spelt out and the sentences moved.
LAND_AGAIN = (
    "Toi la Nguyen Van An o thon Na Sam. Ho ong Hoang Van Binh xay tuong rao lan sang 40 m2 thua dat so 125 "
    "to ban do so 8 cua gia dinh toi. Kinh de nghi Uy ban nhan dan xa Duc Xuan som giai quyet tranh chap."
)
#: A neighbour writes about the same dispute.
NEIGHBOUR = (
    "Tôi là Hoàng Văn Bình, thôn Nà Săm. Về việc ông Nguyễn Văn An cho rằng tôi xây tường rào lấn thửa đất số "
    "125 tờ bản đồ số 8: tường xây trên đất của tôi. Đề nghị xã đo đạc lại, hòa giải tranh chấp."
)
#: The same commune, the same topic, another matter (the hard negative).
OTHER_LAND = (
    "Kính gửi UBND xã Đức Xuân. Tôi là Lương Thị Mai, thôn Nà Săm. Hộ bà Triệu Thị Hoa tự ý đào ao trên thửa đất "
    "số 311, tờ bản đồ số 14 của gia đình tôi. Đề nghị xã giải quyết tranh chấp đất đai."
)
#: The first sender, about something else.
AN_ON_ROADS = (
    "Tôi là Nguyễn Văn An, thôn Nà Săm. Đoạn đường bê tông từ thôn Nà Săm ra trung tâm xã bị sụt lún sau mưa lũ, "
    "xe máy đi lại nguy hiểm. Đề nghị xã sớm sửa chữa."
)


def _record(id: str, text: str, name: str = "", address: str = "thôn Nà Săm, xã Đức Xuân", **kw: str) -> Record:
    return Record(id=id, text=text, sender_name=name, address=address, unit="10001", scope="P1", **kw)


def _index(*records: Record) -> Index:
    index = Index()
    index.add(records)
    return index


def test_the_same_matter_without_diacritics_is_suggested_first_with_its_reasons() -> None:
    index = _index(_record("1", LAND, "Nguyễn Văn An"), _record("2", OTHER_LAND, "Lương Thị Mai"),
                   _record("3", AN_ON_ROADS, "Nguyễn Văn An"))  # fmt: skip
    best, *rest = index.suggest(_record("new", LAND_AGAIN, "Nguyen Van An", address="thon Na Sam"))
    assert best.id == "1"
    assert best.same_sender and best.same_place == "thon Na Sam"
    assert best.reason.startswith("cùng người gửi; cùng thon Na Sam; nội dung giống ")
    assert all(m.score < best.score for m in rest)


def test_a_neighbour_on_the_same_dispute_is_one_matter_and_the_other_dispute_is_not() -> None:
    records = [  # in the order they came: the neighbour answers after An wrote twice
        _record("1", LAND, "Nguyễn Văn An"),
        _record("3", OTHER_LAND, "Lương Thị Mai"),
        _record("4", AN_ON_ROADS, "Nguyễn Văn An"),
        _record("5", LAND_AGAIN, "Nguyen Van An"),
        _record("2", NEIGHBOUR, "Hoàng Văn Bình"),
    ]
    groups = group(records)
    assert groups["1"] == groups["2"] == groups["5"] == "1"
    assert groups["3"] == "3" and groups["4"] == "4"  # same topic and hamlet; same sender: other matters


def test_a_letter_is_compared_only_within_its_scope_and_never_with_itself() -> None:
    index = _index(_record("1", LAND, "Nguyễn Văn An"),
                   Record("far", LAND, "Nguyễn Văn An", unit="99999", scope="P2"))  # fmt: skip
    assert [m.id for m in index.suggest(_record("1", LAND, "Nguyễn Văn An"))] == []
    assert [m.id for m in index.suggest(_record("x", LAND))] == ["1"]
    assert index.suggest(Record("y", LAND, scope="nowhere")) == []


def test_letters_added_after_the_build_are_found_and_survive_a_restart(tmp_path: Path) -> None:
    index = _index(*(_record(str(i), f"Phản ánh số {i} về đèn đường hỏng ở tổ dân phố {i}.") for i in range(30)))
    index.suggest(_record("q", "đèn đường"))  # builds
    index.add([_record("late", LAND, "Nguyễn Văn An")])  # the delta
    assert index.suggest(_record("q", LAND_AGAIN))[0].id == "late"
    index.discard(["3"])
    index.save(tmp_path)
    again = Index.load(tmp_path)
    assert len(again) == len(index) == 30
    assert "3" not in again.ids()
    assert again.suggest(_record("q", LAND_AGAIN))[0].id == "late"


def test_the_delta_is_folded_into_the_postings_when_it_grows() -> None:
    index = Index(Settings(delta_share=0.1))
    index.add(_record(str(i), f"Đơn số {i}: tranh chấp thửa đất số {i} tờ bản đồ số {i % 7}.") for i in range(2000))
    index.build()
    index.add(_record(f"n{i}", f"Đơn mới {i} về thửa đất số {i}.") for i in range(1100))
    assert index._delta == []  # folded: 1.100 > a tenth of 2.000 and > 1.000
    assert index.suggest(_record("q", "thửa đất số 1999 tờ bản đồ số 4"))[0].id == "1999"


def test_text_is_folded_and_abbreviations_spelt_out() -> None:
    assert " ".join(words("UBND xã Đức Xuân; GPMB dự án")) == "uy ban nhan dan xa duc xuan giai phong mat bang du an"
    assert name_key("  ĐÀM thị  Hoa ") == "dam thi hoa"
    assert place("Thôn Nà Săm, xã Đức Xuân") == ("thôn Nà Săm", "na sam")
    assert place("", "gia đình tôi ở tổ dân phố 3, phường Đức Xuân") == ("tổ dân phố 3", "3")
    assert place("xã Đức Xuân") == ("", "")


def test_odd_letters_give_no_suggestion_and_no_error() -> None:
    index = _index(_record("1", LAND, "Nguyễn Văn An"))
    for text in ("", "   ", "x", "\x00\x01", "北京市朝阳区", "!!! ??? ...", "a" * 1_000_000):
        assert index.suggest(_record("q", text)) == []
    huge = index.suggest(_record("q", LAND * 2000))  # 1 MB of one letter: bounded, and still itself
    assert huge and huge[0].id == "1"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=40))
def test_any_text_is_indexed_and_asked_without_error(text: str, name: str, address: str) -> None:
    index = _index(_record("1", LAND, "Nguyễn Văn An"), Record("2", text, name, address=address, scope="P1"))
    for match in index.suggest(Record("q", text, name, address=address, scope="P1")):
        assert 0 < match.score <= 1 and match.reasons


def test_dates_do_not_change_the_score() -> None:
    a = _index(_record("1", LAND, "Nguyễn Văn An")).suggest(_record("q", LAND_AGAIN))
    day = datetime.date(2026, 12, 1)
    b = _index(Record("1", LAND, "Nguyễn Văn An", "", "thôn Nà Săm, xã Đức Xuân", "10001", day, "P1")).suggest(
        _record("q", LAND_AGAIN)
    )
    assert a == b
