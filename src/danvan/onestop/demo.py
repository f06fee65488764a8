"""Demo data of the one-stop area (being built)."""


def seed_onestop() -> None:
    """A year of dossiers in the demo province."""
