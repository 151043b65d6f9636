"""`make serve`: MkDocs' development server, made for staff who are not programmers.

- An error in data/ (or any other reason the site can't be built) shows in the
  browser as a Dutch page with the same message as in the terminal, and that
  page reloads itself once the file is fixed. MkDocs alone leaves the browser
  waiting, with the error only in the terminal.
- The terminal shows what staff need (address, rebuilds, warnings, errors), in Dutch.

Nothing is published: the pages live in the server's temporary folder. `make
build` does not use this module and still stops on the same errors.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs import utils
from mkdocs.__main__ import cli
from mkdocs.commands import serve as mkdocs_serve
# The clock of MkDocs' live reload: an error page polls it like a built page does.
from mkdocs.livereload import _timestamp

from sop.data.errors import DataErrors
from sop.site.docscheck import docs_errors
from sop.data.profile import load_profile

ADDRESS = "127.0.0.1:8000"

# MkDocs' messages: dropped (None) or said in Dutch for staff.
TIME = r"(\[[\d:]+\] )?"
MESSAGES = [
    (rf"^{TIME}(Building documentation|Cleaning site directory|Watching paths|Browser connected|Reloading browsers)",
     None),
    (rf'^{TIME}"[A-Z]+ ', None),  # every request the browser makes
    (rf"^{TIME}Serving on (\S+)",
     lambda m: f"{m[1] or ''}De site staat op {m[2]} : open dat adres in uw browser. Stoppen: Ctrl+C."),
    (rf"^{TIME}Detected file changes", lambda m: f"{m[1] or ''}Wijziging gezien, de site wordt bijgewerkt."),
    (r"^Documentation built in ([\d.]+) seconds",
     lambda m: f"Klaar in {m[1].replace('.', ',')} seconden; de browser ververst de pagina vanzelf."),
    (r"^Shutting down", lambda m: "De site is gestopt."),
    (rf"^{TIME}An error happened during the rebuild",
     lambda m: f"{m[1] or ''}De site kon niet worden bijgewerkt (zie hierboven). Sla het bestand opnieuw op als het is verbeterd."),
]


class StaffMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, dutch in MESSAGES:
            match = re.search(pattern, message)
            if match:
                if dutch is None:
                    return False
                record.msg, record.args = dutch(match), ()
                break
        return True


class Collect(logging.Handler):
    """The warnings and errors of one build, for the error page."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("Aborted with"):
            self.messages.append(message)


def error_page(title: str, explanation: str, messages: list[str], epoch: int) -> str:
    """A page in the browser instead of the site; it reloads after the next build."""
    # Escaped: the messages quote the files' own text.
    items = "\n".join(f"<li>{html.escape(message.strip())}</li>" for message in messages if message.strip())
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} - schoolondersteuningsprofiel</title>
<style>
  body {{ font-family: -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif; line-height: 1.5;
         max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
  h1 {{ font-size: 1.6rem; color: #8a1020; }}
  ul {{ list-style: none; background: #fdf0f1; border-left: .3rem solid #b00020; padding: .8rem 1rem; }}
  li {{ font-family: "DejaVu Sans Mono", Consolas, Menlo, monospace; white-space: pre-wrap;
        overflow-wrap: anywhere; margin: .3rem 0 .7rem; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #eee; background: #1e1e24; }} h1 {{ color: #ff9aa8; }}
    ul {{ background: #3a1d24; border-left-color: #ff6b81; }}
  }}
</style>
</head>
<body>
<main>
<h1>{html.escape(title)}</h1>
<p>{html.escape(explanation)}</p>
<ul>
{items}
</ul>
<p>Deze pagina ververst vanzelf zodra de fout is verholpen en u het bestand hebt opgeslagen.
De melding staat ook in het venster waarin <code>make serve</code> draait.</p>
<p>Dit is alleen het voorbeeld op uw eigen computer: er is niets gepubliceerd.</p>
</main>
<script>
  // Like MkDocs' live reload: the server answers once a newer build is ready.
  (function poll() {{
    var request = new XMLHttpRequest();
    request.onloadend = function () {{
      if (parseFloat(this.responseText) > {epoch}) location.reload();
      else setTimeout(poll, this.status === 200 ? 0 : 3000);
    }};
    request.open("GET", "/livereload/{epoch}/" + Date.now());
    request.send();
  }})();
</script>
</body>
</html>
"""


def show_error(site_dir: str, title: str, explanation: str, messages: list[str]) -> None:
    """Replace the served site by the error page, at every address."""
    utils.clean_directory(site_dir)
    # A build later than this one is newer than this number.
    page = error_page(title, explanation, messages, _timestamp())
    for name in ("index.html", "404.html"):  # 404.html: MkDocs serves it for every other address
        Path(site_dir, name).write_text(page, encoding="utf-8")


build_site = mkdocs_serve.build


def build_or_show_error(config, **kwargs) -> None:
    """MkDocs' build for the server; on an error the browser gets the error page."""
    try:
        # Checked first, as `make build` does: the message then names file, line and column.
        project = Path(config.config_file_path).parent
        load_profile(project / "data")
        mistakes = docs_errors(project)
        if mistakes:
            raise DataErrors(mistakes)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        print("De browser toont deze melding ook, tot het bestand is verbeterd.", file=sys.stderr)
        show_error(config.site_dir, "Fout in de gegevens", "Er staat een fout in een bestand in data/ of docs/. "
                   "Verbeter het bestand op de plek die hieronder staat (bestand:regel:kolom).",
                   errors.report().splitlines())
        return
    collect = Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    try:
        build_site(config, **kwargs)
    except SystemExit:  # MkDocs' Abort, and mkdocs-macros' exit on a macro error
        show_error(config.site_dir, "De site kan niet worden gebouwd",
                   "Er ging iets mis bij het maken van de pagina's, bijvoorbeeld in een bestand in docs/.",
                   collect.messages or ["Zie het venster waarin make serve draait."])
        print("De site kon niet worden gebouwd; de browser toont de melding tot de fout is verholpen.",
              file=sys.stderr)
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)


def main(arguments: list[str]) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice is not for staff
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    for name in ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload"):
        logging.getLogger(name).addFilter(StaffMessages())
    mkdocs_serve.build = build_or_show_error
    print("De site wordt gebouwd; dat duurt een paar seconden.", file=sys.stderr, flush=True)
    # --strict as `make build`: a warning is an error here too.
    cli(["serve", "--strict", "--dev-addr", ADDRESS, *arguments], prog_name="make serve")


if __name__ == "__main__":
    main(sys.argv[1:])
