"""The designer's templates: save, new (from the built-in Sayad leaf), duplicate, rename, delete
(never the last), import and export as JSON files, and the unsaved-changes question.

Each function takes the designer window. The file questions go through replaceable hooks
(``ask_open_path``, ``ask_save_path``), the name through ``ui.name_prompt`` (a name refused, taken
or too long, is told in red under the line and the prompt stays open with what was typed; its
``exec_hook`` answers it in tests), message boxes through ``ui.dialogs`` (its ``exec_hook``), so
tests never block on a modal dialog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm_desktop.cheque_print.builtin import sayad_template
from crm_desktop.core.digits import to_persian
from crm_desktop.errors import UserError
from crm_desktop.ui import dialogs
from crm_desktop.ui.name_prompt import ask_name

JSON_FILTER = "نمونه چاپی (*.json)"
IMAGE_FILTER = "تصویر (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
REQUIRED = "نام نمونه چاپی را بنویسید."  # what the prompt says for a name one cannot see


def _ask_open_path(parent: QWidget, title: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, _documents(), filters)[0]


def _ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, filters)[0]


#: (parent, title, filters) -> a path or ''. Tests replace it.
ask_open_path: Callable[[QWidget, str, str], str] = _ask_open_path
#: (parent, title, suggested path, filters) -> a path or ''. Tests replace it.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())


def ask_unsaved(parent: QWidget, name: str) -> str:
    """SAVE, DISCARD or CANCEL for a template with unsaved changes («ذخیره» is the default)."""
    box = dialogs.build_confirm(parent, f"تغییرات نمونه چاپی «{name}» ذخیره نشده است. ذخیره شود؟",
                                "تغییرات ذخیره نشده", yes_text="ذخیره", no_text="ذخیره نشود", default_yes=True)
    cancel = box.addButton(dialogs.CANCEL_TEXT, QMessageBox.RejectRole)
    cancel.setObjectName("dialog.cancel")
    box.setEscapeButton(cancel)
    dialogs.exec_hook(box)
    clicked = box.clickedButton()
    return {"dialog.yes": SAVE, "dialog.no": DISCARD}.get(clicked.objectName() if clicked else "", CANCEL)


def confirm_leave(designer) -> bool:
    """May the designer leave the template it shows (close, switch, new, import)?"""
    if not designer.is_dirty():
        return True
    answer = ask_unsaved(designer, designer.template.name)
    if answer == SAVE:
        return save(designer)
    return answer == DISCARD


def save(designer) -> bool:
    try:
        template_id = designer.repo.save(designer.template)
    except UserError as error:
        dialogs.show_error(designer, error)
        return False
    designer.template.id = template_id
    designer.undo.setClean()
    designer.refresh_list()
    designer.status(f"نمونه چاپی «{designer.template.name}» ذخیره شد.")
    return True


def unique_name(repo, base: str) -> str:
    name, n = base, 2
    while repo.by_name(name) is not None:
        name, n = f"{base} {to_persian(n)}", n + 1
    return name


def new_template(designer) -> int | None:
    """A new template from the built-in Sayad leaf, named by the operator and stored at once."""
    if not confirm_leave(designer):
        return None

    def store(name: str) -> int:
        template = sayad_template()
        template.name = name
        return designer.repo.save(template)

    template_id = ask_name(designer, "نمونه چاپی تازه", "نام نمونه تازه (مثلاً نام بانک):",
                           unique_name(designer.repo, "نمونه تازه"), store, REQUIRED)
    if template_id is None:
        return None
    designer.load(template_id)
    return template_id


def duplicate(designer) -> int | None:
    """A copy of the template as stored («… (رونوشت)»); unsaved changes are asked about first."""
    if not confirm_leave(designer):
        return None
    try:
        template_id = designer.repo.duplicate(designer.template.id)
    except UserError as error:
        dialogs.show_error(designer, error)
        return None
    designer.load(template_id)
    return template_id


def rename(designer, name: str | None = None) -> bool:
    """A new name, stored at once (not an undoable step). Asked for in the name prompt (a taken
    name is told in it); a name typed in the properties pane gets a Persian message instead."""
    current = designer.template.name

    def store(typed: str) -> bool:
        if " ".join(typed.split()) != current:
            designer.repo.rename(designer.template.id, typed)
        return True

    if name is None:
        renamed = bool(ask_name(designer, "تغییر نام نمونه چاپی", "نام تازه:", current, store, REQUIRED))
    else:
        try:
            renamed = store(name)
        except UserError as error:
            dialogs.show_error(designer, error)
            renamed = False
    if not renamed or designer.repo.get(designer.template.id).name == current:
        designer.show_template()
        return False
    designer.template.name = designer.repo.get(designer.template.id).name
    designer.refresh_list()
    designer.show_template()
    return True


def delete(designer) -> bool:
    repo, template = designer.repo, designer.template
    if len(repo.names()) <= 1:
        dialogs.show_error(designer, "آخرین نمونه چاپی حذف نمی‌شود؛ برای چاپ دست‌کم یک نمونه لازم است.")
        return False
    if not dialogs.confirm(designer, f"نمونه چاپی «{template.name}» برای همیشه حذف شود؟", "حذف نمونه چاپی"):
        return False
    try:
        repo.delete(template.id)
    except UserError as error:
        dialogs.show_error(designer, error)
        return False
    designer.undo.clear()
    designer.load(repo.templates()[0].id)
    return True


def import_file(designer) -> int | None:
    """A template shared by another office; a malformed file gets a Persian message and
    changes nothing. A name already taken gets « (۲)»."""
    if not confirm_leave(designer):
        return None
    path = ask_open_path(designer, "ورود نمونه چاپی از پرونده", JSON_FILTER)
    if not path:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        dialogs.show_error(designer, f"پرونده «{dialogs.path_text(path)}» خوانده نشد؛ پرونده نمونه چاپی (JSON) نیست.")
        return None
    try:
        template_id = designer.repo.import_json(text)
    except UserError as error:
        dialogs.show_error(designer, error)
        return None
    designer.undo.clear()
    designer.load(template_id)
    designer.status(f"نمونه چاپی «{designer.template.name}» از پرونده وارد شد.")
    return template_id


def export_file(designer) -> str | None:
    """The template as shown (unsaved changes too, with its scanned leaf) to a JSON file."""
    template = designer.template
    stem = "".join(ch for ch in template.name if ch not in '\\/:*?"<>|').strip() or "نمونه چاپی"
    path = ask_save_path(designer, "خروجی نمونه چاپی", str(Path(_documents()) / f"{stem}.json"), JSON_FILTER)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".json":
        target = target.with_name(target.name + ".json")
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_text(template.to_json(), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        dialogs.show_error(designer, f"پرونده «{dialogs.path_text(target)}» نوشته نشد.")
        return None
    designer.status(f"نمونه چاپی در «{dialogs.path_text(target)}» نوشته شد.")
    return str(target)


def read_image(designer) -> bytes | None:
    """The bytes of a scanned leaf the operator chose (None: cancelled or not an image)."""
    from PySide6.QtGui import QPixmap

    path = ask_open_path(designer, "تصویر اسکن‌شده برگ چک", IMAGE_FILTER)
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = b""
    if not data or not QPixmap().loadFromData(data):
        dialogs.show_error(designer, f"پرونده «{dialogs.path_text(path)}» تصویر خوانایی نیست.")
        return None
    return data
