"""The case workspace: the incident list (with its filter bar) in the first tab, and
one tab per open editor (incidents, persons).

The workspace knows every open editor: it opens each record once (a second request
brings its tab to the front), takes snapshots of the editors with unsaved changes
(for drafts at lock, and to reopen them when the window is rebuilt), restores
them, and drops their content at lock.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import CasebookError
from casebook.domain.records import RecordKind
from casebook.gui.audit_page import AuditPage
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.filter_bar import FilterBar
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.incident_list_model import IncidentListModel
from casebook.gui.incident_list_page import IncidentListPage
from casebook.gui.person_editor import PersonEditor
from casebook.gui.record_dialog import RecordDialog
from casebook.gui.record_editor import RecordEditor
from casebook.gui.review_panel import ReviewPanel
from casebook.gui.review_queue import ReviewQueuePage
from casebook.gui.taxonomy_page import TaxonomyPage
from casebook.services.events import AuditAppended
from casebook.services.records import StoredRecord

#: Pages (tabs that are not editors) the workspace opens once each.
Page = TaxonomyPage | ReviewQueuePage | AuditPage
#: Audit actions after which the review queue may have changed.
REVIEW_ACTIONS = frozenset({"submit", "approve", "request-changes", "create", "update",
                            "delete", "import"})

DIRTY_MARK = " •"


class Workspace(QWidget):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.context = context
        self.list_page = IncidentListPage(context)
        self.list_page.open_requested.connect(
            lambda record_id: self.open_record(RecordKind.INCIDENT.value, record_id))
        self.list_page.new_requested.connect(lambda: self.open_incident(None))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspace_tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.list_page, self.tr("Incidents"))
        bar = self.tabs.tabBar()
        for side in (bar.ButtonPosition.LeftSide, bar.ButtonPosition.RightSide):
            bar.setTabButton(0, side, None)  # the list cannot be closed
        self.tabs.tabCloseRequested.connect(self._tab_close_requested)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def model(self) -> IncidentListModel:
        return self.list_page.model

    @property
    def filter_bar(self) -> FilterBar:
        return self.list_page.filter_bar

    # editors

    def editors(self) -> list[RecordEditor]:
        """Editors in tabs, in tab order."""
        found = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [w for w in found if isinstance(w, RecordEditor)]

    def editor_for(self, kind: RecordKind, record_id: str | None) -> RecordEditor | None:
        if record_id is None:
            return None
        return next((e for e in self.editors()
                     if e.kind is kind and e.record_id == record_id), None)

    def open_incident(self, record_id: str | None) -> IncidentEditor:
        existing = self.editor_for(RecordKind.INCIDENT, record_id)
        if isinstance(existing, IncidentEditor):
            self.tabs.setCurrentWidget(existing)
            return existing
        editor = IncidentEditor(self.context, record_id)
        editor.review_requested.connect(self.open_review)
        editor.reviewed.connect(self._reviewed)
        self._add(editor)
        return editor

    def open_person(self, record_id: str | None) -> PersonEditor:
        existing = self.editor_for(RecordKind.PERSON, record_id)
        if isinstance(existing, PersonEditor):
            self.tabs.setCurrentWidget(existing)
            return existing
        editor = PersonEditor(self.context, record_id)
        self._add(editor)
        return editor

    def open_record(self, kind: str, record_id: str) -> RecordEditor | None:
        """Open a record from the list or a link; one deleted meanwhile is explained."""
        try:
            if kind == RecordKind.INCIDENT.value:
                return self.open_incident(record_id)
            if kind == RecordKind.PERSON.value:
                return self.open_person(record_id)
        except CasebookError as exc:
            show_error(self, exc)
            self.model.refresh()
        return None

    # the taxonomy page

    def taxonomy_page(self) -> TaxonomyPage | None:
        found = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return next((w for w in found if isinstance(w, TaxonomyPage)), None)

    def open_taxonomy(self) -> TaxonomyPage:
        """Show the taxonomy page (one tab, opened on first use)."""
        page = self.taxonomy_page()
        if page is None:
            page = TaxonomyPage(self.context)
            # Editors opened later offer the new terms (deprecated ones no longer).
            page.taxonomy_changed.connect(self.context.reload_terms)
            self.tabs.addTab(page, self.tr("Taxonomy"))
        self.tabs.setCurrentWidget(page)
        return page

    # the review queue, review panels and the audit trail

    def _page(self, kind: type[Page]) -> Page | None:
        found = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return next((w for w in found if isinstance(w, kind)), None)

    def review_queue_page(self) -> ReviewQueuePage | None:
        page = self._page(ReviewQueuePage)
        return page if isinstance(page, ReviewQueuePage) else None

    def open_review_queue(self) -> ReviewQueuePage:
        """Show the review queue (one tab, opened on first use)."""
        page = self.review_queue_page()
        if page is None:
            page = ReviewQueuePage(self.context)
            page.open_requested.connect(self.open_review)
            self.tabs.addTab(page, self.tr("Review queue"))
        else:
            page.refresh()
        self.tabs.setCurrentWidget(page)
        return page

    def audit_page(self) -> AuditPage | None:
        page = self._page(AuditPage)
        return page if isinstance(page, AuditPage) else None

    def open_audit(self) -> AuditPage:
        """Show the audit trail (one tab, opened on first use)."""
        page = self.audit_page()
        if page is None:
            page = AuditPage(self.context)
            self.tabs.addTab(page, self.tr("Audit trail"))
        else:
            page.refresh_if_stale()
        self.tabs.setCurrentWidget(page)
        return page

    def review_panels(self) -> list[ReviewPanel]:
        return [p for p in self.findChildren(ReviewPanel) if p.isVisible()]

    def open_review(self, record_id: str) -> ReviewPanel:
        """The review panel of an incident (one per incident)."""
        existing = next((p for p in self.review_panels() if p.record_id == record_id), None)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        panel = ReviewPanel(self.context, record_id, self)
        panel.decided.connect(self._reviewed)
        panel.open_record_requested.connect(self._open_from_review)
        panel.open()
        return panel

    def _open_from_review(self, kind: str, record_id: str) -> None:
        for panel in self.review_panels():
            if panel.record_id == record_id and not panel.busy:
                panel.close()
        self.open_record(kind, record_id)

    def _reviewed(self, record_id: str) -> None:
        """A decision or comment on ``record_id``: what shows it reads it again."""
        editor = self.editor_for(RecordKind.INCIDENT, record_id)
        if isinstance(editor, IncidentEditor) and not editor.dirty and not editor.reviewing:
            editor.load()
            self._retitle(editor)
        for panel in self.review_panels():
            if panel.record_id == record_id:
                panel.refresh()
        self.model.refresh()
        queue = self.review_queue_page()
        if queue is not None:
            queue.refresh()

    def audit_appended(self, event: AuditAppended) -> None:
        """A new audit entry (from any window): pages that show the trail or the queue
        read again when next shown, or now when in front."""
        current = self.tabs.currentWidget()
        audit = self.audit_page()
        if audit is not None:
            audit.mark_stale()
        queue = self.review_queue_page()
        if queue is not None and event.action in REVIEW_ACTIONS:
            queue.mark_stale()
            if current is queue:
                queue.refresh_if_stale()

    def _close_page(self, page: QWidget) -> None:
        index = self.tabs.indexOf(page)
        if index >= 0:
            self.tabs.removeTab(index)
        if isinstance(page, Page):
            page.stop()
        page.deleteLater()

    def _add(self, editor: RecordEditor) -> None:
        editor.closed.connect(lambda: self._remove(editor))
        editor.title_changed.connect(lambda: self._retitle(editor))
        editor.saved.connect(lambda stored: self._saved(editor, stored))
        editor.open_record_requested.connect(self.open_record)
        index = self.tabs.addTab(editor, "")
        self._retitle(editor)
        self.tabs.setCurrentIndex(index)
        editor.setFocus()

    def _retitle(self, editor: RecordEditor) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            title = editor.display_title()
            short = title if len(title) <= 32 else title[:31] + "…"
            self.tabs.setTabText(index, short + (DIRTY_MARK if editor.dirty else ""))
            self.tabs.setTabToolTip(index, title)

    def _remove(self, editor: RecordEditor) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.removeTab(index)
        editor.deleteLater()

    def _saved(self, editor: RecordEditor, stored: StoredRecord) -> None:
        self._retitle(editor)
        page = self.taxonomy_page()
        if page is not None:
            page.mark_stale()  # its counts
        queue = self.review_queue_page()
        if queue is not None and stored.kind is RecordKind.INCIDENT:
            queue.mark_stale()
        if stored.kind is RecordKind.INCIDENT:
            self.model.refresh()
        elif stored.kind is RecordKind.PERSON:
            for other in self.editors():
                if isinstance(other, IncidentEditor):
                    other.rename_person(stored.id)
            self.model.refresh()  # a name is searchable through the incidents

    def _tab_close_requested(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, RecordEditor):
            widget.request_close()
        elif isinstance(widget, Page):
            self._close_page(widget)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, RecordEditor):
            widget.setFocus()
        elif isinstance(widget, Page):
            widget.refresh_if_stale()

    def current_editor(self) -> RecordEditor | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, RecordEditor) else None

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.list_page)
        self.filter_bar.focus_search()

    # unsaved work

    def all_editors(self) -> list[RecordEditor]:
        """Editors in tabs and in dialogs (a new person added from an incident)."""
        return self.findChildren(RecordEditor)

    def dirty_count(self) -> int:
        return sum(e.dirty for e in self.all_editors()) + sum(
            d.dirty for d in self.findChildren(RecordDialog) if d.isVisible())

    def snapshots(self) -> list[EditorSnapshot]:
        """Every editor and dialog with unsaved changes, parents before their parts."""
        found = [e.snapshot() for e in self.all_editors() if e.dirty]
        found += [d.snapshot() for d in self.findChildren(RecordDialog)
                  if d.isVisible() and d.dirty]
        return found

    def save_all(self) -> bool:
        """Save every editor with changes; stop at the first that cannot be saved."""
        for editor in self.all_editors():
            if editor.dirty and not editor.save():
                self.tabs.setCurrentWidget(editor)
                return False
        return True

    def discard_changes(self) -> None:
        """Forget unsaved changes (the person chose Discard before quitting)."""
        for editor in self.all_editors():
            editor.form.mark_saved()
        for dialog in self.findChildren(RecordDialog):
            dialog.forget_changes()

    def open_snapshots(self) -> list[EditorSnapshot]:
        """Every open editor (changed or not) and every changed dialog: what to reopen
        when the window is rebuilt in another language."""
        in_tabs = self.editors()
        found = [e.snapshot() for e in in_tabs]
        found += [e.snapshot() for e in self.all_editors() if e.dirty and e not in in_tabs]
        found += [d.snapshot() for d in self.findChildren(RecordDialog)
                  if d.isVisible() and d.dirty]
        return found

    def restore(self, snapshot: EditorSnapshot, saved_at: str | None = None) -> bool:
        """Open the editor (or dialog) a snapshot was taken of, with its content.
        False when that is no longer possible (the record was deleted meanwhile)."""
        try:
            return self._restore(snapshot, saved_at)
        except CasebookError:
            return False

    def _restore(self, snapshot: EditorSnapshot, saved_at: str | None) -> bool:
        kind = snapshot.kind
        if kind in (RecordKind.INCIDENT, RecordKind.PERSON):
            editor: RecordEditor = (self.open_incident(snapshot.record_id)
                                    if kind is RecordKind.INCIDENT
                                    else self.open_person(snapshot.record_id))
            editor.restore_snapshot(snapshot, saved_at)
            return True
        if kind in (RecordKind.ACT, RecordKind.STATEMENT) and snapshot.parent_id:
            incident = self.open_incident(snapshot.parent_id)
            dialog = incident.open_part(kind, snapshot.record_id)
        elif kind is RecordKind.CONSENT and snapshot.parent_id:
            person = self.open_person(snapshot.parent_id)
            dialog = person.consents.open_dialog(snapshot.record_id)
        else:
            return False
        if dialog is None:
            return False
        dialog.restore_snapshot(snapshot)
        return True

    def drop_content(self) -> None:
        """At lock: previews and secret fields out of memory, and no search still
        waiting to run, before the window goes."""
        self.filter_bar.stop()
        for kind in (TaxonomyPage, ReviewQueuePage, AuditPage):
            page = self._page(kind)
            if page is not None:
                page.stop()
        for editor in self.all_editors():
            editor.drop_content()
