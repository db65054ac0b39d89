"""The core never needs Qt: importing it must not import PySide6 (DESIGN.md section 2)."""

from __future__ import annotations

import json
import subprocess
import sys

CORE_PACKAGES = ["casebook.domain", "casebook.crypto", "casebook.storage", "casebook.audit",
                 "casebook.services"]

PROBE = """
import importlib, json, pkgutil, sys
imported = []
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    imported.append(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        if ".migrations" in info.name:
            continue  # Alembic scripts, run only inside a migration
        importlib.import_module(info.name)
        imported.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
print(json.dumps({"imported": imported, "qt": qt}))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *CORE_PACKAGES],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["qt"] == []
    # The probe really imported the modules that matter, not just the package shells.
    for module in ("casebook.storage.vault", "casebook.services.vault_service",
                   "casebook.crypto.kdf", "casebook.audit.chain", "casebook.domain.users"):
        assert module in report["imported"]
