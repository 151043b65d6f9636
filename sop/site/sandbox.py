"""The templating a page in docs/ runs in: the project's macros and variables, nothing else.

mkdocs-macros renders a page with a plain Jinja environment that hands it the
whole build configuration, git data and Python's object graph (`{{ config }}`,
`{{ git.author_email }}`, `{{ x.__class__ … }}`). sop/site/docscheck.py refuses all
of that before a build; this is the second wall for whatever a check might
miss: a sandboxed, immutable environment whose only names are the project's.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


class PageTemplate(ImmutableSandboxedEnvironment.template_class):
    def render(self, *args, **kwargs) -> str:
        # Whatever the generator passes (its config, git data, the page's front matter)
        # is dropped: a page sees only the environment's own names.
        return super().render()


class PageEnvironment(ImmutableSandboxedEnvironment):
    template_class = PageTemplate

    def __init__(self, macros: dict[str, Callable], variables: dict):
        super().__init__(undefined=StrictUndefined, autoescape=False)
        self.globals.clear()
        self.globals.update(macros)
        self.globals.update(variables)
        self.filters.clear()
