"""Fetch the schools' published sop.json files, with a cache for when a school's site is down.

Each fetched file is kept in the cache folder. When a school's site cannot be
reached on a later build, its last good copy is used and the overview says so;
a school that was never fetched is listed as missing, with the reason.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a profile is about 100 KB; anything this big is not one
TIMEOUT_SECONDS = 30
PARALLEL = 8
USER_AGENT = "sop-overzicht-samenwerkingsverband"

# What is wrong with fetched content (in Dutch), or None when it is a usable profile.
Check = Callable[[bytes], str | None]


@dataclass(frozen=True)
class Fetched:
    """The text of a school's sop.json, or why there is none."""

    content: bytes | None
    # The day the content was fetched; earlier than today when the cache was used.
    fetched_on: datetime.date | None
    problem: str | None = None


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only, never to file: or ftp:."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.URLError(f"doorverwezen naar een adres dat geen webadres is: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor(), _HttpOnly()):
        opener.add_handler(handler)
    return opener


def _reason(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"de website gaf foutcode {error.code}" + (" (niet gevonden)" if error.code == 404 else "")
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, (TimeoutError, socket.timeout)):
        return f"de website antwoordde niet binnen {TIMEOUT_SECONDS} seconden"
    if isinstance(cause, socket.gaierror):
        return "de naam van de website is onbekend (bestaat het adres?)"
    if isinstance(cause, ConnectionRefusedError):
        return "de website weigerde de verbinding"
    if isinstance(cause, ssl.SSLError):
        return "de beveiligde verbinding (https) met de website mislukte"
    if isinstance(cause, str):  # our own refusal, e.g. a redirect to file:
        return cause
    return f"de website was niet bereikbaar ({type(cause).__name__}: {cause})"


def download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    with _opener().open(request, timeout=TIMEOUT_SECONDS) as response:
        content = response.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValueError(f"het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB")
    return content


def _cache_files(cache: Path, school_id: str) -> tuple[Path, Path, Path]:
    """The copy, where and when it was fetched, and why the last fetch failed (if it did)."""
    return cache / f"{school_id}.json", cache / f"{school_id}.bron.json", cache / f"{school_id}.probleem.txt"


def _write(path: Path, content: bytes) -> None:
    # Whole or not at all: a build stopped while writing keeps the previous copy.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".deel")
    partial.write_bytes(content)
    os.replace(partial, path)


def cached(cache: Path, school_id: str, url: str) -> Fetched:
    """What the last fetch of this school left: its copy of `url`, if any, and why
    that fetch failed, if it did. The pages are built from this."""
    content_file, source_file, problem_file = _cache_files(cache, school_id)
    try:
        problem = problem_file.read_text(encoding="utf-8")
    except OSError:
        problem = None
    try:
        source = json.loads(source_file.read_text(encoding="utf-8"))
        if source.get("url") == url:
            return Fetched(content_file.read_bytes(), datetime.date.fromisoformat(source["opgehaald_op"]), problem)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return Fetched(None, None, problem or "nog nooit opgehaald")


def fetch_one(cache: Path, school_id: str, url: str, today: datetime.date, check: Check) -> Fetched:
    """Fetch `url`; keep it only when `check` finds no problem with it, so a broken
    new file never replaces the last good copy."""
    content_file, source_file, problem_file = _cache_files(cache, school_id)
    try:
        content = download(url)
        problem = check(content)
    except Exception as error:  # noqa: BLE001: any failure of one school is reported, never raised
        problem = _reason(error)
    if problem:
        _write(problem_file, problem.encode("utf-8"))
        return cached(cache, school_id, url)
    _write(content_file, content)
    _write(source_file, json.dumps({"url": url, "opgehaald_op": today.isoformat()}).encode("utf-8"))
    problem_file.unlink(missing_ok=True)
    return Fetched(content, today)


def fetch_all(cache: Path, addresses: dict[str, str], today: datetime.date, check: Check) -> dict[str, Fetched]:
    """school id -> what was fetched, several schools at a time."""
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {school_id: pool.submit(fetch_one, cache, school_id, url, today, check)
                   for school_id, url in addresses.items()}
        return {school_id: future.result() for school_id, future in futures.items()}
