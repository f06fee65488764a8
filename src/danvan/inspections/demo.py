"""Demo data of the area (being built)."""


def seed_inspections() -> None:
    """The area's demo records."""
