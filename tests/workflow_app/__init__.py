"""A third workflow written only for the tests: a table and a service, nothing else of its own.

Its page forms, API routes, bulk actions and timeline all come from the kit (:mod:`danvan.workflow`),
which is the proof that a new area plugs in.
"""
