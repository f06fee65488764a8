"""No serious or critical accessibility violation (axe-core) on the main pages of each persona.

The pages are those of the personas' journeys, on the real demo (tests/demo_site.py: seeded once
for the session, shared with the crawl, served by a live server of its own), at two widths: an
office screen, 1366 px, and a phone, 390 px. Record pages are reached as a user reaches them, by the
first link of their list (and the link on that page, and so on), not by an id; a citizen's page that only
an officer's screen links to (the kiosk, the survey link) is found on that officer's pages, then opened
signed out; the status page of a dossier is opened with the code its workspace shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from playwright.sync_api import Page as BrowserPage

from danvan.demo.seed import DEMO_PASSWORD
from tests.browser.a11y import AXE, assert_accessible
from tests.demo_site import DemoSite, demo, demo_site  # noqa: F401 (fixtures, used by name)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
ANONYMOUS = ""


@dataclass(frozen=True)
class Screen:
    persona: str  # a demo account, or ANONYMOUS
    name: str
    path: str
    follow: str | tuple[str, ...] = ""  # regexes: open the first link on ``path`` whose path matches, and so on
    via: str = ""  # the persona whose pages lead to the page (then opened as ``persona``); default ``persona``

    @property
    def id(self) -> str:
        return f"{self.persona or 'khach'}:{self.name}"

    @property
    def hops(self) -> tuple[str, ...]:
        return (self.follow,) if isinstance(self.follow, str) and self.follow else tuple(self.follow or ())


SCREENS = [
    Screen(ANONYMOUS, "trang-dau", "/"),
    Screen(ANONYMOUS, "dang-nhap", "/accounts/login/"),
    Screen(ANONYMOUS, "gui-don", "/gui-don/"),
    Screen(ANONYMOUS, "tra-cuu", "/tra-cuu/"),
    Screen(ANONYMOUS, "thu-vien", "/gallery/"),
    Screen(ANONYMOUS, "thu-vien-mo-hinh", "/gallery/", follow=r"^/gallery/m/\d+/$"),
    Screen("ducxuan.tiepdan", "trang-chu", "/"),
    Screen("ducxuan.tiepdan", "tiep-nhan-don", "/petitions/intake/"),
    Screen("ducxuan.canbo", "trang-chu", "/"),
    Screen("ducxuan.canbo", "danh-sach-vu-viec", "/petitions/"),
    Screen("ducxuan.canbo", "vu-viec", "/petitions/", follow=r"^/petitions/cases/\d+/$"),
    Screen("ducxuan.canbo", "danh-sach-mo-hinh", "/initiatives/"),
    Screen("ducxuan.canbo", "mo-hinh", "/initiatives/", follow=r"^/initiatives/\d+/$"),
    Screen("ducxuan.lanhdao", "trang-chu", "/"),
    Screen("ducxuan.lanhdao", "vu-viec", "/petitions/", follow=r"^/petitions/cases/\d+/$"),
    Screen("tinh.tgdv", "trang-chu", "/"),
    Screen("tinh.tgdv", "thong-ke-mo-hinh", "/initiatives/stats/"),
    Screen("tinh.tgdv", "thong-ke-don-thu", "/petitions/stats/"),
    Screen("tinh.quantri", "tai-khoan", "/users/"),
    # One-stop (issue 12): the desk, the workspace, the lists, the statistics; the citizens' pages.
    Screen("ducxuan.tiepdan", "mot-cua-tiep-nhan", "/mot-cua/tiep-nhan/"),
    Screen("ducxuan.tiepdan", "mot-cua-danh-sach", "/mot-cua/"),
    Screen("ducxuan.tiepdan", "mot-cua-ho-so", "/mot-cua/", follow=r"^/mot-cua/ho-so/\d+/$"),
    Screen("ducxuan.tiepdan", "mot-cua-tra-ket-qua", "/mot-cua/tra-ket-qua/"),
    Screen("tinh.tgdv", "mot-cua-thong-ke", "/mot-cua/thong-ke/"),
    Screen(ANONYMOUS, "mot-cua-tra-cuu", "/mot-cua/tra-cuu/"),
    Screen(ANONYMOUS, "mot-cua-danh-gia-tai-quay", "/mot-cua/?status=returned", via="ducxuan.tiepdan",
           follow=(r"^/mot-cua/ho-so/\d+/$", r"^/mot-cua/ho-so/\d+/danh-gia/$", r"^/mot-cua/kiosk/[^/]+/$")),
    # Satisfaction: the index, and the survey a citizen opens from the campaign's link.
    Screen("tinh.tgdv", "chi-so-hai-long", "/hai-long/"),
    Screen(ANONYMOUS, "khao-sat-truc-tuyen", "/hai-long/dot/", via="tinh.tgdv",
           follow=(r"^/hai-long/dot/\d+/$", r"^/khao-sat/[^/]+/$")),
    # Dialogues, grassroots democracy, inspections (issue 13): the main lists; the public commitments.
    Screen("ducxuan.canbo", "doi-thoai", "/dialogues/"),
    Screen("ducxuan.canbo", "dan-chu-cong-khai", "/dan-chu/cong-khai/"),
    Screen("tinh.tgdv", "kiem-tra", "/kiem-tra/"),
    Screen(ANONYMOUS, "cam-ket", "/cam-ket/"),
]  # fmt: skip


@pytest.fixture(scope="module")
def signed_in(browser: Browser, demo_site: DemoSite) -> Iterator[Callable[[str, str], BrowserPage]]:  # noqa: F811
    """A page of a browser context per (persona, width), signed in through the login form once."""
    pages: dict[tuple[str, str], BrowserPage] = {}
    contexts: list[BrowserContext] = []

    def get(persona: str, width: str) -> BrowserPage:
        if (persona, width) not in pages:
            context = browser.new_context(locale="vi-VN", viewport=WIDTHS[width])  # type: ignore[arg-type]
            context.set_default_timeout(10_000)  # a broken page fails in seconds, not in half a minute
            contexts.append(context)
            page = context.new_page()
            if persona:
                page.goto(f"{demo_site.url}/accounts/login/")
                page.get_by_label("Tên đăng nhập").fill(persona)
                page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Đăng nhập").click()
                expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
            pages[(persona, width)] = page
        return pages[(persona, width)]

    yield get
    for context in contexts:
        context.close()


def test_axe_core_is_the_version_of_the_lock_file() -> None:
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    assert locked["node_modules/axe-core"]["version"] == installed["version"]


def _cases() -> list[Any]:
    return [
        pytest.param(
            screen,
            width,
            id=f"{screen.id}@{width}",
        )
        for screen in SCREENS
        for width in WIDTHS
    ]


@pytest.mark.parametrize(("screen", "width"), _cases())
def test_no_serious_accessibility_violation(
    signed_in: Callable[[str, str], BrowserPage],
    demo: DemoSite,  # noqa: F811 (the fixture imported above)
    screen: Screen,
    width: str,
) -> None:
    demo_url = demo.url
    page = signed_in(screen.via or screen.persona, width)
    target = screen.path
    response = page.goto(f"{demo_url}{target}")
    assert response is not None and response.ok, (target, response and response.status)
    for hop in screen.hops:
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        found = next((href for href in hrefs if re.match(hop, urlsplit(href).path)), None)
        assert found, f"no link matching {hop} on {target}"
        parts = urlsplit(found)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        response = page.goto(f"{demo_url}{target}")
        assert response is not None and response.ok, (target, response and response.status)
    if screen.via:
        page = signed_in(screen.persona, width)
        response = page.goto(f"{demo_url}{target}")
        assert response is not None and response.ok, (target, response and response.status)
    assert_accessible(page)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_public_status_of_a_dossier_has_no_serious_violation(
    signed_in: Callable[[str, str], BrowserPage],
    demo: DemoSite,  # noqa: F811 (the fixture imported above)
    width: str,
) -> None:
    """The citizen types the code of the appointment slip: the code as the desk's workspace shows it."""
    officer = signed_in("ducxuan.tiepdan", width)
    officer.goto(f"{demo.url}/mot-cua/?status=processing")
    hrefs = officer.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    workspace = next((href for href in hrefs if re.match(r"^/mot-cua/ho-so/\d+/$", href)), None)
    assert workspace, "no dossier in progress in the demo"
    officer.goto(f"{demo.url}{workspace}")
    code = officer.get_by_role("heading", level=1).locator(".font-monospace").inner_text().strip()
    citizen = signed_in(ANONYMOUS, width)
    response = citizen.goto(f"{demo.url}/mot-cua/tra-cuu/?{urlencode({'ma': code})}")
    assert response is not None and response.ok
    expect(citizen.locator("#onestop-result")).to_contain_text(code)
    assert_accessible(citizen)
