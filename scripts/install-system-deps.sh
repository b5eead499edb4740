#!/bin/sh
# Install the Debian/Ubuntu packages LearningDay needs (Python with venv, Qt's system libraries, a
# virtual screen for a machine without one, fonts for every script, PostgreSQL for the shared-event tests'
# throw-away server). Root on Debian/Ubuntu: installs
# what is missing. Otherwise: says what to do.
set -eu

PACKAGES="libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 \
xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fonts-noto-core fonts-noto-cjk poppler-utils \
libreoffice-calc postgresql"

# Python itself only where there is none that can make a venv (a bare Debian has neither)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || PACKAGES="python3 python3-venv $PACKAGES"

command -v dpkg-query >/dev/null 2>&1 || { echo "install-system-deps: not Debian/Ubuntu; see README for your system"; exit 0; }

missing=""
for pkg in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing Debian packages:$missing"
    echo "  install them with: sudo apt-get install -y$missing"
    exit 0
fi
echo "install-system-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
