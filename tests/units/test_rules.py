import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from danvan.units.rules import Kind, Level, minimal_prefixes, placement_errors, strip_kind_prefix


def test_hamlet_needs_a_commune() -> None:
    errors = placement_errors(
        kind=Kind.THON, parent_level=Level.PROVINCE, parent_valid_to=None, valid_from=None, valid_to=None
    )
    assert errors == {"parent": "Thôn, tổ dân phố phải thuộc một xã, phường hoặc đặc khu."}
    assert (
        placement_errors(
            kind=Kind.THON, parent_level=Level.COMMUNE, parent_valid_to=None, valid_from=None, valid_to=None
        )
        == {}
    )


def test_district_level_ends_on_30_june_2025() -> None:
    errors = placement_errors(
        kind=Kind.HUYEN, parent_level=Level.PROVINCE, parent_valid_to=None, valid_from=None, valid_to=None
    )
    assert "30/6/2025" in errors["valid_to"]
    assert (
        placement_errors(
            kind=Kind.HUYEN,
            parent_level=Level.PROVINCE,
            parent_valid_to=None,
            valid_from=None,
            valid_to=dt.date(2025, 6, 30),
        )
        == {}
    )


def test_child_cannot_outlive_its_parent() -> None:
    errors = placement_errors(
        kind=Kind.THON, parent_level=Level.COMMUNE, parent_valid_to=dt.date(2025, 6, 30), valid_from=None, valid_to=None
    )
    assert "30/6/2025" in errors["valid_to"]


def test_strip_kind_prefix() -> None:
    assert strip_kind_prefix("Thành phố Hà Nội") == "Hà Nội"
    assert strip_kind_prefix("Xã Thượng Giáo") == "Thượng Giáo"
    assert strip_kind_prefix("Tổ dân phố Giao Lâm") == "Giao Lâm"


@given(st.sets(st.text(alphabet="0123", min_size=1, max_size=6), max_size=30))
def test_minimal_prefixes_cover_the_same_paths(paths: set[str]) -> None:
    result = minimal_prefixes(paths)
    for p in paths:
        assert any(p.startswith(r) for r in result)
    for a in result:
        assert not any(a != b and a.startswith(b) for b in result)
