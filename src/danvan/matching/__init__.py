"""Duplicate and related letters: which letters are about the same matter, and why (the kit's matcher).

Plain Python over numpy, SciPy, scikit-learn and rapidfuzz; no database. Intake
suggestions, the backlog grouping, ``danvan find_duplicates`` and the
benchmark (``bench/duplicates.py``) all run this code. Decision record 0012.
"""

from danvan.matching.grouping import group, group_index
from danvan.matching.index import Index, Settings
from danvan.matching.records import Match, Record

__all__ = ["Index", "Match", "Record", "Settings", "group", "group_index"]
