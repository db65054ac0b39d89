"""Case-record benchmarks against DESIGN.md section 10, side by side with plain SQLite.

    .venv/bin/python bench/records_bench.py --incidents 100000

Builds a synthetic vault (Arabic and Latin names, realistic field sizes): each
incident has three persons (victims and a witness) with their involvements. The
same workload runs through the same service code on an encrypted vault and on a
plain SQLite database, and the figures are printed side by side.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.crypto.stream import decrypt_stream, encrypt_stream, new_stream_key
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.domain.users import Role
from casebook.services.audit import AuditService
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.records import RecordStore
from casebook.services.unit_of_work import COMMIT_SALT_KEY
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault, unlock_vault
from casebook.storage import blobs, migrate
from casebook.storage.models import VaultMeta

GIVEN_AR = ["محمد", "أحمد", "علي", "حسن", "حسين", "محمود", "إبراهيم", "يوسف", "عمر", "خالد",
            "سامر", "رامي", "فاطمة", "زينب", "مريم", "آمنة", "نور", "هدى", "سعاد", "ليلى"]
FAMILY_AR = ["الحلبي", "الخطيب", "العلي", "ديب", "إسماعيل", "سليمان", "حيدر", "يونس",
             "الأحمد", "شاهين", "عيسى", "منصور", "قاسم", "درويش", "بدر", "صقر"]
GIVEN_LAT = ["Muhammad", "Ahmad", "Ali", "Hasan", "Husayn", "Mahmud", "Ibrahim", "Yusuf",
             "Umar", "Khalid", "Samer", "Rami", "Fatima", "Zaynab", "Maryam", "Amina"]
FAMILY_LAT = ["al-Halabi", "al-Khatib", "al-Ali", "Dib", "Ismail", "Sulayman", "Haydar",
              "Yunus", "al-Ahmad", "Shahin", "Isa", "Mansur", "Qasim", "Darwish"]
WORDS_AR = [
    "اقتحمت", "قوة", "مسلحة", "القرية", "فجرا", "واقتادت", "عددا", "من", "الرجال", "إلى",
    "الساحة", "حيث", "أطلق", "النار", "عليهم", "وأفاد", "شهود", "بأن", "المنازل", "أحرقت",
    "بعد", "ذلك",
]
PLACES = [f"SY07{n:02d}" for n in range(40)]
STATUSES = list(IncidentStatus)


class PlainVault:
    """Just enough of an UnlockedVault for the unit of work, on plain SQLite."""

    def __init__(self, path: Path, user: Any) -> None:
        self.engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool)
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        migrate.upgrade_to_head(self.engine, path)
        with Session(self.engine) as db:
            db.add(VaultMeta(key=COMMIT_SALT_KEY, value=os.urandom(32).hex()))
            db.commit()
        self.user = user

    @property
    def is_locked(self) -> bool:
        return False


def name(rng: random.Random) -> dict[str, Any]:
    i = rng.randrange(len(GIVEN_AR))
    j = rng.randrange(len(FAMILY_AR))
    return {
        "name": f"{GIVEN_AR[i]} {rng.choice(GIVEN_AR)} {FAMILY_AR[j]}",
        "name_parts": {"given": GIVEN_AR[i], "family": FAMILY_AR[j]},
        "alt_names": [f"{GIVEN_LAT[i % len(GIVEN_LAT)]} {FAMILY_LAT[j % len(FAMILY_LAT)]}"],
        "sex": rng.choice(["male", "female", "unknown"]),
        "age": rng.randrange(1, 90),
        "contact": f"+963 9{rng.randrange(10**8):08d}",
    }


def incident(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "title": f"حادثة {n}: " + " ".join(rng.sample(WORDS_AR, 4)),
        "narrative": " ".join(rng.choices(WORDS_AR, k=150)),
        "date_start": f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "place": rng.choice(PLACES),
        "status": rng.choice(STATUSES).value,
        "tags": [rng.choice(["act.killing", "act.arbitrary-detention",
                             "act.forced-displacement", "act.shelling"])],
    }


def load(work: Callable[[], Any], incidents: int, batch: int, make_store: Callable[[], Any],
         seed: int) -> float:
    rng = random.Random(seed)
    start = time.perf_counter()
    done = 0
    while done < incidents:
        with make_store() as uow:
            # A bulk load is an import: it may carry any review status.
            store = RecordStore(uow, "bench-user", allow_retired_tags=True)
            for n in range(done, min(done + batch, incidents)):
                inc = store.create(RecordKind.INCIDENT, incident(rng, n), action="import")
                for role in ("victim", "victim", "witness"):
                    person = store.create(RecordKind.PERSON, name(rng), action="import")
                    store.create(RecordKind.INVOLVEMENT,
                                 {"incident": inc.id, "person": person.id, "role": role},
                                 action="import")
        done = min(done + batch, incidents)
        work()
    return incidents / (time.perf_counter() - start)


@dataclass
class Figures:
    import_rate: float = 0.0
    list_p50: float = 0.0
    list_p95: float = 0.0
    search_p50: float = 0.0
    search_p95: float = 0.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def measure_queries(queries: Queries, rng: random.Random, figures: Figures, rounds: int) -> None:
    list_times, search_times = [], []
    for _ in range(rounds):
        where = rng.choice([
            IncidentFilter(status=rng.choice(STATUSES)),
            IncidentFilter(place=rng.choice(PLACES)),
            IncidentFilter(date_from="2025-03-01", date_to="2025-03-31"),
            IncidentFilter(tag="detention"),
        ])
        start = time.perf_counter()
        ids = queries.incident_ids(where, limit=100)
        queries.incident_rows(ids)
        list_times.append(time.perf_counter() - start)
        term = rng.choice([rng.choice(GIVEN_AR) + " " + rng.choice(FAMILY_AR),
                           rng.choice(FAMILY_LAT), "الحلبى", "مُحَمَّد"])
        start = time.perf_counter()
        queries.search(term, limit=50)
        search_times.append(time.perf_counter() - start)
    figures.list_p50, figures.list_p95 = percentiles(list_times)
    figures.search_p50, figures.search_p95 = percentiles(search_times)


def open_vault_memory(vault_dir: Path, passphrase: str) -> float:
    """Peak resident memory (MiB) of a fresh process that unlocks the vault, shows the
    first page of the case list and runs a few searches: what a user's session costs,
    without this benchmark's own data generation."""
    import subprocess
    import sys

    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from casebook.services.queries import Queries\n"
        "from casebook.services.vault_service import unlock_vault\n"
        "s = unlock_vault(Path(sys.argv[1]), sys.argv[2])\n"
        "q = Queries(s)\n"
        "q.incident_rows(q.incident_ids(limit=50))\n"
        "for term in ('محمد', 'halabi', 'الحلبي'):\n"
        "    q.search(term)\n"
        "s.lock()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(vault_dir), passphrase],
        capture_output=True, text=True, check=True,
    )
    return int(out.stdout.strip()) / 1024


def attachment_throughput(root: Path, megabytes: int) -> tuple[float, float]:
    source = root / "payload.bin"
    with source.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(os.urandom(1 << 20))
    key = new_stream_key()
    start = time.perf_counter()
    name_, _ = blobs.store(root, key, b"bench", source)
    stored = megabytes / (time.perf_counter() - start)
    raw = io.BytesIO(source.read_bytes())
    start = time.perf_counter()
    encrypt_stream(key, b"bench", raw, io.BytesIO())
    raw_rate = megabytes / (time.perf_counter() - start)
    with (root / name_).open("rb") as sealed:
        decrypt_stream(key, b"bench", sealed, io.BytesIO())
    return stored, raw_rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--attachment-mb", type=int, default=256)
    parser.add_argument("--skip-plain", action="store_true")
    args = parser.parse_args()
    policy = KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)
    passphrase = "bench passphrase, several words long"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        session: VaultSession = create_vault(root / "vault", "Bench", Role.DOCUMENTER,
                                             passphrase, policy)
        enc = Figures()
        enc.import_rate = load(lambda: None, args.incidents, args.batch,
                               session.unit_of_work, seed=1)
        session.lock()
        start = time.perf_counter()
        session = unlock_vault(root / "vault", passphrase)
        queries = Queries(session)
        first = queries.incident_ids(limit=50)
        queries.incident_rows(first)
        open_to_first_page = time.perf_counter() - start
        measure_queries(queries, random.Random(2), enc, args.rounds)
        start = time.perf_counter()
        verified = AuditService(session).verify()
        verify_seconds = time.perf_counter() - start
        assert verified.ok, verified.first_problem
        session.lock()
        session_rss = open_vault_memory(root / "vault", passphrase)

        plain = Figures()
        if not args.skip_plain:
            from casebook.services.unit_of_work import UnitOfWork

            plain_vault = PlainVault(root / "plain.db", session.user)
            bus = session.events
            plain.import_rate = load(lambda: None, args.incidents, args.batch,
                                     lambda: UnitOfWork(plain_vault, bus),  # type: ignore[arg-type]
                                     seed=1)
            plain_session = VaultSession(plain_vault, bus)  # type: ignore[arg-type]
            measure_queries(Queries(plain_session), random.Random(2), plain, args.rounds)

        stored, raw_rate = attachment_throughput(root, args.attachment_mb)
        db_size = (root / "vault" / "casebook.db").stat().st_size / (1 << 20)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = args.incidents
    print(f"workload: {n} incidents, {3 * n} persons, {3 * n} involvements "
          f"(encrypted database {db_size:.0f} MiB)")
    print(f"{'figure':38} {'encrypted':>12} {'plain':>12} {'ratio':>7}  target")
    rows = [
        ("import, incidents/s (with 3 persons)", enc.import_rate, plain.import_rate, ">= 2000"),
        ("list filter p50, ms", enc.list_p50 * 1e3, plain.list_p50 * 1e3, ""),
        ("list filter p95, ms", enc.list_p95 * 1e3, plain.list_p95 * 1e3, "< 100"),
        ("search p50, ms", enc.search_p50 * 1e3, plain.search_p50 * 1e3, ""),
        ("search p95, ms", enc.search_p95 * 1e3, plain.search_p95 * 1e3, "< 50"),
    ]
    for label, e, p, target in rows:
        ratio = (p / e if "incidents/s" in label else e / p) if p else float("nan")
        print(f"{label:38} {e:12.1f} {p:12.1f} {ratio:7.2f}  {target}")
    print(f"{'open to first page (KDF aside), ms':38} {open_to_first_page * 1e3:12.1f}"
          f" {'':12} {'':7}  < 1000")
    print(f"{'attachment encryption, MiB/s':38} {stored:12.1f} {raw_rate:12.1f}"
          f" {stored / raw_rate:7.2f}  >= 0.5 of raw AEAD")
    print(f"{'resident memory of a session, MiB':38} {session_rss:12.0f} {'':12} {'':7}  < 400")
    print(f"{'audit verify, s':38} {verify_seconds:12.2f} {'':12} {'':7}  "
          f"({verified.entries} entries)")
    print(f"{'(this benchmark process peaked at':38} {rss:12.0f} MiB)")


if __name__ == "__main__":
    main()
