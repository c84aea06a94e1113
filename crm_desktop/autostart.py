"""Start with the operating system, so reminders and cheque alerts still ring after a reboot.

Windows: a value in HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run. Linux and other
XDG desktops: ``~/.config/autostart/crm-desktop.desktop``. No Qt here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "crm_desktop"
DESKTOP_FILE = "crm-desktop.desktop"


def launch_command(db_path=None) -> list[str]:
    """The command that starts the app minimised to the tray."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        executable = sys.executable
        if sys.platform == "win32":  # no console window at log-on
            pythonw = Path(executable).with_name("pythonw.exe")
            if pythonw.exists():
                executable = str(pythonw)
        command = [executable, "-m", "crm_desktop"]
    if db_path:
        command += ["--db", str(Path(db_path).resolve())]
    command += ["gui", "--minimized"]
    return command


def _xdg_autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


def _desktop_entry(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=crm_desktop",
            "Name[fa]=دفتر کار",
            "Comment=Office CRM: reminders and cheque alerts",
            f"Exec={shlex.join(command)}",
            "X-GNOME-Autostart-enabled=true",
            "Terminal=false",
            "",
        ]
    )


def is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, VALUE_NAME)
            return True
        except OSError:
            return False
    return (_xdg_autostart_dir() / DESKTOP_FILE).exists()


def enable(db_path=None) -> None:
    command = launch_command(db_path)
    if sys.platform == "win32":
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, VALUE_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(command))
        return
    folder = _xdg_autostart_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / DESKTOP_FILE
    temp = target.with_suffix(".tmp")
    temp.write_text(_desktop_entry(command), encoding="utf-8")
    os.replace(temp, target)


def disable() -> None:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, VALUE_NAME)
        except OSError:
            pass
        return
    try:
        (_xdg_autostart_dir() / DESKTOP_FILE).unlink()
    except FileNotFoundError:
        pass


def set_enabled(enabled: bool, db_path=None) -> None:
    enable(db_path) if enabled else disable()
