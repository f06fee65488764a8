"""Demo data of the area (being built)."""


def seed_democracy() -> None:
    """The area's demo records."""
