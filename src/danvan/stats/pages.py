"""The statistics pages of every area, as tabs that keep the unit and the period.

Each area registers its page once (in its ``AppConfig.ready``): a key, a label, the URL name and the
right that opens it. Every statistics page draws the same tabs (``templates/stats/_tabs.html``) with
:func:`tabs`, so a new area's page appears beside the others without their code changing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from danvan.accounts import access


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    right: str
    order: int = 100


_PAGES: dict[str, Page] = {}

#: The parameters a statistics page shares with the others: the unit and the period.
SHARED = ("unit", "year", "period", "tree")


def register(page: Page) -> Page:
    _PAGES[page.key] = page
    return page


def tabs(user: Any, params: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(key, label, url) of the statistics pages ``user`` may open, for the same unit and period."""
    query = urlencode({k: params[k] for k in SHARED if params.get(k)})
    pages = sorted(_PAGES.values(), key=lambda p: (p.order, p.key))
    return [(p.key, p.label, f"{reverse(p.url_name)}?{query}") for p in pages if access.can(user, p.right)]
