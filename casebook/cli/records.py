"""``casebook list``, ``show``, ``search`` and ``attach``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import human_size, progress_line, table, unlocked
from casebook.domain.dates import earliest, latest, parse_partial_date
from casebook.domain.errors import CasebookError, ExitCode, UsageError
from casebook.domain.records import CONTENT_TYPES, REFERENCES, IncidentStatus, RecordKind, Role
from casebook.services.evidence import AttachmentInfo, EvidenceService
from casebook.services.queries import MAX_PAGE, IncidentFilter, Queries
from casebook.services.records import (
    RecordNotFoundError,
    RecordService,
    StoredRecord,
    diff_contents,
)
from casebook.services.vault_service import VaultSession

if TYPE_CHECKING:
    from casebook.cli.main import Context

DEFAULT_LIMIT = 100
HIDDEN = "(hidden; use --reveal-contact)"
SECRET_FIELDS: dict[RecordKind, tuple[str, ...]] = {RecordKind.PERSON: ("contact",)}
_INCIDENT_ONLY = ("tag", "place", "status", "date_from", "date_to")


# --------------------------------------------------------------------------- parsing


def _date_from(text: str) -> str:
    try:
        return earliest(parse_partial_date(text)).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is {exc}") from None


def _date_to(text: str) -> str:
    try:
        return latest(parse_partial_date(text)).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is {exc}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    listing = commands.add_parser("list", parents=[common], help="list incidents or persons")
    listing.add_argument("what", choices=["incidents", "persons"])
    listing.add_argument("--tag", metavar="CODE", help="incidents with this tag")
    listing.add_argument("--place", metavar="CODE", help="incidents at this place (id or code)")
    listing.add_argument("--status", choices=[s.value for s in IncidentStatus])
    listing.add_argument("--role", choices=[r.value for r in Role],
                         help="incidents with someone in this role; persons in this role")
    listing.add_argument("--from", dest="date_from", type=_date_from, metavar="DATE",
                         help="incidents that may have happened on or after DATE")
    listing.add_argument("--to", dest="date_to", type=_date_to, metavar="DATE",
                         help="incidents that may have happened on or before DATE")
    listing.add_argument("--incident", metavar="ID", help="persons involved in this incident")
    listing.add_argument("--search", metavar="TEXT", help="only records matching TEXT")
    listing.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                         help=f"at most N rows (default {DEFAULT_LIMIT})")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", parents=[common],
                               help="show a record (by UUID or external reference)")
    show.add_argument("id", metavar="ID")
    show.add_argument("--history", action="store_true",
                      help="list the versions and what changed between them")
    show.add_argument("--reveal-contact", action="store_true",
                      help="show a person's contact details (recorded in the audit trail)")
    show.set_defaults(handler=cmd_show)

    search = commands.add_parser("search", parents=[common],
                                 help="search every record (Arabic-normalised)")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=_positive, default=20, metavar="N")
    search.set_defaults(handler=cmd_search)

    attach = commands.add_parser("attach", parents=[common],
                                 help="encrypt a file into the vault as evidence for a record")
    attach.add_argument("record_id", metavar="RECORD_ID")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--description", metavar="TEXT",
                        help="what the file shows (default: its name)")
    attach.set_defaults(handler=cmd_attach)


# --------------------------------------------------------------------------- list


def _pages(fetch: Callable[[int, int], list[Any]], limit: int) -> tuple[list[Any], bool]:
    """Up to ``limit`` items through pages of at most MAX_PAGE; and whether there are
    more."""
    items: list[Any] = []
    while len(items) <= limit:
        page = fetch(min(MAX_PAGE, limit + 1 - len(items)), len(items))
        items += page
        if len(page) < MAX_PAGE:
            break
    return items[:limit], len(items) > limit


def cmd_list(ctx: Context) -> int:
    args = ctx.args
    if args.what == "persons":
        given = [f"--{n.removeprefix('date_')}" if n.startswith("date_") else f"--{n}"
                 for n in _INCIDENT_ONLY if getattr(args, n) is not None]
        if given:
            raise UsageError(f"{', '.join(given)} applies to 'list incidents' only.")
    elif args.incident is not None:
        raise UsageError("--incident applies to 'list persons' only.")
    with unlocked(ctx) as session:
        if args.what == "incidents":
            return _list_incidents(ctx, session)
        return _list_persons(ctx, session)


def _list_incidents(ctx: Context, session: VaultSession) -> int:
    args = ctx.args
    queries = Queries(session)
    where = IncidentFilter(
        status=IncidentStatus(args.status) if args.status else None, tag=args.tag,
        place=_place_key(RecordService(session), args.place), date_from=args.date_from,
        date_to=args.date_to,
        role=Role(args.role) if args.role else None, search=args.search,
    )
    ids, more = _pages(
        lambda limit, offset: queries.incident_ids(where, limit=limit, offset=offset), args.limit
    )
    rows = queries.incident_rows(ids)
    places = _PlaceNames(RecordService(session))
    listed = [rows[i] for i in ids if i in rows]
    if ctx.as_json:
        ctx.out_json([{**asdict(r), "place_name": places.name(r.place)} for r in listed])
        return ExitCode.OK
    if not listed:
        ctx.out("No incidents match.")
        return ExitCode.OK
    lines = [["ID", "DATE", "STATUS", "PLACE", "TITLE"]]
    lines += [[r.id, r.date_start or "-", r.status, places.name(r.place) or "-", r.title]
              for r in listed]
    for line in table(lines):
        ctx.out(line)
    _footer(ctx, len(listed), more, "incident")
    return ExitCode.OK


def _list_persons(ctx: Context, session: VaultSession) -> int:
    args = ctx.args
    queries = Queries(session)
    incident = None
    if args.incident:
        incident = RecordService(session).get(args.incident).id
    role = Role(args.role) if args.role else None
    persons, more = _pages(
        lambda limit, offset: queries.persons(incident=incident, role=role, search=args.search,
                                              limit=limit, offset=offset),
        args.limit,
    )
    if ctx.as_json:
        ctx.out_json([asdict(p) for p in persons])
        return ExitCode.OK
    if not persons:
        ctx.out("No persons match.")
        return ExitCode.OK
    lines = [["ID", "SEX", "AGE", "CHILD", "NAME"]]
    for p in persons:
        name = p.display_name
        if p.counting_unit == "group":
            name += f"  (group of {p.group_size})"
        child = "-" if p.is_child is None else ("yes" if p.is_child else "no")
        lines.append([p.id, p.sex, "-" if p.age is None else str(p.age), child, name])
    for line in table(lines):
        ctx.out(line)
    _footer(ctx, len(persons), more, "person")
    return ExitCode.OK


def _place_key(records: RecordService, place: str | None) -> str | None:
    """Incidents store a place record's UUID, or a code as written: a place record
    named by its external reference is looked for by its UUID."""
    if not place:
        return place
    try:
        record = records.get(place)
    except RecordNotFoundError:
        return place
    return record.id if record.kind is RecordKind.PLACE else place


def _footer(ctx: Context, count: int, more: bool, noun: str) -> None:
    if more:
        ctx.out(f"(the first {count} {noun}s; use --limit to see more)")


class _PlaceNames:
    """Place references shown by name when they are place records."""

    def __init__(self, records: RecordService) -> None:
        self.records = records
        self.cache: dict[str, str] = {}

    def name(self, place: str | None) -> str | None:
        if not place:
            return None
        if place not in self.cache:
            try:
                record = self.records.get(place)
            except RecordNotFoundError:
                self.cache[place] = place
            else:
                self.cache[place] = (
                    str(record.content.get("name") or place)
                    if record.kind is RecordKind.PLACE and record.id == place else place
                )
        return self.cache[place]


# --------------------------------------------------------------------------- show


def _visible_content(record: StoredRecord, reveal: bool) -> dict[str, Any]:
    content = dict(record.content)
    if not reveal:
        for name in SECRET_FIELDS.get(record.kind, ()):
            content.pop(name, None)
    return content


def _field_order(kind: RecordKind, content: dict[str, Any]) -> list[str]:
    declared = [name for name in CONTENT_TYPES[kind].model_fields if name in content]
    return declared + sorted(name for name in content if name not in declared)


def _flatten(prefix: str, value: Any) -> Iterable[tuple[str, str]]:
    if value is None or value in ("", [], {}):
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix}.{key}", inner)
    elif isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        for index, inner in enumerate(value):
            yield from _flatten(f"{prefix}[{index}]", inner)
    elif isinstance(value, list):
        yield prefix, ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        yield prefix, "yes" if value else "no"
    else:
        yield prefix, str(value)


def _field_lines(fields: list[tuple[str, str]], indent: str = "  ") -> list[str]:
    if not fields:
        return []
    width = max(len(name) for name, _ in fields)
    lines = []
    for name, value in fields:
        first, *rest = value.splitlines() or [""]
        lines.append(f"{indent}{name.ljust(width)}  {first}")
        lines += [f"{indent}{' ' * width}  {line}" for line in rest]
    return lines


class _Shower:
    def __init__(self, ctx: Context, session: VaultSession) -> None:
        self.ctx = ctx
        self.session = session
        self.records = RecordService(session)
        self.queries = Queries(session)
        self.evidence = EvidenceService(session)
        self.reveal = bool(ctx.args.reveal_contact)
        self.labels: dict[str, str | None] = {}

    def user_name(self, user_id: str) -> str:
        user = self.session.vault.user_by_id(user_id)
        return user.name if user is not None else user_id

    def person_name(self, person_id: str | None) -> str:
        if not person_id:
            return "-"
        try:
            person = self.records.get(person_id)
        except RecordNotFoundError:
            return person_id
        return str(person.content.get("name") or _joined_name(person.content) or person_id)

    def annotated(self, kind: RecordKind, key: str, value: str) -> str:
        """A reference followed by what it names: ``<uuid>  (Aleppo)``."""
        perpetrator = key.startswith("perpetrators[") and key.endswith((".person", ".unit"))
        if not (key in REFERENCES[kind] or key == "place" or perpetrator):
            return value
        label = self.label_of(value)
        return f"{value}  ({label})" if label else value

    def label_of(self, record_id: str) -> str | None:
        if record_id not in self.labels:
            try:
                record = self.records.get(record_id)
            except RecordNotFoundError:
                self.labels[record_id] = None
            else:
                if record.kind is RecordKind.PERSON:
                    label = self.person_name(record.id)
                elif record.kind is RecordKind.INCIDENT:
                    label = str(record.content.get("title", ""))
                else:
                    label = _label(record)
                self.labels[record_id] = label if record.id == record_id else None
        return self.labels[record_id]

    def run(self) -> int:
        record = self.records.get(self.ctx.args.id)
        if self.reveal and record.kind is not RecordKind.PERSON:
            raise UsageError("--reveal-contact applies to persons only.")
        contact = self.records.reveal_contact(record.id) if self.reveal else None
        data: dict[str, Any] = {
            "id": record.id, "kind": record.kind.value, "version": record.version,
            "external_ref": record.external_ref,
            "created_at": record.created_at, "created_by": self.user_name(record.created_by),
            "updated_at": record.updated_at, "updated_by": self.user_name(record.updated_by),
            "content": _visible_content(record, self.reveal),
        }
        if record.kind is RecordKind.PERSON:
            data["contact_hidden"] = contact is None and bool(record.content.get("contact"))
            data["involvements"] = self.person_involvements(record.id)
        if record.kind is RecordKind.INCIDENT:
            data.update(self.incident_parts(record.id))
        else:
            data["files"] = [asdict(f) for f in self.evidence.attachments(record.id)]
        if self.ctx.args.history:
            data["history"] = self.history(record)
        if self.ctx.as_json:
            self.ctx.out_json(data)
        else:
            self.print(record, data)
        return ExitCode.OK

    def person_involvements(self, person_id: str) -> list[dict[str, Any]]:
        links = self.queries.involvements(person=person_id)
        titles = self.queries.incident_rows([i.incident_id for i in links])
        return [
            {"id": i.id, "incident": i.incident_id, "role": i.role,
             "title": titles[i.incident_id].title if i.incident_id in titles else None}
            for i in links
        ]

    def incident_parts(self, incident_id: str) -> dict[str, Any]:
        people = [
            {"id": i.person_id, "involvement": i.id, "role": i.role,
             "name": self.person_name(i.person_id)}
            for i in self.queries.involvements(incident=incident_id)
        ]
        acts, statements, evidence = [], [], []
        for record_id, kind in self.queries.linked_to_incident(incident_id):
            if kind == RecordKind.ACT.value:
                act = self.records.get(record_id)
                acts.append({"id": act.id, **act.content,
                             "victim_name": self.person_name(act.content.get("victim"))})
            elif kind == RecordKind.STATEMENT.value:
                statement = self.records.get(record_id)
                statements.append({
                    "id": statement.id, **statement.content,
                    "source_name": self.person_name(statement.content.get("source")),
                })
            elif kind == RecordKind.EVIDENCE.value:
                item = self.records.get(record_id)
                evidence.append({
                    "id": item.id, **item.content,
                    "files": [asdict(f) for f in self.evidence.attachments(item.id)
                              if f.evidence_id == item.id],
                })
        return {"people": people, "acts": acts, "statements": statements, "evidence": evidence}

    def history(self, record: StoredRecord) -> list[dict[str, Any]]:
        versions = self.records.history(record.id)
        secret = SECRET_FIELDS.get(record.kind, ())
        entries = []
        previous: dict[str, Any] = {}
        for info in versions:
            content = {} if info.tombstone else self.records.version_content(record.id,
                                                                             info.version)
            changes = []
            if not info.tombstone and info.version > 1:
                for change in diff_contents(previous, content):
                    top = change.field.split(".")[0]
                    hidden = top in secret and not self.reveal
                    changes.append({
                        "field": change.field,
                        "before": "(hidden)" if hidden else change.before,
                        "after": "(hidden)" if hidden else change.after,
                    })
            entries.append({
                "version": info.version, "saved_at": info.saved_at,
                "saved_by": self.user_name(info.saved_by),
                "event": "deleted" if info.tombstone else (
                    "created" if info.version == 1 else "changed"),
                "changes": changes,
            })
            if not info.tombstone:
                previous = content
        return entries

    # ---- human output

    def print(self, record: StoredRecord, data: dict[str, Any]) -> None:
        out = self.ctx.out
        reference = f"  (external ref: {record.external_ref})" if record.external_ref else ""
        out(f"{record.kind.value} {record.id}{reference}")
        out(f"version {record.version}; created {record.created_at} by {data['created_by']}; "
            f"updated {record.updated_at} by {data['updated_by']}")
        content = data["content"]
        fields: list[tuple[str, str]] = []
        defaults = CONTENT_TYPES[record.kind].model_fields
        for name in _field_order(record.kind, content):
            if content[name] is False and name in defaults and defaults[name].default is False:
                continue  # an unset flag
            for key, value in _flatten(name, content[name]):
                fields.append((key, self.annotated(record.kind, key, value)))
        if data.get("contact_hidden"):
            fields.append(("contact", HIDDEN))
        out()
        for line in _field_lines(fields):
            out(line)
        if record.kind is RecordKind.INCIDENT:
            self.print_incident(data)
        elif record.kind is RecordKind.PERSON and data["involvements"]:
            out()
            out("Involved in")
            for line in table([[i["role"], i["incident"], i["title"] or ""]
                               for i in data["involvements"]], indent="  "):
                out(line)
        if data.get("files"):
            out()
            out("Files")
            for line in _file_lines(data["files"]):
                out(line)
        if "history" in data:
            self.print_history(data["history"])

    def print_incident(self, data: dict[str, Any]) -> None:
        out = self.ctx.out
        sections = [
            ("People", [[p["role"], p["id"], p["name"]] for p in data["people"]]),
            ("Acts", [[a["id"], a.get("date") or "-", a.get("act_type", ""),
                       f"victim: {a['victim_name']}"
                       + (f"; {a['status_at_end']}" if a.get("status_at_end") else "")]
                      for a in data["acts"]]),
            ("Statements", [[s["id"], s.get("date") or "-", s.get("connection", ""),
                             f"source: {s['source_name']}"]
                            for s in data["statements"]]),
        ]
        for title, rows in sections:
            out()
            out(title)
            if rows:
                for line in table(rows, indent="  "):
                    out(line)
            else:
                out("  (none)")
        out()
        out("Evidence")
        if not data["evidence"]:
            out("  (none)")
        for item in data["evidence"]:
            out(f"  {item['id']}  {item.get('description') or ''}".rstrip())
            for line in _file_lines(item["files"], indent="    "):
                out(line)

    def print_history(self, history: list[dict[str, Any]]) -> None:
        out = self.ctx.out
        out()
        out("History")
        for entry in history:
            out(f"  v{entry['version']}  {entry['saved_at']}  {entry['saved_by']}  "
                f"{entry['event']}")
            for change in entry["changes"]:
                out(f"      {change['field']}: {_short(change['before'])} -> "
                    f"{_short(change['after'])}")


def _joined_name(content: dict[str, Any]) -> str:
    parts = content.get("name_parts") or {}
    names = [parts.get(k, "") for k in ("given", "father", "grandfather", "family")]
    return " ".join(n for n in names if n) or str(parts.get("laqab", ""))


def _short(value: Any, limit: int = 80) -> str:
    if value is None or value in ("", [], {}):
        text = "(empty)"
    elif value == "(hidden)":
        text = value
    elif isinstance(value, str):
        text = f'"{value}"'
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _file_lines(files: list[dict[str, Any]], indent: str = "  ") -> list[str]:
    return table(
        [[f["id"], f["media_type"], human_size(f["size"]), f"sha256 {f['sha256'][:16]}…",
          f["file_name"]] for f in files],
        indent=indent,
    )


def cmd_show(ctx: Context) -> int:
    with unlocked(ctx) as session:
        return _Shower(ctx, session).run()


# --------------------------------------------------------------------------- search


def _label(record: StoredRecord) -> str:
    content = record.content
    kind = record.kind
    if kind in (RecordKind.PLACE, RecordKind.UNIT):
        return str(content.get("name", ""))
    if kind is RecordKind.ACT:
        return " ".join(str(v) for v in (content.get("act_type"), content.get("method")) if v)
    if kind is RecordKind.STATEMENT:
        return " ".join(
            str(v) for v in ("statement", content.get("connection"), content.get("date")) if v
        )
    if kind is RecordKind.EVIDENCE:
        text = str(content.get("description", "")).replace("\n", " ")
        return text if len(text) <= 60 else text[:59] + "…"
    return kind.value


def cmd_search(ctx: Context) -> int:
    query = " ".join(ctx.args.query)
    with unlocked(ctx) as session:
        records = RecordService(session)
        hits = Queries(session).search(query, limit=ctx.args.limit)
        found: list[dict[str, Any]] = []
        for position, hit in enumerate(hits, start=1):
            label = hit.label
            if not label:
                try:
                    label = _label(records.get(hit.record_id))
                except RecordNotFoundError:
                    label = ""
            found.append({"position": position, "id": hit.record_id, "kind": hit.kind,
                          "label": label, "score": round(-hit.rank, 6)})
    if ctx.as_json:
        ctx.out_json(found)
        return ExitCode.OK
    if not found:
        ctx.out("No records match.")
        return ExitCode.OK
    for line in table([[str(h["position"]), h["kind"], h["id"], h["label"]] for h in found]):
        ctx.out(line)
    return ExitCode.OK


# --------------------------------------------------------------------------- attach


def cmd_attach(ctx: Context) -> int:
    source = Path(ctx.args.file)
    if source.is_dir():
        raise CasebookError(f"{source} is a folder, not a file.", path=source)
    if not source.is_file():
        raise CasebookError(f"The file {source} does not exist.", path=source)
    with unlocked(ctx) as session:
        target = RecordService(session).get(ctx.args.record_id)
        update: Callable[[int], None] | None = None
        finish: Callable[[], None] = lambda: None  # noqa: E731
        if ctx.stderr.isatty():
            update, finish = progress_line(ctx.stderr, f"Encrypting {source.name}",
                                           source.stat().st_size)
        try:
            evidence, info = EvidenceService(session).attach(
                target.id, source, description=ctx.args.description, progress=update
            )
        finally:
            finish()
    if ctx.as_json:
        ctx.out_json({"record": target.id, "record_kind": target.kind.value,
                      "evidence": evidence.id, "file": asdict(info)})
        return ExitCode.OK
    _print_attached(ctx, target, evidence.id, info)
    return ExitCode.OK


def _print_attached(
    ctx: Context, target: StoredRecord, evidence_id: str, info: AttachmentInfo
) -> None:
    if target.kind is RecordKind.EVIDENCE:
        ctx.out(f"Attached {info.file_name} to evidence {evidence_id}.")
    else:
        ctx.out(f"Attached {info.file_name} to {target.kind.value} {target.id} "
                f"as evidence {evidence_id}.")
    for line in _field_lines([("file id", info.id), ("type", info.media_type),
                              ("size", human_size(info.size)), ("sha256", info.sha256)]):
        ctx.out(line)
