"""The API's shapes that every router shares, kept below the areas so that each area's router can use them."""

from __future__ import annotations

from ninja import Schema


# Every refusal of the API: a Vietnamese ``detail`` and, when a field is at fault, one entry per field.
# (A comment, not a docstring: ninja would put a docstring into the OpenAPI document.)
class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = []
