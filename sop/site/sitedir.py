"""Publish a freshly built site/ all at once, or not at all.

The new site is built in a hidden folder next to site/ (same filesystem, so a
rename is atomic) and swapped in with one rename: readers, and GitHub Pages'
upload, see the complete old site or the complete new one, never a mix. The
old one is deleted only after the swap, so a file that can't be deleted no
longer leaves half a site behind.

A build that is stopped (SIGTERM from a cancelled job, Ctrl+C, a closed
terminal) stops MkDocs and removes its folder before exiting; a build killed
outright (SIGKILL) leaves its folder, and the next build removes it. Builds
of the same site wait for each other.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from sop.data.failure import Interrupted, TracebackFilter

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
NEW = "site"  # inside the work folder: the site being built
OLD = "oud"  # inside the work folder: the old site, between the two renames without renameat2

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - not on a libc system
    _libc = None
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back stop signals for a few steps that must not be cut in half."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    function = getattr(_libc, "renameat2", None) if _libc else None
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def remove_tree(path: Path) -> bool:
    """Delete a folder, also where a subfolder was made read-only; False if something stays."""
    if not os.path.lexists(path):
        return True
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(OSError):
            path.unlink()
        return not os.path.lexists(path)
    with contextlib.suppress(OSError):
        shutil.rmtree(path)
        return True
    # A read-only (sub)folder: make the folders writable, never following a link out.
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRWXU)
    for root, folders, _files in os.walk(path):
        for name in folders:
            folder = os.path.join(root, name)
            if not os.path.islink(folder):
                with contextlib.suppress(OSError):
                    os.chmod(folder, stat.S_IRWXU)
    with contextlib.suppress(OSError):
        shutil.rmtree(path)
    return not os.path.lexists(path)


def _child_setup(parent: int):
    def setup() -> None:
        # Runs in the child before MkDocs starts: take stop signals again, and
        # die with the build even if the build itself is killed outright.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        if _libc is not None and hasattr(_libc, "prctl"):
            _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return setup


class Publication:
    """Build into `fresh`, then `commit()` to swap it in as `site_dir`.

    Use as a context manager: leaving it (normally, on an error or on a stop
    signal, which raises Interrupted) stops a running child and removes the
    work folder; a site that was not committed stays as it was.
    """

    def __init__(self, site_dir: Path):
        self.site_dir = Path(os.path.abspath(site_dir))
        self.parent = self.site_dir.parent
        self.prefix = f".{self.site_dir.name}-build-"
        self.work: Path | None = None
        self.child: subprocess.Popen | None = None
        self.published = False
        self.stopped: int | None = None
        # MkDocs' traceback, if it crashed, for the log.
        self.child_details = ""
        self._holding = False
        self._lock_fd: int | None = None
        self._handlers: dict[int, object] = {}

    @property
    def fresh(self) -> Path:
        assert self.work is not None
        return self.work / NEW

    # Setting up

    def __enter__(self) -> Publication:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._handlers[signum] = signal.signal(signum, self._on_signal)
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock()
            with self._uninterrupted():
                self._clean_up_after_killed_builds()
                self.work = Path(tempfile.mkdtemp(prefix=self.prefix, dir=self.parent))
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _on_signal(self, signum: int, _frame) -> None:
        if self.stopped is None:
            self.stopped = signum
            if not self._holding:
                raise Interrupted(signum)

    @contextlib.contextmanager
    def _uninterrupted(self, then_stop: bool = True) -> Iterator[None]:
        """Steps that must not be cut in half: a stop signal waits until they are done.

        Python may run a handler for a signal that came just before the block a
        little later, so the handler itself also only takes note meanwhile.
        """
        self._holding = True
        try:
            with signals_held():
                yield
        finally:
            if then_stop:
                self._holding = False
        if then_stop and self.stopped is not None:
            raise Interrupted(self.stopped)

    def _lock(self) -> None:
        # A lock on the folder that holds site/: no lock file to leave behind.
        self._lock_fd = os.open(self.parent, os.O_RDONLY)
        try:
            self._wait_for_lock()
        except OSError:
            # Filesystems (NFS) that lock only files opened for writing: a lock file then.
            os.close(self._lock_fd)
            self._lock_fd = os.open(self.parent / f".{self.site_dir.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
            self._wait_for_lock()

    def _wait_for_lock(self) -> None:
        assert self._lock_fd is not None
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Er loopt al een andere bouw van deze site; deze bouw wacht tot die klaar is.", file=sys.stderr)
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)

    def _clean_up_after_killed_builds(self) -> None:
        for leftover in sorted(self.parent.glob(f"{self.prefix}*")):
            old = leftover / OLD
            if not os.path.lexists(self.site_dir) and old.is_dir():
                # Killed between the two renames: the old site is complete, put it back.
                os.rename(old, self.site_dir)
            if not remove_tree(leftover):
                print(f"Waarschuwing: de map {leftover} van een eerdere bouw kon niet worden verwijderd; "
                      "verwijder die zelf.", file=sys.stderr)

    # Building

    def run(self, command: list[str], cwd: Path, env: dict[str, str]) -> int:
        """Run `command` (MkDocs) in its own process group, passing its output on without tracebacks."""
        with self._uninterrupted():
            self.child = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_child_setup(os.getpid()),
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        output = TracebackFilter(sys.stderr.write)
        assert self.child.stdout is not None
        for line in self.child.stdout:
            output.feed(line)
        status = self.child.wait()
        self.child.stdout.close()
        self.child = None
        summary = output.summary()
        if summary:
            print(summary, file=sys.stderr)
            self.child_details = "".join(output.details)
        return status

    def commit(self) -> None:
        """Swap the new site in; from here on site/ is the new one."""
        with self._uninterrupted():
            if not os.path.lexists(self.site_dir):
                os.rename(self.fresh, self.site_dir)
            elif not exchange(self.fresh, self.site_dir):
                # No atomic exchange here: two renames, with stop signals held back
                # in between; after a SIGKILL there, the next build puts the old site back.
                os.rename(self.site_dir, self.work / OLD)
                os.rename(self.fresh, self.site_dir)
            self.published = True

    # Cleaning up

    def _stop_child(self) -> None:
        child, self.child = self.child, None
        if child is None:
            return
        for signum in (signal.SIGTERM, signal.SIGKILL):
            if child.poll() is not None:
                break
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signum)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=5)
        if child.stdout:
            child.stdout.close()

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._holding = True
        with self._uninterrupted(then_stop=False):
            self._stop_child()
            if self.work is not None and not remove_tree(self.work):
                print(f"Waarschuwing: de map {self.work} kon niet helemaal worden verwijderd (de site zelf is "
                      "in orde); de volgende bouw probeert het opnieuw, of verwijder die zelf.", file=sys.stderr)
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None
        # A stop signal that arrived during cleanup comes in now, to _on_signal, which
        # only notes it; then the previous handlers come back.
        for signum, handler in self._handlers.items():
            signal.signal(signum, handler)
        self._handlers = {}
        if self.stopped is not None and exc_type is None:
            raise Interrupted(self.stopped)
        return False
