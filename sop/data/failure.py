"""What `make check` and `make build` say when something other than the data goes wrong.

Staff run these commands (or read their output in a pull request); a Python
traceback tells them nothing. Every failure becomes a Dutch sentence saying
what happened and what to do; the technical details go to a log file for
whoever maintains the site.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

LOG_NAME = "laatste-fout.txt"


class Interrupted(BaseException):
    """The build got a signal to stop (Ctrl+C, a cancelled CI job, a closed terminal).

    A BaseException, like KeyboardInterrupt, so no `except Exception` swallows it.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def where_to_report() -> str:
    repo = os.environ.get("REPO_URL")
    if not repo and os.environ.get("GITHUB_REPOSITORY"):
        repo = f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    if repo:
        return f"Meld dit bij de beheerder van de site, via {repo.rstrip('/')}/issues, en zet deze melding erbij."
    return "Meld dit bij de beheerder van de site (op GitHub: 'Issues', 'New issue') en zet deze melding erbij."


def _what(filename: object) -> str:
    return f"'{filename}'" if filename else "een bestand of map"


def describe_os_error(error: OSError) -> str:
    """A Dutch sentence for a failed read or write."""
    what = _what(error.filename)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"De schijf is vol: {what} kon niet worden geschreven. Maak ruimte vrij en probeer het opnieuw."
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Geen toestemming om {what} te lezen of te schrijven. Controleer of u schrijfrechten hebt in "
            "deze map en of het bestand niet in een ander programma openstaat."
        )
    if error.errno == errno.EROFS:
        return f"{what} staat op een schijf waarop niet geschreven kan worden; bouw de site in een andere map."
    if error.errno == errno.ENOENT:
        return f"{what} bestaat niet (meer); is het tijdens de bouw verplaatst of verwijderd?"
    if error.errno == errno.EMFILE or error.errno == errno.ENOMEM:
        return "De computer heeft te weinig geheugen of bestanden vrij; sluit andere programma's en probeer het opnieuw."
    return f"Lezen of schrijven van {what} is mislukt (systeemmelding: {error.strerror or error})."


def write_log(log_dir: Path | None, details: str) -> Path | None:
    """Keep the traceback for the maintainer; nothing more to do if even that fails."""
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_NAME
        path.write_text(details, encoding="utf-8")
        return path
    except OSError:
        return None


def run_guarded(
    function: Callable[[], int], *, outcome: Callable[[], str] | None = None, log_dir: Path | None = None
) -> int:
    """Run `function`; turn any failure into a Dutch message on stderr and an exit status.

    `outcome` says what a failure means for the site (e.g. that site/ is unchanged).
    """
    try:
        return function()
    except SystemExit:
        raise
    except BaseException as error:  # noqa: BLE001: the point is that nothing escapes as a traceback
        tail = f" {outcome()}" if outcome else ""
        if isinstance(error, Interrupted):
            print(f"De bouw is afgebroken.{tail}", file=sys.stderr)
            return 128 + error.signum
        if isinstance(error, KeyboardInterrupt):
            print(f"Afgebroken.{tail}", file=sys.stderr)
            return 130
        log = write_log(log_dir, "".join(traceback.format_exception(error)))
        if isinstance(error, OSError):
            print(f"{describe_os_error(error)}{tail}", file=sys.stderr)
            return 1
        details = f" De technische gegevens staan in {log}." if log else ""
        print(
            "Er ging iets onverwachts mis in het programma; dat ligt niet aan uw gegevens."
            f"{tail} {where_to_report()}{details} (technisch: {type(error).__name__}: {error})",
            file=sys.stderr,
        )
        return 1


class TracebackFilter:
    """Passes a child process's output on, but holds back Python tracebacks.

    What was held back is summarised afterwards in Dutch (`summary`) and kept
    in full (`details`) for the log.
    """

    _CHAINED = ("During handling of the above exception", "The above exception was the direct cause")

    def __init__(self, write: Callable[[str], object]):
        self.write = write
        self.inside = False
        self.details: list[str] = []
        self.last_exception = ""

    def feed(self, line: str) -> None:
        if line.startswith("Traceback (most recent call last):") or line.startswith(self._CHAINED):
            self.inside = True
            self.details.append(line)
            return
        if self.inside:
            self.details.append(line)
            if line.strip() and not line[0].isspace() and not line.lstrip().startswith(("+", "|")):
                # The exception line ends the traceback.
                self.inside = False
                self.last_exception = line.strip()
            return
        self.write(line)

    def summary(self) -> str | None:
        if not self.details:
            return None
        number = re.search(r"\[Errno (\d+)\]", self.last_exception)
        if number:
            filename = re.search(r"\]\s[^:]*:\s'([^']*)'", self.last_exception)
            error = OSError(int(number.group(1)), os.strerror(int(number.group(1))), filename.group(1) if filename else None)
            return describe_os_error(error)
        return (
            "Er ging iets onverwachts mis in MkDocs, het programma dat de pagina's maakt; dat ligt "
            f"waarschijnlijk niet aan uw gegevens. {where_to_report()} "
            f"(technisch: {self.last_exception or 'onbekende fout'})"
        )
