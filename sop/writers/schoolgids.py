"""The whole profile as one document to paste into the schoolgids: markdown or Word.

The nodes come from sop.document.whole (the same builders as the site); the
markdown and Word writers (sop.writers.markdown, sop.writers.word) write them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sop.data.profile import Profile
from sop.document import whole
from sop.document.nodes import Block
from sop.writers.markdown import escape_markdown, write_markdown  # noqa: F401 - escape_markdown: public
from sop.writers.opendata import assert_no_hidden_names, check_threshold, hidden_set
from sop.writers.word import write_docx


def _prepare(profile: Profile, hidden_names: Iterable[str], threshold: int | None) -> list[Block]:
    check_threshold(threshold)
    hidden = hidden_set(hidden_names)
    blocks = whole.document(profile, hidden, threshold)
    assert_no_hidden_names([dataclasses.asdict(block) for block in blocks], hidden)
    return blocks


def profile_markdown(
    profile: Profile,
    hidden_names: Iterable[str] = frozenset(),
    small_number_threshold: int | None = None,
) -> str:
    """The whole profile as one markdown document in Dutch, in the order of the site."""
    return write_markdown(_prepare(profile, hidden_names, small_number_threshold))


def profile_docx(
    profile: Profile,
    hidden_names: Iterable[str] = frozenset(),
    small_number_threshold: int | None = None,
) -> bytes:
    """The whole profile as a Word document (.docx) with real headings and tables."""
    blocks = _prepare(profile, hidden_names, small_number_threshold)
    name = profile.school.naam
    return write_docx(blocks, f"{whole.DOCUMENT_TITLE} {name}", whole.DOCUMENT_TITLE, name)
