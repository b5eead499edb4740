#!/bin/sh
# Run the desktop app (the command given) on this machine's screen; on a Linux machine without one,
# under a virtual screen (xvfb-run -a), and say so on stderr. `make run` calls it.
set -eu
[ "$#" -gt 0 ] || { echo "usage: scripts/run.sh COMMAND [ARG...]" >&2; exit 2; }

# A screen (X11 or Wayland), a platform Qt was told to use (offscreen in CI), or not Linux: run as is.
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ] \
    || [ "$(uname -s)" != "Linux" ]; then
    exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "run: no screen here (DISPLAY is not set) and no xvfb-run to make one; install it with:" \
        "sudo apt-get install -y xvfb xauth" >&2
    exit 1
fi
echo "run: no screen here (DISPLAY is not set): running the app under a virtual one (xvfb-run -a)" >&2
exec xvfb-run -a "$@"
