"""Reading Casebook's small JSON file formats: one object, with a ``format`` field
naming the format and its version (``casebook-checkpoint/v1``...)."""

from __future__ import annotations

import json
from typing import Any

from casebook.domain.errors import DamagedDataError, NewerFormatError


def read_format_object(raw: bytes, expected: str, *, source: str, what: str) -> dict[str, Any]:
    """Parse ``raw`` as one JSON object in format ``expected``.

    A later version of the same format raises NewerFormatError (update Casebook);
    anything else that is not this format raises DamagedDataError naming ``source``
    and saying it is not ``what`` ("a Casebook checkpoint").
    """
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DamagedDataError(f"{source} is not {what} (not JSON).") from None
    if not isinstance(data, dict):
        raise DamagedDataError(f"{source} is not {what}.")
    check_format(data, expected, source=source, what=what)
    return data


def check_format(data: dict[str, Any], expected: str, *, source: str, what: str) -> None:
    declared = data.get("format")
    if declared == expected:
        return
    family = expected.rsplit("/", 1)[0] + "/"
    if isinstance(declared, str) and declared.startswith(family):
        raise NewerFormatError(f"{source} is in format {declared}; update Casebook.")
    raise DamagedDataError(f"{source} is not {what} ({expected}).")
