"""A file's photo (عکس پرسنلی): shown in a passport-sized frame, «انتخاب عکس…» / «حذف عکس».
A file that is not a picture or cannot be read gets a Persian message under the frame; a big
photo is scaled down to 1000 px before it is stored (a scan of 8 MB makes a 150 KB photo)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.files.views.common import error_label

PHOTO_FILTER = "عکس (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"
FRAME = (96, 120)
MAX_SIDE = 1000
NO_PHOTO = "بدون عکس"


def _pick_photo(parent) -> str:
    return QFileDialog.getOpenFileName(parent, "عکس", "", PHOTO_FILTER)[0]


def photo_bytes(data: bytes) -> bytes | None:
    """The photo as stored: the same bytes, or a JPEG no larger than MAX_SIDE; None if not a picture."""
    image = QImage()
    if not image.loadFromData(data):
        return None
    if max(image.width(), image.height()) <= MAX_SIDE:
        return data
    image = image.scaled(MAX_SIDE, MAX_SIDE, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "JPEG", 90)
    buffer.close()
    return bytes(out.data())


class PhotoBox(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, pick: Callable[[QWidget], str] | None = None):
        super().__init__(parent)
        self.setObjectName("file.photo")
        self.pick = pick or _pick_photo
        self._photo: bytes | None = None
        self.frame = QLabel(NO_PHOTO, self)
        self.frame.setObjectName("file.photo.frame")
        self.frame.setAlignment(Qt.AlignCenter)
        self.frame.setFixedSize(*FRAME)
        self.frame.setStyleSheet("border: 1px dashed #9e9e9e; color: #757575;")
        self.choose_button = QPushButton("انتخاب عکس…", self)
        self.choose_button.setObjectName("file.photo.choose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("حذف عکس", self)
        self.remove_button.setObjectName("file.photo.remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.error = error_label("file.photo.error")
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.frame)
        row.addLayout(buttons)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.error)
        self._show()

    def photo(self) -> bytes | None:
        return self._photo

    def set_photo(self, data: bytes | None) -> None:
        self._photo = data
        self.error.hide()
        self._show()

    def choose(self) -> bool:
        path = self.pick(self)
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.show_error(f"عکس خوانده نشد: {error.strerror or error}")
            return False
        stored = photo_bytes(data) if data else None
        if stored is None:
            self.show_error("این پرونده عکس نیست؛ یک تصویر PNG یا JPEG برگزینید.")
            return False
        self.set_photo(stored)
        self.changed.emit()
        return True

    def remove(self) -> None:
        self.set_photo(None)
        self.changed.emit()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _show(self) -> None:
        pixmap = QPixmap()
        if self._photo and pixmap.loadFromData(self._photo):
            self.frame.setPixmap(pixmap.scaled(self.frame.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.frame.setPixmap(QPixmap())
            self.frame.setText(NO_PHOTO)
        self.remove_button.setEnabled(self._photo is not None)
