"""Plain events from the core. The GUI re-emits them as Qt signals on its own thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Event:
    """Base class of every core event."""


@dataclass(frozen=True, slots=True)
class AuditAppended(Event):
    seq: int
    action: str
    object_type: str
    object_id: str | None


@dataclass(frozen=True, slots=True)
class UserAdded(Event):
    user_id: str


@dataclass(frozen=True, slots=True)
class PassphraseChanged(Event):
    user_id: str


@dataclass(frozen=True, slots=True)
class VaultLocked(Event):
    vault_id: str


Listener = Callable[[Event], None]


class EventBus:
    """Synchronous fan-out to listeners, in the thread that emits.

    Owned by whoever opens a vault (CLI command, GUI session); there is no global bus.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
