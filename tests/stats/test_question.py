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
