"""The national load: counts equal the package's data, the lineage of 2025, idempotence."""

import datetime as dt

import pytest
from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District as OldDistrict
from vietnam_provinces.legacy import Province as OldProvince
from vietnam_provinces.legacy import Ward as OldWard

from danvan.units.loader import load_national_units
from danvan.units.models import LineageKind, Unit, UnitLineage
from danvan.units.selectors import coverage_prefixes, unit_by_code

TODAY = dt.date(2026, 11, 22)
BEFORE = dt.date(2025, 6, 30)


@pytest.mark.django_db
def test_load_matches_the_package_and_is_idempotent() -> None:
    result = load_national_units()
    package = {
        "provinces_today": len(list(Province.iter_all())),
        "communes_today": len(list(Ward.iter_all())),
        "provinces_before": len(list(OldProvince.iter_all())),
        "districts_before": len(list(OldDistrict.iter_all())),
        "communes_before": len(list(OldWard.iter_all())),
    }
    assert package == {k: getattr(result, k) for k in package}
    live = Unit.objects.valid_on(TODAY)
    old = Unit.objects.valid_on(BEFORE)
    assert live.filter(level="province").count() == package["provinces_today"]
    assert live.filter(level="commune").count() == package["communes_today"]
    assert live.filter(level="district").count() == 0
    assert old.filter(level="province").count() == package["provinces_before"]
    assert old.filter(level="district").count() == package["districts_before"]
    assert old.filter(level="commune").count() == package["communes_before"]
    assert Unit.objects.find_problems() == ([], [], [], [], [])

    # Bắc Kạn (06) and old Thái Nguyên (19) were merged into new Thái Nguyên, which kept code 19.
    new_tn = unit_by_code("19", as_of=TODAY)
    old_tn = unit_by_code("19", as_of=BEFORE)
    bac_kan = unit_by_code("06", as_of=BEFORE)
    assert new_tn != old_tn
    assert {link.predecessor for link in new_tn.predecessor_links.all()} == {old_tn, bac_kan}
    assert all(link.kind == LineageKind.MERGE for link in new_tn.predecessor_links.all())
    # Xã Thượng Giáo (huyện Ba Bể) became part of xã Chợ Rã.
    thuong_giao = unit_by_code("01912", as_of=BEFORE)
    assert Unit.objects.get_parent(thuong_giao).name == "Huyện Ba Bể"
    assert [link.successor.name for link in thuong_giao.successor_links.all()] == ["Xã Chợ Rã"]
    # A grant on today's Thái Nguyên covers the former provinces' subtrees.
    prefixes = coverage_prefixes(new_tn)
    assert any(thuong_giao.path.startswith(p) for p in prefixes)
    # Tiền Giang (82) was split between Đồng Tháp (82) and Tây Ninh (80).
    tien_giang = unit_by_code("82", as_of=BEFORE)
    assert {link.successor.code for link in tien_giang.successor_links.all()} == {"80", "82"}
    assert {link.kind for link in tien_giang.successor_links.all()} == {LineageKind.SPLIT_PART}

    units, links = Unit.objects.count(), UnitLineage.objects.count()
    again = load_national_units()
    assert (again.created, again.updated) == (0, 0)
    assert (Unit.objects.count(), UnitLineage.objects.count()) == (units, links)


@pytest.mark.django_db
def test_unknown_code_names_the_code_and_the_date() -> None:
    from danvan.units.selectors import UnitCodeNotFound

    with pytest.raises(UnitCodeNotFound, match="“99999” vào ngày 22/11/2026"):
        unit_by_code("99999", as_of=TODAY)
