"""Which unit, which period: one answer for the statistics pages, their Excel files and the API."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from danvan.accounts import roles
from danvan.core.periods import Period
from danvan.stats.question import QuestionError, ask, ask_api

pytestmark = pytest.mark.django_db
VIEW = roles.PETITIONS.view


def test_the_working_unit_and_this_year_by_default(tree, personas) -> None:
    question = ask(personas.officer_a, permission=VIEW, today=datetime.date(2026, 12, 1))
    assert (question.unit, question.period, question.today_tree) == (tree.commune_a, Period.year(2026), True)
    then = ask(personas.supervisor, permission=VIEW, unit="92", year="2025", period="h1", tree="then")
    assert (then.unit, then.period, then.today_tree) == (tree.province, Period.first_half(2025), False)


def test_each_bad_parameter_is_named_and_a_stranger_unit_is_not_found(tree, personas) -> None:
    with pytest.raises(QuestionError) as unknown:
        ask(personas.officer_a, permission=VIEW, unit="99999")
    assert unknown.value.not_found and not unknown.value.out_of_scope and "99999" in unknown.value.message
    with pytest.raises(QuestionError) as stranger:
        ask(personas.officer_a, permission=VIEW, unit=tree.commune_c.code)
    assert stranger.value.out_of_scope and stranger.value.message == "Không tìm thấy."
    with pytest.raises(QuestionError) as year:
        ask(personas.officer_a, permission=VIEW, year="99999")
    assert year.value.field == "year"
    with pytest.raises(QuestionError) as shape:
        ask(personas.officer_a, permission=VIEW, tree="yesterday")
    assert shape.value.field == "tree"
    with pytest.raises(QuestionError) as nobody:
        ask(personas.admin, permission=VIEW)  # a system administrator has no working unit until one is chosen
    assert nobody.value.field == "unit"
    with pytest.raises(Http404):
        ask_api(personas.officer_a, permission=VIEW, unit=tree.commune_c.code)
    with pytest.raises(ValidationError) as api_year:
        ask_api(personas.officer_a, permission=VIEW, year="0")
    assert "year" in api_year.value.message_dict


def test_a_unit_is_chosen_by_name_or_by_the_comboboxs_id_as_well_as_by_code(tree, personas) -> None:
    """Issue 9: units are chosen by name, codes still accepted."""
    supervisor = personas.supervisor  # Tỉnh Mới
    assert ask(supervisor, permission=VIEW, unit="xa a").unit == tree.commune_a  # accents not needed
    assert ask(supervisor, permission=VIEW, unit="Xã A — Tỉnh Mới").unit == tree.commune_a  # the box's label
    assert ask(supervisor, permission=VIEW, unit="ignored", unit_pk=str(tree.commune_b.pk)).unit == tree.commune_b
    assert ask(supervisor, permission=VIEW, unit=tree.commune_b.code).unit == tree.commune_b
    with pytest.raises(QuestionError) as many:
        ask(supervisor, permission=VIEW, unit="xa")
    assert "Có nhiều đơn vị khớp" in many.value.message and "Xã A" in many.value.message
    with pytest.raises(QuestionError) as outside:  # a name outside the scope is not found, never disclosed
        ask(supervisor, permission=VIEW, unit="phuong c")
    assert outside.value.not_found and "Phường C" not in outside.value.message
    for odd in ("\x00", "xa\x00a", "   ", "!!!"):  # nothing a database could choke on reaches the search
        with pytest.raises(QuestionError) as bad:
            ask(supervisor, permission=VIEW, unit=odd)
        assert bad.value.field == "unit"
    with pytest.raises(QuestionError) as stranger:  # an id outside the scope: the same "not found"
        ask(supervisor, permission=VIEW, unit_pk=str(tree.commune_c.pk))
    assert stranger.value.out_of_scope


def test_the_statistics_pages_show_the_unit_by_name_in_the_combobox(tree, personas) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(personas.supervisor)
    for name in ("petition_stats", "initiative_stats"):
        page = client.get(reverse(name) + "?unit=xa+a&year=2026").content.decode()
        assert "data-unit-combobox" in page and 'value="Xã A — Tỉnh Mới"' in page, name
        assert f'name="unit_pk" value="{tree.commune_a.pk}"' in page, name
        assert "Mã đơn vị" not in page
