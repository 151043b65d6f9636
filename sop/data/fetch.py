"""Fetch the schools' published sop.json files, with a cache for when a school's site is down.

Each fetched file is kept in the cache folder. When a school's site cannot be
reached on a later build, its last good copy is used and the overview says so;
a school that was never fetched is listed as missing, with the reason.

A school's site is not trusted: a download is bounded in size and time, a
redirect is followed only within the address the SWV gave (or from http to
https on the same host), and a reason never quotes what the site sent.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 5 * 1024 * 1024  # a profile is about 100 KB; the build handles this much in bounded time (make bench)
TIMEOUT_SECONDS = 30  # per connection or read
DOWNLOAD_SECONDS = 60  # the whole download, so a site that sends a byte at a time cannot stall the build
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
PARALLEL = 8
USER_AGENT = "sop-overzicht-samenwerkingsverband"
_REDIRECT_CODES = (301, 302, 303, 307, 308)

# What the overview makes of a school's fetched content (school id, content): raises
# Refused, saying why in Dutch, when it is no usable profile, and nothing else.
Read = Callable[[str, bytes], object]


class Refused(Exception):
    """A download this overview will not use; the message says why, in Dutch."""


@dataclass(frozen=True)
class Fetched:
    """A school's sop.json as `Read` made it usable, or why there is none."""

    value: object | None
    # The day the content was fetched; earlier than today when the cache was used.
    fetched_on: datetime.date | None
    problem: str | None = None


def _opener() -> urllib.request.OpenerDirector:
    # No redirect handler: download() follows redirects itself, after checking where they lead.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname, parts.port or {"http": 80, "https": 443}.get(scheme)


def _redirect(start: str, current: str, location: str | None) -> str:
    """Where a redirect leads, when it stays on the site the SWV gave: the same scheme,
    host and port as `start`, or the same host by https. Otherwise Refused, without
    quoting the address: it comes from the site."""
    refused = Refused("de website verwijst door naar een ander adres; het overzicht volgt alleen "
                      "doorverwijzingen binnen dezelfde website. Open het adres in een browser en zet het "
                      "adres waar u uitkomt bij 'sop_json' in scholen.yml")
    try:
        target = urljoin(current, (location or "").strip())
        scheme, host, port = _origin(target)
    except ValueError:  # e.g. a port that is no number
        raise refused from None
    own_scheme, own_host, own_port = _origin(start)
    if not location or host != own_host or (scheme, port) not in {(own_scheme, own_port), ("https", 443)}:
        raise refused
    return target


def _too_slow() -> Refused:
    return Refused(f"de website stuurde het bestand niet binnen {DOWNLOAD_SECONDS} seconden")


def _too_large() -> Refused:
    return Refused(f"het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB; zo groot is een profiel nooit")


def _read(response, deadline: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise _too_large()
    chunks, size = [], 0
    # read1: one network read at a time, so the deadline is checked while a slow site sends.
    while chunk := response.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large()
        if time.monotonic() > deadline:
            raise _too_slow()
        chunks.append(chunk)
    return b"".join(chunks)


def download(url: str) -> bytes:
    deadline = time.monotonic() + DOWNLOAD_SECONDS
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise _too_slow()
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        try:
            with _opener().open(request, timeout=min(TIMEOUT_SECONDS, left)) as response:
                return _read(response, deadline)
        except urllib.error.HTTPError as error:
            with error:  # closed unread: the body of a redirect or an error page is not ours to read
                if error.code not in _REDIRECT_CODES:
                    raise
                current = _redirect(url, current, error.headers.get("Location"))
    raise Refused(f"de website verwijst steeds door (meer dan {MAX_REDIRECTS} keer)")


def reason(error: Exception) -> str:
    """Why a download failed, in Dutch; never with text the site sent."""
    if isinstance(error, Refused):
        return str(error)
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
    if isinstance(cause, http.client.HTTPException):
        return "de website gaf een antwoord dat geen geldig webantwoord is"
    return "de website was niet bereikbaar"


def _cache_files(cache: Path, school_id: str) -> tuple[Path, Path]:
    """The copy, and where and when it was fetched."""
    return cache / f"{school_id}.json", cache / f"{school_id}.bron.json"


def _write(path: Path, content: bytes) -> None:
    # Whole or not at all: a build stopped while writing keeps the previous copy.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".deel")
    partial.write_bytes(content)
    os.replace(partial, path)


def _cached(cache: Path, school_id: str, url: str, problem: str, read: Read) -> Fetched:
    """The last good copy of `url`, read again (it may be from an older version of this
    code), with `problem`: why this build fetched no new one."""
    content_file, source_file = _cache_files(cache, school_id)
    try:
        source = json.loads(source_file.read_text(encoding="utf-8"))
        if source.get("url") != url:
            return Fetched(None, None, problem)
        content, day = content_file.read_bytes(), datetime.date.fromisoformat(source["opgehaald_op"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Fetched(None, None, problem)
    try:
        if len(content) > MAX_BYTES:  # kept by a version of this code with a higher limit
            raise _too_large()
        return Fetched(read(school_id, content), day, problem)
    except Refused as unusable:
        return Fetched(None, None, f"{problem}; de bewaarde kopie is ook niet bruikbaar ({unusable})")


def fetch_one(cache: Path, school_id: str, url: str, today: datetime.date, read: Read) -> Fetched:
    """Fetch `url` and `read` it; keep it only when it was read, so a broken new file
    never replaces the last good copy."""
    try:
        content = download(url)
        value = read(school_id, content)
    except Exception as error:  # noqa: BLE001: any failure of one school is reported, never raised
        return _cached(cache, school_id, url, reason(error), read)
    content_file, source_file = _cache_files(cache, school_id)
    _write(content_file, content)
    _write(source_file, json.dumps({"url": url, "opgehaald_op": today.isoformat()}).encode("utf-8"))
    return Fetched(value, today)


def fetch_all(cache: Path, addresses: dict[str, str], today: datetime.date, read: Read) -> dict[str, Fetched]:
    """school id -> what was fetched, several schools at a time."""
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {school_id: pool.submit(fetch_one, cache, school_id, url, today, read)
                   for school_id, url in addresses.items()}
        return {school_id: future.result() for school_id, future in futures.items()}
