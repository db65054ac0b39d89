"""The dossier export wizard (File > Export dossier…, or Export dossier… under the
incident list): choose the incidents (the list's selection, its filter, or a tag),
the profile and the language; see the readiness check and a preview of the pages
with what will be withheld; choose the file; the export runs in a worker and ends
with the signer's fingerprint and a button that opens the folder (docs/dossiers.md).

The readiness check, the preview (the redacted dossier built in memory and its
pages painted, nothing written) and the export all run in workers. The wizard is
not modal: a double click on a readiness item opens that incident's editor in the
main window, and "Check again" reads the incidents anew after a fix.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QFont, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from casebook.domain.records import PlaceLevel
from casebook.export.dossier_model import build_dossier
from casebook.export.profiles import SHIPPED, Action, Profile, shipped_profile
from casebook.export.readiness import ReadinessItem
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, paragraph
from casebook.gui.i18n import interface_language
from casebook.gui.labels import code_label, isolate, standalone
from casebook.gui.place_picker import level_label
from casebook.gui.save_target import SaveTarget
from casebook.gui.taxonomy_picker import TaxonomyPickerDialog, schemes_for, term_label
from casebook.gui.workers import Task
from casebook.services.dossier import DossierSummary, export_dossier, readiness, snapshot
from casebook.services.queries import MAX_PAGE, IncidentFilter, IncidentRow, Queries

ID_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # a readiness item's code
#: Preview pages are painted at this resolution and shown at this width.
PREVIEW_DPI = 50
THUMB_WIDTH = 210
LANGUAGES = ("en", "ar")


class Scope(StrEnum):
    SELECTION = "selection"
    FILTER = "filter"
    TAG = "tag"


class PageId:
    INCIDENTS, PROFILE, READINESS, PREVIEW, OUTPUT, RESULT = range(6)


@dataclass(frozen=True)
class Choice:
    """Which incidents go into the dossier, as the person chose them."""

    scope: Scope
    ids: tuple[str, ...] = ()
    where: IncidentFilter = field(default_factory=IncidentFilter)
    tag: str = ""


@dataclass(frozen=True)
class Readiness:
    incident_ids: list[str]
    rows: dict[str, IncidentRow]
    items: list[ReadinessItem]

    @property
    def unapproved(self) -> frozenset[str]:
        return frozenset(i.incident_id for i in self.items if i.kind == "unapproved")


@dataclass(frozen=True)
class Preview:
    report: dict[str, Any]
    pages: list[QImage] | None  # None: the renderer is not available


def resolve_incidents(queries: Queries, choice: Choice) -> list[str]:
    """The ids a choice stands for, in the list's order (runs in a worker)."""
    if choice.scope is Scope.SELECTION:
        return list(dict.fromkeys(choice.ids))
    where = choice.where if choice.scope is Scope.FILTER else IncidentFilter(tag=choice.tag)
    found: list[str] = []
    while True:
        page = queries.incident_ids(where, limit=MAX_PAGE, offset=len(found))
        found += page
        if len(page) < MAX_PAGE:
            return found


def _renderer() -> Any:
    """The dossier PDF renderer module, or None while it is not installed."""
    try:
        return importlib.import_module("casebook.gui.render.dossier_pdf")
    except ImportError:
        return None


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class JobPage(QWizardPage):
    """A page that runs one job at a time in the wizard's runner, with a busy bar and
    an inline error line."""

    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.task: Task | None = None
        self.busy = busy_bar()
        self.busy_text = paragraph()
        self.busy_text.setObjectName("busy_text")
        self.busy_text.hide()
        self.error = ErrorLabel()

    @property
    def running(self) -> bool:
        return self.task is not None

    def run(self, job: Callable[[], Any], done: Callable[[Any], None], text: str,
            failed: Callable[[], None] | None = None) -> None:
        """Run ``job`` in the runner; ``done`` gets its result, or the error is shown
        under the page (and ``failed`` is called)."""
        self.stop()
        self.error.clear_message()

        def succeeded(result: Any) -> None:
            self.task = None
            self._set_busy(False)
            done(result)

        def went_wrong(exc: Any) -> None:
            self.task = None
            self._set_busy(False)
            self.show_error(exc)
            if failed is not None:
                failed()

        self.busy_text.setText(text)
        self.task = self.owner.context.runner.submit(job, succeeded, went_wrong)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_text.setVisible(busy)
        self.setProperty("busy", busy)
        self.completeChanged.emit()

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
            self._set_busy(False)

    def show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)


# 1. incidents


class IncidentsPage(QWizardPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("dossier_incidents_page")
        self.setTitle(self.tr("Which incidents?"))
        self.setSubTitle(self.tr("The dossier holds these incidents with everything linked "
                                 "to them: people, acts, sources and evidence."))
        context = wizard.context
        self.selection_count = len(wizard.selection)
        self.filter_count = context.queries.count_incidents_matching(wizard.where)
        self.tag_count = 0

        self.by_selection = QRadioButton()
        self.by_selection.setObjectName("by_selection")
        if self.selection_count == 0:
            self.by_selection.setText(self.tr("The incidents selected in the list (select "
                                              "some in the list first)"))
        elif self.selection_count == 1:
            self.by_selection.setText(self.tr("The incident selected in the list"))
        else:
            self.by_selection.setText(self.tr("The {count} incidents selected in the list")
                                      .format(count=self._n(self.selection_count)))
        self.by_filter = QRadioButton()
        self.by_filter.setObjectName("by_filter")
        if wizard.where == IncidentFilter():
            self.by_filter.setText(self.tr("All incidents in the vault ({count})").format(
                count=self._n(self.filter_count)))
        else:
            self.by_filter.setText(self.tr("The incidents the list's filters show ({count})")
                                   .format(count=self._n(self.filter_count)))
        self.by_tag = QRadioButton(self.tr("The incidents tagged with:"))
        self.by_tag.setObjectName("by_tag")
        self.group = QButtonGroup(self)
        for button in (self.by_selection, self.by_filter, self.by_tag):
            self.group.addButton(button)
        self.by_selection.setEnabled(self.selection_count > 0)
        self.by_filter.setEnabled(self.filter_count > 0)
        self._build_tag()
        self._lay_out()
        if self.selection_count:
            self.by_selection.setChecked(True)
        elif self.filter_count:
            self.by_filter.setChecked(True)
        else:
            self.by_tag.setChecked(True)
        self._tag_changed()

    def _build_tag(self) -> None:
        self.tag = QLineEdit()
        self.tag.setObjectName("dossier_tag")
        self.tag.setPlaceholderText(self.tr("Tag code, e.g. act.killing"))
        self.tag.setClearButtonEnabled(True)
        self.tag.textChanged.connect(lambda _t: self._tag_changed())
        self.choose_tag_button = QPushButton(self.tr("Choose…"))
        self.choose_tag_button.setObjectName("choose_tag")
        self.choose_tag_button.clicked.connect(lambda _c=False: self.choose_tag())
        self.tag_note = paragraph()
        self.tag_note.setObjectName("tag_note")
        self.group.buttonToggled.connect(lambda _b, _on: self.completeChanged.emit())

    def _lay_out(self) -> None:
        # Indented under their radio button (a spacing, unlike a margin, follows the
        # layout direction).
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + 8
        tag_row = QHBoxLayout()
        tag_row.addSpacing(indent)
        tag_row.addWidget(self.tag, 1)
        tag_row.addWidget(self.choose_tag_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.by_selection)
        layout.addWidget(self.by_filter)
        layout.addWidget(self.by_tag)
        layout.addLayout(tag_row)
        note_row = QHBoxLayout()
        note_row.addSpacing(indent)
        note_row.addWidget(self.tag_note, 1)
        layout.addLayout(note_row)
        layout.addStretch(1)

    def _n(self, count: int) -> str:
        return QLocale().toString(count)

    def _tag_changed(self) -> None:
        code = self.tag.text().strip()
        if code and not self.by_tag.isChecked():
            self.by_tag.setChecked(True)
        self.tag_count = (self.owner.context.queries.count_incidents_matching(
            IncidentFilter(tag=code)) if code else 0)
        if not code:
            self.tag_note.setText("")
        elif code not in self.owner.context.terms:
            self.tag_note.setText(self.tr("{code} is not a term of this vault's taxonomy.")
                                  .format(code=isolate(code)))
        else:
            label = term_label(self.owner.context.terms, code)
            if self.tag_count == 1:
                text = self.tr("{label}: 1 incident").format(label=label)
            else:
                text = self.tr("{label}: {count} incidents").format(
                    label=label, count=self._n(self.tag_count))
            self.tag_note.setText(text)
        self.completeChanged.emit()

    def choose_tag(self) -> TaxonomyPickerDialog:
        terms = self.owner.context.terms
        current = self.tag.text().strip()
        dialog = TaxonomyPickerDialog(
            terms, schemes_for(terms, "incident"), [current] if current in terms else [],
            single=True, title=self.tr("Choose the tag"), parent=self)

        def chosen() -> None:
            codes = dialog.selected_codes()
            if codes:
                self.tag.setText(codes[0])
                self.by_tag.setChecked(True)

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def choice(self) -> Choice:
        if self.by_selection.isChecked():
            return Choice(Scope.SELECTION, ids=tuple(self.owner.selection))
        if self.by_filter.isChecked():
            return Choice(Scope.FILTER, where=self.owner.where)
        return Choice(Scope.TAG, tag=self.tag.text().strip())

    def count(self) -> int:
        if self.by_selection.isChecked():
            return self.selection_count
        if self.by_filter.isChecked():
            return self.filter_count
        return self.tag_count

    def isComplete(self) -> bool:
        return self.count() > 0


# 2. profile and language


class ProfilePage(QWizardPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("dossier_profile_page")
        self.setTitle(self.tr("For which mechanism, in which language?"))
        self.setSubTitle(self.tr("The profile decides what the dossier withholds. Nothing "
                                 "is left to chance: every rule is listed in the dossier's "
                                 "redaction report."))
        self.profiles: dict[str, Profile] = {name: shipped_profile(name) for name in SHIPPED}
        self.list = QListWidget()
        self.list.setObjectName("profile_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        ui = interface_language()
        other = "ar" if ui == "en" else "en"
        for name, profile in self.profiles.items():
            item = QListWidgetItem(f"{profile.label(ui)}\n{profile.label(other)}")
            item.setData(ID_ROLE, name)
            self.list.addItem(item)
        self.list.setMinimumWidth(280)
        self.list.setSpacing(3)
        self.details = QLabel()
        self.details.setObjectName("profile_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setMargin(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda _c, _p: self._show_details())
        self._build_languages(ui)
        self._lay_out(scroll)
        self.list.setCurrentRow(0)

    def _build_languages(self, ui: str) -> None:
        self.english = QRadioButton(self.tr("English"))
        self.english.setObjectName("language_en")
        self.arabic = QRadioButton(self.tr("Arabic (العربية)"))
        self.arabic.setObjectName("language_ar")
        self.languages = QButtonGroup(self)
        self.languages.addButton(self.english)
        self.languages.addButton(self.arabic)
        (self.arabic if ui == "ar" else self.english).setChecked(True)

    def _lay_out(self, scroll: QScrollArea) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([360, 560])
        language_row = QHBoxLayout()
        language_row.addWidget(_bold(QLabel(self.tr("Language of the dossier:"))))
        language_row.addWidget(self.english)
        language_row.addWidget(self.arabic)
        language_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(language_row)

    def profile_name(self) -> str:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else SHIPPED[0]

    def profile(self) -> Profile:
        return self.profiles[self.profile_name()]

    def language(self) -> str:
        return "ar" if self.arabic.isChecked() else "en"

    def select(self, name: str, language: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == name:
                self.list.setCurrentRow(row)
        (self.arabic if language == "ar" else self.english).setChecked(True)

    def purpose(self, name: str) -> str:
        return {
            "special-procedures": self.tr(
                "For a communication to a UN Special Rapporteur or Working Group."),
            "commission-of-inquiry": self.tr(
                "For a UN Commission of Inquiry, which may use statements as evidence."),
            "iiim": self.tr(
                "For the International, Impartial and Independent Mechanism, which "
                "prepares criminal files and may use statements as evidence."),
            "public-report": self.tr(
                "For a report anyone may read: the most protective profile."),
        }.get(name, "")

    def _people(self, profile: Profile) -> list[str]:
        rules = profile.rules
        scope = code_label("consent", profile.consent_scope.value)
        sentences: list[str] = []
        victim = rules["victim.identity"]
        if victim.requires_consent:
            sentences.append(self.tr(
                "Victims are named only if they consented to “{scope}” (consent withdrawn "
                "or expired counts as none); otherwise they appear under a pseudonym such "
                "as “Victim 3”.").format(scope=scope))
        elif victim.action is Action.KEEP:
            sentences.append(self.tr("Victims are named."))
        else:
            sentences.append(self.tr("Victims appear under a pseudonym."))
        if all(rules[name].action is Action.PSEUDONYMISE
               for name in ("child.identity", "sexual_violence_survivor.identity")):
            sentences.append(self.tr("Children and survivors of sexual violence always "
                                     "appear under a pseudonym."))
        perpetrator = rules["perpetrator.identity"].action
        if perpetrator is Action.KEEP:
            sentences.append(self.tr("Alleged perpetrators are named."))
        elif perpetrator is Action.DROP:
            sentences.append(self.tr("Alleged perpetrators are left out."))
        else:
            sentences.append(self.tr("Alleged perpetrators appear under a pseudonym too."))
        sentences.append(self.tr("Witnesses, sources and interviewers, contact details, "
                                 "internal notes and risk notes are always left out."))
        return sentences

    def description(self, profile: Profile) -> str:
        """What the profile releases and withholds, in plain words, from its rules."""
        rules = profile.rules
        sentences = [self.purpose(profile.name), *self._people(profile)]
        if rules["statement.text"].action is Action.DROP:
            sentences.append(self.tr("The text of statements is left out; sources are "
                                     "described without their identity."))
        else:
            sentences.append(self.tr(
                "Statements are included, with every withheld name and any phone number, "
                "e-mail address or identity number replaced."))
        place = rules["place"]
        level = place.level or PlaceLevel.DISTRICT
        if place.action is Action.DROP:
            sentences.append(self.tr("Places are left out."))
        elif place.action is Action.GENERALISE:
            sentences.append(self.tr("Places are given only down to the level “{level}”, "
                                     "without coordinates.").format(level=level_label(level)))
        evidence = rules["evidence.files"]
        if evidence.action is Action.DROP or not evidence.media_types:
            sentences.append(self.tr("No evidence files are released; the evidence index "
                                     "lists each file's SHA-256."))
        else:
            sentences.append(self.tr(
                "Photographs are released, re-encoded so that no metadata (place, device, "
                "time) survives; other files are listed by SHA-256 only."))
        if profile.overrides:
            sentences.append(self.tr("This profile overrides a safe default; the override "
                                     "is recorded in the audit trail and the report."))
        return " ".join(s for s in sentences if s)

    def _show_details(self) -> None:
        profile = self.profile()
        rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        here = "rtl" if rtl else "ltr"

        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        self.details.setText(
            f'<h3 dir="{here}">{esc(profile.label(interface_language()))}</h3>'
            f'<p dir="ltr">{esc(profile.title.get("en", profile.name))}</p>'
            f'<p dir="rtl">{esc(profile.title.get("ar", ""))}</p>'
            f'<p dir="{here}">{esc(self.description(profile))}</p>')

    def isComplete(self) -> bool:
        return self.list.currentItem() is not None


# 3. readiness


class ReadinessPage(JobPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("dossier_readiness_page")
        self.setTitle(self.tr("Readiness check"))
        self.setSubTitle(self.tr("What the mechanism needs that is missing, what is not "
                                 "approved, and whose consent is missing. Double-click an "
                                 "item to open the incident; then check again."))
        self.result: Readiness | None = None
        self.generation = 0  # counts the checks (a preview is of one check's data)
        self.summary = paragraph()
        self.summary.setObjectName("readiness_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("readiness_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.itemActivated.connect(self._activated)
        self.check_again = QPushButton(self.tr("Check again"))
        self.check_again.setObjectName("check_again")
        self.check_again.clicked.connect(lambda _c=False: self.check())
        self.include_unapproved = QCheckBox(
            self.tr("Include incidents that are not approved"))
        self.include_unapproved.setObjectName("include_unapproved")
        self.include_unapproved.toggled.connect(lambda _on: self.completeChanged.emit())
        self.include_unapproved.hide()
        self.unapproved_note = paragraph()
        self.unapproved_note.setObjectName("unapproved_note")
        self.unapproved_note.hide()
        self._confirmed_for: frozenset[str] = frozenset()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_again)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.unapproved_note)
        layout.addWidget(self.include_unapproved)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        self.check()

    def cleanupPage(self) -> None:
        self.stop()

    def check(self) -> None:
        """Resolve the chosen incidents and run the readiness check, in a worker."""
        choice = self.owner.choice()
        profile = self.owner.profile_name()
        session = self.owner.context.session
        queries = self.owner.context.queries
        self.result = None
        self.tree.clear()
        self.summary.setText("")
        self.check_again.setEnabled(False)

        def job() -> Readiness:
            ids = resolve_incidents(queries, choice)
            items = readiness(session, profile, ids) if ids else []
            return Readiness(ids, queries.incident_rows(ids), items)

        def done(result: Any) -> None:
            self.check_again.setEnabled(True)
            self.show_result(result)

        self.run(job, done, self.tr("Checking the incidents…"),
                 failed=lambda: self.check_again.setEnabled(True))

    def message(self, item: ReadinessItem, rows: dict[str, IncidentRow]) -> str:
        if item.code == "unapproved":
            row = rows.get(item.incident_id)
            status = code_label("status", row.status if row else "draft")
            return self.tr("Not approved yet (status: {status}). It goes out only if you "
                           "tick “Include incidents that are not approved” below.").format(
                               status=status)
        texts = {
            "victims": self.tr("No alleged victim is recorded."),
            "perpetrators": self.tr("No alleged perpetrator (person or unit) is recorded."),
            "date": self.tr("The date of the incident is missing."),
            "place": self.tr("The place of the incident is missing."),
            "description": self.tr("There is no description (narrative)."),
            "disappearance-name": self.tr(
                "Enforced disappearance: the full name of the disappeared person is missing."),
            "disappearance-date": self.tr(
                "Enforced disappearance: the date of arrest or last sighting is missing."),
            "disappearance-place": self.tr(
                "Enforced disappearance: the place of arrest or last sighting is missing."),
            "disappearance-forces": self.tr(
                "Enforced disappearance: the forces believed responsible are not recorded "
                "on the act."),
            "disappearance-steps": self.tr(
                "Enforced disappearance: the steps taken to locate the person are not "
                "recorded (in the act: “Steps taken to locate the person”)."),
            "consent": self.consent_text(1),
        }
        return texts.get(item.code, item.message)

    def consent_text(self, count: int) -> str:
        if count == 1:
            return self.tr("A victim has not consented to this mechanism (or the consent was "
                           "withdrawn or has expired): their name will be withheld.")
        return self.tr("{count} victims have not consented to this mechanism (or the consent "
                       "was withdrawn or has expired): their names will be withheld.").format(
                           count=QLocale().toString(count))

    def kind_label(self, kind: str) -> str:
        return {"missing": self.tr("Missing"), "unapproved": self.tr("Not approved"),
                "consent": self.tr("Consent")}.get(kind, kind)

    def show_result(self, result: Readiness) -> None:
        self.result = result
        self.generation += 1
        self.tree.clear()
        style = self.style()
        icons = {
            "missing": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "unapproved": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "consent": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        ready_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        by_incident: dict[str, list[ReadinessItem]] = {}
        for item in result.items:
            by_incident.setdefault(item.incident_id, []).append(item)
        order = {"missing": 0, "unapproved": 1, "consent": 2}
        for incident_id in result.incident_ids:
            row = result.rows.get(incident_id)
            title = row.title if row is not None else incident_id
            found = sorted(by_incident.get(incident_id, []), key=lambda i: order.get(i.kind, 3))
            top = QTreeWidgetItem([title])
            top.setData(0, ID_ROLE, incident_id)
            font = QFont(top.font(0))
            font.setBold(True)
            top.setFont(0, font)
            if not found:
                top.setIcon(0, ready_icon)
                top.setToolTip(0, self.tr("Nothing missing"))
            consents = sum(1 for i in found if i.kind == "consent")
            shown = [i for i in found if i.kind != "consent"]
            shown += [i for i in found if i.kind == "consent"][:1]
            for item in shown:
                text = (self.consent_text(consents) if item.kind == "consent"
                        else self.message(item, result.rows))
                child = QTreeWidgetItem([f"{self.kind_label(item.kind)}: {text}"])
                child.setData(0, ID_ROLE, incident_id)
                child.setData(0, CODE_ROLE, item.code)
                child.setIcon(0, icons.get(item.kind, icons["missing"]))
                child.setToolTip(0, self.tr("Double-click to open the incident"))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(bool(found))
        counts = {kind: sum(1 for i in result.items if i.kind == kind) for kind in order}
        incidents = len(result.incident_ids)
        parts = [self.tr("{count} incidents chosen.").format(count=QLocale().toString(incidents))
                 if incidents != 1 else self.tr("1 incident chosen.")]
        if not result.items:
            parts.append(self.tr("Nothing is missing: everything the profile needs is there."))
        else:
            parts.append(self.tr("To look at: {missing} missing, {unapproved} not approved, "
                                 "{consent} victims without consent.").format(
                missing=QLocale().toString(counts["missing"]),
                unapproved=QLocale().toString(counts["unapproved"]),
                consent=QLocale().toString(counts["consent"])))
        self.summary.setText(" ".join(parts))
        unapproved = result.unapproved
        if unapproved != self._confirmed_for:
            self.include_unapproved.setChecked(False)
        self.include_unapproved.setVisible(bool(unapproved))
        self.unapproved_note.setVisible(bool(unapproved))
        self.unapproved_note.setText(self.tr(
            "{count} of these incidents have not been approved by a supervisor. A mechanism "
            "may act on what you send: send unapproved incidents only if you are sure.")
            .format(count=QLocale().toString(len(unapproved))))
        self._confirmed_for = unapproved
        self.completeChanged.emit()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        incident_id = item.data(0, ID_ROLE)
        if incident_id:
            self.owner.open_incident_requested.emit(str(incident_id))

    def allow_unapproved(self) -> bool:
        return bool(self.result and self.result.unapproved
                    and self.include_unapproved.isChecked())

    def isComplete(self) -> bool:
        if self.running or self.result is None or not self.result.incident_ids:
            return False
        return not self.result.unapproved or self.include_unapproved.isChecked()


# 4. preview


class PreviewPage(JobPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("dossier_preview_page")
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The pages as they will be, and what is withheld. Nothing "
                                 "has been written yet."))
        self.preview: Preview | None = None
        self._key: tuple[Any, ...] | None = None
        self.pages = QListWidget()
        self.pages.setObjectName("preview_pages")
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setMovement(QListView.Movement.Static)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setWrapping(True)
        self.pages.setSpacing(8)
        self.pages.setUniformItemSizes(True)
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.not_available = paragraph(self.tr(
            "The preview of the pages is not available in this copy of Casebook. The "
            "summary beside it is complete."))
        self.not_available.setObjectName("preview_not_available")
        self.not_available.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_available.hide()
        self.summary = QLabel()
        self.summary.setObjectName("withheld_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setMargin(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(260)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.pages, 1)
        left_layout.addWidget(self.not_available, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        key = (tuple(self.owner.incident_ids()), self.owner.profile_name(),
               self.owner.language(), self.owner.readiness_page.generation)
        if key == self._key and self.preview is not None:
            return
        self.build(key)

    def cleanupPage(self) -> None:
        if self.running:
            self.stop()
            self._key = None

    def build(self, key: tuple[Any, ...]) -> None:
        """Build the redacted dossier in memory and paint its pages (a worker); nothing
        is written and nothing goes into the audit trail."""
        self._key = key
        self.preview = None
        self.pages.clear()
        self.summary.setText("")
        ids, profile_name, language = list(key[0]), str(key[1]), str(key[2])
        session = self.owner.context.session
        renderer = _renderer()

        def job() -> Preview:
            snap = snapshot(session, ids)
            generated = datetime.now(UTC).isoformat(timespec="seconds")
            # A throwaway key: the preview's pseudonyms are not the export's.
            dossier = build_dossier(snap, shipped_profile(profile_name), language,
                                    os.urandom(32), date.today(), dossier_id="preview",
                                    generated_at=generated)
            pages = None
            if renderer is not None:
                pages = list(renderer.render_dossier_pages(dossier.data, dossier.report,
                                                           dpi=PREVIEW_DPI))
            return Preview(dossier.report, pages)

        self.run(job, self.show_preview, self.tr("Preparing the preview…"))

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.pages.clear()
        available = preview.pages is not None
        self.pages.setVisible(available)
        self.not_available.setVisible(not available)
        if preview.pages:
            first = preview.pages[0]
            ratio = first.height() / max(1, first.width())
            size = QSize(THUMB_WIDTH, int(THUMB_WIDTH * ratio))
            self.pages.setIconSize(size)
            total = len(preview.pages)
            for number, image in enumerate(preview.pages, start=1):
                pixmap = QPixmap.fromImage(image).scaled(
                    size, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation)
                item = QListWidgetItem(pixmap, self.tr("Page {page} of {pages}").format(
                    page=QLocale().toString(number), pages=QLocale().toString(total)))
                self.pages.addItem(item)
        self.summary.setText(self.summary_html(preview.report))
        self.completeChanged.emit()

    def rule_label(self, rule: str) -> str:
        return {
            "victim.identity": self.tr("Victims"),
            "child.identity": self.tr("Children"),
            "sexual_violence_survivor.identity": self.tr("Survivors of sexual violence"),
            "witness.identity": self.tr("Witnesses"),
            "source.identity": self.tr("Sources"),
            "interviewer.identity": self.tr("Interviewers"),
            "perpetrator.identity": self.tr("Alleged perpetrators"),
            "intervening_party.identity": self.tr("Intervening parties"),
        }.get(rule, rule)

    def action_label(self, action: str) -> str:
        return {
            Action.PSEUDONYMISE.value: self.tr("shown under a pseudonym"),
            Action.DROP.value: self.tr("left out"),
            Action.GENERALISE.value: self.tr("generalised"),
            Action.KEEP.value: self.tr("named"),
        }.get(action, action)

    def replacement_label(self, kind: str) -> str:
        return {
            "name": self.tr("names"),
            "phone number": self.tr("phone numbers"),
            "e-mail address": self.tr("e-mail addresses"),
            "identity number": self.tr("identity numbers"),
        }.get(kind, kind)

    def always_label(self, what: str) -> str:
        return {
            "contact details": self.tr("contact details"),
            "internal notes": self.tr("internal notes"),
            "risk notes": self.tr("risk notes"),
            "coordinates": self.tr("coordinates"),
            "interviewer and interpreter names": self.tr("interviewer and interpreter names"),
            "original file names": self.tr("original file names"),
            "evidence collectors and source URLs": self.tr(
                "evidence collectors and source URLs"),
        }.get(what, what)

    def summary_html(self, report: dict[str, Any]) -> str:
        rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        here = "rtl" if rtl else "ltr"
        n = QLocale().toString

        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        def section(title: str, lines: list[str]) -> str:
            body = "".join(f"<li>{esc(line)}</li>" for line in lines)
            return f'<p dir="{here}"><b>{esc(title)}</b></p><ul dir="{here}">{body}</ul>'

        people = [self.tr("{who}: {count}, {action}").format(
            who=self.rule_label(str(p["rule"])), count=n(int(p["count"])),
            action=self.action_label(str(p["action"])))
            for p in report.get("people", [])]
        if not people:
            people = [self.tr("Everyone in these incidents is named.")]
        replaced = [self.tr("{what}: {count}").format(what=self.replacement_label(kind),
                                                     count=n(int(count)))
                    for kind, count in report.get("free_text_replacements", {}).items()]
        if not replaced:
            replaced = [self.tr("Nothing needed replacing.")]
        evidence = report.get("evidence", {})
        files = [self.tr("Files: {count}").format(count=n(int(evidence.get("files", 0)))),
                 self.tr("Released: {count} (re-encoded, without metadata)").format(
                     count=n(int(evidence.get("released", 0)))),
                 self.tr("Withheld: {count} (listed by SHA-256 only)").format(
                     count=n(int(evidence.get("withheld", 0))))]
        always = [self.always_label(str(w)) for w in report.get("always_withheld", [])]
        parts = [section(self.tr("People"), people),
                 section(self.tr("Replaced in the text (narratives, statements, "
                                 "descriptions)"), replaced),
                 section(self.tr("Evidence"), files),
                 section(self.tr("Always left out"), always)]
        overrides = report.get("overrides", [])
        if overrides:
            parts.append(section(self.tr("Overrides of the safe defaults"), [
                f"{o.get('rule')}: {o.get('reason')}" for o in overrides]))
        return "".join(parts)

    def isComplete(self) -> bool:
        return not self.running and self.preview is not None


# 5. file and confirmation


class OutputPage(QWizardPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("dossier_output_page")
        self.setTitle(self.tr("Where to save the dossier?"))
        self.setSubTitle(self.tr("The dossier is one .zip file: the PDF, the same data as "
                                 "JSON and CSV, the released evidence, the redaction report "
                                 "and a signed manifest."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Export"))
        self.path = QLineEdit()
        self.path.setObjectName("dossier_path")
        self.save = SaveTarget(self.path, suffix="zip", add_suffix=True, parent=self)
        self.path.setPlaceholderText(self.tr("Choose a file ending in .zip"))
        self.path.textChanged.connect(lambda _t: self._path_changed())
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setObjectName("choose_dossier_file")
        self.choose_button.clicked.connect(lambda _c=False: self.choose_file())
        self.confirm = paragraph()
        self.confirm.setObjectName("dossier_confirm")
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("File:")))
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addSpacing(12)
        layout.addWidget(self.confirm)
        layout.addStretch(1)

    def default_name(self) -> str:
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        return f"dossier-{self.owner.profile_name()}-{self.owner.language()}-{today}.zip"

    def initializePage(self) -> None:
        if not self.path.text().strip():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
            self.path.setText(str(Path(folder) / self.default_name()))
        owner = self.owner
        count = len(owner.incident_ids())
        profile = owner.profile_page.profile().label(interface_language())
        language = self.tr("Arabic") if owner.language() == "ar" else self.tr("English")
        text = (self.tr("1 incident") if count == 1 else self.tr("{count} incidents").format(
            count=QLocale().toString(count)))
        lines = [self.tr("You are about to export {incidents} for “{profile}”, in {language}.")
                 .format(incidents=text, profile=profile, language=language)]
        unapproved = owner.readiness_page.result.unapproved \
            if owner.readiness_page.result else frozenset()
        if unapproved and owner.allow_unapproved():
            lines.append(self.tr("{count} of them are not approved; you confirmed that they "
                                 "may go out.").format(count=QLocale().toString(len(unapproved))))
        lines.append(self.tr("The export is signed with your key and recorded in the audit "
                             "trail."))
        self.confirm.setText("\n\n".join(lines))
        self._path_changed()

    def choose_file(self) -> QFileDialog:
        return self.save.choose(self, self.tr("Save the dossier as"),
                                self.tr("Dossiers (*.zip)"), "choose_dossier_dialog",
                                lambda path: self.set_file(path, replace=True))

    def set_file(self, path: Path, *, replace: bool = False) -> None:
        """Use ``path``; ``replace``: the person agreed to replace an existing file."""
        self.save.set_file(path, replace=replace)
        self._path_changed()

    def target(self) -> Path | None:
        return self.save.target()

    def overwrite(self) -> bool:
        return self.save.overwrite()

    def problem(self) -> str | None:
        return self.save.problem(self.tr("Choose where to save the dossier."))

    def _path_changed(self) -> None:
        self.save.note_edited()
        problem = self.problem() if self.path.text().strip() else None
        if problem:
            self.error.show_message(problem)
        else:
            self.error.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.problem() is None


# 6. export and result


class ResultPage(JobPage):
    def __init__(self, wizard: DossierWizard) -> None:
        super().__init__(wizard)
        self.setObjectName("dossier_result_page")
        self.setTitle(self.tr("Export"))
        self.setSubTitle(self.tr("The dossier is built, signed and written in one go; a "
                                 "dossier is never left half-written under its name."))
        self.summary: DossierSummary | None = None
        self.message = paragraph()
        self.message.setObjectName("dossier_result")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label = _bold(QLabel(self.tr("Signer's fingerprint:")))
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("dossier_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.fingerprint.setFont(mono)
        self.fingerprint_note = paragraph(self.tr(
            "Tell the recipient this fingerprint through another channel (a call, a meeting). "
            "They check the dossier with “casebook verify”, which needs no vault and prints "
            "the same fingerprint."))
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.setObjectName("open_folder")
        self.open_folder_button.clicked.connect(lambda _c=False: self.open_folder())
        self.try_again = QPushButton(self.tr("Try again"))
        self.try_again.setObjectName("export_try_again")
        self.try_again.clicked.connect(lambda _c=False: self.export())
        self.try_again.hide()
        self._done_widgets: list[QWidget] = [self.fingerprint_label, self.fingerprint,
                                             self.fingerprint_note, self.open_folder_button]
        for widget in self._done_widgets:
            widget.hide()
        fingerprint_row = QHBoxLayout()
        fingerprint_row.addWidget(self.fingerprint_label)
        fingerprint_row.addWidget(self.fingerprint)
        fingerprint_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.try_again)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addLayout(fingerprint_row)
        layout.addWidget(self.fingerprint_note)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.export()

    def export(self) -> None:
        owner = self.owner
        target = owner.output_page.target()
        assert target is not None
        session = owner.context.session
        ids = owner.incident_ids()
        profile, language = owner.profile_name(), owner.language()
        allow, overwrite = owner.allow_unapproved(), owner.output_page.overwrite()
        renderer = _renderer()
        self.summary = None
        self.try_again.hide()
        for widget in self._done_widgets:
            widget.hide()
        if renderer is None:
            self.message.setText(self.tr(
                "The dossier cannot be written: the PDF renderer is not installed in this "
                "copy of Casebook."))
            owner.set_exporting(False, done=False)
            return
        self.message.setText(self.tr("Writing {file}…").format(file=isolate(target.name)))

        def job() -> DossierSummary:
            return export_dossier(session, profile, target, renderer.render_dossier_pdf,
                                  incident_ids=ids, language=language,
                                  allow_unapproved=allow, overwrite=overwrite)

        def failed_after() -> None:
            self.message.setText(self.tr("The dossier was not written."))
            self.try_again.show()
            owner.set_exporting(False, done=False)

        self.run(job, self.show_summary, self.tr(
            "Building the dossier: redacting, drawing the pages, re-encoding images, "
            "signing…"), failed=failed_after)
        owner.set_exporting(True)

    def show_summary(self, summary: DossierSummary) -> None:
        self.summary = summary
        released = summary.released_evidence
        self.message.setText(self.tr("The dossier was saved as:") + "\n"
                             + standalone(str(summary.path)) + "\n\n" + self.tr(
            "It holds {incidents} incidents, {files} files and {released} released evidence "
            "files. The export is recorded in the audit trail.").format(
                incidents=QLocale().toString(summary.incidents),
                files=QLocale().toString(summary.files),
                released=QLocale().toString(released)))
        self.fingerprint.setText("\u2066" + summary.fingerprint + "\u2069")
        for widget in self._done_widgets:
            widget.show()
        self.setTitle(self.tr("Dossier exported"))
        self.owner.set_exporting(False, done=True)
        self.completeChanged.emit()

    def open_folder(self) -> bool:
        if self.summary is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.path.parent)))

    def isComplete(self) -> bool:
        return self.summary is not None


class DossierWizard(QWizard):
    """The wizard; ``selection`` and ``where`` are the incident list's selection and
    filter when it was opened."""

    open_incident_requested = Signal(str)
    exported = Signal(object)  # DossierSummary

    def __init__(self, context: EditorContext, selection: list[str] | None = None,
                 where: IncidentFilter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_wizard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Export a dossier"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.context = context
        self.selection = list(selection or [])
        self.where = where or IncidentFilter()
        self.exporting = False
        self.incidents_page = IncidentsPage(self)
        self.profile_page = ProfilePage(self)
        self.readiness_page = ReadinessPage(self)
        self.preview_page = PreviewPage(self)
        self.output_page = OutputPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in ((PageId.INCIDENTS, self.incidents_page),
                              (PageId.PROFILE, self.profile_page),
                              (PageId.READINESS, self.readiness_page),
                              (PageId.PREVIEW, self.preview_page),
                              (PageId.OUTPUT, self.output_page),
                              (PageId.RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self._normal_buttons = [QWizard.WizardButton.Stretch, QWizard.WizardButton.BackButton,
                                QWizard.WizardButton.NextButton,
                                QWizard.WizardButton.FinishButton,
                                QWizard.WizardButton.CancelButton]
        self.setButtonLayout(self._normal_buttons)
        self.resize(980, 680)

    # what was chosen

    def choice(self) -> Choice:
        return self.incidents_page.choice()

    def profile_name(self) -> str:
        return self.profile_page.profile_name()

    def language(self) -> str:
        return self.profile_page.language()

    def incident_ids(self) -> list[str]:
        result = self.readiness_page.result
        return list(result.incident_ids) if result is not None else []

    def allow_unapproved(self) -> bool:
        return self.readiness_page.allow_unapproved()

    # the export

    def set_exporting(self, exporting: bool, *, done: bool = False) -> None:
        """While the export runs there is no way back or out (it finishes anyway, and
        closing would hide whether it worked); once written, only Close."""
        self.exporting = exporting
        if exporting or done:
            self.setButtonLayout([QWizard.WizardButton.Stretch,
                                  QWizard.WizardButton.FinishButton])
        else:
            self.setButtonLayout(self._normal_buttons)
        if done and self.result_page.summary is not None:
            self.exported.emit(self.result_page.summary)

    def pages(self) -> list[JobPage]:
        return [self.readiness_page, self.preview_page, self.result_page]

    def stop(self) -> None:
        """Forget running jobs (the wizard is closing or the vault is locking)."""
        for page in self.pages():
            page.stop()

    def reject(self) -> None:
        if self.exporting:
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.exporting:
            return
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.exporting and self.isVisible():
            event.ignore()
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.stop()
