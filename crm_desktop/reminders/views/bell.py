"""The alarm bell: a bundled sound (resources/sounds/*.wav) played through QSoundEffect.

Sound is a nicety, never a risk: when QtMultimedia cannot be loaded (e.g. libpulse0 missing on
Linux), the PC has no audio output, or the effect fails to load or play, the bell falls back to
the system beep (QApplication.beep); it never raises and never blocks the event loop.

Tests never need a sound card: they hand the scheduler a fake bell (any object with ``ring``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from crm_desktop.paths import resource

log = logging.getLogger(__name__)

#: key → Persian name; the key is what preferences.alarm_sound and reminders.sound store
SOUNDS: dict[str, str] = {
    "bell": "زنگ",
    "chime": "دینگ‌دانگ",
    "soft_beep": "بوق ملایم",
    "melody": "نغمه",
}
DEFAULT_SOUND = "bell"
SILENT = "silent"  # a reminder's own sound: never ring for it

# Qt Multimedia's plugin loader is chatty about optional libraries (pipewire, VA-API) it tries
_QUIET_RULES = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false\nqt.multimedia.ffmpeg.*=false"


def sound_file(key: str) -> Path | None:
    """The WAV for a bundled sound key, or None for an unknown key or a missing file."""
    if key not in SOUNDS:
        return None
    path = resource("sounds", f"{key}.wav")
    return path if path.is_file() else None


def _system_beep() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.beep()


_multimedia_cache: list = []  # [module or None], filled on first use


def load_multimedia():
    """The QtMultimedia module, or None when it cannot be imported on this PC (once per process)."""
    if not _multimedia_cache:
        try:
            from PySide6.QtCore import QLoggingCategory

            QLoggingCategory.setFilterRules(_QUIET_RULES)
            from PySide6 import QtMultimedia
        except Exception as error:  # ImportError, or a missing shared library surfacing otherwise
            log.warning("no QtMultimedia, alarms use the system beep: %s", error)
            QtMultimedia = None
        _multimedia_cache.append(QtMultimedia)
    return _multimedia_cache[0]


class Bell:
    """Rings a bundled sound at a volume (0–100), or nothing when silent.

    ``ring()`` returns what it did: "silent", "sound" or "beep" (tests and the log read it).
    ``multimedia`` and ``beep`` are injectable: tests pass a loader returning None and a fake beep."""

    def __init__(self, volume: int = 80, sound: str = DEFAULT_SOUND, silent: bool = False, *,
                 beep: Callable[[], None] = _system_beep, multimedia: Callable[[], object] = load_multimedia):
        self.volume = 80
        self.sound = DEFAULT_SOUND
        self.silent = False
        self._beep = beep
        self._multimedia = multimedia
        self._effects: dict[str, object] = {}
        self.configure(volume=volume, sound=sound, silent=silent)

    def configure(self, *, volume: int | None = None, sound: str | None = None, silent: bool | None = None) -> None:
        if volume is not None:
            self.volume = max(0, min(100, int(volume)))
        if sound is not None:
            self.sound = sound if sound in SOUNDS else DEFAULT_SOUND
        if silent is not None:
            self.silent = bool(silent)

    def configure_from(self, prefs) -> None:
        """Take the office's alarm preferences (defaults while a field is missing)."""
        self.configure(volume=getattr(prefs, "alarm_volume", 80), sound=getattr(prefs, "alarm_sound", DEFAULT_SOUND),
                       silent=getattr(prefs, "alarm_silent", False))

    def ring(self, sound: str | None = None) -> str:
        """Ring once: ``sound`` is a reminder's own choice ('' or None: the office's; 'silent')."""
        if self.silent or sound == SILENT or self.volume == 0:
            return "silent"
        key = sound if sound in SOUNDS else self.sound
        try:
            if self._play(key):
                return "sound"
        except Exception as error:  # a sound must never break an alarm
            log.warning("alarm sound %s failed: %s", key, error)
        return self._fallback()

    def _fallback(self) -> str:
        try:
            self._beep()
        except Exception as error:
            log.warning("system beep failed: %s", error)
        return "beep"

    def _play(self, key: str) -> bool:
        multimedia = self._multimedia()
        if multimedia is None or not multimedia.QMediaDevices.audioOutputs():
            return False
        effect = self._effect(multimedia, key)
        if effect is None or effect.status() == multimedia.QSoundEffect.Error:
            return False
        effect.setVolume(self.volume / 100)
        effect.play()  # asynchronous; a sound still loading plays once loaded
        return True

    def _effect(self, multimedia, key: str):
        if key in self._effects:
            return self._effects[key]
        path = sound_file(key)
        if path is None:
            log.warning("alarm sound %s is not bundled", key)
            return None
        from PySide6.QtCore import QUrl

        effect = multimedia.QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        error = multimedia.QSoundEffect.Error

        def on_status() -> None:
            if effect.status() == error:
                log.warning("alarm sound %s could not be loaded or played", key)
                self._effects.pop(key, None)
                self._fallback()

        effect.statusChanged.connect(on_status)
        self._effects[key] = effect
        return effect
