"""Reading passphrases: from the environment in scripts, from the terminal otherwise."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Mapping
from typing import TextIO

from casebook.domain.errors import UsageError
from casebook.domain.passphrase import estimate_strength

PASSPHRASE_ENV = "CASEBOOK_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
NEW_PASSPHRASE_ENV = "CASEBOOK_NEW_PASSPHRASE"  # noqa: S105 - a variable name

Prompter = Callable[[str], str]


class PassphraseSource:
    """Where passphrases come from for one command run."""

    def __init__(
        self,
        environ: Mapping[str, str],
        stderr: TextIO,
        prompter: Prompter | None = None,
        interactive: bool | None = None,
    ) -> None:
        self._environ = environ
        self._stderr = stderr
        self._prompter = prompter or getpass.getpass
        self._interactive = sys.stdin.isatty() if interactive is None else interactive

    def current(self, prompt: str = "Passphrase: ") -> str:
        value = self._environ.get(PASSPHRASE_ENV)
        if value is not None:
            return value
        self._require_terminal(PASSPHRASE_ENV)
        return self._prompter(prompt)

    def new(self, *, who: str = "the new", env: str = NEW_PASSPHRASE_ENV) -> str:
        """A new passphrase: from ``env``, or typed twice. Weak ones get a warning."""
        value = self._environ.get(env)
        if value is None:
            self._require_terminal(env)
            value = self._prompter(f"Passphrase for {who}: ")
            if self._prompter("Repeat it: ") != value:
                raise UsageError("The two passphrases differ. Nothing was changed; try again.")
        strength = estimate_strength(value)
        if strength.is_weak:
            self._stderr.write(
                f"casebook: warning: this passphrase is weak ({strength.describe()}). "
                "Anyone who copies the vault can try guesses offline; a long phrase of "
                "several unrelated words is much harder to guess.\n"
            )
        return value

    def answer(self, prompt: str, *, option: str) -> str:
        """A line typed by the person (not a secret); ``option`` gives it in scripts."""
        if not self._interactive:
            raise UsageError(f"Give {option} (this is not a terminal, so it cannot be asked).")
        self._stderr.write(prompt)
        self._stderr.flush()
        return input()

    def _require_terminal(self, env: str) -> None:
        if not self._interactive:
            raise UsageError(
                f"No passphrase given: set {env} or run the command in a terminal to be asked."
            )
