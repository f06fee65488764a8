"""Choosing a unit by name: the search (accents folded, the hierarchy shown), the field (a name, a code or
the chosen id; ambiguity and scope refused with Vietnamese messages), and the two JSON endpoints."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from danvan.units.models import Unit
from danvan.units.rules import Kind
from danvan.units.widgets import UnitChoiceField, communes_today, search
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def duc_xuan(tree) -> Unit:
    ward = UnitFactory(parent=tree.province, kind=Kind.PHUONG, short_name="Đức Xuân", code="90040")
    UnitFactory(parent=ward, kind=Kind.TO_DAN_PHO, short_name="Tổ 5", code="")
    return ward


class Form(forms.Form):
    unit = UnitChoiceField(label="Đơn vị", units=communes_today)


def test_duc_xuan_without_accents_finds_the_ward_with_its_province(tree, duc_xuan) -> None:
    (option,) = search(communes_today(), "duc xuan")
    assert option.unit == duc_xuan
    assert option.trail == tree.province.name and option.label == f"Phường Đức Xuân — {tree.province.name}"
    assert option.as_json()["code"] == "90040"


def test_a_hamlet_shows_province_then_commune(tree, duc_xuan) -> None:
    (option,) = search(Unit.objects.all(), "to 5")
    assert option.trail == f"{tree.province.name} › Phường Đức Xuân"


def test_a_code_comes_first(tree, duc_xuan) -> None:
    assert search(communes_today(), "90040")[0].unit == duc_xuan


@pytest.mark.parametrize("typed", ["90040", "duc xuan", "Phường Đức Xuân", "  ĐỨC XUÂN "])
def test_the_field_takes_a_code_or_a_name(tree, duc_xuan, typed: str) -> None:
    form = Form({"unit": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"] == duc_xuan


def test_the_chosen_id_stands_only_with_its_label(tree, duc_xuan) -> None:
    label = f"Phường Đức Xuân — {tree.province.name}"
    assert Form({"unit": label, "unit_pk": str(duc_xuan.pk)}).is_valid()
    # An id the script did not clear, with text typed since: the text decides.
    edited = Form({"unit": "xa b", "unit_pk": str(duc_xuan.pk)})
    assert edited.is_valid() and edited.cleaned_data["unit"] == tree.commune_b


def test_an_id_outside_the_offered_units_is_not_trusted(tree, duc_xuan) -> None:
    form = Form({"unit": tree.hamlet_a.name, "unit_pk": str(tree.hamlet_a.pk)})  # a hamlet, not a commune
    assert not form.is_valid()
    assert form.errors["unit"] == [
        f"Không tìm thấy đơn vị nào có tên hoặc mã “{tree.hamlet_a.name}” trong danh sách được chọn."
    ]


def test_several_matches_are_named_with_their_codes(tree, duc_xuan) -> None:
    form = Form({"unit": "xa"})
    assert not form.is_valid()
    (message,) = form.errors["unit"]
    assert message.startswith("Có nhiều đơn vị khớp “xa”:") and "(mã 90010)" in message and "nhập mã" in message


def test_empty_is_required_in_vietnamese(tree) -> None:
    assert Form({"unit": ""}).errors["unit"] == ["Chọn đơn vị: gõ tên (không cần dấu) hoặc mã."]


def test_the_widget_renders_a_plain_box_the_script_turns_into_a_combobox(tree, duc_xuan) -> None:
    html = str(Form(initial={"unit": duc_xuan.pk})["unit"])
    assert 'name="unit"' in html and "data-unit-combobox" in html and 'role="listbox"' in html
    assert f'value="Phường Đức Xuân — {tree.province.name}"' in html and f'value="{duc_xuan.pk}"' in html
    assert 'role="status"' in html


def test_the_public_endpoint_searches_communes_valid_today_without_login(tree, duc_xuan) -> None:
    answer = Client().get(reverse("public_unit_search"), {"q": "duc xuan"}).json()
    assert [r["name"] for r in answer["results"]] == ["Phường Đức Xuân"] and answer["more"] is False
    hamlets = Client().get(reverse("public_unit_search"), {"q": "to 5"}).json()
    assert hamlets["results"] == []  # a hamlet does not receive online petitions
    old = Client().get(reverse("public_unit_search"), {"q": tree.old_commune.short_name}).json()
    assert tree.old_commune.pk not in [r["id"] for r in old["results"]]  # merged away: not valid today


def test_the_officers_endpoint_searches_within_the_scope_of_the_right(tree, personas, duc_xuan) -> None:
    client = Client()
    client.force_login(personas.officer_a)
    url = reverse("unit_search")
    found = client.get(url, {"q": "xa", "right": "petitions.edit"}).json()["results"]
    assert [r["id"] for r in found] == [tree.commune_a.pk]  # xã A, not xã B or C
    assert client.get(url, {"q": "xa", "right": "nothing"}).status_code == 400
    assert Client().get(url, {"q": "xa", "right": "petitions.edit"}).status_code == 302  # sign in first
