"""Accent-free search in the database: ``Fold(expression)`` is :func:`danvan.core.text.fold` in SQL.

A column that is already folded when saved (``Initiative.name_folded``) is searched as it is; any
other text column is folded on the fly: on SQLite by our own ``fold()`` registered on each
connection, on PostgreSQL (and any other database) by ``lower(translate(…))`` over the Latin letters
with diacritics, so "dan van kheo" finds "Dân vận khéo" and "DÂN VẬN KHÉO" alike, whatever the
database's collation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import CharField, Func, Q
from django.db.models.lookups import Contains

from danvan.core.text import fold


def _table() -> tuple[str, str]:
    """Every precomposed Latin letter whose fold is one plain ASCII letter (Vietnamese's 134 among them)."""
    source, target = [], []
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _table()


def _fold_or_none(value: Any) -> str | None:
    return None if value is None else fold(str(value))


def register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("danvan_fold", 1, _fold_or_none, deterministic=True)


class Fold(Func):
    """The folded text of an expression: lower case, no diacritics, đ → d (whitespace kept as it is)."""

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"danvan_fold({sql})", params

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        sql, params = compiler.compile(self.source_expressions[0])
        # translate() first, so upper-case accented letters fold whatever lower() knows of them.
        return f"LOWER(TRANSLATE({sql}, %s, %s))", (*params, TRANSLATE_FROM, TRANSLATE_TO)


def search_q(text: str, *, folded: Sequence[str] = (), fold_on_the_fly: Sequence[str] = ()) -> Q:
    """Every word of ``text`` (folded) in one of the columns: ``folded`` ones are stored folded already."""
    condition = Q()
    for word in fold(text).split():
        either = Q()
        for column in folded:
            either |= Q(**{f"{column}__contains": word})
        for column in fold_on_the_fly:
            either |= Q(Contains(Fold(column), word))
        condition &= either
    return condition
