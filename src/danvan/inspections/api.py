"""The area's part of the JSON API (being built)."""

from ninja import Router

router = Router(tags=["inspections"])
