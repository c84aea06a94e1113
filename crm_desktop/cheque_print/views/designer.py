"""«طراحی نمونه چاپی»: the layout designer. The leaf to scale between mm rulers (leaf_view,
canvas), the properties pane (properties), the warnings (fields outside the leaf, words shrunk or
not fitting, a font not installed), the templates (template_actions) and the printer's
calibration (calibration_dialog). The fields are drawn by print_render, the printout's own code,
with sample values or a real paid cheque from the book.

Every edit is one undoable step (edits.StateCommand over the whole working copy); the working
copy is stored with «ذخیره» (Ctrl+S), and leaving a template with unsaved changes asks first.

    window = open_designer(office, parent)       # one designer per parent, raised if open
"""

from __future__ import annotations

from copy import deepcopy

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.cheque_print.model import KINDS, Field, Template
from crm_desktop.cheque_print.views import drag, template_actions
from crm_desktop.cheque_print.views.edits import StateCommand
from crm_desktop.cheque_print.views.leaf_view import LeafView
from crm_desktop.ui.actions import make_action
from crm_desktop.cheque_print.views.placement import new_field
from crm_desktop.cheque_print.views.properties import NAMES, PropertiesPane
from crm_desktop.cheque_print.views.values_combo import ValuesCombo
from crm_desktop.cheque_print.views.warnings_list import WarningsList
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui.screen import fit

TITLE = "طراحی نمونه چاپی"


class DesignerWindow(QMainWindow):
    def __init__(self, office, parent: QWidget | None = None, template_id: int | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("designer")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.office = office
        self.repo = office.cheque_print
        self.template = Template("")
        self.undo = QUndoStack(self)
        self.undo.cleanChanged.connect(lambda _clean: self._update_title())
        self.undo.indexChanged.connect(lambda _i: self._update_title())

        self.view = LeafView(self)
        self.canvas = self.view.canvas
        self.properties = PropertiesPane(self)
        self.warnings = WarningsList(self)
        self.warnings.fieldChosen.connect(self.canvas.select)
        self.templates = QComboBox(self)
        self.templates.setObjectName("designer.templates")
        self.templates.setAccessibleName("نمونه چاپی")
        self.templates.setMinimumContentsLength(14)
        self.templates.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.templates.activated.connect(self._template_chosen)
        self.values = ValuesCombo(office, self)
        self.values.valuesChanged.connect(self._values_changed)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("designer.zoom")
        self._build_actions()
        self._build_layout()

        self.canvas.fieldEdited.connect(self._field_dragged)
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.canvas.deleteRequested.connect(self.delete_field)
        self.properties.fieldEdited.connect(self._property_edited)
        self.properties.leafEdited.connect(self._leaf_edited)
        self.properties.renameRequested.connect(lambda name: template_actions.rename(self, name))
        self.properties.backgroundRequested.connect(self.set_background)
        self.properties.fieldChosen.connect(self.canvas.select)
        self.view.zoomChanged.connect(lambda percent: self.zoom_label.setText(f"بزرگ‌نمایی {to_persian(percent)}٪"))

        self.refresh_list()
        first = template_id if template_id is not None else (self.repo.templates() or [Template("")])[0].id
        self.load(first)
        self.canvas.set_values(self.values.values())
        fit(self, parent, 1280, 740)
        self._wrap_toolbars()  # before the first show: its first frame has the rows it keeps

    # --- building -----------------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot, shortcuts=(), tip: str = "") -> QAction:
        return make_action(self, text, name, slot, shortcuts, tip, context=Qt.WindowShortcut)

    def _toggle(self, text: str, name: str, slot, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setChecked(True)
        action.setToolTip(tip)
        action.toggled.connect(slot)
        return action

    def _build_actions(self) -> None:
        ta = template_actions
        self.save_action = self._action("ذخیره", "designer.save", lambda: ta.save(self), [QKeySequence.Save],
                                        "ذخیره نمونه چاپی")
        self.new_action = self._action("نمونه تازه…", "designer.new", lambda: ta.new_template(self),
                                       tip="نمونه تازه از روی برگ یکسان صیادی")
        self.duplicate_action = self._action("رونوشت", "designer.duplicate", lambda: ta.duplicate(self))
        self.rename_action = self._action("تغییر نام…", "designer.rename", lambda: ta.rename(self))
        self.delete_template_action = self._action("حذف نمونه…", "designer.delete_template", lambda: ta.delete(self))
        self.import_action = self._action("ورود از پرونده…", "designer.import", lambda: ta.import_file(self),
                                          tip="نمونه چاپی که دفتر دیگری فرستاده (JSON)")
        self.export_action = self._action("خروجی به پرونده…", "designer.export", lambda: ta.export_file(self),
                                          tip="نمونه چاپی در پرونده JSON، برای دفترهای دیگر")
        self.close_action = self._action("بستن", "designer.close", self.close, ["Ctrl+W"])
        self.undo_action = self._action("واگرد", "designer.undo", self.undo.undo, [QKeySequence.Undo])
        self.redo_action = self._action("ازنو", "designer.redo", self.undo.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.undo.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo.canRedoChanged.connect(self.redo_action.setEnabled)
        for action, changed, word in ((self.undo_action, self.undo.undoTextChanged, "واگرد"),
                                      (self.redo_action, self.undo.redoTextChanged, "ازنو")):
            changed.connect(lambda text, a=action, w=word: a.setToolTip(f"{w}: {text}" if text else w))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.add_menu = QMenu("افزودن فیلد", self)
        self.add_menu.setObjectName("designer.add_menu")
        for kind, label in KINDS.items():
            action = self.add_menu.addAction(label)
            action.setObjectName(f"designer.add.{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.add_field(k))
        self.delete_field_action = self._action("حذف فیلد", "designer.delete_field", self.delete_field,
                                                tip="حذف فیلد انتخاب‌شده (Delete روی برگ)؛ با واگرد برمی‌گردد")
        self.zoom_in_action = self._action("بزرگ‌تر", "designer.zoom_in", self.view.zoom_in, ["Ctrl+=", "Ctrl++"])
        self.zoom_out_action = self._action("کوچک‌تر", "designer.zoom_out", self.view.zoom_out, ["Ctrl+-"])
        self.fit_action = self._action("اندازه پنجره", "designer.fit", self.view.fit, ["Ctrl+0"],
                                       "همه برگ در پنجره")
        self.snap_action = self._toggle("چسبیدن به شبکه", "designer.snap", self._set_snap,
                                        "لبه‌های فیلد هنگام کشیدن روی شبکه نیم‌میلی‌متری می‌نشیند")
        self.grid_action = self._toggle("شبکه", "designer.grid", self._set_grid, "شبکه میلی‌متری روی برگ")
        self.background_action = self._toggle("تصویر زمینه", "designer.show_background", self._set_show_background,
                                              "نمایش تصویر اسکن‌شده برگ زیر فیلدها (هرگز چاپ نمی‌شود)")
        self.calibrate_action = self._action("تنظیم چاپگر…", "designer.calibrate", self.calibrate,
                                             tip="جابه‌جایی چاپگر، شیوه گذاشتن برگ و چاپ صفحه آزمایشی")

    def _build_layout(self) -> None:
        menu = self.menuBar().addMenu("نمونه")
        for action in (self.save_action, None, self.new_action, self.duplicate_action, self.rename_action,
                       self.delete_template_action, None, self.import_action, self.export_action, None,
                       self.calibrate_action, None, self.close_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu("ویرایش")
        for action in (self.undo_action, self.redo_action, None):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.addMenu(self.add_menu)
        menu.addAction(self.delete_field_action)
        menu = self.menuBar().addMenu("نما")
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, None, self.grid_action,
                       self.snap_action, self.background_action):
            menu.addSeparator() if action is None else menu.addAction(action)

        bar = QToolBar("نمونه", self)
        bar.setObjectName("designer.toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        bar.addWidget(QLabel(" نمونه: ", bar))
        bar.addWidget(self.templates)
        bar.addAction(self.save_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        add = QToolButton(bar)
        add.setObjectName("designer.add")
        add.setText("افزودن فیلد ▾")
        add.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        add.setMenu(self.add_menu)
        add.setPopupMode(QToolButton.InstantPopup)
        bar.addWidget(add)
        bar.addAction(self.delete_field_action)
        bar.addSeparator()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action, self.snap_action):
            bar.addAction(action)
        self.addToolBar(bar)
        self.toolbar = bar
        # beside the first on a roomy screen, a row of its own on a narrow one (_wrap_toolbars)
        preview = QToolBar("پیش‌نمایش", self)
        preview.setObjectName("designer.preview_bar")
        preview.setMovable(False)
        preview.setToolButtonStyle(Qt.ToolButtonTextOnly)
        preview.addWidget(QLabel(" پیش‌نمایش با: ", preview))
        preview.addWidget(self.values)
        spacer = QWidget(preview)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        preview.addWidget(spacer)
        preview.addAction(self.calibrate_action)
        self.addToolBar(preview)
        self.preview_bar = preview

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.view, 1)
        column.addWidget(self.warnings)
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.setObjectName("designer.splitter")
        splitter.addWidget(self.properties)  # first: on the right, where a right-to-left eye starts
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.statusBar().addPermanentWidget(self.zoom_label)

    # --- templates ----------------------------------------------------------------------------------
    def refresh_list(self) -> None:
        self.templates.clear()
        for template in self.repo.templates():
            self.templates.addItem(template.name, template.id)
        self.templates.setCurrentIndex(max(0, self.templates.findData(self.template.id)))

    def load(self, template_id: int) -> None:
        """Show the stored template ``template_id``; the undo history starts anew."""
        template = self.repo.get(template_id)
        if template is None:
            return
        self.undo.clear()
        self.template = template
        self.refresh_list()
        self.canvas.set_template(self.template, -1)
        self.show_template()
        if self.view.fitting:
            self.view.fit()
        self._update_title()

    def _template_chosen(self, index: int) -> None:
        template_id = self.templates.itemData(index)
        if template_id == self.template.id:
            return
        if template_actions.confirm_leave(self):
            self.load(template_id)
        else:
            self.templates.setCurrentIndex(self.templates.findData(self.template.id))

    def is_dirty(self) -> bool:
        return not self.undo.isClean()

    def _update_title(self) -> None:
        try:
            mark = " *" if self.is_dirty() else ""
        except RuntimeError:  # the stack clears itself while the window is being deleted
            return
        self.setWindowTitle(f"{TITLE} — {self.template.name}{mark}")
        self.save_action.setEnabled(self.is_dirty())

    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- edits: one undoable step each --------------------------------------------------------------
    def change(self, edit, text: str, *, merge=None, select: int | None = None) -> bool:
        """Apply ``edit(template)`` to a copy of the working template as one undoable step."""
        before = deepcopy(self.template)
        after = deepcopy(self.template)
        edit(after)
        try:
            after.validate()
        except UserError as error:
            self.status(error.fa)
            self.show_template()
            return False
        if after == before:
            return False
        selected = self.canvas.selected
        self.undo.push(StateCommand(self, before, after, text, merge, selected,
                                    selected if select is None else select))
        return True

    def restore(self, state: Template, selected: int) -> None:
        """Show a state of the undo history (the name and id stay those of the stored template)."""
        template = deepcopy(state)
        template.name, template.id = self.template.name, self.template.id
        self.template = template
        self.canvas.set_template(template, selected)
        self.show_template()

    def show_template(self) -> None:
        self.properties.show_template(self.template, self.canvas.selected)
        self.delete_field_action.setEnabled(self.canvas.selected >= 0)
        self.background_action.setEnabled(bool(self.template.background))
        self._update_title()
        self.refresh_warnings()

    def _field_dragged(self, index: int, field: Field, text: str) -> None:
        self.change(lambda t: t.fields.__setitem__(index, field), text, select=index)

    def _property_edited(self, index: int, name: str, value) -> None:
        def edit(t: Template) -> None:
            f = t.fields[index]
            was_line = f.kind == "line"
            x, y, w, _h = f.boxes()[0]
            setattr(f, name, value)
            if name != "kind" or was_line == (value == "line"):
                return
            if value == "line":  # a text box becomes a thin line along its bottom
                f.y, f.h, f.size, f.line2 = f.y + f.h, 0.0, 4.0, None
            else:  # a line becomes a box of one line of text where it was
                f.x, f.y, f.w, f.h, f.size, f.min_size = x, y, max(w, 10.0), 7.0, 11.0, 7.0
            if value == "text" and not f.text:
                f.text = "متن آزاد"

        label = self.template.fields[index].label
        self.change(edit, f"{NAMES.get(name, name)} «{label}»", merge=("field", index, name))

    def _leaf_edited(self, name: str, value) -> None:
        labels = {"width": "پهنای برگ", "height": "بلندی برگ", "note": "یادداشت نمونه"}
        self.change(lambda t: setattr(t, name, value), labels.get(name, name), merge=("leaf", name))

    def add_field(self, kind: str) -> None:
        f = new_field(kind, self.template)
        self.change(lambda t: t.fields.append(f), f"افزودن «{f.label}»", select=len(self.template.fields))
        self.canvas.setFocus()

    def delete_field(self) -> None:
        index = self.canvas.selected
        if index < 0:
            return
        label = self.template.fields[index].label
        if self.change(lambda t: t.fields.pop(index), f"حذف «{label}»", select=-1):
            self.status(f"«{label}» حذف شد؛ با واگرد (Ctrl+Z) برمی‌گردد.")

    def set_background(self, choose: bool) -> None:
        data = template_actions.read_image(self) if choose else None
        if choose and data is None:
            return
        self.change(lambda t: setattr(t, "background", data), "تصویر زمینه" if choose else "برداشتن تصویر زمینه")
        if choose:
            self.background_action.setChecked(True)

    # --- view ---------------------------------------------------------------------------------------
    def _selection_changed(self, _index: int) -> None:
        self.properties.show_template(self.template, self.canvas.selected)
        self.delete_field_action.setEnabled(self.canvas.selected >= 0)

    def _values_changed(self, values) -> None:
        self.canvas.set_values(values)
        self.refresh_warnings()

    def _set_snap(self, on: bool) -> None:
        self.canvas.snap_step = drag.SNAP if on else None

    def _set_grid(self, on: bool) -> None:
        self.canvas.show_grid = on
        self.canvas.update()

    def _set_show_background(self, on: bool) -> None:
        self.canvas.show_background = on
        self.canvas.update()

    def warning_texts(self) -> list[str]:
        return self.warnings.texts()

    def refresh_warnings(self) -> None:
        self.warnings.show_for(self.template, self.canvas.values)

    def calibrate(self):
        from crm_desktop.cheque_print.views.calibration_dialog import CalibrationDialog

        dialog = CalibrationDialog(self.office, self.template, self.canvas.values, self)
        dialog.exec()
        return dialog

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._wrap_toolbars()

    def _wrap_toolbars(self) -> None:
        """The preview toolbar goes to a second row when the two do not fit side by side (a
        1024 px netbook), so no tool hides behind the toolbar's » menu; back when there is room."""
        wrap = self.toolbar.sizeHint().width() + self.preview_bar.sizeHint().width() > self.width()
        if wrap != self.toolBarBreak(self.preview_bar):
            if wrap:
                self.insertToolBarBreak(self.preview_bar)
            else:
                self.removeToolBarBreak(self.preview_bar)

    # --- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if template_actions.confirm_leave(self):
            event.accept()
        else:
            event.ignore()


def open_designer(office, parent: QWidget | None = None) -> DesignerWindow:
    """The designer window (one per parent: an open one is raised)."""
    existing = parent.findChild(DesignerWindow) if parent is not None else None
    window = existing or DesignerWindow(office, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
