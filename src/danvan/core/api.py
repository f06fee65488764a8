"""The API's shapes that every router shares, kept below the areas so that each area's router can use them.

:data:`ERRORS` is what every operation documents besides its success (:func:`responses`), so that the
OpenAPI document lists every answer an endpoint can give; :data:`Id`, :data:`PageNumber` and
:data:`PageSize` bound the integers a caller sends to what the database can hold, so that a number too
large is a 422 naming its parameter, never a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from danvan.core.periods import MAX_YEAR, MIN_YEAR

#: The largest row id (``BigAutoField``: a signed 64-bit integer).
MAX_ID = 2**63 - 1
MAX_PAGE_SIZE = 500
#: Pages of a list: past the last page is an empty page, past this one a 422. The offset of the last
#: (``(page - 1) * page_size``) stays a 64-bit integer, as SQLite and PostgreSQL need.
MAX_PAGE = 10**15

#: A record's id, in a path, a filter or a body.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description=f"Trang, từ 1 đến {MAX_PAGE}.")]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description=f"Số dòng một trang, từ 1 đến {MAX_PAGE_SIZE}.")]
#: The year of a report or a filter, as the period parser reads it.
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"Năm, từ {MIN_YEAR} đến {MAX_YEAR}.")]


# Every refusal of the API: a Vietnamese ``detail`` and, when a field is at fault, one entry per field.
# (A comment, not a docstring: ninja would put a docstring into the OpenAPI document.)
class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = []


#: The refusals every operation may answer: 400 a request Django cannot read, 401 no valid token, 403 no
#: right, 404 not found (or out of the caller's scope), 422 a parameter or a body refused, named.
ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def responses(ok: Any, status: int = 200) -> dict[int, Any]:
    """The ``response=`` of an operation: its success under ``status``, and :data:`ERRORS`."""
    return {status: ok, **ERRORS}


def refuse_null(*names: str) -> Any:
    """A validator for a partial update: a field that may be left out but not set to ``null``
    (the record needs a value); the 422 names the field."""

    def check(cls: type, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("null_refused", "Không được để trống (null); bỏ trường này nếu không sửa.")
        return value

    return field_validator(*names, mode="before")(check)
