"""A guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 returns ``None`` from void methods and ``True`` from
``SignalInstance.emit()`` without taking a reference. From Python 3.12 on these
singletons are immortal and nothing happens; on 3.11 every such call takes one
reference away, and once the count reaches zero the interpreter aborts ("Fatal
Python error: none_dealloc" / "bool_dealloc"), usually at exit, sometimes sooner.
6.11.x does not have the bug.

When a probe sees the counts drop, :func:`shield_singletons` adds a large constant
to the reference counts of ``None``, ``True`` and ``False``. They are never freed
in a correct program, so the extra references only make them as immortal as they
are on 3.12. Nothing happens on a fixed PySide6 or a newer Python.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

_log = logging.getLogger(__name__)

# Far more references than a session can lose, far from Py_ssize_t's limit.
_SHIELD = 1 << 40
_PROBE_CALLS = 8


class _Probe(QObject):
    fired = Signal()


def singletons_leak() -> bool:
    """True when calls into PySide6 drop references to None or True."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method: returns None
        probe.fired.emit()  # returns True
    none_lost = none_before - sys.getrefcount(None)
    true_lost = true_before - sys.getrefcount(True)
    return none_lost >= _PROBE_CALLS or true_lost >= _PROBE_CALLS


def shield_singletons() -> bool:
    """Apply the guard if this PySide6 needs it; return whether it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not singletons_leak():
        return False
    _log.warning("PySide6 drops references to None/True; guarding them (see gui/compat.py)")
    for singleton in (None, True, False):
        # CPython: id() is the object's address and ob_refcnt its first field.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += _SHIELD
    return True
