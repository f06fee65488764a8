"""The desk's intake form guides (issue 9): "trực tiếp" by default, the kind first, only the kind's own
conditions of processing, and an error summary naming each field."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions import rules

pytestmark = pytest.mark.django_db


def test_the_form_starts_at_the_desk_with_the_kind_and_marks_each_condition_with_its_kinds(tree, personas) -> None:
    client = Client()
    client.force_login(personas.officer_a)
    page = client.get(reverse("petition_intake")).content.decode()
    assert re.search(r'<option value="in_person" selected>', page)
    assert re.search(r'<select name="kind"[^>]*autofocus', page)
    for condition in rules.Condition:
        kinds = {k for k in rules.KIND_LABELS if condition in rules.conditions_for(str(k))}
        box = re.search(rf'<input[^>]*value="{condition.value}"[^>]*>', page)
        assert box is not None
        marked = re.search(r'data-kinds="([^"]*)"', box.group(0))
        assert marked is not None and set(marked.group(1).split()) == {str(k) for k in kinds}


def test_a_refused_intake_lists_its_errors_first_with_links_to_the_fields(tree, personas) -> None:
    client = Client()
    client.force_login(personas.officer_a)
    page = client.post(reverse("petition_intake"), {"kind": "kn", "channel": "in_person"}).content.decode()
    summary = page[page.index("data-error-summary") : page.index("</ul>", page.index("data-error-summary"))]
    assert "Có thông tin cần sửa" in page
    assert 'href="#id_content"' in summary and 'href="#id_received_on"' in summary
    assert "This field" not in page
