#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian/Ubuntu machine (Qt's system libraries,
# poppler-utils; Python packages into .venv) and runs the whole suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libpulse0 poppler-utils"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    wanted="$SYSTEM_PACKAGES"
    if ! "$PYTHON" -c "import ensurepip" >/dev/null 2>&1; then
        wanted="$wanted python3-venv"
    fi
    missing=""
    for package in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $package"
        fi
    done
    if [ -n "$missing" ]; then
        SUDO=""
        if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
        echo "installing system packages:$missing"
        $SUDO apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
