"""The "Dân vận khéo" list on the kit: one declaration gives the page, the API and the export, always
within the user's scope."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.initiatives.lists import INITIATIVES
from tests.api.test_initiatives_api import bearer
from tests.factories import make_initiative
from tests.initiatives.test_views import logged_in

pytestmark = pytest.mark.django_db


def names(user, **params) -> list[str]:
    return [i.name for i in INITIATIVES.bind(user, params).queryset()]


def exported_names(response) -> list[str]:
    rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return [r[5] for r in rows if r and isinstance(r[0], int)]


@pytest.fixture
def models(tree):
    return {
        "kheo": make_initiative(tree.hamlet_a, "recognised", name="Dân vận khéo trong xây dựng nông thôn mới"),
        "camera": make_initiative(tree.commune_b, "registered", name="Camera an ninh thôn", year=2025),
        "outside": make_initiative(tree.commune_c, "registered", name="Dân vận khéo ở tỉnh khác"),
    }


def test_an_out_of_scope_model_is_never_listed_counted_or_exported(tree, personas, models) -> None:
    supervisor = personas.supervisor  # the new province: communes A and B, not C
    assert sorted(names(supervisor)) == ["Camera an ninh thôn", "Dân vận khéo trong xây dựng nông thôn mới"]
    page = logged_in(supervisor).get(reverse("initiative_list"), {"q": "dan van kheo"})
    assert page.context["page"].paginator.count == 1
    assert "ở tỉnh khác" not in page.content.decode()
    api = bearer(supervisor).get("/api/v1/initiatives", {"q": "dan van kheo"}).json()
    assert api["count"] == 1 and [r["name"] for r in api["results"]] == [models["kheo"].name]
    xlsx = logged_in(supervisor).get(reverse("initiative_export"), {"q": "dan van kheo", "status": "recognised"})
    assert exported_names(xlsx) == [models["kheo"].name]
    notes = [r[0] for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(max_row=3, values_only=True)]
    assert notes[2] == "Điều kiện lọc: Tìm kiếm: dan van kheo; Trạng thái: Được công nhận"
    assert names(personas.officer_b) == ["Camera an ninh thôn"]
    assert names(personas.officer_b, unit=tree.commune_a.code) == []


def test_filters_and_accent_free_search(tree, personas, models) -> None:
    supervisor = personas.supervisor
    assert names(supervisor, q="dan van kheo") == [models["kheo"].name]
    assert names(supervisor, q="DÂN VẬN khéo") == [models["kheo"].name]
    assert names(supervisor, q="chi bo thon") != []  # the owner's name, folded in SQL
    assert names(supervisor, status="registered") == ["Camera an ninh thôn"]
    assert names(supervisor, year="2025") == ["Camera an ninh thôn"]
    assert names(supervisor, unit=tree.commune_b.code) == ["Camera an ninh thôn"]
    assert names(supervisor, unit=tree.commune_b.code, status="recognised") == []


def test_an_unknown_unit_is_named_on_the_page_and_a_404_in_the_api(tree, personas, models) -> None:
    page = logged_in(personas.supervisor).get(reverse("initiative_list"), {"unit": "99999"})
    assert "Không có đơn vị mã “99999”." in page.content.decode()
    response = bearer(personas.supervisor).get("/api/v1/initiatives", {"unit": "99999"})
    assert response.status_code == 404 and "99999" in response.json()["detail"]
    refused = bearer(personas.supervisor).get("/api/v1/initiatives", {"status": "bogus"})
    assert refused.status_code == 422 and refused.json()["detail"].startswith("Trạng thái:")


def test_sorting_by_the_declared_keys_only(tree, personas, models) -> None:
    supervisor = personas.supervisor
    assert names(supervisor, sort="name") == ["Camera an ninh thôn", models["kheo"].name]
    assert names(supervisor, sort="-name") == [models["kheo"].name, "Camera an ninh thôn"]
    assert names(supervisor) == [models["kheo"].name, "Camera an ninh thôn"]  # newest year first
    assert names(supervisor, sort="-pk; DROP TABLE x") == names(supervisor)  # unknown: the default order
    api = bearer(supervisor)
    assert api.get("/api/v1/initiatives?sort=name").json()["results"][0]["name"] == "Camera an ninh thôn"
    refused = api.get("/api/v1/initiatives?sort=owner_position")
    assert refused.status_code == 422 and "Sắp xếp" in refused.json()["detail"]
    page = logged_in(supervisor).get(reverse("initiative_list"), {"sort": "name"}).content.decode()
    assert 'aria-sort="ascending"' in page and "sort=-name" in page


def test_pages_and_their_bounds(tree, personas) -> None:
    for n in range(53):
        make_initiative(tree.commune_a, "registered", name=f"Mô hình {n:02d}")
    client = logged_in(personas.supervisor)
    first = client.get(reverse("initiative_list"), {"sort": "name"})
    assert len(first.context["page"]) == 50
    assert "53 mô hình, điển hình · đang xem 1–50" in first.content.decode()
    last = client.get(reverse("initiative_list"), {"sort": "name", "page": "99999999999999999999"})
    assert last.status_code == 200 and [i.name for i in last.context["page"]] == [
        "Mô hình 50",
        "Mô hình 51",
        "Mô hình 52",
    ]
    api = bearer(personas.supervisor)
    second = api.get("/api/v1/initiatives", {"sort": "name", "page": 2, "page_size": 50}).json()
    assert (second["count"], second["page"], second["page_size"], len(second["results"])) == (53, 2, 50, 3)
    huge = api.get("/api/v1/initiatives", {"page": 10**15})
    assert huge.status_code == 200 and huge.json()["results"] == [] and huge.json()["count"] == 53
    assert api.get("/api/v1/initiatives", {"page": 0}).status_code == 422
    assert api.get("/api/v1/initiatives", {"page_size": 501}).status_code == 422
    beyond = api.get("/api/v1/initiatives", {"page": 10**30})
    assert (beyond.status_code, beyond.json().get("results")) in ((200, []), (422, None))


def test_result_count_is_written_the_vietnamese_way(tree, personas, monkeypatch) -> None:
    make_initiative(tree.commune_a, "registered")
    monkeypatch.setattr("django.core.paginator.Paginator.count", 1451)
    page = logged_in(personas.supervisor).get(reverse("initiative_list")).content.decode()
    assert "1.451 mô hình, điển hình" in page


def test_the_api_page_keeps_its_shape(tree, personas, models) -> None:
    body = bearer(personas.supervisor).get("/api/v1/initiatives?page_size=1").json()
    assert set(body) == {"count", "page", "page_size", "results"}
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    assert {"id", "kind", "year", "name", "unit"} <= set(body["results"][0])


def test_the_api_takes_the_parameters_the_list_declares() -> None:
    from danvan.initiatives.api import Filters

    declared = {f.name for f in INITIATIVES.filters} | {"q", "sort", "page", "page_size"}
    assert set(Filters.model_fields) == declared


def test_records_without_a_value_come_last_either_way(tree, personas) -> None:
    draft = make_initiative(tree.commune_a, "draft", name="Bản nháp")
    registered = make_initiative(tree.commune_a, "registered", name="Đã đăng ký")
    assert draft.registered_on is None and registered.registered_on is not None
    assert names(personas.supervisor, sort="registered") == ["Đã đăng ký", "Bản nháp"]
    assert names(personas.supervisor, sort="-registered") == ["Đã đăng ký", "Bản nháp"]
    # The default order (year, unit path, name) has no empty values: no NULLS clause to keep an index off.
    order = str(INITIATIVES.bind(personas.supervisor, {}).queryset().query).split("ORDER BY")[1]
    assert "NULL" not in order.upper()


def test_a_refused_api_filter_is_named_in_the_errors(personas) -> None:
    from tests.api.test_initiatives_api import bearer

    refused = bearer(personas.officer_a).get("/api/v1/initiatives", {"status": "bogus", "sort": "nope"})
    assert refused.status_code == 422
    fields = {e["field"] for e in refused.json()["errors"]}
    assert fields == {"status", "sort"}
