"""`make check`: validate data/ without building the site, printing every error at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sop.data.failure import run_guarded


PUBLISH_REFUSED = (
    "De site wordt niet gepubliceerd: er {is_} nog {count} niet ingevuld (hierboven, 'Let op: hier staat nog'). Vul ze in en "
    "sla de wijziging op; dan wordt de site gepubliceerd. Op uw eigen computer werkt make build wel, om te kijken."
)


def _check(project: Path, publishing: bool = False) -> int:
    # Imported here: even a broken installation gets a Dutch message, not a traceback.
    from sop.data.errors import DataErrors
    from sop.data.migrations import comments_left
    from sop.data.profile import load_profile
    from sop.data.rules import UNFILLED

    from sop.site.docscheck import docs_errors
    from sop.site.docslinks import link_errors

    notices = []
    try:
        load_profile(project / "data", notices=notices)
        mistakes = docs_errors(project) + link_errors(project)
        if mistakes:
            raise DataErrors(mistakes)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # Shown on the exact line of the pull request's diff.
            for error in errors.errors:
                print(error.github_annotation())
        return 1
    print("Alle gegevens in data/ en de pagina's in docs/ zijn in orde.")
    if notices:
        # Valid, so the site builds; but the school still has to fill these in.
        print(f"Nog niet ingevuld ({len(notices)}):")
        for notice in notices:
            print(f"Let op: {notice}")
            if os.environ.get("GITHUB_ACTIONS") == "true":
                print(notice.github_annotation().replace("::error ", "::warning ", 1))
    comments = comments_left(project / "data", "data")
    if comments:
        # Valid too; but saving the file in the form editor would lose the text.
        print(f"Commentaar dat het beheer zou weglaten ({len(comments)}):")
        for comment in comments:
            print(f"Let op: {comment}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(comments[0].github_annotation().replace("::error ", "::warning ", 1))
    unfilled = [notice for notice in notices if notice.message.startswith(UNFILLED)]
    if publishing and unfilled:
        # A new school's profile does not go live half-filled, with sample addresses as links.
        print(PUBLISH_REFUSED.format(is_="is" if len(unfilled) == 1 else "zijn",
                                     count="1 gegeven" if len(unfilled) == 1 else f"{len(unfilled)} gegevens"),
              file=sys.stderr)
        return 1
    return 0


def main(project: Path | None = None, publishing: bool = False) -> int:
    """`publishing`: also refuse what is valid but unfinished (the deploy job, not make check)."""
    project = project or Path.cwd()
    return run_guarded(lambda: _check(project, publishing), log_dir=project / ".cache")


if __name__ == "__main__":
    sys.exit(main(publishing="--publiceren" in sys.argv[1:]))
