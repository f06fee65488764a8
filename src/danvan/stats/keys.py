"""The province key: the province a counted record lies in, stored on the record.

A national report groups every record by the province its unit lies in — the first step of the
unit's materialised path. Read through a join on the unit, that key arrives in no index's order, so
SQLite sorts every row and PostgreSQL hashes a join. Stored on the record and led into its
statistics index, the same ``GROUP BY`` is read in index order, and a province's records are one
index range. Decision record 0006 (addendum "The province key").

The rule that keeps it true: the key is the first :data:`KEY_LENGTH` characters of the path of the
record's unit. It is written by the field itself whenever a record is inserted (``save()`` and
``bulk_create`` both call :meth:`ProvinceKeyField.pre_save`); a counted record never changes unit
after it is created; and when a unit moves to another province, :func:`follow_move` rewrites the
keys of every record under it, in the same transaction (:mod:`danvan.units.services` sends the
signal). ``danvan stats_keys --check`` verifies the rule on a database; ``danvan stats_keys``
repairs it (after a raw load or a restore from another system).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models

from danvan.units.models import Unit

#: How much of the unit's path the key keeps: a province (the first step of the tree).
KEY_LENGTH: int = Unit.steplen


class ProvinceKeyField(models.CharField):  # type: ignore[type-arg]
    """The first step of the path of the record's unit (``unit``: the lookup from the record to its
    unit, e.g. ``"initiative__unit"``), written on insert; never edited by hand."""

    description = "Tỉnh của bản ghi (phần đầu đường dẫn của đơn vị), dùng cho thống kê"

    def __init__(self, *args: Any, unit: str = "unit", **kwargs: Any) -> None:
        self.unit_lookup = unit
        kwargs.setdefault("max_length", KEY_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        kwargs.setdefault("verbose_name", "tỉnh (khóa thống kê)")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.unit_lookup != "unit":
            kwargs["unit"] = self.unit_lookup
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value: str = getattr(model_instance, self.attname)
        if add or not value:
            value = key_of(model_instance, self.unit_lookup)
            setattr(model_instance, self.attname, value)
        return value


def key_of(instance: models.Model, lookup: str) -> str:
    """The key of ``instance``: its unit's path cut to :data:`KEY_LENGTH`, following ``lookup``
    through the objects already loaded, and with one query from the first that is not."""
    obj: Any = instance
    parts = lookup.split("__")
    for i, name in enumerate(parts):
        relation = obj._meta.get_field(name)
        if relation.is_cached(obj):
            obj = getattr(obj, name)
            continue
        pk = getattr(obj, relation.attname)
        if pk is None:
            return ""
        rest = "__".join([*parts[i + 1 :], "path"])
        path = relation.related_model._default_manager.filter(pk=pk).values_list(rest, flat=True).first()
        return (path or "")[:KEY_LENGTH]
    return str(obj.path)[:KEY_LENGTH] if obj is not None else ""


def keyed_models() -> Iterator[tuple[type[models.Model], ProvinceKeyField]]:
    """Every model that stores a province key, with its key field."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, ProvinceKeyField):
                yield model, field


def key_field(model: type[models.Model]) -> ProvinceKeyField | None:
    for field in model._meta.concrete_fields:
        if isinstance(field, ProvinceKeyField):
            return field
    return None


def _under(model: type[models.Model], field: ProvinceKeyField, path: str) -> models.QuerySet[Any]:
    return model._default_manager.filter(**{f"{field.unit_lookup}__path__startswith": path})


def _drifted(model: type[models.Model], field: ProvinceKeyField) -> Iterator[tuple[str, models.QuerySet[Any]]]:
    """For each root of the tree, the records under it whose key is not the root's path."""
    for root in Unit.objects.filter(depth=1).values_list("path", flat=True):
        key = root[:KEY_LENGTH]
        yield key, _under(model, field, root).exclude(**{field.attname: key})


def follow_move(unit: Unit, old_path: str) -> int:
    """After ``unit`` moved from ``old_path``: rewrite the keys of the records under it, if its
    province changed. Returns the number of records rewritten."""
    key = unit.path[:KEY_LENGTH]
    if old_path[:KEY_LENGTH] == key:
        return 0
    return sum(
        _under(model, field, unit.path).exclude(**{field.attname: key}).update(**{field.attname: key})
        for model, field in keyed_models()
    )


def drift() -> dict[str, int]:
    """The number of records whose key breaks the rule, by model label (zeros left out)."""
    found: dict[str, int] = {}
    for model, field in keyed_models():
        wrong = sum(records.count() for _, records in _drifted(model, field))
        if wrong:
            found[model._meta.label] = wrong
    return found


def repair() -> dict[str, int]:
    """Rewrite every key that breaks the rule; the number rewritten by model label (zeros left out)."""
    fixed: dict[str, int] = {}
    for model, field in keyed_models():
        n = sum(records.update(**{field.attname: key}) for key, records in _drifted(model, field))
        if n:
            fixed[model._meta.label] = n
    return fixed


def fill_keys(app_label: str, model_name: str, unit: str = "unit") -> Any:
    """A ``RunPython`` step that writes the keys of the records a migration gave the field to (one
    ``UPDATE`` per root of the tree, on the migration's own models)."""

    def fill(migration_apps: Any, schema_editor: Any) -> None:
        model = migration_apps.get_model(app_label, model_name)
        units = migration_apps.get_model("units", "Unit")
        for root in units.objects.filter(depth=1).values_list("path", flat=True):
            model.objects.filter(**{f"{unit}__path__startswith": root}).update(province_key=root[:KEY_LENGTH])

    return fill
