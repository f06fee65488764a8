"""The demo: its own top-level package, above every area, because it seeds all of them.

``danvan seed_demo`` (:mod:`danvan.demo.management.commands.seed_demo`) runs
:func:`danvan.demo.seed.seed_demo`, which builds the unit tree, the accounts and
then each area's records through the area's own ``demo`` module. Nothing imports
this package but the command, the tests and the benchmarks.
"""
