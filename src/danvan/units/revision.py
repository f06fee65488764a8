"""The tree's revision: a token that changes whenever the unit tree or its lineage may have changed.

What is worked out from the tree alone — which communes a province has today and which old units each
of them covers — is the same until the tree changes, and a national report asks it for 34 provinces
and 3.321 communes. :func:`current` gives a token shared by every process (in the cache); any change
to a unit or a lineage link, a move, and the bulk loader replace it (:func:`bump`), so that whatever
was kept under the old token is never read again. A missing token (a cleared cache) is a new one.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction

KEY = "danvan:units:tree-revision"


def current() -> str:
    token = cache.get(KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(KEY, token, timeout=None):
            token = cache.get(KEY) or token
    return str(token)


def _replace() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def bump(*args: Any, **kwargs: Any) -> None:
    """Replace the token now and again once the change is committed (also a signal receiver:
    ``post_save``, ``post_delete``, ``unit_moved``). The second replacement matters: another process
    that read the first token before the commit may have kept the tree as it was under it."""
    _replace()
    transaction.on_commit(_replace)
