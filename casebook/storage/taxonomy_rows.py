"""Reading and writing the vault's taxonomy tables (no commits here: the calling
service owns the transaction)."""

from __future__ import annotations

import json

from sqlalchemy import delete
from sqlmodel import Session, col, select

from casebook.storage.models import TaxonomySchemeRow, TaxonomyTermRow, VaultMeta, insert_many
from casebook.taxonomy.model import Scheme, Term, TermIndex, TermStatus

#: vault_meta key holding "<taxonomy id>/<version>" of the taxonomy the vault follows.
TAXONOMY_META_KEY = "taxonomy"
_INDEX_KEY = "casebook.term_index"


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def installed_taxonomy(db: Session) -> tuple[str, int] | None:
    meta = db.get(VaultMeta, TAXONOMY_META_KEY)
    if meta is None:
        return None
    taxonomy_id, _, version = meta.value.rpartition("/")
    return taxonomy_id, int(version)


def set_installed_taxonomy(db: Session, taxonomy_id: str, version: int) -> None:
    meta = db.get(VaultMeta, TAXONOMY_META_KEY)
    value = f"{taxonomy_id}/{version}"
    if meta is None:
        db.add(VaultMeta(key=TAXONOMY_META_KEY, value=value))
    else:
        meta.value = value
        db.add(meta)


def load_schemes(db: Session, *, origin: str | None = None) -> list[Scheme]:
    statement = select(TaxonomySchemeRow).order_by(col(TaxonomySchemeRow.position))
    if origin is not None:
        statement = statement.where(TaxonomySchemeRow.origin == origin)
    schemes = db.exec(statement).all()
    if not schemes:
        return []
    terms: dict[str, list[Term]] = {s.code: [] for s in schemes}
    rows = db.exec(
        select(TaxonomyTermRow).where(col(TaxonomyTermRow.scheme).in_(list(terms)))
        .order_by(col(TaxonomyTermRow.position))
    ).all()
    for row in rows:
        terms[row.scheme].append(Term(
            code=row.code, scheme=row.scheme, parent=row.parent, labels=json.loads(row.labels),
            definitions=json.loads(row.definitions), legal_reference=row.legal_reference,
            status=TermStatus(row.status), replaced_by=row.replaced_by,
        ))
    return [
        Scheme(code=s.code, labels=json.loads(s.labels), definitions=json.loads(s.definitions),
               applies_to=tuple(json.loads(s.applies_to)), sources=tuple(json.loads(s.sources)),
               terms=tuple(terms[s.code]), origin=s.origin)
        for s in schemes
    ]


def load_term_index(db: Session) -> TermIndex:
    """The vault's terms. Kept on the pooled database connection (which dies with the
    session at lock) until a taxonomy version is installed: saving a tagged record
    should not re-read 200 terms."""
    connection = db.connection()
    marker = connection.exec_driver_sql(
        "SELECT COUNT(*), COALESCE(MAX(installed_at), '') FROM taxonomy_version").one()
    cached = connection.info.get(_INDEX_KEY)
    if cached is not None and cached[0] == tuple(marker):
        index: TermIndex = cached[1]
        return index
    index = TermIndex(load_schemes(db))
    connection.info[_INDEX_KEY] = (tuple(marker), index)
    return index


def replace_schemes(db: Session, origin: str, schemes: list[Scheme]) -> None:
    """Make ``schemes`` the current state of every scheme from ``origin``."""
    old = db.exec(select(TaxonomySchemeRow.code).where(TaxonomySchemeRow.origin == origin)).all()
    codes = set(old) | {s.code for s in schemes}
    if codes:
        db.exec(delete(TaxonomyTermRow).where(col(TaxonomyTermRow.scheme).in_(codes)))
        db.exec(delete(TaxonomySchemeRow).where(col(TaxonomySchemeRow.code).in_(codes)))
    start = db.exec(select(TaxonomySchemeRow.position).order_by(
        col(TaxonomySchemeRow.position).desc())).first()
    position = 0 if start is None else start + 1
    term_position = 0
    scheme_rows: list[dict[str, object]] = []
    term_rows: list[dict[str, object]] = []
    for scheme in schemes:
        scheme_rows.append({
            "code": scheme.code, "origin": origin, "position": position,
            "labels": _dump(dict(scheme.labels)), "definitions": _dump(dict(scheme.definitions)),
            "applies_to": _dump(list(scheme.applies_to)), "sources": _dump(list(scheme.sources)),
        })
        position += 1
        for term in scheme.terms:
            term_rows.append({
                "code": term.code, "scheme": scheme.code, "position": term_position,
                "parent": term.parent, "status": term.status.value,
                "replaced_by": term.replaced_by, "labels": _dump(dict(term.labels)),
                "definitions": _dump(dict(term.definitions)),
                "legal_reference": term.legal_reference,
            })
            term_position += 1
    connection = db.connection()
    insert_many(connection, TaxonomySchemeRow, scheme_rows)
    insert_many(connection, TaxonomyTermRow, term_rows)
