"""``casebook`` command line: argument parsing, dispatch and the one mapping from
errors to exit codes (DESIGN.md section 8)."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn, TextIO, TypeVar

from casebook import __version__
from casebook.cli import audit, dossier, interchange, packages, qualify, records, taxonomy
from casebook.cli.prompts import PASSPHRASE_ENV, PassphraseSource, Prompter
from casebook.domain.errors import CasebookError, ExitCode, UsageError
from casebook.domain.users import Role
from casebook.services.vault_service import (
    REAL_KDF,
    KdfPolicy,
    VaultInfo,
    VaultSession,
    create_vault,
    unlock_vault,
)
from casebook.storage.paths import default_vault_dir

VAULT_ENV = "CASEBOOK_VAULT"
T = TypeVar("T")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors map like any other."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}. See '{self.prog} --help'.")


class Context:
    """Everything one command run needs; no global state."""

    def __init__(
        self,
        *,
        args: argparse.Namespace,
        environ: Mapping[str, str],
        stdout: TextIO,
        stderr: TextIO,
        kdf_policy: KdfPolicy,
        prompter: Prompter | None,
        interactive: bool | None,
    ) -> None:
        self.args = args
        self.stdout = stdout
        self.stderr = stderr
        self.kdf_policy = kdf_policy
        self.passphrases = PassphraseSource(environ, stderr, prompter, interactive)
        self._warned: set[str] = set()
        explicit = args.vault or environ.get(VAULT_ENV)
        self.vault_dir = Path(explicit).expanduser() if explicit else default_vault_dir()

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def out_json(self, value: object) -> None:
        self.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n")

    def warn(self, text: str) -> None:
        if text not in self._warned:
            self._warned.add(text)
            self.stderr.write(f"casebook: warning: {text}\n")

    def unlock(self) -> VaultSession:
        session = unlock_vault(self.vault_dir, self.passphrases.current())
        for warning in session.vault.warnings:
            self.warn(warning)
        return session


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser = _Parser(
        prog="casebook",
        description="Casebook: encrypted, offline documentation of human-rights violations.",
        epilog=f"The passphrase is asked for, or read from {PASSPHRASE_ENV} in scripts. "
        "Exit codes: 0 success, 1 failed, 2 usage, 3 wrong passphrase, 4 damaged data.",
    )
    parser.add_argument("--vault", metavar="DIR", help=f"vault folder (default: ${VAULT_ENV} "
                        "or the platform user data folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    init = commands.add_parser("init", parents=[common], help="create a new vault")
    init.add_argument("--user", required=True, metavar="NAME", help="your name in this vault")
    init.add_argument("--role", default="documenter", choices=[r.value for r in Role])
    init.set_defaults(handler=cmd_init)

    info = commands.add_parser("info", parents=[common], help="show the vault's users and format")
    info.set_defaults(handler=cmd_info)

    passwd = commands.add_parser("passwd", parents=[common], help="change your passphrase")
    passwd.set_defaults(handler=cmd_passwd)

    user = commands.add_parser("user", help="manage users of this vault")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION",
                                        parser_class=_Parser)
    user_commands.required = True
    add = user_commands.add_parser("add", parents=[common], help="give a new user a key slot")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(handler=cmd_user_add)
    listing = user_commands.add_parser("list", parents=[common], help="list users and roles")
    listing.set_defaults(handler=cmd_user_list)

    interchange.register(commands, common)
    records.register(commands, common)
    taxonomy.register(commands, common)
    audit.register(commands, common)
    qualify.register(commands, common)
    dossier.register(commands, common)
    packages.register(commands, common)
    return parser


def cmd_init(ctx: Context) -> int:
    passphrase = ctx.passphrases.new(who="the new vault", env=PASSPHRASE_ENV)
    session = create_vault(
        ctx.vault_dir, ctx.args.user, Role.parse(ctx.args.role), passphrase, ctx.kdf_policy
    )
    try:
        info = session.info()
    finally:
        session.lock()
    if ctx.as_json:
        ctx.out_json(_info_json(info))
    else:
        me = info.users[0]
        ctx.out(f"Created a vault at {info.path}")
        ctx.out(f"User {me.name} ({me.role}), key fingerprint {me.fingerprint}")
        ctx.out("Keep the passphrase safe: without it nobody can open this vault.")
    return ExitCode.OK


def cmd_info(ctx: Context) -> int:
    info = _with_session(ctx, lambda s: s.info())
    if ctx.as_json:
        ctx.out_json(_info_json(info))
        return ExitCode.OK
    ctx.out(f"Vault:           {info.path}")
    ctx.out(f"Vault id:        {info.vault_id}")
    ctx.out(f"Key file format: {info.key_file_format}")
    ctx.out(f"Database schema: {info.database_schema}")
    ctx.out(f"Audit entries:   {info.audit_entries}")
    ctx.out("Users:")
    _print_users(ctx, info)
    for warning in info.warnings:
        ctx.warn(warning)
    return ExitCode.OK


def cmd_user_list(ctx: Context) -> int:
    info = _with_session(ctx, lambda s: s.info())
    if ctx.as_json:
        ctx.out_json([asdict(u) for u in info.users])
    else:
        _print_users(ctx, info)
    return ExitCode.OK


def cmd_passwd(ctx: Context) -> int:
    current = ctx.passphrases.current("Current passphrase: ")
    session = unlock_vault(ctx.vault_dir, current)
    try:
        new = ctx.passphrases.new(who="you")
        session.change_passphrase(current, new, ctx.kdf_policy)
    finally:
        session.lock()
    if ctx.as_json:
        ctx.out_json({"changed": True})
    else:
        ctx.out("Passphrase changed. The old passphrase no longer opens this vault.")
    return ExitCode.OK


def cmd_user_add(ctx: Context) -> int:
    def add(session: VaultSession) -> VaultInfo:
        passphrase = ctx.passphrases.new(who=f"user {ctx.args.name}")
        session.add_user(ctx.args.name, Role.parse(ctx.args.role), passphrase, ctx.kdf_policy)
        return session.info()

    info = _with_session(ctx, add)
    added = info.users[-1]
    if ctx.as_json:
        ctx.out_json(asdict(added))
    else:
        ctx.out(f"Added {added.name} ({added.role}), key fingerprint {added.fingerprint}")
    return ExitCode.OK


def _with_session(ctx: Context, action: Callable[[VaultSession], T]) -> T:
    session = ctx.unlock()
    try:
        return action(session)
    finally:
        session.lock()


def _print_users(ctx: Context, info: VaultInfo) -> None:
    for user in info.users:
        marker = "*" if user.is_current else " "
        ctx.out(f" {marker} {user.name}  [{user.role}]  {user.fingerprint}")


def _info_json(info: VaultInfo) -> dict[str, object]:
    return asdict(info)


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    kdf_policy: KdfPolicy = REAL_KDF,
    prompter: Prompter | None = None,
    interactive: bool | None = None,
) -> int:
    """Run one command; return its exit code. Errors never escape as tracebacks
    unless ``--debug`` is given."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    environ = os.environ if environ is None else environ
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        args = build_parser().parse_args(args_list)
        ctx = Context(
            args=args, environ=environ, stdout=stdout, stderr=stderr,
            kdf_policy=kdf_policy, prompter=prompter, interactive=interactive,
        )
        handler: Callable[[Context], int] = args.handler
        return int(handler(ctx))
    except CasebookError as exc:
        if debug:
            traceback.print_exc(file=stderr)
        stderr.write(f"casebook: error: {exc.message}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        stderr.write("casebook: interrupted; nothing was changed by the unfinished step.\n")
        return int(ExitCode.FAILED)
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        if debug:
            traceback.print_exc(file=stderr)
        stderr.write(
            f"casebook: internal error ({type(exc).__name__}). Nothing was half-written; "
            "run again with --debug for details and report it.\n"
        )
        return int(ExitCode.FAILED)


def run() -> NoReturn:
    # Names and narratives are often Arabic: print UTF-8 whatever the locale says
    # (a Windows pipe or a C locale would otherwise fail on the first Arabic letter).
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    sys.exit(main())
