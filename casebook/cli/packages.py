"""``casebook contact``, ``casebook package`` and ``casebook conflicts``: exchanging
records with colleagues' vaults (docs/packages.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.cli.output import human_size, table, unlocked
from casebook.domain.errors import ExitCode, UsageError
from casebook.services.conflicts import ConflictService
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.packages import ImportOutcome, PackageContents, PackageService

if TYPE_CHECKING:
    from casebook.cli.main import Context


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    contact = commands.add_parser("contact", help="colleagues' key cards: export, import, "
                                                  "verify, list")
    sub = contact.add_subparsers(dest="contact_command", metavar="COMMAND",
                                 parser_class=type(contact))
    sub.required = True
    export = sub.add_parser("export", parents=[common], help="write your own contact card")
    export.add_argument("--out", metavar="FILE", required=True)
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_contact_export)
    import_ = sub.add_parser("import", parents=[common], help="import a colleague's card "
                                                              "(unverified until you verify it)")
    import_.add_argument("file", metavar="FILE")
    import_.set_defaults(handler=cmd_contact_import)
    verify = sub.add_parser("verify", parents=[common],
                            help="mark a contact verified after comparing the fingerprint "
                                 "with them in person")
    verify.add_argument("contact", metavar="CONTACT", help="key id or name")
    verify.add_argument("--fingerprint", metavar="DIGITS",
                        help="the fingerprint their own screen shows (asked for if omitted)")
    verify.set_defaults(handler=cmd_contact_verify)
    listing = sub.add_parser("list", parents=[common], help="your contacts and your own "
                                                            "fingerprint")
    listing.set_defaults(handler=cmd_contact_list)

    package = commands.add_parser("package", help="send records to verified contacts, and "
                                                  "receive theirs")
    psub = package.add_subparsers(dest="package_command", metavar="COMMAND",
                                  parser_class=type(package))
    psub.required = True
    pexport = psub.add_parser("export", parents=[common],
                              help="a signed package, encrypted to the contacts named")
    pexport.add_argument("--to", metavar="CONTACT", nargs="+", required=True,
                         help="key ids or names of verified contacts")
    pexport.add_argument("--out", metavar="FILE", required=True)
    pexport.add_argument("--since", metavar="N", type=int, default=None,
                         help="0: everything; N: what changed after audit entry N "
                              "(default: since the last package to them)")
    pexport.add_argument("--force", action="store_true", help="replace FILE if it exists")
    pexport.set_defaults(handler=cmd_package_export)
    pimport = psub.add_parser("import", parents=[common], help="check and merge a package")
    pimport.add_argument("file", metavar="FILE")
    pimport.add_argument("--dry-run", action="store_true",
                         help="check everything and say what would change; change nothing")
    pimport.set_defaults(handler=cmd_package_import)

    conflicts = commands.add_parser("conflicts", help="records edited in two vaults at once")
    csub = conflicts.add_subparsers(dest="conflicts_command", metavar="COMMAND",
                                    parser_class=type(conflicts))
    csub.required = True
    clist = csub.add_parser("list", parents=[common], help="open conflicts")
    clist.add_argument("--all", action="store_true", help="resolved ones too")
    clist.set_defaults(handler=cmd_conflicts_list)
    cshow = csub.add_parser("show", parents=[common], help="the fields that differ")
    cshow.add_argument("conflict", metavar="CONFLICT_ID")
    cshow.set_defaults(handler=cmd_conflicts_show)
    resolve = csub.add_parser("resolve", parents=[common], help="keep mine, take theirs, or "
                                                                "choose field by field")
    resolve.add_argument("conflict", metavar="CONFLICT_ID")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--mine", action="store_true", help="keep this vault's version")
    choice.add_argument("--theirs", action="store_true", help="take the received version")
    choice.add_argument("--field", metavar="NAME=mine|theirs", action="append",
                        help="choose for each field that differs (repeat)")
    resolve.set_defaults(handler=cmd_conflicts_resolve)


def _contact_json(contact: ContactInfo) -> dict[str, object]:
    return {"key_id": contact.key_id, "name": contact.name, "role": contact.role,
            "fingerprint": contact.fingerprint, "verified": contact.verified,
            "verified_at": contact.verified_at, "own": contact.own}


def cmd_contact_export(ctx: Context) -> int:
    with unlocked(ctx) as session:
        own = ContactService(session).export_card(Path(ctx.args.out), overwrite=ctx.args.force)
    if ctx.as_json:
        ctx.out_json(_contact_json(own))
    else:
        ctx.out(f"Wrote your contact card to {ctx.args.out}.")
        ctx.out(f"Your fingerprint: {own.fingerprint}")
        ctx.out("Your colleague compares it with what their Casebook shows for your card.")
    return ExitCode.OK


def cmd_contact_import(ctx: Context) -> int:
    with unlocked(ctx) as session:
        contact = ContactService(session).import_card(Path(ctx.args.file))
    if ctx.as_json:
        ctx.out_json(_contact_json(contact))
        return ExitCode.OK
    ctx.out(f"Imported the card of {contact.name} ({contact.role}), key {contact.key_id}.")
    ctx.out(f"Fingerprint: {contact.fingerprint}")
    if not contact.verified:
        ctx.out("Not verified yet: compare the fingerprint with them in person, then run "
                f"casebook contact verify {contact.key_id}")
    return ExitCode.OK


def cmd_contact_verify(ctx: Context) -> int:
    with unlocked(ctx) as session:
        contacts = ContactService(session)
        fingerprint = ctx.args.fingerprint
        if fingerprint is None:
            contact = contacts.get(ctx.args.contact)
            fingerprint = ctx.passphrases.answer(
                f"Ask {contact.name} to read out the fingerprint their own Casebook shows "
                "(casebook contact list) and type it here: ", option="--fingerprint")
        contact = contacts.verify(ctx.args.contact, fingerprint)
    if ctx.as_json:
        ctx.out_json(_contact_json(contact))
    else:
        ctx.out(f"{contact.name} is verified. Packages can now go to them and come from them.")
    return ExitCode.OK


def cmd_contact_list(ctx: Context) -> int:
    with unlocked(ctx) as session:
        contacts = ContactService(session)
        own, found = contacts.own(), contacts.list()
    if ctx.as_json:
        ctx.out_json({"own": _contact_json(own), "contacts": [_contact_json(c) for c in found]})
        return ExitCode.OK
    ctx.out(f"You: {own.name} ({own.role}), key {own.key_id}, fingerprint {own.fingerprint}")
    if not found:
        ctx.out("No contacts yet: import a colleague's card with casebook contact import.")
        return ExitCode.OK
    rows = [["KEY ID", "NAME", "ROLE", "VERIFIED", "FINGERPRINT"]]
    rows += [[c.key_id, c.name, c.role, "yes" if c.verified else "NO", c.fingerprint]
             for c in found]
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def _describe(contents: PackageContents) -> list[str]:
    kinds = ", ".join(f"{count} {kind}" for kind, count in contents.by_kind.items()) or "none"
    return [f"  records: {contents.records} ({kinds}), {contents.versions} versions",
            f"  reviews: {contents.reviews}, comments: {contents.comments}",
            f"  evidence files: {contents.evidence_files} "
            f"({human_size(contents.evidence_bytes)})",
            f"  audit entries: {contents.audit_entries}"]


def cmd_package_export(ctx: Context) -> int:
    args = ctx.args
    with unlocked(ctx) as session:
        result = PackageService(session).export(args.to, Path(args.out), since=args.since,
                                                overwrite=args.force)
    if ctx.as_json:
        ctx.out_json({"package_id": result.package_id, "path": str(result.path),
                      "size": result.size, "since": result.plan.since_seq,
                      "recipients": [c.key_id for c in result.plan.recipients],
                      "contents": result.plan.contents.as_json()})
        return ExitCode.OK
    names = ", ".join(c.name for c in result.plan.recipients)
    ctx.out(f"Wrote {result.path} ({human_size(result.size)}) for {names}, signed by you and "
            "encrypted to them.")
    for line in _describe(result.plan.contents):
        ctx.out(line)
    return ExitCode.OK


def _outcome_json(outcome: ImportOutcome) -> dict[str, object]:
    return {"package_id": outcome.package_id, "sender": _contact_json(outcome.sender),
            "created_at": outcome.created_at, "contents": outcome.contents.as_json(),
            "new_records": outcome.new_records, "new_versions": outcome.new_versions,
            "new_reviews": outcome.new_reviews, "new_comments": outcome.new_comments,
            "new_evidence_files": outcome.new_evidence_files,
            "conflicts": [{"record_id": c.record_id, "kind": c.kind,
                           "local_version": c.local_version, "their_version": c.their_version}
                          for c in outcome.conflicts],
            "already_imported": outcome.already_imported, "dry_run": outcome.dry_run}


def cmd_package_import(ctx: Context) -> int:
    args = ctx.args
    with unlocked(ctx) as session:
        outcome = PackageService(session).import_package(Path(args.file), dry_run=args.dry_run)
    if ctx.as_json:
        ctx.out_json(_outcome_json(outcome))
        return ExitCode.OK
    sender = outcome.sender
    ctx.out(f"Package from {sender.name} ({sender.role}, fingerprint {sender.fingerprint}), "
            f"made {outcome.created_at}.")
    if outcome.already_imported:
        ctx.out("It was imported before; nothing changed.")
        return ExitCode.OK
    for line in _describe(outcome.contents):
        ctx.out(line)
    verb = "Would add" if outcome.dry_run else "Added"
    ctx.out(f"{verb} {outcome.new_records} new records, {outcome.new_versions} versions, "
            f"{outcome.new_reviews} reviews, {outcome.new_comments} comments, "
            f"{outcome.new_evidence_files} evidence files.")
    if outcome.conflicts:
        verb = "would be" if outcome.dry_run else "are"
        ctx.out(f"{len(outcome.conflicts)} records were also changed here; they {verb} "
                "conflicts for you to resolve (casebook conflicts list):")
        for conflict in outcome.conflicts:
            ctx.out(f"  {conflict.kind} {conflict.record_id}: yours version "
                    f"{conflict.local_version}, theirs version {conflict.their_version}")
    if outcome.dry_run:
        ctx.out("Dry run: nothing was changed.")
    return ExitCode.OK


def cmd_conflicts_list(ctx: Context) -> int:
    with unlocked(ctx) as session:
        found = ConflictService(session).list(include_resolved=ctx.args.all)
    if ctx.as_json:
        ctx.out_json([c.as_json() for c in found])
        return ExitCode.OK
    if not found:
        ctx.out("No open conflicts.")
        return ExitCode.OK
    rows = [["ID", "RECORD", "KIND", "TITLE", "FROM", "STATE"]]
    rows += [[c.id[:8], c.record_id, c.kind, c.title, c.sender,
              c.resolution or "open"] for c in found]
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def cmd_conflicts_show(ctx: Context) -> int:
    with unlocked(ctx) as session:
        detail = ConflictService(session).get(ctx.args.conflict)
    if ctx.as_json:
        ctx.out_json({**detail.info.as_json(), "mine": detail.mine, "theirs": detail.theirs,
                      "mine_deleted": detail.mine_deleted,
                      "theirs_deleted": detail.theirs_deleted,
                      "differences": [d.field for d in detail.differences]})
        return ExitCode.OK
    info = detail.info
    ctx.out(f"{info.kind} {info.record_id} ({info.title}): yours version {info.local_version}, "
            f"{info.sender}'s version {info.their_version}")
    if detail.mine_deleted or detail.theirs_deleted:
        ctx.out("  deleted " + ("here" if detail.mine_deleted else f"by {info.sender}"))
    rows = [["FIELD", "MINE", "THEIRS"]]
    rows += [[d.field, _value(d.mine), _value(d.theirs)] for d in detail.differences]
    for line in table(rows):
        ctx.out(line)
    return ExitCode.OK


def cmd_conflicts_resolve(ctx: Context) -> int:
    args = ctx.args
    fields: dict[str, str] | None = None
    if args.mine:
        choice = "mine"
    elif args.theirs:
        choice = "theirs"
    else:
        choice, fields = "fields", {}
        for item in args.field:
            name, _, side = item.partition("=")
            if side not in ("mine", "theirs") or not name:
                raise UsageError(f"--field {item}: write NAME=mine or NAME=theirs.")
            fields[name] = side
    with unlocked(ctx) as session:
        record = ConflictService(session).resolve(args.conflict, choice, fields)
    if ctx.as_json:
        ctx.out_json({"record_id": record.id, "version": record.version, "choice": choice})
    else:
        ctx.out(f"Resolved: {record.kind.value} {record.id} is now version {record.version} "
                f"({choice}).")
    return ExitCode.OK
