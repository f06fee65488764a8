"""Signals of the unit tree, for the layers above that keep something derived from a unit's path."""

from django.dispatch import Signal

#: Sent inside the transaction of :func:`danvan.units.services.move_unit`, after ``unit`` (with its
#: subtree) has moved from ``old_path`` to ``unit.path``.
unit_moved = Signal()
