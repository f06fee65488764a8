"""Demo data of the satisfaction area (being built)."""


def seed_satisfaction() -> None:
    """One survey campaign in the demo province."""
