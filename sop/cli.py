"""`python -m sop COMMAND`: one entry point for everything the Makefile does.

Each command runs its module exactly as `python -m sop.MODULE` does, with the
rest of the line as its arguments, so make and this entry point cannot differ.
"""

from __future__ import annotations

import runpy
import sys

# command -> (module, what it does, in Dutch for the help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("sop.site.check", "de gegevens in data/ en de pagina's in docs/ nakijken"),
    "build": ("sop.site.build", "de site bouwen in site/"),
    "serve": ("sop.site.serve", "de site tonen op http://127.0.0.1:8000, met elke wijziging meteen zichtbaar"),
    "test": ("sop.checks.run", "de site controleren: alle controles van het pakket, en eigen tests in tests/"),
    "bijwerken": ("sop.data.bijwerken", "data/ (of MAP) bijwerken naar de nieuwste versie van het formaat"),
    "wijzigingen": ("sop.versions.wijzigingen", "zeggen wat er in het profiel veranderd is sinds --van VERSIE"),
    "swv": ("sop.swv.build", "het overzicht van het samenwerkingsverband bouwen in site-swv/"),
    "nieuw": ("sop.nieuw", "een nieuwe repository voor een school (of met --swv een samenwerkingsverband) in MAP"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    return "Gebruik: python -m sop OPDRACHT [...]\n\nOpdrachten:\n" + "".join(
        f"  {name.ljust(width)}  {text}\n" for name, (_, text) in COMMANDS.items())


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage(), end="")
        return 0
    command, *rest = argv
    if command not in COMMANDS:
        print(f"'{command}' is geen opdracht van sop.\n\n{usage()}", end="", file=sys.stderr)
        return 2
    module = COMMANDS[command][0]
    sys.argv = [f"sop {command}", *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


def run() -> None:
    """The `sop` command of the installed package."""
    sys.exit(main(sys.argv[1:]))
