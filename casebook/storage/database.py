"""Opening the SQLCipher database with a raw key through SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.pool import QueuePool

from casebook.domain.errors import DamagedDatabaseError

KEY_LENGTH = 32
SALT_LENGTH = 16


def _damaged(path: Path) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        f"The database {path} is damaged or does not belong to this vault's key file. "
        "Restore casebook.db from a backup of this vault.",
        path=path,
    )


# SQLite's primary result codes for "this file is not a readable database": a page
# failed its HMAC or the b-tree is malformed. Busy, locked, full or I/O errors are
# not damage and pass through unchanged.
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB


def is_damage(exc: BaseException) -> bool:
    """Whether a driver error (or SQLAlchemy's wrapper of one) means a damaged file."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return isinstance(orig, sqlcipher.DatabaseError) and isinstance(code, int) and (
        code & 0xFF in _DAMAGE_CODES
    )


@contextmanager
def damage_reported(path: Path) -> Iterator[None]:
    """Turn a damaged page met inside the block into :class:`DamagedDatabaseError`."""
    try:
        yield
    except (sqlcipher.DatabaseError, SQLAlchemyDatabaseError) as exc:
        if is_damage(exc):
            raise _damaged(path) from None
        raise


def connect_raw(path: Path, key: bytes, salt: bytes) -> sqlcipher.Connection:
    """A DB-API connection with the raw key and pinned salt and Casebook's pragmas.

    The key never appears in a URL, a log or an exception message.
    """
    if len(key) != KEY_LENGTH or len(salt) != SALT_LENGTH:
        raise ValueError("database key must be 32 bytes and salt 16 bytes")
    conn = sqlcipher.connect(str(path), check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\"")
        # The first read checks the key against page 1's HMAC.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        # Fewer page reloads means fewer pages decrypted and re-authenticated.
        conn.execute("PRAGMA cache_size = -32768")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            raise sqlcipher.DatabaseError("could not enter WAL mode")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlcipher.DatabaseError:
        conn.close()
        raise _damaged(path) from None
    return conn


def open_engine(path: Path, key: bytes, salt: bytes) -> Engine:
    def creator() -> Any:
        return connect_raw(path, key, salt)

    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transactions(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (the pysqlite driver's own transaction
        # handling would defer it and break SAVEPOINT semantics).
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def checkpoint_and_dispose(engine: Engine) -> None:
    """Fold the WAL back into the database, truncate it, close every connection."""
    raw = engine.raw_connection()
    try:
        # Outside any transaction: the driver connection is in autocommit mode.
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
    engine.dispose()
