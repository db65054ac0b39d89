"""Validation errors from the core, in words and next to the right field.

The core raises ``ValidationError`` with ``field`` set to the content path of the
first problem (``title``, ``name_parts.given``, ``perpetrators[0].person``), or no
field for a rule about several fields, whose message then names them. Common
problems get a translated sentence; anything else shows the core's own message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject

from casebook.domain.errors import ValidationError

_SEGMENTS = re.compile(r"[.\[\]]+")


class ValidationText(QObject):
    def field_for(self, exc: ValidationError, rows: Mapping[str, object]) -> str | None:
        if exc.field:
            parts = [p for p in _SEGMENTS.split(exc.field) if p]
            candidates = [exc.field, ".".join(parts[:2]), parts[0] if parts else "",
                          parts[-1] if parts else ""]
            for candidate in candidates:
                if candidate in rows:
                    return candidate
        detail = self._detail(exc)
        for name in sorted(rows, key=len, reverse=True):
            if re.search(rf"\b{re.escape(name)}\b", detail):
                return name
        return None

    @staticmethod
    def _detail(exc: ValidationError) -> str:
        head, sep, tail = exc.message.partition(": ")
        return tail if sep and " " not in head else exc.message

    def message(self, exc: ValidationError) -> str:
        detail = self._detail(exc)
        lowered = detail.lower()
        if "at least 1 character" in lowered:
            return self.tr("This cannot be empty.")
        if "not a date" in lowered:
            return self.tr("Not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY.")
        if "date_end is before date_start" in lowered:
            return self.tr("The end date is before the start date.")
        if "needs a name" in lowered:
            return self.tr(
                "Enter a name or name parts (write “unknown” if the name is not known)."
            )
        if "group needs a group_size" in lowered:
            return self.tr("Give the size of the group (an estimate is fine).")
        if "greater than" in lowered or "less than" in lowered:
            return self.tr("This number is out of range.")
        if "either a person or a unit" in lowered:
            return self.tr("Choose either a person or a unit as the perpetrator.")
        if "at most" in lowered and "character" in lowered:
            return self.tr("This text is too long.")
        return detail
