"""A throw-away PostgreSQL cluster for the tests: initdb into a temporary folder, a unix socket only, removed after.

Trust authentication for one local user and no TCP port: nothing outside this machine can reach it, and no password
is written anywhere. As root the server runs as the ``postgres`` system user (PostgreSQL refuses to run as root).
Run alone (``python -m tests.helpers.pgcluster``) it starts a cluster, prints its URL and stops it on Enter.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

#: the one role the tests connect as (trust: no password)
USER = "learningday"


class ClusterError(RuntimeError):
    """PostgreSQL could not be found or started: the reason, with the server's own log."""


def _bin_dir() -> Path:
    """Where initdb and pg_ctl are: on PATH, else Debian's versioned folder (the newest)."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if not versions:
        raise ClusterError("PostgreSQL is not installed (no pg_ctl); run scripts/install-system-deps.sh as root")
    return Path(versions[-1]).parent


class Cluster:
    """``with Cluster() as c: c.url("dbname")``: a running server until the block ends, then nothing left."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        # short: a unix socket path must stay under about 100 bytes
        self.root = Path(tempfile.mkdtemp(prefix="ldpg-"))
        self.data, self.socket = self.root / "data", self.root
        self.log = self.root / "server.log"
        self._owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        self.running = False

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._owner is not None:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
        if done.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def start(self) -> Cluster:
        if self._owner is not None:
            os.chown(self.root, self._owner.pw_uid, self._owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync",
                  "--locale=C.UTF-8")
        # no TCP; durability is not what these tests measure of PostgreSQL (the reliability suite turns it back on)
        options = f"-c listen_addresses='' -k {self.socket} -c fsync=off -c full_page_writes=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")
        self.running = True
        return self

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` over the socket (no password: trust)."""
        return f"postgresql+psycopg://{USER}@/{database}?host={self.socket}"

    def stop(self) -> None:
        try:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
                self.running = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # pragma: no cover - by hand
    with Cluster() as cluster:
        print(cluster.url())
        input("running; Enter stops it and removes its folder ")
