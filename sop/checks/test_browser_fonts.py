"""The test browsers draw text in their own font set, not in the machine's fonts:
otherwise the layout tests would pass or fail depending on what is installed."""

from __future__ import annotations

import pytest

from sop.checks.browsersupport import PHONE, open_page
from sop.checks.fonts import EVERY_SANS, FONT_SETS

# Which named font draws the page's running text: a family the browser lacks
# falls back to monospace, so its width then equals plain monospace.
RUNNING_TEXT_FONT = """(families) => {
  const sample = 'Schoolondersteuningsprofiel Vesterhavet';
  const width = family => {
    const span = document.createElement('span');
    span.textContent = sample;
    span.style.cssText = 'position:absolute;white-space:nowrap;font-size:40px;font-family:' + family;
    document.body.append(span);
    const result = span.getBoundingClientRect().width;
    span.remove();
    return result;
  };
  const body = getComputedStyle(document.querySelector('.md-typeset')).fontFamily;
  const mono = width('monospace');
  const available = families.filter(f => width(`"${f}", monospace`) !== mono);
  return {
    available,
    used: available.filter(f => width(`"${f}", monospace`) === width(body)),
  };
}"""


@pytest.mark.parametrize("fonts", FONT_SETS)
def test_browser_uses_only_its_font_set(served_site, tab, fonts):
    font_set = FONT_SETS[fonts]
    page = tab(PHONE, fonts=fonts)
    open_page(page, served_site, "")
    found = page.evaluate(RUNNING_TEXT_FONT, EVERY_SANS)
    assert found["available"] == font_set.sans_families, \
        f"lettertypen {fonts!r}: de browser ziet {found['available']}, verwacht {font_set.sans_families}"
    assert found["used"] == [font_set.sans], f"lopende tekst in {found['used']}, verwacht {font_set.sans}"
