"""``casebook qualify``: a supervisor's legal qualification of an act."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from casebook.cli.output import table, unlocked
from casebook.domain.errors import ExitCode, UsageError
from casebook.services.qualification import QualificationService

if TYPE_CHECKING:
    from casebook.cli.main import Context


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    qualify = commands.add_parser(
        "qualify", parents=[common],
        help="qualify an act legally (supervisors): violation, standard of proof, rationale")
    qualify.add_argument("act", metavar="ACT_ID", nargs="?")
    qualify.add_argument("--term", metavar="CODE", help="a term of the 'legal' scheme")
    qualify.add_argument("--proof", metavar="CODE", help="a term of the 'proof' scheme")
    qualify.add_argument("--rationale", metavar="TEXT", default="")
    qualify.add_argument("--list", action="store_true", help="list the act's qualifications")
    qualify.add_argument("--withdraw", metavar="QUALIFICATION_ID",
                         help="withdraw a qualification (a tombstone version, audited)")
    qualify.set_defaults(handler=cmd_qualify)


def cmd_qualify(ctx: Context) -> int:
    args = ctx.args
    with unlocked(ctx) as session:
        service = QualificationService(session)
        if args.withdraw:
            service.withdraw(args.withdraw)
            ctx.out(f"Withdrew qualification {args.withdraw}.")
            return ExitCode.OK
        if not args.act:
            raise UsageError("Give the act's id.")
        if args.list:
            found = service.for_act(args.act)
            if ctx.as_json:
                ctx.out_json([q.__dict__ for q in found])
            else:
                rows = [["ID", "TERM", "PROOF", "RATIONALE"]]
                rows += [[q.id, q.term, q.proof, q.rationale] for q in found]
                for line in table(rows):
                    ctx.out(line)
            return ExitCode.OK
        if not args.term or not args.proof:
            raise UsageError("Give --term (a 'legal' term) and --proof (a 'proof' term), "
                             "and --rationale.")
        record = service.qualify(args.act, args.term, args.proof, args.rationale)
    if ctx.as_json:
        ctx.out_json({"id": record.id, "version": record.version, **record.content})
    else:
        ctx.out(f"Qualified act {args.act} as {args.term} ({args.proof}): {record.id}.")
    return ExitCode.OK
