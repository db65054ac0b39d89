"""The incident list: a lazy model of ids, sorted and filtered by the database, a
filter bar that searches as you type, and the count."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from casebook.domain.records import IncidentStatus, RecordKind
from casebook.gui.controller import App
from casebook.gui.incident_list_model import PAGE_SIZE, Column, IncidentListModel
from casebook.services.queries import IncidentFilter, IncidentOrder, Queries
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, import_incidents, start_unlocked, type_into

COUNT = 450


def seed(app: App, count: int = COUNT) -> RecordService:
    """Incidents in every status: imported, since an edit cannot set a status (it moves
    only through review)."""
    statuses = list(IncidentStatus)
    import_incidents(app.session, [{
        "title": f"Incident {index:04d}",
        "status": statuses[index % len(statuses)].value,
        "date_start": f"{2000 + index % 25}-{index % 12 + 1:02d}",
        "place": f"Village {index % 7}",
        "tags": ["act.shelling-airstrike"] if index % 3 == 0 else [],
    } for index in range(count)])
    return RecordService(app.session)


@pytest.fixture
def app(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> App:
    app = start_unlocked(qtbot, make_app, existing_vault)
    seed(app)
    app.main_window.workspace.model.refresh()
    return app


def test_model_passes_the_model_tester(app: App, qtmodeltester) -> None:
    model = IncidentListModel(Queries(app.session))
    model.refresh()
    # The tester stays connected and checks the model again on every change.
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(QModelIndex())
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.fetchMore(QModelIndex())
    model.set_filter(IncidentFilter(status=IncidentStatus.SUBMITTED, search="incident"))
    assert model.total == COUNT // 4 + (1 if COUNT % 4 > 1 else 0)


def test_ids_come_a_page_at_a_time_and_rows_on_demand(app: App) -> None:
    model = app.main_window.workspace.model
    assert model.total == COUNT
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == COUNT
    assert not model.canFetchMore(QModelIndex())
    fresh = IncidentListModel(Queries(app.session))
    fresh.refresh()
    assert fresh.cached_rows == 0  # ids only, until a row is shown
    title = fresh.data(fresh.index(0, Column.TITLE))
    assert fresh.row_reads == 1 and 0 < fresh.cached_rows <= 50
    assert title == fresh.data(fresh.index(0, Column.TITLE))
    assert fresh.row_reads == 1  # from the cache


def test_sorting_asks_the_database(app: App) -> None:
    view = app.main_window.workspace.list_page.view
    model = app.main_window.workspace.model
    view.horizontalHeader().setSortIndicator(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert model.order == (IncidentOrder.TITLE, False)
    assert model.data(model.index(0, Column.TITLE)) == "Incident 0000"
    view.horizontalHeader().setSortIndicator(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, Column.TITLE)) == f"Incident {COUNT - 1:04d}"
    # The place column cannot be sorted: the order (and the indicator) stay.
    view.horizontalHeader().setSortIndicator(Column.PLACE, Qt.SortOrder.AscendingOrder)
    assert model.order == (IncidentOrder.TITLE, True)
    assert view.horizontalHeader().sortIndicatorSection() == Column.TITLE


def test_filter_bar_and_count(qtbot: QtBot, app: App) -> None:
    page = app.main_window.workspace.list_page
    bar = page.filter_bar
    assert page.count.text() == f"{COUNT} incidents"
    bar.status.setCurrentIndex(bar.status.findData("approved"))
    expected = sum(1 for i in range(COUNT) if i % 4 == 3)
    assert page.model.total == expected
    assert page.count.text() == f"{expected} incidents"
    bar.tag.setText("act.shelling-airstrike")
    qtbot.waitUntil(lambda: not bar.pending)
    assert page.model.total == sum(1 for i in range(COUNT) if i % 4 == 3 and i % 3 == 0)
    bar.clear()
    bar.date_from.setText("2024")
    bar.place.setEditText("Village 3")
    qtbot.waitUntil(lambda: not bar.pending)
    assert page.model.total == sum(
        1 for i in range(COUNT) if 2000 + i % 25 >= 2024 and i % 7 == 3)
    bar.clear()
    assert page.model.total == COUNT


def test_search_answers_as_you_type_after_a_pause(qtbot: QtBot, app: App) -> None:
    page = app.main_window.workspace.list_page
    records = RecordService(app.session)
    special = records.create(RecordKind.INCIDENT, {"title": "Shelling of the bakery"})
    page.model.refresh()
    bar = page.filter_bar
    bar.search.setFocus()
    for character in "bake":
        qtbot.keyClick(bar.search, character)
        assert bar.pending  # each key restarts the timer; no query while typing
    assert page.model.total == COUNT + 1
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.model.id_at(0) == special.id
    assert page.count.text() == "1 incident"


def test_ctrl_f_focuses_the_search_and_enter_opens(qtbot: QtBot, app: App) -> None:
    main = app.main_window
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.workspace.open_incident(None)  # the search is found from an editor too
    qtbot.keyClick(main.workspace.current_editor().title, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    assert main.workspace.tabs.currentIndex() == 0
    assert main.focusWidget() is main.workspace.filter_bar.search
    view = main.workspace.list_page.view
    view.setFocus()
    view.setCurrentIndex(main.workspace.model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = main.workspace.current_editor()
    assert editor is not None and editor.record_id == main.workspace.model.id_at(2)
    assert main.focusWidget() is editor.title
    assert editor.title.text() == main.workspace.model.data(main.workspace.model.index(2, 0))


def test_new_incident_shortcut(qtbot: QtBot, app: App) -> None:
    main = app.main_window
    assert main.action_new_incident.shortcut().toString() == "Ctrl+N"
    main.action_new_incident.trigger()
    editor = main.workspace.current_editor()
    assert editor is not None and editor.record_id is None
    type_into(editor.title, "Arrests at the bakery")
    editor.action_save.trigger()
    assert editor.record_id is not None
    assert main.workspace.model.total == COUNT + 1


def test_a_search_waiting_to_run_is_dropped_at_lock(qtbot: QtBot, app: App) -> None:
    bar = app.main_window.workspace.filter_bar
    type_into(bar.search, "بحث")
    assert bar.pending
    session = app.session
    app.lock()
    assert not bar.pending  # it would otherwise query a locked vault
    qtbot.waitUntil(lambda: session.is_locked)
