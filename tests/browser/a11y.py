"""axe-core (from npm, ``node_modules/axe-core``) run inside the page Playwright has open.

``assert_accessible(page)`` fails with every serious or critical violation: the rule, what it asks,
where to read more, and the selectors of the failing elements with axe's summary of each. Minor and
moderate findings are left to review: WCAG 2.1 AA rules that axe rates serious (contrast, names of
controls, labels) are what an officer with a screen reader or a bright office screen trips over.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
#: The rule sets axe checks: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@cache
def _axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"Thiếu {AXE}: hãy chạy `npm ci` (make install)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, *, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Every violation axe finds on the page as it is now (after the page's own scripts ran)."""
    # Evaluated through the DevTools protocol, which the page's content security policy does not
    # govern, so the page is checked under the policy it is served with (no bypass_csp).
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source() + "\n;undefined")
    options = {"runOnly": {"type": "tag", "values": tags or TAGS}, "resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate("options => window.axe.run(document, options)", options)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]], *, limit: int = 6) -> str:
    """A readable account: one block per rule, the failing elements' selectors under it."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({len(nodes)} phần tử)"
            f"\n    {violation['helpUrl']}"
        )
        for node in nodes[:limit]:
            target = " ".join(" >> ".join(part) if isinstance(part, list) else part for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    - {target}\n      {node['html'][:160]}\n      {summary[:300]}")
        if len(nodes) > limit:
            lines.append(f"    … và {len(nodes) - limit} phần tử nữa")
    return "\n".join(lines)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def assert_accessible(page: Page, *, tags: list[str] | None = None) -> None:
    """No serious or critical axe violation on the page as it is now."""
    found = blocking(axe_violations(page, tags=tags))
    assert not found, f"axe-core: {len(found)} lỗi nghiêm trọng trên {page.url}\n" + describe(found)
