"""The satisfaction part of the JSON API (being built)."""

from ninja import Router

router = Router(tags=["Sự hài lòng"])
