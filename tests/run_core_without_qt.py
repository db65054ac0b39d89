"""Run the core test suite with PySide6 unimportable, as DESIGN.md requires."""

from __future__ import annotations

import importlib.abc
import sys


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".")[0] in {"PySide6", "shiboken6", "pytestqt"}:
            raise ImportError(f"{fullname} is blocked: the core must work without Qt")
        return None


def main() -> int:
    sys.meta_path.insert(0, _BlockQt())
    import pytest

    return pytest.main(
        [
            "tests/core",
            "tests/cli",
            "tests/search",
            "tests/crypto",
            "tests/records",
            "tests/domain",
            "tests/interchange",
            "tests/audit",
            "tests/taxonomy",
            "tests/dossier",
            "tests/packages",
            "-p", "no:pytest-qt",
            "-p", "no:cacheprovider",
            "-o", "addopts=-ra --strict-markers",
            "-W", "ignore::pytest.PytestConfigWarning",  # qt_api is unknown without pytest-qt
            "-q",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
