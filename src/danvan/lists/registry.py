"""The lists the areas declared, by name, so that a background export finds its list again.

An area registers its lists when its app is ready (``apps.py``); the kit never imports an area.
"""

from __future__ import annotations

from danvan.lists.spec import ScopedList

_LISTS: dict[str, ScopedList] = {}


def register(spec: ScopedList) -> ScopedList:
    if _LISTS.get(spec.name, spec) is not spec:
        raise ValueError(f"Danh sách “{spec.name}” đã được khai báo.")
    _LISTS[spec.name] = spec
    return spec


def get(name: str) -> ScopedList:
    return _LISTS[name]
