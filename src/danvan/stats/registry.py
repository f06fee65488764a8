"""The measures of every area, by name, for the readers above the areas (reports, indexes, dashboards).

An area declares its :class:`~danvan.stats.engine.Source` s in its ``measures.py`` and registers them
here under ``"<area>.<name>"`` in its ``AppConfig.ready``. A reader that must not import the area — the
satisfaction index reading the one-stop ratings, the periodic report reading every area — asks for the
source by name and computes it with the engine, inside the viewer's scope like any other figure.
"""

from __future__ import annotations

from danvan.stats.engine import Source

_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> Source:
    if "." not in name:
        raise ValueError(f"Tên nguồn số liệu phải có dạng “lĩnh_vực.tên”: {name!r}")
    _SOURCES[name] = source
    return source


def source(name: str) -> Source:
    try:
        return _SOURCES[name]
    except KeyError:
        raise LookupError(f"Chưa có nguồn số liệu “{name}”.") from None


def names() -> list[str]:
    return sorted(_SOURCES)
