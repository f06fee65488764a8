"""Accent-free search in SQL: Fold() agrees with core.text.fold on both databases."""

from __future__ import annotations

import pytest

from danvan.core.text import fold
from danvan.initiatives.models import Initiative
from danvan.lists.search import TRANSLATE_FROM, TRANSLATE_TO, Fold
from tests.factories import make_initiative

VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


def test_every_vietnamese_letter_folds_in_sql_as_in_python() -> None:
    table = dict(zip(TRANSLATE_FROM, TRANSLATE_TO, strict=True))
    for letter in VIETNAMESE + VIETNAMESE.upper():
        assert table[letter] == fold(letter), letter


@pytest.mark.django_db
def test_fold_in_the_database_matches_python(tree) -> None:
    name = "ĐẨY MẠNH Dân vận khéo ở Đồng Hỷ"
    make_initiative(tree.commune_a, "registered", name=name, owner_name="Hội Liên hiệp Phụ nữ XÃ Ứng Hòa")
    row = Initiative.objects.annotate(n=Fold("name"), o=Fold("owner_name")).get()
    assert row.n == fold(name) == "day manh dan van kheo o dong hy"
    assert row.o == "hoi lien hiep phu nu xa ung hoa"
