"""Dossier export at scale (DESIGN.md section 10: 500 incidents with PDF under 10 s).

Run with ``python bench/dossier_bench.py [--incidents 500]``. Loads synthetic approved
incidents with victims, witnesses and acts into a test-KDF vault, then times the
redaction, the PDF, and the whole signed export.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from records_bench import incident, name

from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.export.dossier_model import build_dossier
from casebook.export.profiles import shipped_profile
from casebook.gui.render.dossier_pdf import render_dossier_pdf
from casebook.services.dossier import export_dossier, snapshot
from casebook.services.records import RecordStore
from casebook.services.vault_service import KdfPolicy, create_vault


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        session = create_vault(root / "vault", "Bench", Role.SUPERVISOR,
                               "bench passphrase, several words long",
                               KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False))
        ids = []
        with session.unit_of_work() as uow:
            store = RecordStore(uow, session.user.id, allow_retired_tags=True)
            for n in range(args.incidents):
                data = {**incident(rng, n), "status": "approved", "place": "SY0602"}
                inc = store.create(RecordKind.INCIDENT, data, action="import")
                ids.append(inc.id)
                for role in ("victim", "victim", "witness"):
                    person = store.create(RecordKind.PERSON, name(rng), action="import")
                    store.create(RecordKind.INVOLVEMENT, {"incident": inc.id,
                                                          "person": person.id,
                                                          "role": role}, action="import")
                    if role == "victim":
                        store.create(RecordKind.ACT, {"incident": inc.id, "victim": person.id,
                                                      "act_type": "act.killing",
                                                      "method": "gunfire"}, action="import")
        start = time.perf_counter()
        snap = snapshot(session, ids)
        gathered = time.perf_counter() - start
        start = time.perf_counter()
        dossier = build_dossier(snap, shipped_profile("special-procedures"), "ar",
                                b"k" * 32, date.today(), dossier_id="bench",
                                generated_at="2026-01-01T00:00:00+00:00")
        redacted = time.perf_counter() - start
        start = time.perf_counter()
        pdf = render_dossier_pdf(dossier.data, dossier.report)
        painted = time.perf_counter() - start
        start = time.perf_counter()
        export_dossier(session, "special-procedures", root / "d.zip", render_dossier_pdf,
                       incident_ids=ids, language="ar")
        whole = time.perf_counter() - start
        session.lock()
    print(f"dossier of {args.incidents} incidents ({args.incidents * 2} victims, "
          f"{args.incidents} witnesses), special-procedures, Arabic:")
    print(f"  gather records            {gathered:6.2f} s")
    print(f"  redaction                 {redacted:6.2f} s")
    print(f"  PDF ({len(pdf) / 1e6:.1f} MB)            {painted:6.2f} s")
    print(f"  whole signed export       {whole:6.2f} s   target < 10 s")


if __name__ == "__main__":
    main()
