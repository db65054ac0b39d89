"""The taxonomy picker and the tag chips: the term tree, filtering in any language
(Arabic typed without hamza or diacritics), keyboard-only choice, and deprecated
terms (shown only where a record already has them, with their replacement)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from casebook.gui.i18n import Translations
from casebook.gui.tag_chips import TagChips, TermField
from casebook.gui.taxonomy_picker import (
    CODE_ROLE,
    LABEL,
    TaxonomyPickerDialog,
    TermFilterProxy,
    TermTreeModel,
    schemes_for,
    tag_schemes_for,
)
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.taxonomy.model import TermIndex, TermStatus
from casebook.taxonomy.shipped import default_taxonomy
from tests.gui.conftest import type_into

SUMMARY_EXECUTION = "act.summary-execution"
#: Deprecated by the update the tests below apply, in favour of SNIPER_REPLACEMENT.
SNIPER = "method.sniper"
SNIPER_REPLACEMENT = "method.small-arms"


@pytest.fixture
def index() -> TermIndex:
    return TermIndex(default_taxonomy().schemes)


def deprecate(session: VaultSession, code: str, replaced_by: str) -> TermIndex:
    """Apply version 2 of the shipped taxonomy, in which ``code`` is deprecated."""
    shipped = default_taxonomy()
    schemes = tuple(
        replace(scheme, terms=tuple(
            replace(term, status=TermStatus.DEPRECATED, replaced_by=replaced_by)
            if term.code == code else term for term in scheme.terms))
        for scheme in shipped.schemes
    )
    service = TaxonomyService(session)
    service.apply_update(replace(shipped, version=2, schemes=schemes))
    return service.index()


@pytest.fixture
def retired_index(vault_session: VaultSession) -> TermIndex:
    index = deprecate(vault_session, SNIPER, SNIPER_REPLACEMENT)
    term = index.get(SNIPER)
    assert term is not None and term.status is TermStatus.DEPRECATED
    return index


@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[None]:
    translations = Translations(qapp)
    translations.apply("ar")
    yield
    translations.clear()


def shown_codes(proxy: TermFilterProxy, parent: QModelIndex | None = None) -> list[str]:
    """Codes of the rows the filter lets through (matches and their parents)."""
    top = QModelIndex() if parent is None else parent
    found = []
    for row in range(proxy.rowCount(top)):
        index = proxy.index(row, LABEL, top)
        found.append(str(index.data(CODE_ROLE)))
        found += shown_codes(proxy, index)
    return found


def matched_codes(dialog: TaxonomyPickerDialog) -> list[str]:
    return [code for code in shown_codes(dialog.proxy)
            if dialog.proxy.is_match(dialog.proxy.mapFromSource(dialog.model.index_of(code)))]


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    """The pickers' parent: they delete themselves when closed, so the test closes
    this one instead."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def open_picker(qtbot: QtBot, holder: QWidget, index: TermIndex, schemes: list[str],
                checked: list[str] | None = None, *, single: bool = False
                ) -> TaxonomyPickerDialog:
    dialog = TaxonomyPickerDialog(index, schemes, checked or [], single=single, parent=holder)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# the model


def test_term_tree_model_passes_the_model_tester(qtmodeltester, index: TermIndex) -> None:
    model = TermTreeModel(index, schemes_for(index, "incident"), ["act.killing"])
    qtmodeltester.check(model)
    proxy = TermFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("execution")
    qtmodeltester.check(proxy)


def test_schemes_are_rows_and_terms_nest_under_their_parent(index: TermIndex) -> None:
    model = TermTreeModel(index, schemes_for(index, "act"), language="en")
    top = [model.index(row, LABEL).data(CODE_ROLE) for row in range(model.rowCount())]
    assert top[:3] == ["act", "method", "legal"]
    assert "victim" not in top and "source" not in top  # they do not apply to acts
    summary = model.index_of(SUMMARY_EXECUTION)
    assert summary.parent().data(CODE_ROLE) == "act.killing"
    assert summary.data() == "Summary execution"
    assert summary.siblingAtColumn(1).data() == SUMMARY_EXECUTION
    assert model.index(0, LABEL).flags() & Qt.ItemFlag.ItemIsUserCheckable == \
        Qt.ItemFlag.NoItemFlags  # a scheme is not a tag


def test_ticking_keeps_the_order_and_codes_the_tree_cannot_show(index: TermIndex) -> None:
    model = TermTreeModel(index, ["act"], ["victim.child", "act.torture", "shelling"])
    assert model.index_of("act.torture").data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Checked
    assert model.toggle(model.index_of(SUMMARY_EXECUTION))
    assert model.toggle(model.index_of("act.torture"))
    assert not model.toggle(model.index(0, LABEL))  # the scheme row
    # Codes of other schemes and unknown ones are left as they were.
    assert model.checked_codes() == ["victim.child", "shelling", SUMMARY_EXECUTION]


# filtering


def test_filter_matches_english_arabic_without_hamza_and_codes(
    qtbot: QtBot, holder: QWidget, index: TermIndex
) -> None:
    dialog = open_picker(qtbot, holder, index, schemes_for(index, "incident"))
    assert dialog.focusWidget() is dialog.search
    qtbot.keyClicks(dialog.search, "summary")
    assert SUMMARY_EXECUTION in matched_codes(dialog)
    assert "act.injury" not in shown_codes(dialog.proxy)
    assert "act.killing" in shown_codes(dialog.proxy)  # shown as the match's parent
    assert dialog.tree.isExpanded(
        dialog.proxy.mapFromSource(dialog.model.index_of("act.killing")))
    assert dialog.tree.currentIndex().data(CODE_ROLE) == SUMMARY_EXECUTION
    assert "Summary execution" in dialog.details.text()
    assert "الإعدام بإجراءات موجزة" in dialog.details.text()  # both languages
    assert "Geneva Conventions" in dialog.details.text()  # the legal reference

    dialog.search.clear()
    type_into(dialog.search, "اعدام")  # typed without the hamza
    assert SUMMARY_EXECUTION in matched_codes(dialog)
    assert "act.injury" not in shown_codes(dialog.proxy)

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "act.torture")
    assert matched_codes(dialog)[0] == "act.torture"

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "zzzz")
    assert shown_codes(dialog.proxy) == []
    assert dialog.no_match.isVisible()
    assert not dialog.details.text()


def test_english_finds_a_term_while_the_interface_is_arabic(
    qtbot: QtBot, holder: QWidget, index: TermIndex, arabic: None
) -> None:
    dialog = open_picker(qtbot, holder, index, schemes_for(index, "act"))
    assert dialog.isRightToLeft()
    qtbot.keyClicks(dialog.search, "summary execution")
    current = dialog.tree.currentIndex()
    assert current.data(CODE_ROLE) == SUMMARY_EXECUTION
    assert current.data() == "الإعدام بإجراءات موجزة"  # labels in the interface language


# the keyboard


def test_keyboard_only_ticking(qtbot: QtBot, holder: QWidget, index: TermIndex) -> None:
    dialog = open_picker(qtbot, holder, index, schemes_for(index, "incident"), ["act.killing"])
    qtbot.keyClicks(dialog.search, "summary")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.tree
    assert dialog.tree.currentIndex().data(CODE_ROLE) == SUMMARY_EXECUTION
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert dialog.model.is_checked(SUMMARY_EXECUTION)
    # Typing in the tree goes on filtering.
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.tree, "y")
    assert dialog.search.text() == "summary"
    assert dialog.focusWidget() is dialog.search
    qtbot.keyClicks(dialog.search, " ex")
    assert dialog.focusWidget() is dialog.search
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.selected_codes() == ["act.killing", SUMMARY_EXECUTION]


def test_escape_cancels(qtbot: QtBot, holder: QWidget, index: TermIndex) -> None:
    dialog = open_picker(qtbot, holder, index, ["act"])
    qtbot.keyClicks(dialog.search, "torture")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)


def test_single_select_picks_with_enter_or_a_double_click(
    qtbot: QtBot, holder: QWidget, index: TermIndex
) -> None:
    dialog = open_picker(qtbot, holder, index, ["act"], single=True)
    assert dialog.model.index_of("act.killing").data(Qt.ItemDataRole.CheckStateRole) is None
    dialog.tree.setCurrentIndex(dialog.proxy.index(0, LABEL))  # the scheme: nothing to pick
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.search, "summary")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert dialog.selected_codes() == [SUMMARY_EXECUTION]

    again = open_picker(qtbot, holder, index, ["act"], [SUMMARY_EXECUTION], single=True)
    assert again.tree.currentIndex().data(CODE_ROLE) == SUMMARY_EXECUTION  # the current one
    torture = again.proxy.mapFromSource(again.model.index_of("act.torture"))
    rect = again.tree.visualRect(torture)
    qtbot.mouseClick(again.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(again.accepted):
        qtbot.mouseDClick(again.tree.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert again.selected_codes() == ["act.torture"]


def test_term_field_shows_the_label_and_picks(qtbot: QtBot, index: TermIndex) -> None:
    field = TermField(index, "act", "Act type")
    qtbot.addWidget(field)
    field.set_value("act.torture")
    assert field.line.text() == "Torture and ill-treatment"
    picker = field.open_picker()
    qtbot.keyClicks(picker.search, "summary")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(field.changed):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert field.value() == SUMMARY_EXECUTION
    field.set_value("killing")  # a type written before the taxonomy: shown as it is
    assert field.line.text() == "killing" and field.line.font().italic()


# deprecated terms


def test_deprecated_terms_are_not_offered(
    qtbot: QtBot, holder: QWidget, retired_index: TermIndex
) -> None:
    dialog = open_picker(qtbot, holder, retired_index, schemes_for(retired_index, "act"))
    assert not dialog.model.index_of(SNIPER).isValid()
    qtbot.keyClicks(dialog.search, "sniper")
    assert SNIPER not in shown_codes(dialog.proxy)
    assert retired_index.label(SNIPER, "en") == "Sniper fire"
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "Sniper fire")
    assert shown_codes(dialog.proxy) == []


def test_a_deprecated_term_already_chosen_shows_greyed_with_its_replacement(
    qtbot: QtBot, holder: QWidget, retired_index: TermIndex
) -> None:
    dialog = open_picker(qtbot, holder, retired_index, ["method"], [SNIPER])
    sniper = dialog.model.index_of(SNIPER)
    assert sniper.isValid()
    assert sniper.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert sniper.data(Qt.ItemDataRole.ToolTipRole) == "Deprecated: use Small arms"
    assert dialog.tree.currentIndex().data(CODE_ROLE) == SNIPER
    assert "Deprecated: use Small arms" in dialog.details.text()
    # It can be unticked (and so dropped from the record).
    dialog.focus_tree()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert dialog.selected_codes() == []


# the chips


def test_chips_show_labels_and_remove_with_their_button(
    qtbot: QtBot, retired_index: TermIndex
) -> None:
    chips = TagChips(retired_index, tag_schemes_for(retired_index, "act"))
    qtbot.addWidget(chips)
    chips.show()
    assert "act" not in chips.schemes  # an act's type has its own field
    with qtbot.assertNotEmitted(chips.changed):
        chips.set_codes(["method.drone", SNIPER, "legal.gen-6a"])
    assert [chip.label.text() for chip in chips.chips] == [
        "Drones", "Sniper fire", "Genocide by killing members of the group"]
    assert chips.codes() == ["method.drone", SNIPER, "legal.gen-6a"]
    button = chips.chips[0].remove_button
    assert button.accessibleName() == "Remove the tag Drones"
    with qtbot.waitSignal(chips.changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert chips.codes() == [SNIPER, "legal.gen-6a"]
    QCoreApplication.processEvents()
    # The chips wrap rather than widen the form.
    chips.set_codes(["method.drone", "legal.gen-6a", "legal.gen-6b", "legal.gen-6c"])
    chips.resize(360, chips.heightForWidth(360))
    QCoreApplication.processEvents()
    tops = {chip.geometry().top() for chip in chips.chips}
    assert len(tops) > 1


def test_a_deprecated_chip_names_its_replacement(
    qtbot: QtBot, retired_index: TermIndex
) -> None:
    chips = TagChips(retired_index, tag_schemes_for(retired_index, "incident"))
    qtbot.addWidget(chips)
    chips.set_codes(["method.drone", SNIPER, "shelling"])
    drone, sniper, unknown = chips.chips
    assert not drone.retired and drone.toolTip().startswith("Methods and weapons · method.drone")
    assert sniper.retired and sniper.property("retired") is True
    assert sniper.toolTip() == "Deprecated: use Small arms"
    assert unknown.retired and unknown.label.text() == "shelling"
    assert "Not a term of this vault's taxonomy" in unknown.toolTip()


def test_add_tag_opens_the_picker_with_the_tags_ticked(
    qtbot: QtBot, retired_index: TermIndex
) -> None:
    chips = TagChips(retired_index, tag_schemes_for(retired_index, "incident"))
    qtbot.addWidget(chips)
    chips.set_codes([SNIPER, "shelling"])
    qtbot.mouseClick(chips.add_button, Qt.MouseButton.LeftButton)
    picker = chips.picker
    assert picker is not None and picker.isVisible()
    assert picker.model.is_checked(SNIPER) and picker.model.is_checked("shelling")
    qtbot.keyClicks(picker.search, "drone")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
    with qtbot.waitSignal(chips.changed):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert chips.codes() == [SNIPER, "shelling", "method.drone"]
    assert chips.chips[-1].label.text() == "Drones"
    # Cancelling changes nothing.
    picker = chips.open_picker()
    picker.model.toggle(picker.model.index_of("method.drone"))
    with qtbot.assertNotEmitted(chips.changed):
        picker.reject()
    assert chips.codes() == [SNIPER, "shelling", "method.drone"]
