"""What a pull request's job summary and comment say when there is no comparison.

The workflow (.github/workflows/site.yml) runs sop.versions.wijzigingen for the
comparison itself. When that fails, mostly on a data error, its Dutch message
comes here on stdin and goes out as markdown: one list item per line, so it
wraps on a phone (a code block would scroll sideways), and every value inert
in GitHub's markdown (sop.versions.wijzigingen.as_markdown).

    python -m sop.versions.pullrequest KOP < melding.txt
"""

from __future__ import annotations

import sys

from sop.versions.wijzigingen import Section, as_markdown

INTRO = ("Er is geen vergelijking. Verbeter eerst wat hieronder staat; na de volgende wijziging "
         "staat hier weer de vergelijking.")


def no_comparison(message: str, heading: str) -> str:
    # make's own 'make: *** … Error 1' says nothing to staff.
    lines = [line for line in message.splitlines() if line.strip() and not line.startswith("make: ***")]
    head, _, rest = as_markdown([Section("De melding", "melding", lines)], heading).partition("\n\n")
    return f"{head}\n\n{INTRO}\n\n{rest}"


if __name__ == "__main__":
    sys.stdout.write(no_comparison(sys.stdin.read(), sys.argv[1] if len(sys.argv) > 1 else "Wijzigingen"))
