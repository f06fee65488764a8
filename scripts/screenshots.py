"""Screenshots of DanVan's main pages, persona by persona, at 1366 px (an office screen) and 390 px (a phone).

    make screenshots                         # a throw-away demo, then build/screenshots/index.html
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000   # a server already running the demo
    .venv/bin/python scripts/screenshots.py --only ducxuan.canbo --out /tmp/shots

Without ``--url`` it sets up a demo of its own (SQLite in a temporary folder: migrate, the national
units, ``seed_demo``), serves it on a free port of 127.0.0.1, and removes it afterwards. Each persona
signs in through the login form with the demo password; record pages are reached through the first
link of their list, as a user would. The browser is Debian's Chromium (``/usr/bin/chromium``), driven
by Playwright, as in the browser tests.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
DANVAN = ROOT / ".venv" / "bin" / "danvan"
PASSWORD = "DanVan-demo-2026"  # noqa: S105 (the demo's published password: danvan.demo.seed.DEMO_PASSWORD)
WIDTHS = {1366: 900, 390: 844}
THUMBNAIL = {1366: 683, 390: 260}  # the index shows the office screen at half size, the phone at two thirds
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Shot:
    persona: str  # a demo account, or "" for a citizen who is not signed in
    name: str  # Vietnamese, for the index
    path: str
    follow: str = ""  # a regex: open the first link on ``path`` whose href matches it

    @property
    def slug(self) -> str:
        folded = re.sub(r"[^a-z0-9]+", "-", _fold(self.name)).strip("-")
        return f"{self.persona or 'cong-dan'}--{folded}"


PERSONAS = {
    "": "Công dân (chưa đăng nhập)",
    "ducxuan.tiepdan": "Cán bộ tiếp công dân phường Đức Xuân",
    "ducxuan.canbo": "Cán bộ phường Đức Xuân",
    "ducxuan.lanhdao": "Lãnh đạo phường Đức Xuân",
    "chora.canbo": "Cán bộ xã Chợ Rã",
    "tinh.tgdv": "Ban Tuyên giáo và Dân vận Tỉnh ủy (giám sát)",
    "tinh.lanhdao": "Lãnh đạo tỉnh Thái Nguyên",
    "tinh.quantri": "Quản trị đơn vị cấp tỉnh",
    "admin": "Quản trị hệ thống",
}
SHOTS = [
    Shot("", "Trang đầu", "/"),
    Shot("", "Đăng nhập", "/accounts/login/"),
    Shot("", "Gửi phản ánh, kiến nghị", "/gui-don/"),
    Shot("", "Tra cứu", "/tra-cuu/"),
    Shot("", "Thư viện mô hình", "/gallery/"),
    Shot("", "Một mô hình trong thư viện", "/gallery/", follow=r"^/gallery/m/\d+/$"),
    Shot("ducxuan.tiepdan", "Trang chủ", "/"),
    Shot("ducxuan.tiepdan", "Tiếp nhận đơn", "/petitions/intake/"),
    Shot("ducxuan.tiepdan", "Sổ tiếp công dân", "/petitions/sessions/"),
    Shot("ducxuan.canbo", "Trang chủ", "/"),
    Shot("ducxuan.canbo", "Danh sách vụ việc", "/petitions/"),
    Shot("ducxuan.canbo", "Một vụ việc", "/petitions/", follow=r"^/petitions/cases/\d+/$"),
    Shot("ducxuan.canbo", "Danh sách mô hình", "/initiatives/"),
    Shot("ducxuan.canbo", "Một mô hình", "/initiatives/", follow=r"^/initiatives/\d+/$"),
    Shot("ducxuan.canbo", "Đơn vị hành chính", "/units/"),
    Shot("ducxuan.lanhdao", "Trang chủ", "/"),
    Shot("ducxuan.lanhdao", "Một vụ việc", "/petitions/", follow=r"^/petitions/cases/\d+/$"),
    Shot("chora.canbo", "Trang chủ", "/"),
    Shot("tinh.tgdv", "Trang chủ", "/"),
    Shot("tinh.tgdv", "Thống kê mô hình", "/initiatives/stats/"),
    Shot("tinh.tgdv", "Thống kê đơn thư", "/petitions/stats/"),
    Shot("tinh.lanhdao", "Trang chủ", "/"),
    Shot("tinh.quantri", "Tài khoản", "/users/"),
    Shot("admin", "Trang quản trị", "/admin/"),
]


def _fold(text: str) -> str:
    import unicodedata

    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Máy chủ dừng khi khởi động (mã {server.returncode}).")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):  # noqa: S310 (our own loopback server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Máy chủ không trả lời ở {url} sau {seconds:.0f} giây.")


@contextmanager
def demo_server() -> Iterator[str]:
    """A throw-away demo (SQLite in a temporary folder) served on a free loopback port."""
    if not DANVAN.exists():
        raise SystemExit("Chưa có .venv: hãy chạy `make install` trước (make screenshots làm việc này).")
    with tempfile.TemporaryDirectory(prefix="danvan-screenshots-") as data_dir:
        env = {**os.environ, "DANVAN_ENV": "development", "DANVAN_DATA_DIR": data_dir}
        env.pop("DATABASE_URL", None)
        say(f"Dữ liệu mẫu tạm thời trong {data_dir}")
        for command in (["migrate", "--no-input", "-v0"], ["createcachetable"], ["load_units"], ["seed_demo"]):
            subprocess.run([str(DANVAN), *command], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # noqa: S603
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 (our own command)
            [str(DANVAN), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(url, server)
            say(f"Máy chủ thử: {url}")
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        raise SystemExit("Cần Chromium của Debian: apt-get install chromium (hoặc đặt CHROMIUM=/đường/dẫn).")
    return found


def take(url: str, out: Path, shots: list[Shot]) -> list[tuple[Shot, int, str, str]]:
    """Every shot at every width; (shot, width, file name or "", the note of a failure)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken: list[tuple[Shot, int, str, str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            for persona in dict.fromkeys(shot.persona for shot in shots):
                for width, height in WIDTHS.items():
                    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.set_default_timeout(30_000)
                    try:
                        if persona:
                            _sign_in(page, url, persona)
                        for shot in (s for s in shots if s.persona == persona):
                            taken.append(_shoot(page, url, out, shot, width))
                    finally:
                        context.close()
        finally:
            browser.close()
    return taken


def _sign_in(page: Page, url: str, persona: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(persona)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise SystemExit(f"Không đăng nhập được bằng {persona} (đã chạy seed_demo chưa?).")


def _shoot(page: Page, url: str, out: Path, shot: Shot, width: int) -> tuple[Shot, int, str, str]:
    from playwright.sync_api import Error

    name = f"{shot.slug}--{width}.png"
    try:
        response = page.goto(f"{url}{shot.path}")
        if shot.follow:
            hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            target = next((h for h in hrefs if re.match(shot.follow, h.split("?")[0].split("#")[0])), None)
            if target is None:
                return shot, width, "", f"không có liên kết nào khớp {shot.follow} trên {shot.path}"
            response = page.goto(f"{url}{target}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out / name), full_page=True)
    except Error as error:
        return shot, width, "", str(error).splitlines()[0]
    status = response.status if response else 0
    return shot, width, name, "" if status < 400 else f"HTTP {status}: {page.url.removeprefix(url)}"


def write_index(out: Path, taken: list[tuple[Shot, int, str, str]], source: str) -> Path:
    rows = []
    for persona, label in PERSONAS.items():
        mine = [t for t in taken if t[0].persona == persona]
        if not mine:
            continue
        rows.append(f"<h2>{html.escape(label)}{f' — <code>{persona}</code>' if persona else ''}</h2>")
        for shot in dict.fromkeys(t[0] for t in mine):
            cells = []
            for _, width, file, note in (t for t in mine if t[0] == shot):
                if file:
                    cells.append(
                        f'<figure><a href="{file}"><img src="{file}" alt="{html.escape(shot.name)}, {width} px"'
                        f' loading="lazy" width="{THUMBNAIL[width]}"></a>'
                        f"<figcaption>{width} px{' — ' + html.escape(note) if note else ''}</figcaption></figure>"
                    )
                else:
                    cells.append(f"<figure><figcaption>{width} px — lỗi: {html.escape(note)}</figcaption></figure>")
            rows.append(
                f"<section><h3>{html.escape(shot.name)} <code>{html.escape(shot.path)}</code></h3>"
                f'<div class="row">{"".join(cells)}</div></section>'
            )
    now = time.localtime()
    stamp = f"{now.tm_hour}:{now.tm_min:02d} {now.tm_mday}/{now.tm_mon}/{now.tm_year}"  # 1/12/2026, no zeros
    page = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Ảnh chụp màn hình DanVan</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#212529}}
.row{{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}}
figure{{margin:0}} img{{border:1px solid #ccc;height:auto;max-width:100%}}
figcaption{{font-size:.875rem;color:#555}} h2{{margin-top:2.5rem;border-bottom:2px solid #b71c1c}}
</style></head><body>
<h1>Ảnh chụp màn hình DanVan</h1>
<p>1366 px (màn hình văn phòng) và 390 px (điện thoại); nguồn: {html.escape(source)}; chụp lúc {stamp}.
Bấm vào ảnh để xem cỡ thật.</p>
{"".join(rows)}
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a server that already serves the demo (otherwise a throw-away one)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots", help="default: build/screenshots")
    parser.add_argument("--only", action="append", default=[], help="only these personas ('' for the citizen)")
    args = parser.parse_args(argv)
    shots = [s for s in SHOTS if not args.only or s.persona in args.only]
    _chromium()
    if args.out.exists():
        for old in args.out.glob("*.png"):
            old.unlink()
    if args.url:
        taken = take(args.url.rstrip("/"), args.out, shots)
        source = args.url
    else:
        with demo_server() as url:
            taken = take(url, args.out, shots)
        source = "dữ liệu mẫu tạm thời (seed_demo)"
    index = write_index(args.out, taken, source)
    failed = [t for t in taken if not t[2] or t[3]]
    say(f"{len(taken) - len(failed)}/{len(taken)} ảnh trong {index}")
    for shot, width, _, note in failed:
        print(f"  {shot.persona or 'công dân'} · {shot.name} · {width} px: {note}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
