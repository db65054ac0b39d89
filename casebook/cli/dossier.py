"""``casebook dossier export|check`` and ``casebook verify`` (docs/dossiers.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import table, unlocked
from casebook.domain.errors import ExitCode
from casebook.export.manifest import verify_dossier
from casebook.export.profiles import SHIPPED
from casebook.services.dossier import export_dossier, readiness

if TYPE_CHECKING:
    from casebook.cli.main import Context


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    dossier = commands.add_parser("dossier", help="redacted, signed dossiers for UN mechanisms")
    sub = dossier.add_subparsers(dest="dossier_command", metavar="COMMAND",
                                 parser_class=type(dossier))
    sub.required = True
    choose = argparse.ArgumentParser(add_help=False)
    choose.add_argument("--profile", required=True, choices=SHIPPED)
    choose.add_argument("--incident", action="append", default=[], metavar="ID",
                        help="an incident to include (repeatable)")
    choose.add_argument("--tag", metavar="CODE", help="every incident with this tag "
                        "(narrower terms included)")
    export = sub.add_parser("export", parents=[common, choose],
                            help="write a dossier zip (PDF, JSON, CSV, evidence, manifest)")
    export.add_argument("--lang", choices=("en", "ar"), default="en")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.add_argument("--allow-unapproved", action="store_true",
                        help="include incidents that are not approved")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_export)
    check = sub.add_parser("check", parents=[common, choose],
                           help="the readiness check only: what is missing")
    check.set_defaults(handler=cmd_check)

    verify = commands.add_parser("verify", parents=[common],
                                 help="check a dossier zip (no vault needed)")
    verify.add_argument("file", metavar="DOSSIER.zip")
    verify.add_argument("--signer", metavar="FINGERPRINT",
                        help="also require this signer (as shown by the sender)")
    verify.set_defaults(handler=cmd_verify)


def cmd_check(ctx: Context) -> int:
    with unlocked(ctx) as session:
        items = readiness(session, ctx.args.profile, ctx.args.incident, ctx.args.tag)
    if ctx.as_json:
        ctx.out_json([{"incident": i.incident_id, "kind": i.kind, "code": i.code,
                       "message": i.message} for i in items])
        return ExitCode.OK
    if not items:
        ctx.out(f"Ready for {ctx.args.profile}: nothing is missing.")
        return ExitCode.OK
    rows = [["INCIDENT", "KIND", "WHAT"]]
    rows += [[i.incident_id, i.kind, i.message] for i in items]
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def cmd_export(ctx: Context) -> int:
    # Qt paints the PDF (Arabic shaping, the same painter as the charts on screen); it
    # is imported only here, for this command (docs/decisions.md).
    from casebook.gui.render.dossier_pdf import render_dossier_pdf

    out = Path(ctx.args.out)
    with unlocked(ctx) as session:
        summary = export_dossier(
            session, ctx.args.profile, out, render_dossier_pdf,
            incident_ids=ctx.args.incident, tag=ctx.args.tag, language=ctx.args.lang,
            allow_unapproved=ctx.args.allow_unapproved, overwrite=ctx.args.force,
        )
    if ctx.as_json:
        ctx.out_json({"file": str(summary.path), "dossier_id": summary.dossier_id,
                      "incidents": summary.incidents, "files": summary.files,
                      "released_evidence": summary.released_evidence,
                      "signer": summary.fingerprint})
    else:
        ctx.out(f"Wrote {summary.path}: {summary.incidents} incident(s), "
                f"{summary.released_evidence} evidence file(s) released, signed by "
                f"{summary.fingerprint}. What was withheld is in redaction-report.json.")
    return ExitCode.OK


def cmd_verify(ctx: Context) -> int:
    verified = verify_dossier(Path(ctx.args.file), expected_signer=ctx.args.signer)
    if ctx.as_json:
        ctx.out_json({"ok": True, "files": verified.files, "signer": verified.fingerprint,
                      "public_key": verified.public_key, "checkpoint": verified.checkpoint})
    else:
        ctx.out(f"{Path(ctx.args.file).name} verifies: {verified.files} files match the "
                "signed manifest.")
        ctx.out(f"Signed by {verified.fingerprint}; compare this fingerprint with the one "
                "the sender gave you.")
    return ExitCode.OK
