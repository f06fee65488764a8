"""The layers hold (docs/decisions/0005-layers.md): every import-linter contract in pyproject.toml is kept.

It runs in the suite so that `make test`, the README's command and CI's, refuses a broken layer
as it refuses a broken rule; `make lint` runs the same contracts from the command line.
"""

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert "Contracts: 3 kept, 0 broken." in report, report
    assert exit_code == 0, report
