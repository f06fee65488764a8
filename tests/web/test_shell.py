"""The page shell every page shares: the header's links (the system's tools under "Khác"), the footer's
links for citizens, and form widgets with Bootstrap's right class (a tick box is a box, not a bar)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import Client

from danvan.core.forms import StyledForm, widget_css

pytestmark = pytest.mark.django_db


def footer(page: str) -> str:
    return page[page.index("<footer") : page.index("</footer>")]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_footer_links_citizens_to_their_pages(personas, signed_in) -> None:
    client = Client()
    if signed_in:
        client.force_login(personas.officer_a)
    page = client.get("/gallery/").content.decode()
    links = dict((label, href) for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer(page)))
    assert links == {
        "Trang chủ": "/",
        "Gửi phản ánh, kiến nghị": "/gui-don/",
        "Tra cứu hồ sơ": "/tra-cuu/",
        "Thư viện mô hình “Dân vận khéo”": "/gallery/",
        "Tra cứu hồ sơ thủ tục hành chính": "/mot-cua/tra-cuu/",
        "Cam kết của chính quyền": "/cam-ket/",
    }


def test_an_anonymous_visitor_finds_the_public_pages_in_the_header(db) -> None:
    page = Client().get("/gallery/").content.decode()
    header = page[page.index("<nav") : page.index("</nav>")]
    assert 'class="nav-link" href="/gui-don/">Gửi phản ánh, kiến nghị</a>' in header
    assert 'class="nav-link" href="/tra-cuu/">Tra cứu hồ sơ</a>' in header
    assert 'class="nav-link active" aria-current="page" href="/gallery/">Thư viện mô hình</a>' in header
    assert 'class="nav-link" href="/mot-cua/tra-cuu/">Hồ sơ thủ tục hành chính</a>' in header
    assert 'class="nav-link" href="/cam-ket/">Cam kết của chính quyền</a>' in header


def test_the_systems_tools_are_under_more_and_the_admin_only_for_administrators(personas) -> None:
    client = Client()
    client.force_login(personas.admin)
    page = client.get("/calendar/").content.decode()
    header = page[page.index('id="nav"') : page.index('id="unit-picker"')]
    more = header[header.index(">Khác<") :]
    for label in ("Tài khoản", "Lịch làm việc", "API", "Quản trị hệ thống (Django admin)"):
        assert f">{label}</a>" in more, label
    assert 'class="dropdown-item active" aria-current="page" href="/calendar/"' in more
    officer = Client()
    officer.force_login(personas.officer_a)
    page = officer.get("/calendar/").content.decode()
    assert "Django admin" not in page and ">Tài khoản</a>" not in page
    assert ">Lịch làm việc</a>" in page


@pytest.mark.parametrize(
    ("widget", "small", "css"),
    [
        (forms.CheckboxInput(), False, "form-check-input"),
        (forms.CheckboxSelectMultiple(), False, "form-check-input"),
        (forms.RadioSelect(), True, "form-check-input"),
        (forms.Select(), False, "form-select"),
        (forms.SelectMultiple(), True, "form-select form-select-sm"),
        (forms.TextInput(), False, "form-control"),
        (forms.Textarea(), True, "form-control form-control-sm"),
    ],
)
def test_each_widget_gets_its_bootstrap_class(widget, small, css) -> None:
    assert widget_css(widget, small=small) == css


class Sample(StyledForm):
    name = forms.CharField(label="Tên")
    public = forms.BooleanField(label="Cho phép công khai (ảnh)", required=False, help_text="Ảnh hiện trong thư viện.")
    kinds = forms.MultipleChoiceField(
        label="Điều kiện", choices=[("a", "Có chữ ký"), ("b", "Có địa chỉ")], widget=forms.CheckboxSelectMultiple
    )


def test_the_form_template_draws_a_tick_box_with_its_label_beside_it() -> None:
    html = render_to_string("web/_form.html", {"form": Sample()})
    box = re.search(r'<input type="checkbox" name="public"[^>]*>', html)
    assert box is not None
    assert 'class="form-check-input"' in box.group(0) and "form-control" not in box.group(0)
    assert '<div class="mb-3 form-check">' in html
    assert '<label class="form-check-label" for="id_public">Cho phép công khai (ảnh)</label>' in html
    assert 'aria-describedby="id_public_helptext"' in box.group(0)
    # a group of tick boxes is a fieldset named by its legend
    assert re.search(r"<legend[^>]*>Điều kiện", html)
    assert html.count('class="form-check-input"') == 3
    assert '<label class="form-check-label" for="id_kinds_0">Có chữ ký</label>' in html
    # a text box keeps its label above it
    assert '<label class="form-label" for="id_name">Tên' in html and 'class="form-control"' in html
