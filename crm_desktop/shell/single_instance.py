"""One running app per database: a second launch asks the first to come forward and exits,
so the database is never opened twice."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"


def server_name(db_path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems; the path alone still separates
        user = ""
    digest = hashlib.sha1(f"{user}|{Path(db_path).resolve()}".encode("utf-8")).hexdigest()[:16]
    return f"crm_desktop-{digest}"


class SingleInstance(QObject):
    """``claim()`` is True for the first launch; later launches activate it and get False."""

    activationRequested = Signal()

    def __init__(self, db_path, parent=None):
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server: QLocalServer | None = None

    def _ask_running_instance(self, timeout_ms: int = 500) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        if self._ask_running_instance():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket left by a crashed instance (Unix): nobody answered, so remove it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot listen: still run; the database lock keeps us safe
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll()).startswith(ACTIVATE.strip()):
            self.activationRequested.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
