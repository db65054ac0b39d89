"""Benchmarks for the foundation: key derivation, vault open, encrypted vs plain writes.

Run with ``make bench``. Figures go to stdout; targets live here, not in tests.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import Session

from casebook.audit import chain
from casebook.crypto.kdf import DEFAULT_PARAMS, TEST_ONLY_PARAMS, derive_kek
from casebook.domain.users import Role
from casebook.services.vault_service import REAL_KDF, KdfPolicy, create_vault, unlock_vault
from casebook.storage.models import AuditEntry

PASS = "benchmark passphrase with several words"


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def bench_kdf(repeat: int) -> None:
    samples = timed(lambda: derive_kek(PASS.encode(), b"0123456789abcdef", DEFAULT_PARAMS), repeat)
    print(f"argon2id {DEFAULT_PARAMS.memory_kib // 1024} MiB x{DEFAULT_PARAMS.iterations} "
          f"lanes {DEFAULT_PARAMS.lanes}: median {statistics.median(samples):.3f} s "
          f"(min {min(samples):.3f}, max {max(samples):.3f}) over {repeat}")


def bench_unlock(root: Path, repeat: int) -> None:
    vault_dir = root / "vault"
    create_vault(vault_dir, "Bench User", Role.DOCUMENTER, PASS, REAL_KDF).lock()
    samples = timed(lambda: unlock_vault(vault_dir, PASS).lock(), repeat)
    print(f"unlock + lock, real KDF (1 slot): median {statistics.median(samples):.3f} s")
    # The same path with a negligible KDF shows what opening costs apart from Argon2id.
    cheap_dir = root / "vault-cheap"
    cheap = KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)
    create_vault(cheap_dir, "Bench User", Role.DOCUMENTER, PASS, cheap).lock()
    samples = timed(lambda: unlock_vault(cheap_dir, PASS).lock(), repeat * 5)
    print(f"unlock + lock without the KDF cost: median {statistics.median(samples) * 1000:.0f} ms "
          "(budget: first page under 1 s, KDF aside)")


def bench_writes(root: Path, count: int) -> None:
    """Audit appends (each its own transaction): SQLCipher vault vs plain SQLite."""
    vault_dir = root / "vault-writes"
    cheap = KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)
    session = create_vault(vault_dir, "Bench User", Role.DOCUMENTER, PASS, cheap)

    def encrypted() -> None:
        for i in range(count):
            with session.unit_of_work() as uow:
                uow.audit("bench", "bench", str(i), payload={"i": i, "text": "x" * 200})

    enc = timed(encrypted, 1)[0]
    session.lock()

    plain_path = root / "plain.db"
    conn = sqlite3.connect(plain_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.close()
    engine = create_engine(f"sqlite:///{plain_path}")
    AuditEntry.metadata.create_all(engine, tables=[AuditEntry.__table__])  # type: ignore[attr-defined]

    def plain() -> None:
        for i in range(count):
            with Session(engine) as s:
                chain.append(s, at="t", actor="a", action="bench", object_type="bench",
                             object_id=str(i), object_version=None,
                             object_commit=chain.object_commit(b"s", {"i": i, "text": "x" * 200}),
                             details={})
                s.commit()

    pl = timed(plain, 1)[0]
    engine.dispose()
    print(f"audited transactions: encrypted {count / enc:.0f}/s, plain SQLite {count / pl:.0f}/s, "
          f"ratio {enc / pl:.2f}x (budget 1.3x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--writes", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bench_kdf(args.repeat)
        bench_unlock(root, args.repeat)
        bench_writes(root, args.writes)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {rss_mib:.0f} MiB")


if __name__ == "__main__":
    main()
