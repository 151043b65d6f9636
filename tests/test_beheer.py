"""The staff editor at /beheer/: forms generated from the schema, self-hosted, out of sight of search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, TEST_REPO_URL
from sop.site import beheer
from sop.data.profile import DATA_FILES

def test_generated_forms_are_current():
    """After a change to sop/data/schema.py, `make schema` must also regenerate the editor's forms."""
    stored = beheer.CONFIG.read_text(encoding="utf-8")
    assert stored == beheer.config_text(), "sop/site/beheer/config.yml is verouderd: typ make schema"


def _fields_by_path(fields, prefix=""):
    for field in fields:
        path = f"{prefix}{field['name']}"
        yield path, field
        yield from _fields_by_path(field.get("fields", []), f"{path}.")
        if "field" in field:
            yield f"{path}[]", field["field"]


def _schema_paths(schema, defs, prefix=""):
    """Every property of a JSON Schema as 'a.b.c', with its own schema (null left out)."""
    for name, value in schema.get("properties", {}).items():
        value = beheer._without_null(value, defs)[0]
        path = f"{prefix}{name}"
        yield path, value
        if value.get("type") == "array":
            item = beheer._without_null(value["items"], defs)[0]
            if "properties" in item:
                yield from _schema_paths(item, defs, f"{path}.")
            else:
                yield f"{path}[]", item
        if "properties" in value:
            yield from _schema_paths(value, defs, f"{path}.")


@pytest.mark.parametrize("stem", DATA_FILES)
def test_every_field_of_every_data_file_is_in_its_form(stem):
    """Each data file is one form with every field, and its checks: required, pattern, number, choice."""
    forms = {form["file"]: form for form in yaml.safe_load(beheer.CONFIG.read_text(encoding="utf-8"))
             ["collections"][0]["files"]}
    form = forms[f"data/{stem}.yml"]
    fields = dict(_fields_by_path(form["fields"]))
    schema = json.loads((PROJECT / "data" / "schema" / f"{stem}.schema.json").read_text(encoding="utf-8"))
    for path, value in _schema_paths(schema, schema.get("$defs", {})):
        assert path in fields, f"data/{stem}.yml: veld {path} ontbreekt in het formulier"
        field = fields[path]
        if "pattern" in value:
            assert field["pattern"][0] == value["pattern"], path
        if "enum" in value:
            assert field["widget"] == "select" and field["options"] == value["enum"], path
        if value.get("type") in ("integer", "number"):
            assert field["widget"] == "number", path
        if value.get("type") == "array":
            assert field["widget"] == "list", path
            assert field.get("min", 0) == value.get("minItems", 0), path
    # Required in the form: must be filled in. A field that may be left empty (null) is not.
    required = {name for name in schema.get("required", [])
                if not beheer._without_null(schema["properties"][name], schema.get("$defs", {}))[1]}
    for field in form["fields"]:
        assert field.get("required", True) == (field["name"] in required), f"data/{stem}.yml: {field['name']}"


def test_labels_are_words_not_field_names():
    labels = [field["label"] for form in yaml.safe_load(beheer.CONFIG.read_text(encoding="utf-8"))
              ["collections"][0]["files"] for _, field in _fields_by_path(form["fields"])]
    assert labels and not [label for label in labels if "_" in label or not label[:1].isupper()]


@pytest.fixture(scope="module")
def getijden(school_sites):
    return school_sites("de-getijden")


def test_editor_is_on_the_site_out_of_sight_of_search(getijden):
    page = (getijden.root / "beheer" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="robots" content="noindex', page)
    assert "beheer" not in (getijden.root / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((getijden.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "beheer" in doc["location"]]
    home = BeautifulSoup((getijden.root / "index.html").read_text(encoding="utf-8"), "html.parser")
    # Linked only from the staff's edit links under a section, never from the menu.
    assert home.select("nav a") and not home.select("nav a[href*=beheer]")


def test_editor_saves_to_the_schools_repository_in_pull_requests(getijden):
    config = yaml.safe_load((getijden.root / "beheer" / "config.yml").read_text(encoding="utf-8"))
    owner_and_name = TEST_REPO_URL.removeprefix("https://github.com/").strip("/")
    assert config["backend"] == {"name": "github", "repo": owner_and_name, "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"


def test_editor_loads_its_fonts_translations_and_packages_from_the_site(getijden):
    """The package fetches fonts, the Dutch texts and Immutable.js from CDNs; the copy on the site must not.

    Built without node_modules/, as in a school's repository: the files come with the package (sop/vendor/).
    """
    assert not (getijden.root.parent / "node_modules").exists()
    folder = getijden.root / "beheer"
    script = (folder / beheer.SCRIPT).read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net/fontsource" not in script
    assert f"{beheer.CDN}`" not in script
    for local in re.findall(rf"url\(({beheer.FONTS}/[^)]+)\)", script):
        assert (folder / local).is_file(), local
    assert re.findall(rf"url\(({beheer.FONTS}/[^)]+)\)", script)
    version = json.loads((folder / beheer.PACKAGE_COPY / "package.json").read_text(encoding="utf-8"))["version"]
    assert json.loads((folder / f"sveltia@{version}" / "locales" / "nl.json").read_text(encoding="utf-8"))
    assert beheer.PACKAGES_CDN not in script
    assert list(folder.glob(f"{beheer.PACKAGES_COPY}/immutable@*/dist/immutable.es.js"))


def _pages(site) -> list:
    return sorted(path for path in site.root.rglob("index.html") if "beheer" not in path.parts)


def _form_links(site) -> list[tuple[Path, str, str]]:
    """Every link from a page to a form in the editor: (page, href, link text)."""
    links = []
    for path in _pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links += [(path, a["href"], a.get_text(" ", strip=True))
                  for paragraph in soup.select(".sop-bewerk") for a in paragraph.find_all("a")
                  if f"{beheer.EDITOR}/#/" in a["href"]]
    return links


def test_each_data_file_link_has_its_form_next_to_it(getijden):
    """Staff choose the form or the YAML file; each link says which of the two it opens."""
    paragraphs = [paragraph for path in _pages(getijden)
                  for paragraph in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(".sop-bewerk")]
    assert paragraphs
    for paragraph in paragraphs:
        links = paragraph.find_all("a")
        files = [re.search(r"/data/([\w-]+)\.yml$", a["href"])[1] for a in links if a["href"].startswith(TEST_REPO_URL)]
        forms = [a for a in links if f"{beheer.EDITOR}/#/" in a["href"]]
        assert [a.get_text() for a in forms] == [f"formulier {beheer.form_label(stem)}" for stem in files], paragraph
        texts = [a.get_text() for a in links]
        assert len(set(texts)) == len(texts), paragraph
    # A page's own text (docs/) has no form: its edit button stays GitHub's editor.
    for path in _pages(getijden):
        edit = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("a", rel="edit")
        assert edit is None or edit["href"].startswith(f"{TEST_REPO_URL}/edit/main/docs/"), path


def test_every_form_link_leads_to_a_form_of_the_editor(getijden):
    config = yaml.safe_load((getijden.root / "beheer" / "config.yml").read_text(encoding="utf-8"))
    forms = {(collection["name"], form["name"]): form["file"]
             for collection in config["collections"] for form in collection["files"]}
    links = _form_links(getijden)
    assert links
    for page, href, text in links:
        address, _, route = href.partition("#")
        assert (page.parent / address / "index.html").resolve() == getijden.root / "beheer" / "index.html", href
        match = re.fullmatch(r"/collections/([\w-]+)/entries/([\w-]+)", route)
        assert match and (match[1], match[2]) in forms, href
        assert forms[match[1], match[2]] == f"data/{match[2]}.yml"


@pytest.mark.parametrize("repo_url", [TEST_REPO_URL, None])
def test_editor_page_says_docs_are_edited_in_githubs_editor(tmp_path, repo_url):
    """The editor could break a page's {{ … }} calls: /beheer/ sends staff to GitHub for docs/."""
    beheer.write_editor(tmp_path, repo_url)
    soup = BeautifulSoup((tmp_path / "beheer" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = soup.body.find("p").get_text(" ", strip=True)
    assert "docs/" in note and "webeditor van GitHub" in note and "{{" in note
    links = [a["href"] for a in soup.find_all("a")]
    assert links == ([f"{TEST_REPO_URL}/tree/main/docs"] if repo_url else [])
    # Still nothing loaded from elsewhere, and out of search engines.
    assert not [tag for tag in soup.find_all(src=True) if "//" in tag["src"]]
    assert not [tag for tag in soup.find_all("link") if "//" in tag["href"]]
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
