"""Core events (casebook.services.events) re-emitted as Qt signals on the GUI thread.

The core's EventBus calls listeners synchronously in whatever thread emits, which is
a worker thread for anything run through ``workers``. The bridge only re-emits the
event through a queued signal, so every slot connected here runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from casebook.services.events import (
    AuditAppended,
    Event,
    EventBus,
    PassphraseChanged,
    UserAdded,
    VaultLocked,
)


class EventBridge(QObject):
    audit_appended = Signal(object)  # AuditAppended
    user_added = Signal(str)  # user id
    passphrase_changed = Signal(str)  # user id
    vault_locked = Signal(str)  # vault id

    _relay = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._on_core_event)

    def close(self) -> None:
        """Stop listening. Must run before the bridge is deleted: the bus would
        otherwise call into a deleted Qt object."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_core_event(self, event: Event) -> None:
        # Any thread. Emitting is thread-safe; the queued connection hops threads.
        self._relay.emit(event)

    def _dispatch(self, event: object) -> None:
        if self._unsubscribe is None:
            return
        if isinstance(event, AuditAppended):
            self.audit_appended.emit(event)
        elif isinstance(event, UserAdded):
            self.user_added.emit(event.user_id)
        elif isinstance(event, PassphraseChanged):
            self.passphrase_changed.emit(event.user_id)
        elif isinstance(event, VaultLocked):
            self.vault_locked.emit(event.vault_id)
