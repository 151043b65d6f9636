"""`sop nieuw MAP`: a complete, ready-to-push repository for a school (or with --swv, for
a samenwerkingsverband) that holds only its own content and a pinned version of this package.

The templates are the files under school/ and swv/ beside this module; a path part
'dot_x' becomes '.x' (packaging tools tend to drop dotfiles). '@@NAME@@' in a template is
replaced by the pin. Nothing else of the package is copied: its code, theme, CSS and
scripts come from the installed package.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sop.data import starter
from sop.data.kader import Frame, Unread, read_frame

DISTRIBUTION = "schoolondersteuningsprofiel"
TEMPLATES = Path(__file__).parent
# What GitHub allows in an owner's and a repository's name, and nothing a shell,
# YAML or a URL would read as syntax.
NAME = re.compile(r"[A-Za-z0-9_.-]+")
SOURCE = re.compile(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?")
COMMIT = re.compile(r"[0-9a-f]{40}")
VERSION = re.compile(r"[0-9]+(\.[0-9]+)*([.+-]?[A-Za-z0-9]+)*")

MACROS = (
    "# The pages' macros ({{ aantallen() }} …) come from the installed package.\n"
    "from sop.site.macros import define_env, on_pre_page_macros  # noqa: F401\n")

USAGE = """Gebruik: sop nieuw [--swv] [--kader KADER] [--bron https://github.com/EIGENAAR/REPOSITORY] MAP

Schrijft in MAP (een nieuwe of lege map) een complete repository voor een school:
data/, docs/, mkdocs.yml, tests/, de GitHub-workflow en een README. Daarna zet u
de map op GitHub (zie README.md in de nieuwe map).

  --swv          een repository voor het overzicht van een samenwerkingsverband
  --kader KADER  het kader van het samenwerkingsverband (een adres van kader.json of
                 een pad): data/basisondersteuning.yml vraagt naar elke standaard
  --bron ADRES   de GitHub-repository van het pakket, als sop dat zelf niet weet
"""


class Refused(Exception):
    """Why nothing was written, in Dutch."""


@dataclass(frozen=True)
class Pin:
    """Where the package comes from: the version a new repository pins, twice."""

    owner: str
    repo: str
    version: str
    commit: str | None  # of the tag v{version}, when the installation says so

    @property
    def requirement(self) -> str:
        return f"{DISTRIBUTION}[test] @ git+https://github.com/{self.owner}/{self.repo}@v{self.version}"

    def workflow(self, name: str) -> str:
        """The `uses:` of a reusable workflow of the package, at this version."""
        uses = f"{self.owner}/{self.repo}/.github/workflows/{name}"
        return f"{uses}@{self.commit} # v{self.version}" if self.commit else f"{uses}@v{self.version}"


def _owner_repo(address: str) -> tuple[str, str] | None:
    match = SOURCE.fullmatch(address)
    if not match or not all(NAME.fullmatch(part) and part.strip(".") for part in match.groups()):
        return None
    return match.group(1), match.group(2)


def find_pin(bron: str | None) -> Pin:
    """The pin of the installed package: its GitHub repository and commit from how pip
    installed it (PEP 610's direct_url.json), or the repository given as --bron."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise Refused(f"het pakket {DISTRIBUTION} is niet geïnstalleerd; installeer het met pip") from None
    version = distribution.version
    if not VERSION.fullmatch(version):
        raise Refused(f"het versienummer van het pakket ({json.dumps(version)}) is geen gewoon versienummer")
    installed = _installed_from(distribution)
    if bron is not None:
        named = _owner_repo(bron)
        if named is None:
            raise Refused(
                f"--bron {json.dumps(bron, ensure_ascii=False)} is geen adres als "
                "https://github.com/EIGENAAR/REPOSITORY (alleen letters, cijfers, '-', '_' en '.')")
        # The installation's commit only when it is of this very repository.
        commit = installed[2] if installed and installed[:2] == named else None
        return Pin(*named, version, commit)
    if installed is None:
        raise Refused(
            "sop weet niet uit welke GitHub-repository dit pakket komt, want het is niet vanaf GitHub "
            "geïnstalleerd (pip install git+https://github.com/…). Zeg het met --bron, bijvoorbeeld: "
            "sop nieuw --bron https://github.com/EIGENAAR/REPOSITORY MAP")
    return Pin(*installed[:2], version, installed[2])


def _installed_from(distribution: metadata.Distribution) -> tuple[str, str, str | None] | None:
    """(owner, repo, commit of the tag v{version} or None) of a `git+https://github.com/…` install."""
    try:
        direct = json.loads(distribution.read_text("direct_url.json") or "null")
    except ValueError:
        return None
    if not isinstance(direct, dict) or not isinstance(direct.get("url"), str):
        return None
    vcs = direct.get("vcs_info")
    named = _owner_repo(direct["url"])
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or named is None:
        return None
    commit = vcs.get("commit_id")
    # Only the tag's own commit: one of a branch would not match the '# vX.Y.Z' beside it.
    tagged = vcs.get("requested_revision") == f"v{distribution.version}"
    return (*named, commit if tagged and isinstance(commit, str) and COMMIT.fullmatch(commit) else None)


def _target_path(template: Path, root: Path) -> Path:
    return Path(*(f".{part[4:]}" if part.startswith("dot_") else part for part in template.relative_to(root).parts))


def repository_files(kind: str, pin: Pin) -> dict[Path, str]:
    """Every file of a new repository except data/: path in it -> text."""
    root = TEMPLATES / kind
    values = {
        "VEREISTE": pin.requirement,
        "VERSIE": pin.version,
        "BRON": f"https://github.com/{pin.owner}/{pin.repo}",
        "WORKFLOW_SCHOOL": pin.workflow("school.yml"),
        "WORKFLOW_OVERZICHT": pin.workflow("overzicht.yml"),
    }
    files = {}
    for template in sorted(root.rglob("*")):
        if template.is_file():
            text = template.read_text(encoding="utf-8")
            for name, value in values.items():
                text = text.replace(f"@@{name}@@", value)
            files[_target_path(template, root)] = text
    files[Path("requirements.txt")] = f"{pin.requirement}\n"
    if kind == "school":
        files[Path("macros.py")] = MACROS
    return files


def write_repository(target: Path, pin: Pin, swv: bool = False, frame: tuple[Frame, str] | None = None) -> list[Path]:
    """All or nothing, as the starter data: `target` must not exist or be empty."""

    def write(draft: Path) -> list[Path]:
        written = []
        for path, text in repository_files("swv" if swv else "school", pin).items():
            (draft / path).parent.mkdir(parents=True, exist_ok=True)
            (draft / path).write_text(text, encoding="utf-8")
            written.append(draft / path)
        if not swv:
            written += starter.write_data(draft / "data", frame)
        return written

    return starter.write_all_or_nothing(target, write)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Dutch instead of argparse's English
        self.exit(2, USAGE)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(add_help=False)
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("--swv", action="store_true")
    parser.add_argument("--kader")
    parser.add_argument("--bron")
    parser.add_argument("map", nargs="?")
    return parser.parse_args(argv)


DONE_SCHOOL = (
    "Een nieuwe repository voor een school staat klaar in {map}/. Zo gaat u verder:\n"
    "  1. Ga naar de map: cd {map}\n"
    "  2. Vervang elke '[vul in: …]' in data/ door de gegevens van uw school; make check toont waar ze nog staan.\n"
    "  3. Zet de map op GitHub en zet GitHub Pages aan: README.md in de map zegt hoe."
)
DONE_SWV = (
    "Een nieuwe repository voor het overzicht van een samenwerkingsverband staat klaar in {map}/. Zo gaat u verder:\n"
    "  1. Ga naar de map: cd {map}\n"
    "  2. Vervang elke '[vul in: …]' in swv/ door uw gegevens en zet uw scholen in swv/scholen.yml.\n"
    "  3. Zet de map op GitHub en zet GitHub Pages aan: README.md in de map zegt hoe."
)


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    if args.help:
        print(USAGE, end="")
        return 0
    typed = (args.map or "").strip()
    if not typed:
        print(f"Zeg in welke map de nieuwe repository moet komen.\n\n{USAGE}", end="", file=sys.stderr)
        return 2
    if args.swv and args.kader:
        print("Niets geschreven: --kader hoort bij een school; het samenwerkingsverband zet zijn kader "
              "in swv/kader.yml.", file=sys.stderr)
        return 2
    target = Path(typed).expanduser()
    try:
        pin = find_pin(args.bron)
        frame = None
        if args.kader and args.kader.strip():
            typed_frame = args.kader.strip()
            frame = (read_frame(str(Path(typed_frame).expanduser()), Path.cwd()),
                     starter.frame_source(typed_frame, target / "data"))
        write_repository(target, pin, swv=args.swv, frame=frame)
    except (Refused, Unread) as refused:
        print(f"Niets geschreven: {refused}.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Niets geschreven: {starter.write_error(error, target)}.", file=sys.stderr)
        return 1
    print((DONE_SWV if args.swv else DONE_SCHOOL).format(map=target))
    return 0
