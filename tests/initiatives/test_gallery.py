"""The public gallery as a citizen browses it: published models only, a page at a time, filtered by province
and commune, field, level and photos; the communes in alphabetical order; a model's public photos on its
card, and never a photo that is not public."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.access import SYSTEM
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative
from danvan.units.rules import Kind
from tests.factories import UnitFactory, make_initiative
from tests.initiatives.test_services import _jpeg

pytestmark = pytest.mark.django_db


def published(unit, name, **fields):
    initiative = make_initiative(unit, "recognised", name=name, **fields)
    services.publish(actor=SYSTEM, initiative=initiative, summary=f"Tóm tắt {name}")
    return initiative


def card_names(page: str) -> list[str]:
    return re.findall(r'<h3 class="h6 card-title"><a href="/gallery/m/\d+/">([^<]+)</a>', page)


@pytest.fixture
def communes(tree):
    return {
        name: UnitFactory(parent=tree.province, kind=Kind.XA, short_name=name, code=code)
        for name, code in (("Đức Xuân", "90041"), ("Ba Bể", "90042"), ("Dương Quang", "90043"))
    }


def test_only_published_models_are_shown_a_page_at_a_time(tree) -> None:
    for n in range(14):
        published(tree.commune_a, f"Mô hình công khai {n:02d}")
    make_initiative(tree.commune_a, "recognised", name="Mô hình chưa công khai")
    first = Client().get("/gallery/").content.decode()
    assert len(card_names(first)) == 12 and "14 mô hình · đang xem 1–12" in first
    assert "Trang 1/2" in first and 'href="?page=2" rel="next"' in first
    second = Client().get("/gallery/", {"page": 2}).content.decode()
    assert len(card_names(second)) == 2
    assert "Mô hình chưa công khai" not in first + second


def test_filters_by_province_commune_field_and_level_keep_each_other_in_the_paging(tree, communes) -> None:
    social = Field.objects.get(parent=None, name="Văn hóa – xã hội")
    published(tree.commune_a, "Kinh tế ở xã A")
    published(tree.commune_b, "Văn hóa ở xã B", field=social)
    provincial = published(tree.commune_b, "Cấp tỉnh ở xã B")
    Initiative.objects.filter(pk=provincial.pk).update(level="tinh")
    published(tree.commune_c, "Ở tỉnh khác")
    client = Client()
    names = lambda **q: sorted(card_names(client.get("/gallery/", q).content.decode()))  # noqa: E731
    assert names(province=tree.province.code) == ["Cấp tỉnh ở xã B", "Kinh tế ở xã A", "Văn hóa ở xã B"]
    assert names(province=tree.province.code, commune=tree.commune_b.code) == ["Cấp tỉnh ở xã B", "Văn hóa ở xã B"]
    assert names(field=social.pk) == ["Văn hóa ở xã B"]
    assert names(level="tinh") == ["Cấp tỉnh ở xã B"]
    # a commune of another province is not a filter of this one
    assert len(names(province=tree.province.code, commune=tree.commune_c.code)) == 3
    # the unit's own page is the same gallery, filtered
    page = client.get(f"/gallery/{tree.commune_b.code}/").content.decode()
    assert sorted(card_names(page)) == ["Cấp tỉnh ở xã B", "Văn hóa ở xã B"]
    assert f'<option value="{tree.commune_b.code}" selected>' in page


def test_the_communes_are_listed_in_alphabetical_order(tree, communes) -> None:
    for unit in (*communes.values(), tree.commune_a):
        published(unit, f"Mô hình ở {unit.name}")
    page = Client().get("/gallery/", {"province": tree.province.code}).content.decode()
    listed = re.findall(r"<li><a href=\"/gallery/(\d+)/\"", page.split("gallery-units")[1].split("</ul>")[0])
    assert listed == [
        tree.commune_a.code,
        communes["Ba Bể"].code,
        communes["Dương Quang"].code,
        communes["Đức Xuân"].code,
    ]
    options = re.findall(r'<option value="(\d{5})"', page)
    assert options == listed


def test_a_card_shows_a_public_photo_and_never_one_that_is_not_public(tree, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    with_photo = published(tree.commune_a, "Có ảnh công khai")
    private = published(tree.commune_a, "Chỉ có ảnh nội bộ")
    shown = services.attach_evidence(
        actor=SYSTEM, initiative=with_photo, upload=SimpleUploadedFile("ra-mat.jpg", _jpeg()), public=True
    )
    hidden = services.attach_evidence(
        actor=SYSTEM, initiative=private, upload=SimpleUploadedFile("noi-bo.jpg", _jpeg()), public=False
    )
    client = Client()
    page = client.get("/gallery/").content.decode()
    assert f'src="/gallery/photo/{shown.pk}/"' in page
    assert f"/gallery/photo/{hidden.pk}/" not in page
    assert client.get(f"/gallery/photo/{hidden.pk}/").status_code == 404
    assert client.get(f"/gallery/photo/{shown.pk}/").status_code == 200
    assert card_names(client.get("/gallery/", {"photos": "on"}).content.decode()) == ["Có ảnh công khai"]
    item = client.get(f"/gallery/m/{private.pk}/").content.decode()
    assert "/gallery/photo/" not in item
