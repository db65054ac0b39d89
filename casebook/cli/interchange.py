"""``casebook import`` and ``casebook export json`` (docs/interchange.md)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import unlocked
from casebook.domain.errors import ExitCode, ImportValidationError, UsageError
from casebook.domain.records import RecordKind
from casebook.services.interchange import (
    FORMAT,
    SECTION_OF,
    ImportReport,
    check_export_target,
    encode_document,
    evidence_file_count,
    export_json,
    import_document,
    read_document,
    write_export,
)

if TYPE_CHECKING:
    from casebook.cli.main import Context

IMPORT_FORMATS = ("json", "csv", "xlsx", "kobo")
_SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".xls": "xlsx"}

UNENCRYPTED_WARNING = (
    "this export is NOT encrypted and holds everything in the vault, contact details "
    "and other secrets included. Keep it on an encrypted disk, share it with nobody, "
    "and delete it when the backup or migration is done."
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import`` and ``export`` to the ``casebook`` sub-commands."""
    imp = commands.add_parser(
        "import", parents=[common], help=f"import records from a {FORMAT} JSON file",
        description=f"Import a {FORMAT} file. All or nothing: if any row is invalid, "
        "nothing is imported and every problem is listed with its place in the file.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=IMPORT_FORMATS,
                     help="file format (default: json; the others are not supported yet)")
    imp.add_argument("--dry-run", action="store_true",
                     help="check everything and report what would change; write nothing")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows and report the invalid ones (and the rows "
                     "that refer to them) as skipped")
    imp.set_defaults(handler=cmd_import)

    export = commands.add_parser("export", help="export the vault's records")
    formats = export.add_subparsers(dest="export_format", metavar="FORMAT",
                                    parser_class=type(export))
    formats.required = True
    as_json = formats.add_parser(
        "json", parents=[common], help=f"full, unredacted {FORMAT} JSON for backup or migration",
        description="Write every record, unredacted and NOT encrypted, as casebook/v1 JSON. "
        "Evidence files are not included (their rows are).",
    )
    as_json.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    as_json.add_argument("--force", action="store_true", help="replace FILE if it exists")
    as_json.add_argument("--include-deleted", action="store_true",
                         help='also deleted records, marked "deleted": true')
    as_json.set_defaults(handler=cmd_export_json)


def cmd_import(ctx: Context) -> int:
    path = Path(ctx.args.file)
    chosen = ctx.args.format or _SUFFIX_FORMATS.get(path.suffix.lower(), "json")
    if chosen != "json":
        raise UsageError(
            f"Importing {chosen} files is not supported yet; only {FORMAT} JSON "
            "(--format json) is. Convert the file to JSON, or wait for a later version."
        )
    document = read_document(path)  # file problems are reported before the passphrase
    with unlocked(ctx) as session:
        try:
            report = import_document(session, document, path, dry_run=ctx.args.dry_run,
                                     skip_invalid=ctx.args.skip_invalid)
        except ImportValidationError as exc:
            raise ImportValidationError(
                f"{exc.message}\nFix these rows and import again, or use --skip-invalid to "
                "import only the valid rows.", problems=exc.problems,
            ) from None
    if ctx.as_json:
        ctx.out_json(report.to_json())
    else:
        _print_report(ctx, report)
    if report.skipped:
        lines = [f"casebook: warning: {len(report.skipped)} row(s) skipped:"]
        lines += [f"  {reason}" for row in report.skipped for reason in row.reasons]
        ctx.stderr.write("\n".join(lines) + "\n")
    return ExitCode.OK


def _counted(counts: dict[str, int]) -> str:
    parts = []
    for kind in RecordKind:
        n = counts.get(kind.value, 0)
        if n:
            parts.append(f"{n} {kind.value if n == 1 else SECTION_OF[kind]}")
    return ", ".join(parts) or "nothing"


def _print_report(ctx: Context, report: ImportReport) -> None:
    name = report.path
    if report.dry_run:
        ctx.out(f"Dry run of {name}: nothing was written.")
        verb = {"created": "would create", "updated": "would update",
                "unchanged": "already there"}
        files = f"would attach {report.files_attached} evidence file(s)"
    else:
        ctx.out(f"Imported {name}.")
        verb = {"created": "created", "updated": "updated", "unchanged": "unchanged"}
        files = f"attached {report.files_attached} evidence file(s)"
    rows = [(verb[outcome], _counted(report.counts(outcome)))
            for outcome in ("created", "updated", "unchanged")]
    width = max(len(label) for label, _ in rows)
    for label, text in rows:
        ctx.out(f"  {label.ljust(width)}  {text}")
    if report.files_attached:
        ctx.out(f"  {files}")
    if report.skipped:
        ctx.out(f"  skipped {len(report.skipped)} row(s) (listed on standard error)")
    if report.deleted_rows_ignored:
        ctx.out(f'  ignored {report.deleted_rows_ignored} row(s) marked "deleted"')


def _warn_files(ctx: Context, count: int) -> None:
    if count:
        ctx.warn(f"{count} evidence file(s) are not in the export (their records are); "
                 "keep a backup of the vault itself for them.")


def cmd_export_json(ctx: Context) -> int:
    out = Path(ctx.args.out) if ctx.args.out else None
    if out is not None:
        check_export_target(out, overwrite=ctx.args.force)
    with unlocked(ctx) as session:
        ctx.warn(UNENCRYPTED_WARNING)
        if out is None:
            document = export_json(session, include_deleted=ctx.args.include_deleted)
            ctx.stdout.write(encode_document(document).decode("utf-8"))
            _warn_files(ctx, evidence_file_count(session))
            return ExitCode.OK
        summary = write_export(session, out, include_deleted=ctx.args.include_deleted,
                               overwrite=ctx.args.force)
    _warn_files(ctx, summary.evidence_files_not_included)
    if ctx.as_json:
        ctx.out_json(asdict(summary))
    else:
        total = sum(summary.records.values())
        ctx.out(f"Exported {total} record(s) to {summary.path}.")
    return ExitCode.OK
