"""What a parent sees on a phone (390 px): number tables keep their row labels and
show the newest year without swiping, no word in a heading or the navigation is
cut without a hyphen, an address breaks only after '@', '.' or '/', and each
basisondersteuning indicator is one block with its mark on screen."""

from __future__ import annotations

import re

from sop.checks.browsersupport import PHONE, label, open_page

# Each line break inside a word of an element's text: the text and the offset where the new line starts.
LINE_STARTS = """(root) => {
  const found = [], range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const whole = root.textContent;
  let offset = 0, previous = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    // The permalink sign after a heading is its own box, no part of the heading's last word.
    if (node.parentElement.closest('.headerlink')) { previous = null; offset += text.length; continue; }
    for (let at = 0; at < text.length; at++) {
      if (/\\s/.test(text[at])) { previous = null; continue; }
      range.setStart(node, at); range.setEnd(node, at + 1);
      const box = range.getBoundingClientRect();
      if (!box.width && !box.height) continue;  // not rendered
      if (previous !== null && box.top > previous.top + box.height / 2)
        found.push({text: whole, at: offset + at, where: root.tagName.toLowerCase()});
      previous = box;
    }
    offset += text.length;
  }
  return found;
}"""
# Link text that is an e-mail or web address (not a page's title or a file name).
ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")


def _shown(text: str, at: int) -> str:
    """The word around offset `at`, the line break shown as '|'."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    end = min((i for i in (text.find(" ", at), text.find("\n", at)) if i != -1), default=len(text))
    return text[start:at] + "|" + text[at:end]


def _breaks(page, selector: str) -> list[tuple[str, int, str]]:
    """(text, offset, element) for each line break inside a word of the elements `selector` finds."""
    return [(item["text"], item["at"], item["where"]) for item in page.evaluate(
        f"[...document.querySelectorAll({selector!r})].flatMap({LINE_STARTS})")]


def test_no_word_in_a_heading_or_the_navigation_is_cut_without_a_hyphen(served_site, tab):
    page = tab(PHONE)
    problems = []
    for path in served_site.pages:
        open_page(page, served_site, path)
        for text, at, where in _breaks(page, "h1, h2, h3, h4, h5, h6, .md-nav__link, .md-header__topic"):
            if text[at - 1] not in "-/":
                problems.append(f"{label(path)} <{where}>: {_shown(text, at)!r}")
    assert not problems, "woord afgebroken zonder afbreekstreepje:\n" + "\n".join(sorted(set(problems)))


def test_addresses_break_only_after_at_sign_dot_or_slash(served_site, tab):
    page = tab(PHONE)
    problems = []
    for path in served_site.pages:
        open_page(page, served_site, path)
        for text, at, where in _breaks(page, 'article a[href^="mailto:"], article a[href^="http"]'):
            if ADDRESS.fullmatch(text.strip()) and text[at - 1] not in "@./":
                problems.append(f"{label(path)} <{where}>: {_shown(text, at)!r}")
    assert not problems, "adres midden in een woord afgebroken:\n" + "\n".join(sorted(set(problems)))


NUMBER_TABLES = """() => [...document.querySelectorAll('.sop-tabel--aantallen')].map(region => {
  const inside = (cell) => {
    const box = cell.getBoundingClientRect(), frame = region.getBoundingClientRect();
    if (box.left < frame.left - 1 || box.right > frame.right + 1) return false;
    // On top, not under a neighbouring cell: what is drawn at its middle belongs to it.
    scrollTo(0, scrollY + box.top - innerHeight / 2);
    const now = cell.getBoundingClientRect();
    const hit = document.elementFromPoint(now.left + now.width / 2, now.top + now.height / 2);
    return !!hit && cell.contains(hit);
  };
  const table = region.querySelector('table');
  const years = table.querySelectorAll('thead th');
  const labels = [years[0], ...table.querySelectorAll('tbody th[scope=row]')];
  const newest = inside(years[years.length - 1]);
  const lost = [];
  for (const end of [-1e6, 1e6]) {  // both ends: which is the start depends on the direction
    region.scrollLeft = end;
    for (const cell of labels) if (!inside(cell)) lost.push(cell.textContent.trim().slice(0, 40));
  }
  return {name: table.id, newest, newestYear: years[years.length - 1].textContent, lost: [...new Set(lost)]};
})"""


def test_number_tables_keep_their_labels_and_show_the_newest_year(served_site, tab):
    page = tab(PHONE)
    problems = []
    for path in served_site.content_pages:
        open_page(page, served_site, path)
        for table in page.evaluate(NUMBER_TABLES):
            where = f"{label(path)} {table['name']}"
            if not table["newest"]:
                problems.append(f"{where}: het nieuwste schooljaar ({table['newestYear']}) staat niet in beeld")
            if table["lost"]:
                problems.append(f"{where}: na opzij schuiven uit beeld: {table['lost']}")
    assert not problems, "\n".join(problems)


INDICATORS = """() => [...document.querySelectorAll('#tabel-basisondersteuning tbody tr:not(.sop-groepkop)')].map(row => {
  const name = row.querySelector('th'), cells = [...row.querySelectorAll('td')];
  const frame = row.closest('.sop-tabel').getBoundingClientRect();
  const off = cells.filter(cell => {
    const box = cell.getBoundingClientRect();
    return box.width && (box.left < 0 || box.right > innerWidth);
  });
  return {
    indicator: name.textContent.trim().slice(0, 50),
    off: off.map(cell => cell.textContent.trim()),
    // One block: the indicator's text uses the width of the table, its mark under it.
    narrow: name.getBoundingClientRect().width < frame.width * 0.9,
  };
})"""


def test_each_basisondersteuning_indicator_is_one_block_with_its_mark_on_screen(served_site, tab):
    page = tab(PHONE)
    problems = []
    for path in served_site.content_pages:
        open_page(page, served_site, path)
        for row in page.evaluate(INDICATORS):
            where = f"{label(path)} {row['indicator']!r}"
            if row["off"]:
                problems.append(f"{where}: buiten beeld: {row['off']}")
            if row["narrow"]:
                problems.append(f"{where}: in een smalle kolom naast de markering")
    assert not problems, "\n".join(problems)
