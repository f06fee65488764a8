"""The one-stop part of the JSON API (being built)."""

from ninja import Router

router = Router(tags=["Một cửa"])
