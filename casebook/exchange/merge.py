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
    #: ADOPT / CONFLICT: their versions past what we share (newest last)
    theirs: tuple[Version, ...] = ()
    #: ADOPT / CONFLICT: every identity their line stands for (to absorb on resolution)
    their_identities: frozenset[str] = frozenset()
    #: (local version, identity): their versions found to be ours under another number
    #: (the same content, taken in by one side), to remember as absorbed
    learned: tuple[tuple[int, str], ...] = ()


def plan_merge(record_id: str, local: Sequence[Version],
               local_absorbs: Mapping[int, Iterable[str]], incoming: Sequence[Version],
               incoming_absorbs: Mapping[int, Iterable[str]]) -> MergePlan:
    """What to do with ``incoming`` (all versions the sender has, oldest first)."""
    incoming = sorted(incoming, key=lambda v: v.version)
    if not local:
        return MergePlan(Outcome.NEW_RECORD, append=tuple(incoming))
    local = sorted(local, key=lambda v: v.version)
    local_ids = [v.identity(record_id) for v in local]
    by_id = dict(zip(local_ids, local, strict=True))
    absorbed_by = {number: set(ids) for number, ids in local_absorbs.items()}
    known = set(local_ids).union(*absorbed_by.values())
    their_ids = [v.identity(record_id) for v in incoming]
    their_known = set(their_ids).union(*(set(a) for a in incoming_absorbs.values()))
    learned = _equivalents(incoming, their_ids, incoming_absorbs, by_id, known)
    for number, identity in learned:
        known.add(identity)
        absorbed_by.setdefault(number, set()).add(identity)
    if all(i in known for i in their_ids):
        return MergePlan(Outcome.NOTHING_NEW, learned=learned)
    common = 0
    for mine, theirs in zip(local_ids, their_ids, strict=False):
        if mine != theirs:
            break
        common += 1
    if common == len(local):
        return MergePlan(Outcome.FAST_FORWARD, append=tuple(incoming[common:]),
                         learned=learned)
    # Their newest versions may be edits made on top of a version our newest one
    # already is, or took in (after a conflict was resolved on either side).
    head_stands_for = {local_ids[-1]} | absorbed_by.get(local[-1].version, set())
    on_top = [j for j, identity in enumerate(their_ids) if identity in head_stands_for]
    tail = their_ids[on_top[-1] + 1:] if on_top else []
    if tail and all(i not in known for i in tail):
        return MergePlan(Outcome.ADOPT, theirs=tuple(incoming[on_top[-1] + 1:]),
                         their_identities=frozenset(their_known), learned=learned)
    past_common = tuple(incoming[common:])
    if local_ids[-1] in their_known:
        return MergePlan(Outcome.ADOPT, theirs=past_common,
                         their_identities=frozenset(their_known), learned=learned)
    return MergePlan(Outcome.CONFLICT, theirs=past_common,
                     their_identities=frozenset(their_known), learned=learned)


def _equivalents(incoming: Sequence[Version], their_ids: Sequence[str],
                 incoming_absorbs: Mapping[int, Iterable[str]], by_id: Mapping[str, Version],
                 known: set[str]) -> tuple[tuple[int, str], ...]:
    """Their versions that took in one of ours with the very same content: the same
    version under another number (a merged line adopted on their side)."""
    found: list[tuple[int, str]] = []
    for version, identity in zip(incoming, their_ids, strict=True):
        if identity in known:
            continue
        for absorbed in incoming_absorbs.get(version.version, ()):
            ours = by_id.get(absorbed)
            if ours is not None and (ours.content, ours.tombstone) == \
                    (version.content, version.tombstone):
                found.append((ours.version, identity))
                break
    return tuple(found)
