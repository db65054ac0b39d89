"""Case packages at scale: a documenter's vault of N incidents (each with a victim and
an involvement) sent to a supervisor, imported, approved in part, and sent back.

Run with ``python bench/packages_bench.py [--incidents 1000]``. Test-KDF vaults.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.records import RecordKind
from casebook.services.records import RecordStore
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy
from tests.packages.helpers import DOCUMENTER, SUPERVISOR, make_pair


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pair = make_pair(Path(tmp), KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False))
        with pair.documenter.session() as session:
            ids = []
            with session.unit_of_work() as uow:
                store = RecordStore(uow, session.user.id)
                for i in range(args.incidents):
                    incident = store.create(RecordKind.INCIDENT,
                                            {"title": f"Incident {i}", "date_start": "2025-03"})
                    person = store.create(RecordKind.PERSON, {"name": f"Victim {i}"})
                    store.create(RecordKind.INVOLVEMENT, {"incident": incident.id,
                                                          "person": person.id,
                                                          "role": "victim"})
                    ids.append(incident.id)
            reviews = ReviewService(session)
            for record_id in ids[:50]:
                reviews.submit(record_id)
        started = time.perf_counter()
        package = pair.send(pair.documenter, SUPERVISOR)
        export_s = time.perf_counter() - started
        started = time.perf_counter()
        outcome = pair.receive(pair.supervisor, package)
        import_s = time.perf_counter() - started
        with pair.supervisor.session() as session:
            reviews = ReviewService(session)
            for record_id in ids[:50]:
                reviews.approve(record_id)
        started = time.perf_counter()
        back = pair.send(pair.supervisor, DOCUMENTER)
        back_export_s = time.perf_counter() - started
        started = time.perf_counter()
        pair.receive(pair.documenter, back)
        back_import_s = time.perf_counter() - started
        size = package.stat().st_size
    print(f"{args.incidents} incidents ({outcome.contents.versions} versions, "
          f"{outcome.contents.audit_entries} audit entries): package {size / 1e6:.1f} MB")
    print(f"export {export_s:.1f} s, import {import_s:.1f} s; back (everything, 50 approvals): "
          f"export {back_export_s:.1f} s, import {back_import_s:.1f} s")


if __name__ == "__main__":
    main()
