from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from casebook.gui.events import EventBridge
from casebook.gui.workers import TaskRunner
from casebook.services.events import EventBus, PassphraseChanged, UserAdded, VaultLocked


def test_result_arrives_on_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    runner = TaskRunner()
    seen: list[tuple[object, bool]] = []
    worker_threads: list[threading.Thread] = []

    def job() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    runner.submit(job, lambda r: seen.append((r, QThread.currentThread() is qapp.thread())),
                  seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_threads[0] is not threading.main_thread()
    assert not runner.busy


def test_error_is_delivered_not_raised(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def job() -> None:
        raise ValueError("boom")

    runner.submit(job, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_cancelled_result_goes_to_discard(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    outcome: list[str] = []
    task = runner.submit(
        lambda: release.wait(10) and "result",
        lambda _r: outcome.append("success"),
        lambda _e: outcome.append("error"),
        on_discard=lambda r: outcome.append(f"discarded {r}"),
    )
    task.cancel()
    release.set()
    runner.wait()
    assert outcome == ["discarded result"]


def test_when_idle_runs_after_jobs(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    order: list[str] = []
    runner.submit(lambda: release.wait(10), lambda _r: order.append("job"), order.append)
    runner.when_idle(lambda: order.append("idle"))
    assert order == []
    release.set()
    qtbot.waitUntil(lambda: order == ["job", "idle"])
    runner.when_idle(lambda: order.append("now"))
    assert order[-1] == "now"


def test_bridge_delivers_worker_thread_events_on_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    bus = EventBus()
    bridge = EventBridge(bus)
    received: list[tuple[str, str, bool]] = []

    def on_gui() -> bool:
        return QThread.currentThread() is qapp.thread()

    bridge.user_added.connect(lambda uid: received.append(("user", uid, on_gui())))
    bridge.passphrase_changed.connect(lambda uid: received.append(("passwd", uid, on_gui())))
    bridge.vault_locked.connect(lambda vid: received.append(("locked", vid, on_gui())))

    def emit_from_thread() -> None:
        bus.emit(UserAdded("u1"))
        bus.emit(PassphraseChanged("u1"))
        bus.emit(VaultLocked("v1"))

    thread = threading.Thread(target=emit_from_thread)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(received) == 3)
    assert received == [("user", "u1", True), ("passwd", "u1", True), ("locked", "v1", True)]

    bridge.close()
    bus.emit(UserAdded("u2"))
    assert len(received) == 3
