"""``casebook audit`` and ``casebook review`` (docs/audit.md)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import table, unlocked
from casebook.domain.errors import ExitCode, UsageError, ValidationError
from casebook.domain.records import IncidentStatus
from casebook.services.audit import (
    AuditFilter,
    AuditRow,
    AuditService,
    AuditVerificationError,
    check_target,
    time_bound,
)
from casebook.services.review import ReviewService
from casebook.services.vault_service import VaultSession

if TYPE_CHECKING:
    from casebook.cli.main import Context


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser("audit", help="the audit trail: log, verify, checkpoints")
    sub = audit.add_subparsers(dest="audit_command", metavar="COMMAND",
                               parser_class=type(audit))
    sub.required = True
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--user", metavar="NAME", help="a user's name or key id")
    filters.add_argument("--action", metavar="ACTION", help="e.g. update, review, export")
    filters.add_argument("--record", metavar="ID", help="entries about this record")
    filters.add_argument("--from", dest="date_from", metavar="DATE")
    filters.add_argument("--to", dest="date_to", metavar="DATE")

    log = sub.add_parser("log", parents=[common, filters], help="list audit entries")
    log.add_argument("--limit", type=int, default=None, metavar="N")
    log.set_defaults(handler=cmd_log)

    verify = sub.add_parser("verify", parents=[common],
                            help="recompute the chain, commits and signatures (exit 4 if bad)")
    verify.add_argument("--against", metavar="FILE",
                        help="a checkpoint kept outside the vault: prove the trail extends it")
    verify.set_defaults(handler=cmd_verify)

    checkpoint = sub.add_parser("checkpoint", parents=[common],
                                help="sign the trail's head and write it to a file")
    checkpoint.add_argument("--out", metavar="FILE", required=True)
    checkpoint.add_argument("--force", action="store_true", help="replace FILE if it exists")
    checkpoint.set_defaults(handler=cmd_checkpoint)

    report = sub.add_parser("report", parents=[common, filters],
                            help="the trail for a period or records, as CSV")
    report.add_argument("--out", metavar="FILE", required=True, help="a .csv file")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report.set_defaults(handler=cmd_report)

    review = commands.add_parser("review", help="submit, approve, ask for changes, comment")
    review_sub = review.add_subparsers(dest="review_command", metavar="COMMAND",
                                       parser_class=type(review))
    review_sub.required = True
    for name, helptext in (("submit", "submit an incident for review"),
                           ("approve", "approve a submitted incident (supervisors)"),
                           ("request-changes", "send a submitted incident back (supervisors)"),
                           ("comment", "add a comment to a record's thread")):
        command = review_sub.add_parser(name, parents=[common], help=helptext)
        command.add_argument("record", metavar="RECORD_ID")
        command.add_argument("--comment", default="", metavar="TEXT")
        command.set_defaults(handler=cmd_review, decision=name)
    queue = review_sub.add_parser("queue", parents=[common],
                                  help="incidents waiting for review (or needing changes)")
    queue.add_argument("--status", choices=[s.value for s in IncidentStatus],
                       default=IncidentStatus.SUBMITTED.value)
    queue.set_defaults(handler=cmd_queue)
    thread = review_sub.add_parser("show", parents=[common],
                                   help="a record's review thread, approval and changes")
    thread.add_argument("record", metavar="RECORD_ID")
    thread.set_defaults(handler=cmd_review_show)


def _filter(ctx: Context) -> AuditFilter:
    """The filter options, dates checked before the vault is opened."""
    for text, option in ((ctx.args.date_from, "--from"), (ctx.args.date_to, "--to")):
        if text:
            try:
                time_bound(text, option, end=False)
            except ValidationError as exc:
                raise UsageError(f"{option}: {exc.message}") from None
    return AuditFilter(user=ctx.args.user, action=ctx.args.action, record=ctx.args.record,
                       date_from=ctx.args.date_from, date_to=ctx.args.date_to)


def _describe(row: AuditRow) -> str:
    target = row.object_type + (f" {row.object_id}" if row.object_id else "")
    if row.object_version is not None:
        target += f" v{row.object_version}"
    extra = ""
    if row.details:
        extra = "  " + json.dumps(row.details, ensure_ascii=False, sort_keys=True)
    return f"{row.action} {target}{extra}"


def cmd_log(ctx: Context) -> int:
    where = _filter(ctx)
    if ctx.args.limit is not None and ctx.args.limit < 0:
        raise UsageError("--limit must be 0 or more.")
    with unlocked(ctx) as session:
        rows = AuditService(session).log(where, limit=ctx.args.limit)
    if ctx.as_json:
        ctx.out_json([r.as_json() for r in rows])
        return ExitCode.OK
    lines = [["SEQ", "TIME (UTC)", "USER", "WHAT"]]
    lines += [[str(r.seq), r.at[:19].replace("T", " "), r.actor_name, _describe(r)]
              for r in rows]
    for line in table(lines):
        ctx.out(line)
    return ExitCode.OK


def cmd_verify(ctx: Context) -> int:
    against = None
    if ctx.args.against:
        against = AuditService.read_checkpoint(Path(ctx.args.against))
    with unlocked(ctx) as session:
        report = AuditService(session).verify(against)
    if ctx.as_json:
        ctx.out_json({"ok": report.ok, "entries": report.entries, "head": report.head_hash,
                      "checkpoints": report.checkpoints, "reviews": report.reviews,
                      "against": None if against is None else {
                          "seq": against.seq, "signer": against.fingerprint},
                      "problems": [{"seq": p.seq, "what": p.what} for p in report.problems]})
    if report.ok:
        if not ctx.as_json:
            ctx.out(f"The audit trail verifies: {report.entries} entries, "
                    f"{report.checkpoints} signed checkpoint(s), {report.reviews} signed "
                    "review(s); every stored version matches its commit.")
            if against is not None:
                ctx.out(f"It extends the checkpoint of {against.at} (entry {against.seq}, "
                        f"signed by {against.fingerprint}).")
        return ExitCode.OK
    first = report.first_problem
    raise AuditVerificationError(
        f"The audit trail does not verify. First problem: {first}."
        + "".join(f"\n  {p}" for p in report.problems[1:20])
        + "\nKeep this vault as it is, and compare it with a backup or a checkpoint kept "
        "elsewhere.", report)


def cmd_checkpoint(ctx: Context) -> int:
    out = Path(ctx.args.out)
    check_target(out, overwrite=ctx.args.force)
    with unlocked(ctx) as session:
        made = AuditService(session).write_checkpoint(out, overwrite=ctx.args.force)
    if ctx.as_json:
        ctx.out_json({"file": str(out), "seq": made.seq, "head": made.head_hash,
                      "signer": made.fingerprint})
    else:
        ctx.out(f"Wrote the checkpoint at entry {made.seq} to {out}, signed by "
                f"{made.fingerprint}. Keep it outside this vault (another device, a "
                "supervisor's copy) and check later with: casebook audit verify --against "
                f"{out.name}")
    return ExitCode.OK


def cmd_report(ctx: Context) -> int:
    out = Path(ctx.args.out)
    if out.suffix.lower() not in (".csv", ".pdf"):
        raise UsageError("Give a .csv or a .pdf file for the report.")
    where = _filter(ctx)
    check_target(out, overwrite=ctx.args.force)
    with unlocked(ctx) as session:
        if out.suffix.lower() == ".pdf":
            count = _write_pdf_report(session, out, where)
        else:
            count = AuditService(session).write_report_csv(out, where,
                                                           overwrite=ctx.args.force)
    if ctx.as_json:
        ctx.out_json({"file": str(out), "entries": count})
    else:
        ctx.out(f"Wrote {count} audit entries to {out}.")
    return ExitCode.OK


def _write_pdf_report(session: VaultSession, out: Path, where: AuditFilter) -> int:
    """The same PDF as the audit viewer's, in English. Qt paints it (the one renderer
    the CLI may import, lazily; docs/decisions.md)."""
    from casebook.gui.render.audit_report import ReportText, report_cells, write_audit_report
    from casebook.gui.render.dossier_pdf import ensure_gui

    ensure_gui()
    rows = AuditService(session).log(where)
    chosen = [f"{name} {value}" for name, value in (
        ("user", where.user), ("action", where.action), ("record", where.record),
        ("from", where.date_from), ("to", where.date_to)) if value]
    text = ReportText(
        title="Audit trail",
        lines=(f"Vault: {session.vault.vault_id}",
               f"Filters: {', '.join(chosen) if chosen else 'none (the whole trail)'}",
               f"Generated: {datetime.now(UTC).isoformat(timespec='seconds')}",
               "Times are in UTC."),
        headers=("Entry", "Time", "User", "Action", "Object", "Details"),
        page="Page {page} of {pages}", empty="No entries match these filters.")
    write_audit_report(out, report_cells(rows, lambda action: action), text)
    return len(rows)


def cmd_review(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = ReviewService(session)
        decision = ctx.args.decision
        if decision == "comment":
            item = service.comment(ctx.args.record, ctx.args.comment)
            result = {"record": ctx.args.record, "comment": item.id}
            message = "Comment added."
        else:
            action = {"submit": service.submit, "approve": service.approve,
                      "request-changes": service.request_changes}[decision]
            saved = action(ctx.args.record, ctx.args.comment)
            result = {"record": saved.id, "version": saved.version,
                      "status": saved.content.get("status")}
            message = (f"Incident {saved.id} is now {saved.content.get('status')} "
                       f"(version {saved.version}); the decision is signed.")
    if ctx.as_json:
        ctx.out_json(result)
    else:
        ctx.out(message)
    return ExitCode.OK


def cmd_queue(ctx: Context) -> int:
    with unlocked(ctx) as session:
        rows = ReviewService(session).queue(IncidentStatus(ctx.args.status))
    if ctx.as_json:
        ctx.out_json([{"id": r.id, "title": r.title, "status": r.status,
                       "updated_at": r.updated_at} for r in rows])
        return ExitCode.OK
    lines = [["ID", "CHANGED", "TITLE"]]
    lines += [[r.id, r.updated_at[:10], r.title] for r in rows]
    for line in table(lines):
        ctx.out(line)
    return ExitCode.OK


def cmd_review_show(ctx: Context) -> int:
    with unlocked(ctx) as session:
        service = ReviewService(session)
        thread = service.thread(ctx.args.record)
        approval = service.approval(ctx.args.record)
        approved, changes = service.changes_since_approval(ctx.args.record)
    if ctx.as_json:
        ctx.out_json({
            "approval": {"version": approval.approved_version, "valid": approval.valid,
                         "reason": approval.reason, "reviewer": approval.reviewer_name},
            "thread": [{"at": i.at, "author": i.author_name, "version": i.record_version,
                        "decision": i.decision, "text": i.text} for i in thread],
            "changes_since_approval": [{"field": c.field, "before": c.before,
                                        "after": c.after} for c in changes],
        })
        return ExitCode.OK
    ctx.out(f"Approval: {approval.reason}"
            + (f" (version {approval.approved_version}, {approval.reviewer_name})"
               if approval.approved_version else ""))
    for item in thread:
        what = item.decision or "comment"
        ctx.out(f"  {item.at[:16].replace('T', ' ')}  {item.author_name}  v{item.record_version}"
                f"  {what}" + (f": {item.text}" if item.text else ""))
    base = f"version {approved}" if approved else "the first version"
    ctx.out(f"Changed since {base}: " + (", ".join(c.field for c in changes) or "nothing"))
    return ExitCode.OK
