"""Demo data of the area (being built)."""


def seed_dialogues() -> None:
    """The area's demo records."""
