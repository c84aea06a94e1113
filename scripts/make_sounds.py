"""Make the bundled alarm sounds (resources/sounds/*.wav) from a few lines of arithmetic.

    python scripts/make_sounds.py [OUT_DIR]

Each sound is mono, 16-bit, 22,050 Hz and under 100 KB; running it again writes the same bytes.
The keys and Persian names the app shows are in crm_desktop/reminders/views/bell.py (SOUNDS)."""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.8  # of full scale: loud enough, never clipping


def silence(seconds: float) -> list[float]:
    return [0.0] * int(seconds * RATE)


def tone(seconds: float, partials, *, attack: float = 0.004) -> list[float]:
    """A sum of decaying sines: ``partials`` is ``(frequency, amplitude, decay seconds)``."""
    n = int(seconds * RATE)
    out = []
    for i in range(n):
        t = i / RATE
        value = sum(a * math.exp(-t / d) * math.sin(2 * math.pi * f * t) for f, a, d in partials)
        out.append(value * min(1.0, t / attack))
    return out


def mix(length: float, *parts) -> list[float]:
    """Lay ``(start seconds, samples)`` parts over ``length`` seconds of silence."""
    out = silence(length)
    for start, samples in parts:
        offset = int(start * RATE)
        for i, value in enumerate(samples[: len(out) - offset]):
            out[offset + i] += value
    return out


def bell() -> list[float]:
    """«زنگ»: a small struck bell, twice (inharmonic partials, the higher ones die first)."""
    f = 784.0  # G5
    partials = [(f * 0.5, 0.35, 0.9), (f, 1.0, 0.7), (f * 1.19, 0.45, 0.45), (f * 1.56, 0.3, 0.35),
                (f * 2.0, 0.4, 0.3), (f * 2.74, 0.18, 0.18), (f * 3.76, 0.1, 0.1)]
    strike = tone(1.0, partials)
    return mix(1.7, (0.0, strike), (0.65, strike))


def chime() -> list[float]:
    """«دینگ‌دانگ»: a doorbell's two notes, E5 then C5."""
    def note(f):
        return tone(1.0, [(f, 1.0, 0.5), (f * 2, 0.25, 0.25), (f * 3, 0.08, 0.12)])

    return mix(1.6, (0.0, note(659.25)), (0.45, note(523.25)))


def soft_beep() -> list[float]:
    """«بوق ملایم»: three gentle beeps with rounded edges."""
    n = int(0.14 * RATE)
    beep = []
    for i in range(n):
        t = i / RATE
        envelope = math.sin(math.pi * i / n) ** 2
        beep.append(envelope * (math.sin(2 * math.pi * 880 * t) + 0.15 * math.sin(2 * math.pi * 1760 * t)))
    return mix(0.85, (0.0, beep), (0.25, beep), (0.5, beep))


def melody() -> list[float]:
    """«نغمه»: a rising marimba arpeggio, C5 E5 G5 C6."""
    def note(f):
        return tone(0.7, [(f, 1.0, 0.28), (f * 4, 0.2, 0.04), (f * 10, 0.05, 0.01)], attack=0.002)

    return mix(1.3, *((i * 0.15, note(f)) for i, f in enumerate((523.25, 659.25, 783.99, 1046.5))))


SOUNDS = {"bell": bell, "chime": chime, "soft_beep": soft_beep, "melody": melody}


def write_wav(path: Path, samples: list[float]) -> None:
    fade = int(0.02 * RATE)  # no click at the end
    for i in range(min(fade, len(samples))):
        samples[-1 - i] *= i / fade
    top = max(abs(s) for s in samples) or 1.0
    frames = b"".join(struct.pack("<h", int(round(s / top * PEAK * 32767))) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "resources" / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    for key, make in SOUNDS.items():
        path = folder / f"{key}.wav"
        write_wav(path, make())
        print(f"{path} {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
