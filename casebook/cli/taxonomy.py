"""``casebook taxonomy``, ``tag``, ``places`` and ``count`` (docs/taxonomy.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import table, unlocked
from casebook.domain.errors import ExitCode, UsageError, ValidationError
from casebook.domain.records import IncidentStatus, PlaceLevel, RecordKind
from casebook.gazetteer.model import Gazetteer
from casebook.services.places import PlaceService
from casebook.services.queries import IncidentFilter
from casebook.services.statistics import UNKNOWN, count_incidents, dimension_kind
from casebook.services.taxonomy import TaxonomyService, UpdatePreview
from casebook.storage.atomic import atomic_write_bytes
from casebook.taxonomy.format import parse_taxonomy_bytes, taxonomy_to_json
from casebook.taxonomy.model import Scheme, TermIndex, TermStatus
from casebook.taxonomy.thesaurus_csv import (
    read_plain_csv,
    read_uwazi_csv,
    write_plain_csv,
    write_uwazi_csv,
)

if TYPE_CHECKING:
    from casebook.cli.main import Context

FORMATS = ("json", "uwazi", "csv")
LANGUAGES = ("en", "ar")
_STATUS_MARK = {TermStatus.ACTIVE: "", TermStatus.DEPRECATED: " [deprecated]",
                TermStatus.REMOVED: " [removed]"}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=LANGUAGES, default="en", help="label language")
    _register_taxonomy(commands, common, lang)
    _register_tag(commands, common)
    _register_places(commands, common, lang)
    _register_count(commands, common, lang)


def _register_taxonomy(commands: Any, common: argparse.ArgumentParser,
                       lang: argparse.ArgumentParser) -> None:
    taxonomy = commands.add_parser("taxonomy", help="the shared taxonomy: browse, update, export")
    sub = taxonomy.add_subparsers(dest="taxonomy_command", metavar="COMMAND",
                                  parser_class=type(taxonomy))
    sub.required = True

    listing = sub.add_parser("list", parents=[common, lang],
                             help="the schemes, or the terms of one scheme as a tree")
    listing.add_argument("scheme", nargs="?", metavar="SCHEME")
    listing.add_argument("--all", action="store_true", help="also removed terms")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", parents=[common, lang], help="one term, with its use")
    show.add_argument("code", metavar="CODE")
    show.set_defaults(handler=cmd_show)

    for name, helptext in (("import", "install a newer taxonomy version, or a CSV thesaurus "
                                      "as a new scheme"),
                           ("diff", "what importing FILE would change (writes nothing)")):
        _register_import(sub, common, name, helptext)

    export = sub.add_parser("export", parents=[common],
                            help="write the taxonomy (or one scheme) to a file")
    export.add_argument("scheme", nargs="?", metavar="SCHEME")
    export.add_argument("--format", choices=FORMATS, default="json")
    export.add_argument("--out", metavar="FILE", help="default: standard output")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_export)

    remap = sub.add_parser("remap", parents=[common],
                           help="replace a term on every record (default: every deprecated "
                           "term by its replacement)")
    remap.add_argument("old", nargs="?", metavar="OLD")
    remap.add_argument("new", nargs="?", metavar="NEW")
    remap.set_defaults(handler=cmd_remap)

    counts = sub.add_parser("counts", parents=[common, lang],
                            help="records per term of a scheme (narrower terms included)")
    counts.add_argument("scheme", metavar="SCHEME")
    counts.add_argument("--kind", choices=[k.value for k in RecordKind], default="incident")
    counts.set_defaults(handler=cmd_counts)


def _register_import(sub: Any, common: argparse.ArgumentParser, name: str,
                     helptext: str) -> None:
    command = sub.add_parser(name, parents=[common], help=helptext)
    command.add_argument("file", metavar="FILE")
    command.add_argument("--format", choices=FORMATS,
                         help="json (a taxonomy file), uwazi (Uwazi thesaurus CSV) or csv "
                         "(code,parent,label_en,...); default from the file name")
    command.add_argument("--scheme", metavar="CODE", help="scheme code for a CSV thesaurus")
    command.add_argument("--label", metavar="TEXT", help="English name of the new scheme")
    command.add_argument("--label-ar", metavar="TEXT", help="Arabic name of the new scheme")
    command.add_argument("--applies-to", metavar="KINDS", default="incident",
                         help="record kinds the scheme tags, comma-separated "
                         "(default: incident)")
    if name == "import":
        command.add_argument("--dry-run", action="store_true", help="show the changes only")
        command.add_argument("--remap", action="store_true",
                             help="also replace deprecated terms on records by their "
                             "replacements (audited)")
    command.set_defaults(handler=cmd_import, dry=name == "diff")


def _register_tag(commands: Any, common: argparse.ArgumentParser) -> None:
    tag = commands.add_parser("tag", parents=[common], help="add (or remove) taxonomy tags")
    tag.add_argument("record", metavar="RECORD_ID")
    tag.add_argument("codes", nargs="*", metavar="CODE")
    tag.add_argument("--remove", nargs="+", default=[], metavar="CODE", help="tags to remove")
    tag.set_defaults(handler=cmd_tag)


def _register_places(commands: Any, common: argparse.ArgumentParser,
                     lang: argparse.ArgumentParser) -> None:
    places = commands.add_parser("places", help="the gazetteer")
    place_sub = places.add_subparsers(dest="places_command", metavar="COMMAND",
                                      parser_class=type(places))
    place_sub.required = True
    place_list = place_sub.add_parser("list", parents=[common, lang], help="list places")
    place_list.add_argument("--level", choices=[level.value for level in PlaceLevel])
    place_list.add_argument("--under", metavar="PLACE", help="only places inside this one")
    place_list.add_argument("--search", metavar="TEXT",
                            help="names containing TEXT (Arabic-normalised), or a P-code prefix")
    place_list.set_defaults(handler=cmd_places_list)
    place_import = place_sub.add_parser(
        "import", parents=[common],
        help="import an administrative-boundary table (ADM1_EN, ADM1_PCODE, ...; CSV or XLSX)")
    place_import.add_argument("file", metavar="FILE")
    place_import.add_argument("--dry-run", action="store_true")
    place_import.set_defaults(handler=cmd_places_import)
    place_add = place_sub.add_parser("add", parents=[common], help="add a community or site")
    place_add.add_argument("name", metavar="NAME")
    place_add.add_argument("--level", choices=[level.value for level in PlaceLevel],
                           default=PlaceLevel.COMMUNITY.value)
    place_add.add_argument("--parent", metavar="PLACE", required=True,
                           help="id, P-code or exact name of the place it is in")
    place_add.add_argument("--name-ar", default="", metavar="TEXT")
    place_add.add_argument("--pcode", default="", metavar="CODE")
    place_add.add_argument("--lat", type=float, metavar="DEGREES")
    place_add.add_argument("--lon", type=float, metavar="DEGREES")
    place_add.set_defaults(handler=cmd_places_add)


def _register_count(commands: Any, common: argparse.ArgumentParser,
                    lang: argparse.ArgumentParser) -> None:
    count = commands.add_parser(
        "count", parents=[common, lang],
        help="count incidents by taxonomy scheme and/or place level")
    count.add_argument("what", choices=["incidents"])
    count.add_argument("--by", action="append", required=True, metavar="SCHEME|LEVEL",
                       help="a scheme (act, method...) or a place level (governorate, "
                       "district...); repeat to cross them")
    count.add_argument("--roll-up", action="store_true",
                       help="count each term under its top-level term")
    count.add_argument("--tag", metavar="CODE")
    count.add_argument("--status", choices=[s.value for s in IncidentStatus])
    count.set_defaults(handler=cmd_count)


# --------------------------------------------------------------------------- taxonomy


def _label(labels: Any, language: str, fallback: str) -> str:
    return str(labels.get(language) or labels.get("en") or fallback)


def cmd_list(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = TaxonomyService(session)
        schemes = service.schemes()
        installed = service.installed()
    language = ctx.args.lang
    if ctx.args.scheme is None:
        if ctx.as_json:
            ctx.out_json([{"code": s.code, "origin": s.origin, "labels": dict(s.labels),
                           "applies_to": list(s.applies_to),
                           "terms": sum(t.status is not TermStatus.REMOVED for t in s.terms)}
                          for s in schemes])
            return ExitCode.OK
        if installed is not None:
            ctx.out(f"Taxonomy {installed[0]}, version {installed[1]}")
        rows = [["SCHEME", "TERMS", "FROM", "NAME"]]
        rows += [[s.code, str(sum(t.status is not TermStatus.REMOVED for t in s.terms)),
                  s.origin, _label(s.labels, language, s.code)] for s in schemes]
        for line in table(rows):
            ctx.out(line)
        return ExitCode.OK
    scheme = next((s for s in schemes if s.code == ctx.args.scheme), None)
    if scheme is None:
        raise ValidationError(f"There is no scheme \"{ctx.args.scheme}\". "
                              "`casebook taxonomy list` shows the schemes.")
    index = TermIndex(schemes)
    terms = [t for t in scheme.terms if ctx.args.all or t.status is not TermStatus.REMOVED]
    if ctx.as_json:
        ctx.out_json([{"code": t.code, "parent": t.parent, "labels": dict(t.labels),
                       "status": t.status.value, "replaced_by": t.replaced_by} for t in terms])
        return ExitCode.OK
    shown = {t.code for t in terms}
    for term in _tree_order(index, scheme, shown):
        depth = sum(1 for a in index.ancestors(term.code) if a in shown)
        ctx.out(f"{'  ' * depth}{term.code}  {term.label(language)}{_STATUS_MARK[term.status]}"
                + (f" -> {term.replaced_by}" if term.replaced_by else ""))
    return ExitCode.OK


def _tree_order(index: TermIndex, scheme: Scheme, shown: set[str]) -> list[Any]:
    ordered: list[Any] = []

    def walk(terms: list[Any]) -> None:
        for term in terms:
            if term.code in shown:
                ordered.append(term)
            walk(index.children(term.code))

    walk(index.roots(scheme.code))
    return ordered


def cmd_show(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = TaxonomyService(session)
        index = service.index()
        term = index.get(ctx.args.code)
        if term is None:
            raise ValidationError(f"{ctx.args.code} is not a term of this vault's taxonomy. "
                                  "`casebook taxonomy list SCHEME` lists the terms.")
        used = service.usage([term.code]).get(term.code, 0)
    if ctx.as_json:
        ctx.out_json({"code": term.code, "scheme": term.scheme, "parent": term.parent,
                      "labels": dict(term.labels), "definitions": dict(term.definitions),
                      "legal_reference": term.legal_reference, "status": term.status.value,
                      "replaced_by": term.replaced_by,
                      "children": [c.code for c in index.children(term.code)],
                      "records": used})
        return ExitCode.OK
    language = ctx.args.lang
    rows = [["code", term.code], ["scheme", term.scheme]]
    for lang in sorted(term.labels):
        rows.append([f"label ({lang})", term.labels[lang]])
    for lang in sorted(term.definitions):
        rows.append([f"definition ({lang})", term.definitions[lang]])
    if term.legal_reference:
        rows.append(["legal reference", term.legal_reference])
    if term.parent:
        rows.append(["broader", f"{term.parent}  {index.label(term.parent, language)}"])
    for child in index.children(term.code):
        rows.append(["narrower", f"{child.code}  {child.label(language)}"])
    rows.append(["status", term.status.value + (f", use {term.replaced_by} instead"
                                                 if term.replaced_by else "")])
    rows.append(["records tagged", str(used)])
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def _format_of(ctx: Context, path: Path) -> str:
    if ctx.args.format:
        return str(ctx.args.format)
    return "json" if path.suffix.lower() == ".json" else "csv"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror}.") from None


def cmd_import(ctx: Context) -> int:
    path = Path(ctx.args.file)
    chosen = _format_of(ctx, path)
    dry = ctx.args.dry or getattr(ctx.args, "dry_run", False)
    if chosen == "json":
        if ctx.args.scheme:
            raise UsageError("--scheme is for CSV thesauri; a taxonomy file names its schemes.")
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"There is no file {path}.") from None
        taxonomy = parse_taxonomy_bytes(raw, source=path.name)
        with unlocked(ctx) as session:
            service = TaxonomyService(session)
            preview = (service.preview_update(taxonomy) if dry
                       else service.apply_update(taxonomy))
            remapped = (service.remap() if ctx.args.__dict__.get("remap") and not dry
                        and preview.applicable else None)
    else:
        if not ctx.args.scheme:
            raise UsageError("A CSV thesaurus becomes a new scheme: give its code with "
                             "--scheme CODE (e.g. --scheme local-violations).")
        labels = {k: v for k, v in (("en", ctx.args.label), ("ar", ctx.args.label_ar)) if v}
        kinds = [k.strip() for k in ctx.args.applies_to.split(",") if k.strip()]
        reader = read_uwazi_csv if chosen == "uwazi" else read_plain_csv
        scheme = reader(_read_text(path), scheme=ctx.args.scheme, labels=labels,
                        applies_to=kinds)
        with unlocked(ctx) as session:
            preview = TaxonomyService(session).import_scheme(scheme, dry_run=dry)
        remapped = None
    _print_preview(ctx, preview, dry=dry, remapped=remapped)
    return ExitCode.OK


def _print_preview(ctx: Context, preview: UpdatePreview, *, dry: bool,
                   remapped: dict[str, int] | None) -> None:
    diff = preview.diff
    if ctx.as_json:
        ctx.out_json({**diff.as_json(), "applied": preview.applicable and not dry,
                      "records_with_retired_terms": preview.affected,
                      "remapped": remapped or {}})
        return
    old = "nothing" if diff.old_version is None else f"version {diff.old_version}"
    if not preview.applicable:
        ctx.out(f"{diff.taxonomy_id} version {diff.new_version} is already installed; "
                "nothing to change.")
        return
    verb = "would change" if dry else "changed"
    ctx.out(f"{diff.taxonomy_id}: {old} -> version {diff.new_version} ({verb}):")
    for name, changes in diff.sections():
        if not changes:
            continue
        ctx.out(f"  {name} ({len(changes)}):")
        for change in changes:
            after = change.after
            note = ""
            if name == "deprecated" and after is not None and after.replaced_by:
                note = f" -> use {after.replaced_by}"
            if name == "relabelled" and change.before is not None and after is not None:
                note = f": \"{change.before.label('en')}\" -> \"{after.label('en')}\""
            if name == "moved" and change.before is not None and after is not None:
                note = f": under {change.before.parent or '(top)'} -> {after.parent or '(top)'}"
            used = preview.affected.get(change.code)
            if used:
                note += f" ({used} record(s) keep it)"
            ctx.out(f"    {change.code}{note}")
    if diff.empty:
        ctx.out("  no term changes")
    if remapped:
        ctx.out(f"Remapped deprecated terms on {sum(remapped.values())} record tag(s).")
    elif preview.affected and any(preview.affected.values()):
        ctx.out("Records keep their deprecated and removed terms. To move them to the "
                "suggested replacements: casebook taxonomy remap")


def cmd_export(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = TaxonomyService(session)
        if ctx.args.format == "json":
            if ctx.args.scheme:
                raise UsageError("JSON export writes the whole taxonomy file; use "
                                 "--format uwazi or csv for one scheme.")
            body = json.dumps(taxonomy_to_json(service.current_taxonomy()), ensure_ascii=False,
                              indent=2) + "\n"
        else:
            if not ctx.args.scheme:
                raise UsageError("Name the scheme to export as CSV, e.g. "
                                 "casebook taxonomy export act --format uwazi.")
            scheme = service.scheme(ctx.args.scheme)
            body = (write_uwazi_csv(scheme) if ctx.args.format == "uwazi"
                    else write_plain_csv(scheme))
    if ctx.args.out is None:
        ctx.stdout.write(body)
        return ExitCode.OK
    out = Path(ctx.args.out)
    if out.exists() and not ctx.args.force:
        raise UsageError(f"{out} already exists; use --force to replace it.")
    atomic_write_bytes(out, body.encode("utf-8"))
    ctx.out(f"Wrote {out}.")
    return ExitCode.OK


def cmd_remap(ctx: Context) -> int:
    if (ctx.args.old is None) != (ctx.args.new is None):
        raise UsageError("Give both OLD and NEW, or neither (every deprecated term by its "
                         "replacement).")
    mapping = None if ctx.args.old is None else {ctx.args.old: ctx.args.new}
    with unlocked(ctx) as session:
        changed = TaxonomyService(session).remap(mapping)
    if ctx.as_json:
        ctx.out_json(changed)
    elif not changed:
        ctx.out("No record carries those terms; nothing changed.")
    else:
        for code, n in sorted(changed.items()):
            ctx.out(f"{code}: replaced on {n} record(s)")
    return ExitCode.OK


def cmd_counts(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = TaxonomyService(session)
        counts = service.counts(ctx.args.scheme, RecordKind(ctx.args.kind))
        index = service.index()
    if ctx.as_json:
        ctx.out_json([{"code": c.code, "direct": c.direct, "total": c.total} for c in counts])
        return ExitCode.OK
    rows = [["TOTAL", "DIRECT", "TERM"]]
    for c in counts:
        depth = len(index.ancestors(c.code))
        rows.append([str(c.total), str(c.direct),
                     f"{'  ' * depth}{c.code}  {index.label(c.code, ctx.args.lang)}"])
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def cmd_tag(ctx: Context) -> int:
    if not ctx.args.codes and not ctx.args.remove:
        raise UsageError("Give the codes to add (or --remove CODE...).")
    with unlocked(ctx) as session:
        record = TaxonomyService(session).tag(ctx.args.record, ctx.args.codes, ctx.args.remove)
    if ctx.as_json:
        ctx.out_json({"id": record.id, "version": record.version,
                      "tags": list(record.content.get("tags", ()))})
    else:
        tags = ", ".join(record.content.get("tags", ())) or "(none)"
        ctx.out(f"{record.kind.value} {record.id} version {record.version}; tags: {tags}")
    return ExitCode.OK


# --------------------------------------------------------------------------- places


def cmd_places_list(ctx: Context) -> int:
    with unlocked(ctx) as session:
        gazetteer = PlaceService(session).gazetteer()
    places = gazetteer.all()
    if ctx.args.search:
        places = gazetteer.search(ctx.args.search, limit=10_000)
    if ctx.args.under:
        within = gazetteer.resolve(ctx.args.under)
        if within is None:
            raise ValidationError(f"No place \"{ctx.args.under}\" in the gazetteer.")
        inside = set(gazetteer.descendants(within.id))
        places = [p for p in places if p.id in inside]
    if ctx.args.level:
        places = [p for p in places if p.level.value == ctx.args.level]
    if not ctx.args.search:
        places.sort(key=lambda p: (gazetteer.path(p.id)[::-1], p.name))
        places = _hierarchy_order(gazetteer, {p.id for p in places})
    if ctx.as_json:
        ctx.out_json([{"id": p.id, "name": p.name, "name_ar": p.name_ar,
                       "level": p.level.value, "parent": p.parent, "pcode": p.pcode,
                       "latitude": p.latitude, "longitude": p.longitude} for p in places])
        return ExitCode.OK
    rows = [["P-CODE", "LEVEL", "ID", "PLACE"]]
    rows += [[p.pcode or "-", p.level.value, p.id, gazetteer.path(p.id, ctx.args.lang)]
             for p in places]
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def _hierarchy_order(gazetteer: Gazetteer, wanted: set[str]) -> list[Any]:
    ordered: list[Any] = []

    def walk(places: list[Any]) -> None:
        for place in places:
            if place.id in wanted:
                ordered.append(place)
            walk(gazetteer.children(place.id))

    walk(gazetteer.roots())
    return ordered


def cmd_places_import(ctx: Context) -> int:
    path = Path(ctx.args.file)
    if not path.is_file():
        raise UsageError(f"There is no file {path}.")
    with unlocked(ctx) as session:
        report = PlaceService(session).import_admin_table(path, dry_run=ctx.args.dry_run)
    if ctx.as_json:
        ctx.out_json({"created": report.created, "updated": report.updated,
                      "unchanged": report.unchanged, "dry_run": report.dry_run})
        return ExitCode.OK
    verb = "Would import" if report.dry_run else "Imported"
    ctx.out(f"{verb} {path.name}: {report.created} new place(s), {report.updated} updated, "
            f"{report.unchanged} unchanged.")
    return ExitCode.OK


def cmd_places_add(ctx: Context) -> int:
    if (ctx.args.lat is None) != (ctx.args.lon is None):
        raise UsageError("Give both --lat and --lon, or neither.")
    with unlocked(ctx) as session:
        place = PlaceService(session).add_place(
            ctx.args.name, PlaceLevel(ctx.args.level), ctx.args.parent,
            name_ar=ctx.args.name_ar, pcode=ctx.args.pcode, latitude=ctx.args.lat,
            longitude=ctx.args.lon)
    if ctx.as_json:
        ctx.out_json({"id": place.id, "name": place.name, "level": place.level.value,
                      "parent": place.parent})
    else:
        ctx.out(f"Added {place.level.value} {place.name} ({place.id}).")
    return ExitCode.OK


# --------------------------------------------------------------------------- count


def cmd_count(ctx: Context) -> int:
    where = IncidentFilter(tag=ctx.args.tag,
                           status=IncidentStatus(ctx.args.status) if ctx.args.status else None)
    with unlocked(ctx) as session:
        rows = count_incidents(session, ctx.args.by, where, roll_up=ctx.args.roll_up)
        index = TaxonomyService(session).index()
        gazetteer = PlaceService(session).gazetteer()
    language = ctx.args.lang

    def name(dimension: str, key: str) -> str:
        if key == UNKNOWN:
            return "(unknown)" if dimension_kind(dimension) == "place" else "(untagged)"
        if dimension_kind(dimension) == "place":
            place = gazetteer.get(key)
            return key if place is None else place.label(language)
        return index.label(key, language)

    if ctx.as_json:
        ctx.out_json([{**{d: (k or None) for d, k in zip(ctx.args.by, r.keys, strict=True)},
                       "incidents": r.incidents} for r in rows])
        return ExitCode.OK
    header = [d.upper() for d in ctx.args.by]
    lines = [["INCIDENTS", *header]]
    lines += [[str(r.incidents), *(name(d, k) for d, k in zip(ctx.args.by, r.keys, strict=True))]
              for r in rows]
    for line in table(lines):
        ctx.out(line)
    return ExitCode.OK
