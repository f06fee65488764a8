"""Names in Vietnamese dictionary order (the gallery's communes, any list of places)."""

from danvan.core.text import sort_key


def test_names_sort_as_a_vietnamese_dictionary_orders_them() -> None:
    names = ["Đức Xuân", "Dương Quang", "Bắc Kạn", "Bạch Thông", "Ana", "An Bình", "Ân Thi", "Ăn Khê", "Chợ Rã",
             "Cao Kỳ", "Yên Phong", "Xuân La", "bằng Thành"]  # fmt: skip
    assert sorted(names, key=sort_key) == [
        "An Bình", "Ana", "Ăn Khê", "Ân Thi", "Bạch Thông", "Bắc Kạn", "bằng Thành", "Cao Kỳ", "Chợ Rã",
        "Dương Quang", "Đức Xuân", "Xuân La", "Yên Phong",
    ]  # fmt: skip


def test_tones_order_only_words_with_the_same_letters() -> None:
    assert sorted(["Mã", "Ma", "Má", "Mạ", "Mà", "Mả"], key=sort_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
