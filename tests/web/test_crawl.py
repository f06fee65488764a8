"""Every page of the demo, as every persona, answers without a server error.

Not a hand-picked list: on the demo (seeded once for the session, tests/demo_site.py) each demo
account, and an anonymous visitor, walks breadth-first from ``/`` every same-site link it is shown:
``<a href>``, htmx ``hx-get`` and GET forms submitted with their default values (once per named
submit button), through the menus and on. Logout, POST-only actions and other sites are left alone.
URLs that differ only in numeric ids or query values are collapsed to a few samples, and each
persona stops after a bounded number of pages, so that the crawl takes seconds, not minutes, on
SQLite and PostgreSQL alike.

``DANVAN_CRAWL_LOG=FILE`` writes every request (persona, status, seconds, URL, the page it came
from) to FILE, to see what the crawl opened and what it costs.

Each request runs in a transaction of its own, rolled back when it answers 5xx, so that a failed
query on PostgreSQL does not poison the pages after it.
"""

from __future__ import annotations

import os
import re
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from danvan.accounts.models import User
from danvan.demo.seed import ACCOUNTS
from tests.demo_site import DemoSite, as_the_demo_signs_in, demo_site  # noqa: F401 (a fixture, used by name)

ANONYMOUS = "(khách)"
PERSONAS = [ANONYMOUS, *(account.username for account in ACCOUNTS)]
#: A persona's crawl stops after this many requests (the demo's pages are reached well before).
MAX_PAGES = 150
#: How many URLs of one shape (path with ids collapsed, same query keys) are opened: two records of
#: a kind (say a case in two states); one of each filter, sort or page of a list, and one of each
#: kind of file (a case's DOCX, an export).
SAMPLES_PER_SHAPE = 2
SAMPLES_PER_QUERY_OR_FILE = 1
FILE = re.compile(r"\.[a-z0-9]+$")
HOST = "testserver"
#: Never followed: signing out ends the persona's crawl; static files are not pages.
SKIP = re.compile(r"^/(accounts/logout/|static/|media/|i18n/)")
NUMBER = re.compile(r"(?<=/)\d+(?=/|$|\.)|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Visit:
    url: str
    came_from: str
    status: int
    error: str = ""
    seconds: float = 0.0


@dataclass
class Crawl:
    persona: str
    visits: list[Visit] = field(default_factory=list)
    truncated: bool = False

    @property
    def failures(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.status >= 500]

    def paths(self) -> set[str]:
        """The shapes of the pages that opened (200), not those that redirected or were refused."""
        return {shape(visit.url) for visit in self.visits if visit.status == 200}


class Links(HTMLParser):
    """The GET targets a page offers: links, htmx GETs, and GET forms with their default values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self._forms: list[dict[str, Any]] = []  # a stack; nested forms are invalid HTML but harmless
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._option: bool = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in a and "download" not in a:
            self.targets.append(a["href"])
        if "hx-get" in a:
            self.targets.append(a["hx-get"])
        if tag == "form":
            method = a.get("method", "get").lower()
            self._forms.append({"get": method == "get", "action": a.get("action", ""), "fields": [], "buttons": []})
            return
        if not self._forms or "disabled" in a:
            return
        form = self._forms[-1]
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                if name:
                    form["buttons"].append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if name and "checked" in a:
                    form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("button", "reset", "file") and name:
                form["fields"].append((name, a.get("value", "")))
        elif tag == "button" and a.get("type", "submit").lower() == "submit" and name:
            form["buttons"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, [], [])
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._select[1].append(value if value is not None else "")
            if "selected" in a:
                self._select[2].append(self._select[1][-1])
            self._option = "value" not in a  # the option's text is its value
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"].append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._option and self._select is not None:
            self._select[1][-1] += data.strip()
            self._option = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._forms:
            name, options, selected = self._select
            for value in selected or options[:1]:
                self._forms[-1]["fields"].append((name, value))
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._forms:
            form = self._forms.pop()
            if form["get"]:
                action = form["action"].split("#")[0]
                # A browser replaces the action's query string with the form's fields.
                base = action.split("?")[0]
                for button in [None, *form["buttons"]]:
                    fields = form["fields"] + ([button] if button else [])
                    self.targets.append(f"{base}?{urlencode(fields)}" if fields else base)


def shape(url: str) -> str:
    """``/petitions/cases/12/?page=3&q=`` → ``/petitions/cases/#/?page&q``: what samples collapse on."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return NUMBER.sub("#", parts.path) + ("?" + "&".join(keys) if keys else "")


def same_site(base: str, href: str) -> str | None:
    """The path and query of ``href`` as seen from ``base``, or None when it leaves the site."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    absolute = urlsplit(urljoin(f"http://{HOST}{base}", href))
    if absolute.scheme not in ("http", "https") or absolute.netloc != HOST:
        return None
    if SKIP.match(absolute.path):
        return None
    return absolute.path + (f"?{absolute.query}" if absolute.query else "")


def crawl(client: Client, persona: str, *, opened_by_all: frozenset[str] = frozenset()) -> Crawl:
    """Breadth-first from ``/``; ``opened_by_all`` are the public pages, already opened by a visitor."""
    result = Crawl(persona)
    queue: deque[tuple[str, str]] = deque([("/", "")])
    seen: set[str] = {"/", *opened_by_all}
    per_shape: dict[str, int] = {}
    while queue:
        if len(result.visits) >= MAX_PAGES:
            result.truncated = True
            break
        url, came_from = queue.popleft()
        visit, body = _open(client, url, came_from)
        result.visits.append(visit)
        if visit.status >= 500:
            continue
        targets: list[str] = []
        if 300 <= visit.status < 400 and body:
            targets = [body]
        elif body:
            parser = Links()
            parser.feed(body)
            targets = parser.targets
        for href in targets:
            target = same_site(url, href)
            if target is None or target in seen:
                continue
            seen.add(target)
            key = shape(target)
            has_query = "?" in target
            if has_query and target.startswith("/admin/"):
                continue  # the admin's sort and filter links are Django's own; its pages are crawled
            one = has_query or FILE.search(target.split("?")[0])
            if per_shape.get(key, 0) >= (SAMPLES_PER_QUERY_OR_FILE if one else SAMPLES_PER_SHAPE):
                continue
            per_shape[key] = per_shape.get(key, 0) + 1
            queue.append((target, url))
    return result


def _open(client: Client, url: str, came_from: str) -> tuple[Visit, str]:
    """GET ``url`` in a savepoint; the visit, and the HTML to follow (or the redirect's target)."""
    headers = {"HTTP_REFERER": f"http://{HOST}{came_from}"} if came_from else {}
    started = time.perf_counter()
    try:
        with transaction.atomic():
            response = client.get(url, **headers)
            if response.status_code >= 500:
                transaction.set_rollback(True)
    except Exception:
        return Visit(url, came_from, 500, _our_frames(traceback.format_exc())), ""
    visit = Visit(url, came_from, response.status_code, seconds=time.perf_counter() - started)
    if 300 <= response.status_code < 400:
        return visit, response.get("Location", "")
    if response.status_code >= 500:
        visit.error = response.content.decode(errors="replace")[:500]
        return visit, ""
    is_html = response.get("Content-Type", "").startswith("text/html")
    if not is_html or getattr(response, "streaming", False):
        return visit, ""
    return visit, response.content.decode(errors="replace")


@pytest.fixture(scope="module")
def crawls(demo_site: DemoSite, django_db_blocker: Any) -> dict[str, Crawl]:  # noqa: F811
    """The shared demo (tests/demo_site.py), crawled as every persona."""
    results: dict[str, Crawl] = {}
    with django_db_blocker.unblock(), as_the_demo_signs_in():
        public: frozenset[str] = frozenset()
        for persona in PERSONAS:
            client = Client(raise_request_exception=True)
            if persona != ANONYMOUS:
                client.force_login(User.objects.get(username=persona))
            results[persona] = crawl(client, persona, opened_by_all=public)
            if persona == ANONYMOUS:
                # What a visitor opens is the same for everyone (the gallery, the public forms): the
                # signed-in personas skip it, but not the home page, which is theirs.
                public = frozenset(v.url for v in results[persona].visits if v.status == 200 and v.url != "/")
    if os.environ.get("DANVAN_CRAWL_LOG"):
        with open(os.environ["DANVAN_CRAWL_LOG"], "w", encoding="utf-8") as log:
            for persona, result in results.items():
                for visit in result.visits:
                    print(persona, visit.status, f"{visit.seconds:.3f}", visit.url, "←", visit.came_from, file=log)
    return results


def _our_frames(text: str) -> str:
    """The traceback's frames in our code and templates, and the exception: what the reader needs."""
    lines = text.rstrip().splitlines()
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith('  File "') and ("/src/danvan/" in line or "/templates/" in line):
            kept.extend(lines[index : index + 2])
    return "\n".join([*kept, *lines[-3:]])


def _report(failures: list[Visit]) -> str:
    lines = []
    for visit in failures:
        lines.append(f"{visit.status} {visit.url}  (từ {visit.came_from or 'đầu'})")
        lines.extend("    " + line for line in visit.error.strip().splitlines()[-24:])
    return "\n".join(lines)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_of_the_demo_fails(crawls: dict[str, Crawl], persona: str) -> None:
    result = crawls[persona]
    assert not result.failures, f"{persona}: {len(result.failures)} trang lỗi 5xx\n" + _report(result.failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_link_leads_to_a_missing_page(crawls: dict[str, Crawl], persona: str) -> None:
    """A link the site shows a persona opens something; "not found" from our own link is a broken link.
    (Refusals, 403, are recorded but allowed: a menu may offer a page that asks for a working unit.)"""
    missing = [f"{v.url} (từ {v.came_from})" for v in crawls[persona].visits if v.status == 404]
    assert not missing, missing


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != ANONYMOUS])
def test_the_crawl_reaches_the_records_of_every_officer(crawls: dict[str, Crawl], persona: str) -> None:
    """The crawl is not vacuous: signed in, a persona reaches many pages and the unit pages by links."""
    result = crawls[persona]
    opened = result.paths()
    assert len(result.visits) >= 20, sorted(opened)
    assert "/units/#/" in opened, sorted(opened)


def test_the_officers_reach_cases_and_models_by_links(crawls: dict[str, Crawl]) -> None:
    for persona in ("ducxuan.canbo", "ducxuan.lanhdao", "tinh.tgdv"):
        opened = crawls[persona].paths()
        assert "/petitions/cases/#/" in opened and "/initiatives/#/" in opened, (persona, sorted(opened))


def test_an_anonymous_visitor_is_sent_to_sign_in_or_the_public_pages(crawls: dict[str, Crawl]) -> None:
    opened = crawls[ANONYMOUS].paths()
    assert "/accounts/login/" in opened, sorted(opened)
    # Nothing signed-in leaks to a visitor: every page it reached is public or sends it to sign in.
    private = {p for p in opened if p.startswith(("/petitions/cases/", "/users/", "/initiatives/#/"))}
    assert not private, private


def test_the_crawler_reads_links_htmx_and_get_forms_with_their_defaults() -> None:
    parser = Links()
    parser.feed(
        '<a href="/units/7/">Đơn vị</a> <a href="/x.docx" download>tải</a> <button hx-get="/pick-unit/">chọn</button>'
        '<form action="/petitions/?old=1"><input name="q" value="đất"><input type="checkbox" name="mine" value="1">'
        '<input type="checkbox" name="late" checked><select name="year"><option>2025</option>'
        '<option value="2026" selected>2026</option></select><textarea name="note"></textarea>'
        '<button name="format" value="xlsx">Excel</button></form>'
        '<form method="post" action="/units/7/hamlets/new/"><input name="short_name"></form>'
    )
    assert parser.targets == [
        "/units/7/",
        "/pick-unit/",
        "/petitions/?q=%C4%91%E1%BA%A5t&late=on&year=2026&note=",
        "/petitions/?q=%C4%91%E1%BA%A5t&late=on&year=2026&note=&format=xlsx",
    ]


def test_urls_that_differ_in_ids_or_query_values_have_one_shape() -> None:
    assert shape("/petitions/cases/12/act/decide/") == shape("/petitions/cases/40/act/decide/")
    assert (
        shape("/initiatives/?sort=year&page=2") == shape("/initiatives/?page=5&sort=name") == "/initiatives/?page&sort"
    )
    assert shape("/exports/1b4e28ba-2fa1-11d2-883f-0016d3cca427/") == "/exports/#/"
    assert same_site("/units/", "https://example.org/") is None
    assert same_site("/units/", "/accounts/logout/") is None
    assert same_site("/units/", "?q=a") == "/units/?q=a"
