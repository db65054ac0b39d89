"""How one record's history received from another vault meets the local one
(docs/packages.md, "Merging"). Pure: no database, no I/O.

A version is known across vaults by its *identity*: the hash of its record id,
number, kind, tombstone flag and content. Two vaults that saved the same content
as the same version agree on it, whoever saved it and when (the shipped places,
installed in every vault, are the common case). A version may also *absorb* other
identities: a conflict resolved, or a merged line adopted, takes in the versions it
was resolved against, so they never come back as a conflict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from casebook.domain.canonical import canonical_json


@dataclass(frozen=True, slots=True)
class Version:
    version: int
    kind: str
    content: str  # canonical JSON
    tombstone: bool
    saved_at: str
    saved_by: str

    def identity(self, record_id: str) -> str:
        return version_identity(record_id, self.version, self.kind, self.tombstone,
                                self.content)

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "kind": self.kind, "content": json.loads(self.content),
                "tombstone": self.tombstone, "saved_at": self.saved_at,
                "saved_by": self.saved_by}


def version_identity(record_id: str, version: int, kind: str, tombstone: bool,
                     content: str) -> str:
    return hashlib.sha256(canonical_json({
        "record_id": record_id, "version": version, "kind": kind,
        "tombstone": bool(tombstone), "content": json.loads(content or "{}"),
    })).hexdigest()


class Outcome(Enum):
    NOTHING_NEW = "nothing-new"  # everything received is here already, or taken in
    NEW_RECORD = "new-record"  # unknown here: every version is added as it is
    FAST_FORWARD = "fast-forward"  # their history continues ours: their newer versions added
    ADOPT = "adopt"  # their line already took in our newest version: take its content
    CONFLICT = "conflict"  # both sides changed it: a person decides


@dataclass(frozen=True, slots=True)
class MergePlan:
    outcome: Outcome
    #: FAST_FORWARD / NEW_RECORD: the versions to add as they are (numbers kept)
    append: tuple[Version, ...] = ()
    #: ADOPT / CONFLICT: their versions past the common history (newest last)
    theirs: tuple[Version, ...] = ()
    #: ADOPT / CONFLICT: every identity their line stands for (to absorb on resolution)
    their_identities: frozenset[str] = frozenset()


def plan_merge(record_id: str, local: Sequence[Version], local_absorbed: Iterable[str],
               incoming: Sequence[Version], incoming_absorbs: Mapping[int, Iterable[str]]
               ) -> MergePlan:
    """What to do with ``incoming`` (all versions the sender has, oldest first)."""
    incoming = sorted(incoming, key=lambda v: v.version)
    if not local:
        return MergePlan(Outcome.NEW_RECORD, append=tuple(incoming))
    local = sorted(local, key=lambda v: v.version)
    local_ids = [v.identity(record_id) for v in local]
    known = set(local_ids) | set(local_absorbed)
    their_ids = [v.identity(record_id) for v in incoming]
    their_known = set(their_ids) | {a for absorbed in incoming_absorbs.values()
                                    for a in absorbed}
    if all(i in known for i in their_ids):
        return MergePlan(Outcome.NOTHING_NEW)
    common = 0
    for mine, theirs in zip(local_ids, their_ids, strict=False):
        if mine != theirs:
            break
        common += 1
    if common == len(local):
        return MergePlan(Outcome.FAST_FORWARD, append=tuple(incoming[common:]))
    past_common = tuple(incoming[common:])
    if local_ids[-1] in their_known:
        return MergePlan(Outcome.ADOPT, theirs=past_common,
                         their_identities=frozenset(their_known))
    return MergePlan(Outcome.CONFLICT, theirs=past_common,
                     their_identities=frozenset(their_known))
