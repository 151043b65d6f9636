"""A page in docs/ is content, not code: hostile edits to it never publish markup,
read the build's configuration or git data, run a command or pull in a local file.

The edits are generated: every payload in every place a staff member can type it
(heading, paragraph, list, table, quote, link text), every address in every link
form. Each must stop `make check` with a Dutch message on its own line. The
second walls (the sandboxed templating, the escaped front matter, the PDF's
fetcher) are tested with the check bypassed.
"""

from __future__ import annotations

import http.server
import itertools
import os
import subprocess
import sys
import threading

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCE_DATA, build_site, copy_project

from sop.site.check import main as check
from sop.site.docscheck import check_page, load_define_env, project_macros
from sop.site.sandbox import PageEnvironment

PAGE = "docs/onderwijs.md"
# Where a staff member can type a line of a page; {} is the payload.
PLACES = {
    "alinea": "Een zin met {} erin.",
    "kop": "## Kop {}",
    "lijst": "- punt {}",
    "tabel": "| a | {} |",
    "citaat": "> citaat {}",
    "linktekst": "[tekst {}](over.md)",
    "nadruk": "**vet {}**",
}
HTML = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.example/a.js></SCRIPT>", "<iframe src=https://x.example>",
    "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">klik</a>', "<div onclick=alert(1)>x</div>",
    "<svg onload=alert(1)>", "<!-- verborgen -->", "</p>", "<?php echo 1; ?>", "<!DOCTYPE html>",
    "<details open ontoggle=alert(1)>", "<style>body{display:none}</style>", "<object data=x>", "<br>",
    "<form action=https://x.example><input></form>", "<meta http-equiv=refresh content=0;url=//x.example>",
]
BAD_ADDRESSES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>",
    "file:///etc/passwd", "FILE:///etc/passwd", "//x.example/a", "/etc/passwd", "../../etc/passwd",
    "../../../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd", "..\\..\\etc\\passwd",
    "stylesheets/../../../etc/passwd", "https:evil", "C:/Windows/win.ini", "ftp://x.example/a",
]
GOOD_ADDRESSES = [
    "over.md", "over.md#formele-status", "#visie", "stylesheets/sop.css", "https://www.voorbeeld.nl/",
    "http://www.voorbeeld.nl/pad?a=1", "mailto:info@voorbeeld.nl", "./over.md", "",
]
LINK_FORMS = {
    "link": "[tekst]({})",
    "afbeelding": "![beschrijving]({})",
    "link met titel": '[tekst]({} "titel")',
    "tussen haken": "[tekst](<{}>)",
    "verwijzing": "[tekst][ref]\n\n[ref]: {}",
}
TEMPLATES = [
    "{{ config }}", "{{ config.site_name }}", "{{ git.author_email }}", "{{ git.message }}", "{{ environment }}",
    "{{ page.file.abs_src_path }}", "{{ plugin }}", "{{ macros }}", "{{ navigation }}", "{{ files }}", "{{ extra }}",
    "{{ school.__class__ }}", "{{ school._value }}", "{{ school.naam.__class__.__mro__ }}",
    "{{ contactgegevens.__globals__ }}", "{{ contactgegevens }}",
    "{{ config.__class__.__init__.__globals__['os'].popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}", "{{ cycler.__init__.__globals__.os }}",
    "{{ school.naam | attr('__class__') }}", "{{ school.naam | upper }}", '{{ "a" ~ "b" }}', "{{ range(10) }}",
    "{{ namespace() }}", "{{ aantallen(niveau=config) }}", "{{ aantallen(*[1]) }}", "{{ school['naam'] }}",
    "{{ self }}", "{{ school }}", "{{ now() }}", "{{ macros_info() }}", "{{ context() }}",
    "{% set x = 1 %}", "{% for x in [1] %}x{% endfor %}", "{% include 'index.md' %}", "{% import 'x' as y %}",
    "{% if true %}x{% endif %}", "{% macro m() %}{% endmacro %}", "{% raw %}x{% endraw %}", "{%- raw %}x{% endraw %}",
    "{% extends 'x' %}",
]
ATTRIBUTES = [
    '{ onclick="alert(1)" }', "{: style=display:none }", "{ #id onmouseover=alert(1) }", "{ data-x=1 }",
    "{ hidden }", "{ .klasse autofocus }", "{ href=javascript:alert(1) }",
]


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"), SOURCE_DATA)
    return project_macros(project, load_define_env(project))


def page_with(line: str) -> str:
    return f"---\ndescription: Een pagina.\n---\n\n# Onderwijs\n\nEerste alinea.\n\n{line}\n\nLaatste alinea.\n"


def errors_for(text: str, names) -> list[str]:
    macros, variables = names
    return [str(error) for error in check_page(PAGE, text, macros, variables, {"main.html", "licht.html"})]


def assert_refused_on_line(text: str, line: int, names) -> None:
    errors = errors_for(text, names)
    assert errors, f"niet geweigerd: {text!r}"
    assert all(error.startswith(f"{PAGE}:") for error in errors)
    assert any(error.startswith(f"{PAGE}:{line}:") for error in errors), errors


@pytest.mark.parametrize(("place", "payload"), list(itertools.product(PLACES, HTML)))
def test_raw_html_in_a_page_is_refused_on_its_line(place, payload, names):
    assert_refused_on_line(page_with(PLACES[place].format(payload)), 9, names)


@pytest.mark.parametrize(("form", "address"), list(itertools.product(LINK_FORMS, BAD_ADDRESSES)))
def test_a_link_may_not_leave_docs_or_use_another_scheme(form, address, names):
    text = page_with(LINK_FORMS[form].format(address))
    line = 11 if form == "verwijzing" else 9
    assert_refused_on_line(text, line, names)


@pytest.mark.parametrize(("form", "address"), list(itertools.product(LINK_FORMS, GOOD_ADDRESSES)))
def test_links_inside_docs_and_to_the_web_are_fine(form, address, names):
    assert errors_for(page_with(LINK_FORMS[form].format(address)), names) == []


@pytest.mark.parametrize("autolink", ["<https://www.voorbeeld.nl/>", "<info@voorbeeld.nl>", "<mailto:a@b.nl>"])
def test_markdown_autolinks_are_not_html(autolink, names):
    assert errors_for(page_with(f"Zie {autolink}."), names) == []


@pytest.mark.parametrize(("place", "template"), list(itertools.product(["alinea", "kop", "tabel"], TEMPLATES)))
def test_a_page_may_use_only_the_projects_macros_and_variables(place, template, names):
    assert_refused_on_line(page_with(PLACES[place].format(template)), 9, names)


@pytest.mark.parametrize("attributes", ATTRIBUTES)
@pytest.mark.parametrize("after", ["## Kop", "[link](over.md)", "Een alinea."])
def test_an_attribute_list_may_only_set_an_anchor(after, attributes, names):
    assert_refused_on_line(page_with(f"{after} {attributes}"), 9, names)


@pytest.mark.parametrize("fine", ["## Kop { #kop }", "## Kop { .klasse #kop }", "Een verzameling {a, b} in tekst."])
def test_anchors_and_plain_braces_are_fine(fine, names):
    assert errors_for(page_with(fine), names) == []


@pytest.mark.parametrize("head", [
    "template: ../../../etc/passwd", "template: partials/search.html", "author: Iemand", "subtitle: x",
    "icon: material/x", "status: new", "title: '{{ config.site_name }}'", "description: [een, lijst]",
    "hide: [alles]", "search: {boost: 10}", "render_macros: false", "description: a\ndescription: b",
])
def test_only_known_page_settings_are_allowed(head, names):
    text = f"---\n{head}\n---\n\n# Onderwijs\n"
    errors = errors_for(text, names)
    assert errors and all(error.startswith(f"{PAGE}:") for error in errors), errors
    assert int(errors[0].split(":")[1]) in (2, 3), errors


def test_the_sandbox_gives_a_page_only_the_projects_names(names):
    macros, variables = names
    pages = PageEnvironment(macros, variables)
    secret = "GEHEIM-uit-de-bouw"
    for template in TEMPLATES:
        if template.startswith("{% raw"):
            continue
        try:
            output = pages.from_string(template).render(config=secret, git=secret, environment=secret)
        except Exception as error:  # refused: undefined, unsafe, unknown filter or tag
            assert secret not in str(error)
            continue
        assert secret not in output and "uid=" not in output, template
    assert pages.from_string("{{ school.naam }}").render() == str(variables["school"].naam)


def test_a_page_cannot_run_a_command_even_past_the_check(tmp_path):
    """mkdocs build on its own, without make build's check first."""
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    marker = tmp_path / "uitgevoerd"
    payload = f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}" \
              f"{{{{ config.__class__.__init__.__globals__['os'].popen('touch {marker}').read() }}}}"
    page = project / "docs" / "onderwijs.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{payload}\n{{{{ config.site_name }}}}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert not marker.exists()
    assert result.returncode != 0
    assert not (tmp_path / "site" / "onderwijs" / "index.html").exists()


def test_front_matter_is_text_wherever_the_theme_prints_it(tmp_path):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    hostile = '"><img src=x onerror=alert(1)></title><script>alert(2)</script>'
    page = project / "docs" / "onderwijs.md"
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    page.write_text(f"---\ntitle: '{hostile}'\ndescription: '{hostile}'\n---\n{body}", encoding="utf-8")
    assert check(project) == 0
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((site / "onderwijs" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.find("img", onerror=True) and not any("alert(2)" in script.text for script in soup("script"))
    assert soup.find("meta", attrs={"name": "description"})["content"] == hostile
    assert soup.find("meta", property="og:description")["content"] == hostile


def test_a_symlink_in_docs_is_refused(tmp_path, capsys):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    (project / "docs" / "bijlage.txt").symlink_to(secret)
    assert check(project) == 1
    report = capsys.readouterr().err
    assert "docs/bijlage.txt:1:1: dit is een snelkoppeling" in report and "geheim\n" not in report


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server name)
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_pdf_takes_nothing_from_outside_the_site(tmp_path):
    """Whatever reaches the one-page profile: no file of the machine, no request."""
    from pypdf import PdfReader

    from sop.writers.pdf import SOURCE_PAGE, write_pdf

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-VAN-DE-MACHINE", encoding="utf-8")
    site = tmp_path / "site"
    (site / SOURCE_PAGE).parent.mkdir(parents=True)
    (site / "eigen.txt").write_text("van de site", encoding="utf-8")
    web = f"http://127.0.0.1:{server.server_port}/x.png"
    article = (
        f'<p>Tekst</p><a rel="attachment" href="{secret.as_uri()}">a</a>'
        f'<a rel="attachment" href="../../geheim.txt">b</a><img src="../../geheim.txt" alt="c">'
        f'<img src="{web}" alt="d"><link rel="attachment" href="{secret.as_uri()}">'
        f'<a rel="attachment" href="../eigen.txt">eigen</a>'
        f'<p style="background: url({web})">e</p>'
    )
    (site / SOURCE_PAGE).write_text(
        '<html><head><title>Profiel</title></head><body>'
        f'<article class="md-content__inner md-typeset">{article}</article></body></html>', encoding="utf-8")
    try:
        pdf = write_pdf(site)
    finally:
        server.shutdown()
    assert _CountingHandler.requests == []
    assert embedded_files(PdfReader(pdf)) == [b"van de site"]


def embedded_files(reader) -> list[bytes]:
    """The content of every file the PDF carries: attachments and file annotations."""
    files = [data for values in reader.attachments.values() for data in values]
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            spec = annotation.get_object().get("/FS")
            if spec is not None:
                files.append(spec.get_object()["/EF"]["/F"].get_object().get_data())
    return files


def test_checking_the_links_runs_no_page_code(tmp_path, capsys):
    """The link check renders a linked page for its anchors: in the same sandbox."""
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    marker = tmp_path / "uitgevoerd"
    (project / "docs" / "kwaad.md").write_text(
        f"# Kop\n\n{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}\n"
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n", encoding="utf-8")
    page = project / "docs" / "onderwijs.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Lees](kwaad.md#kop)\n", encoding="utf-8")
    assert check(project) == 1
    assert not marker.exists()
    assert "docs/kwaad.md:3:1:" in capsys.readouterr().err
