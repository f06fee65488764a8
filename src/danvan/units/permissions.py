"""The unit tree's permission codes, declared with the tree so that its own services can name them.

:mod:`danvan.accounts.roles` gives them to roles; the tree cannot import roles (accounts sits above it).
"""

VIEW_UNITS = "units.view_unit"  # units are reference data: every signed-in user
MANAGE_UNITS = "units.manage_unit"  # create hamlets, rename, retire, organisations, staffing, import
