"""The statistics layer: measures declared by each area, computed in SQL by unit path and period.

An area declares its measures once, in its ``measures.py`` (:class:`~danvan.stats.engine.Source`
and :class:`~danvan.stats.engine.Measure`); :func:`~danvan.stats.engine.compute` counts them for
a unit's coverage and a period, by any breakdown and by direct sub-unit, on today's tree or the
tree as it was, always within the viewer's scope. See ``docs/decisions/0006-statistics-layer.md``.
"""
