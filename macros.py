"""mkdocs-macros adapter: load and validate data/, then register the render functions.

Only `define_env`, so the site can move to Zensical, which runs nothing else.
"""

import datetime
import json
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# mkdocs-macros loads this file by path, without the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sop import history, render  # noqa: E402
from sop.errors import DataErrors  # noqa: E402
from sop.opendata import school_jsonld  # noqa: E402
from sop.pdf import PDF_NAME  # noqa: E402
from sop.profile import load_profile  # noqa: E402
from sop.publish import DOCUMENT_NAME, OPEN_DATA, SCHOOLGIDS  # noqa: E402


def define_env(env):
    project = Path(env.project_dir)
    notices = []
    try:
        profile = load_profile(project / "data", notices=notices)
    except DataErrors as errors:
        # PluginError stops the build with this text and no traceback.
        raise PluginError(errors.report()) from None

    school = profile.school
    hidden = profile.hidden_names()
    threshold = profile.instellingen.small_number_threshold
    # SOP_VANDAAG (jjjj-mm-dd) fixes "today" for tests of the renewal notice.
    today = datetime.date.fromisoformat(os.environ.get("SOP_VANDAAG") or datetime.date.today().isoformat())
    kort = profile.in_het_kort

    def site_root():
        """From the page being rendered back to the site root, for links to downloads."""
        return "../" * env.page.url.count("/")

    kansen = profile.kansen_en_belemmeringen
    structuur = profile.ondersteuningsstructuur

    # Macro name -> (render call, the data files it shows). The files give each
    # section its edit link and each page its "last changed" date.
    macros = {
        "contactgegevens": (lambda: render.contact_details(school), ["school"]),
        "inleiding": (lambda: render.text_block(profile.inleiding.tekst), ["inleiding"]),
        "visie": (lambda: render.text_block(profile.onderwijsconcept.visie), ["onderwijsconcept"]),
        "concepten": (lambda: render.concept_checklist(profile.onderwijsconcept.concepten), ["onderwijsconcept"]),
        "werkwijze": (lambda: render.text_block(profile.onderwijsconcept.werkwijze), ["onderwijsconcept"]),
        "aanpak_op_niveau": (
            lambda: render.text_block(profile.onderwijsconcept.aanpak_op_niveau), ["onderwijsconcept"]),
        "extra_ondersteuning": (
            lambda: render.text_block(profile.onderwijsconcept.extra_ondersteuning), ["onderwijsconcept"]),
        "waarde_en_trots": (lambda: render.text_block(profile.waarde_en_trots.tekst), ["waarde-en-trots"]),
        "sterke_kanten": (lambda: render.bullet_list(kansen.sterke_kanten), ["kansen-en-belemmeringen"]),
        "meer_informatie": (lambda: render.text_cell(kansen.meer_informatie), ["kansen-en-belemmeringen"]),
        "schoolontwikkeling": (lambda: render.bullet_list(kansen.schoolontwikkeling), ["kansen-en-belemmeringen"]),
        "grenzen": (lambda: render.bullet_list(kansen.grenzen), ["kansen-en-belemmeringen"]),
        "plaatsing": (
            lambda: render.introduced_list(kansen.plaatsing.inleiding, kansen.plaatsing.punten),
            ["kansen-en-belemmeringen"]),
        "zicht_op_ontwikkeling": (
            lambda: render.bullet_list(structuur.zicht_op_ontwikkeling), ["ondersteuningsstructuur"]),
        "gesprekkencyclus_intern": (
            lambda: render.conversation_cycle(structuur.gesprekkencyclus_intern), ["ondersteuningsstructuur"]),
        "gesprekkencyclus_ouders": (
            lambda: render.conversation_cycle(structuur.gesprekkencyclus_ouders), ["ondersteuningsstructuur"]),
        "zorgroute": (lambda niveau=2: render.care_route(structuur, niveau), ["ondersteuningsstructuur"]),
        "interne_expertise": (lambda: render.expertise_table(profile.expertise, hidden), ["expertise"]),
        "sociale_veiligheid": (
            lambda: render.roles_table(profile.sociale_veiligheid, hidden), ["sociale-veiligheid"]),
        # niveau: the heading level, so a page can nest these sections deeper.
        "externe_deskundigen": (
            lambda niveau=3: render.role_groups(profile.externe_deskundigen.groepen, hidden, niveau),
            ["externe-deskundigen"]),
        "aantallen": (
            lambda niveau=2: render.statistics_tables(
                profile.aantallen, threshold, niveau, f"{site_root()}{OPEN_DATA}/"),
            ["aantallen"]),
        "open_data": (
            lambda: render.open_data_links(
                site_root(), profile.aantallen.tabellen, OPEN_DATA, SCHOOLGIDS, DOCUMENT_NAME),
            []),
        "in_het_kort": (lambda: render.summary_paragraphs(kort.inleiding, page_titles()), ["in-het-kort"]),
        "in_het_kort_niveaus": (
            lambda: render.level_summaries(profile.stappenplan, kort.niveaus, page_titles(), "stappenplan"),
            ["in-het-kort", "stappenplan"]),
        "in_het_kort_grenzen": (
            lambda: render.limit_summaries(kort.grenzen_inleiding, kort.grenzen, page_titles()),
            ["in-het-kort", "kansen-en-belemmeringen"]),
        "aanspreekpunten": (
            lambda: render.contact_points(profile, hidden, page_link, page_titles()),
            ["in-het-kort", "expertise", "sociale-veiligheid", "externe-deskundigen"]),
        "basisondersteuning_overzicht": (
            lambda: render.indicator_overview(profile.basisondersteuning), ["basisondersteuning"]),
        "basisondersteuning": (
            lambda niveau=2: render.basic_support(profile.basisondersteuning, niveau), ["basisondersteuning"]),
        "stappenplan": (lambda niveau=2: render.support_plan(profile.stappenplan, niveau), ["stappenplan"]),
        "begrippenlijst": (lambda: render.glossary_list(profile.begrippen), ["begrippen"]),
        "formele_status": (lambda: render.formal_status(profile.status, today), ["status"]),
        "toegankelijkheid_verklaring": (
            lambda: render.accessibility_claim(profile.verklaringen.toegankelijkheid), ["verklaringen"]),
        "toegankelijkheid_melden": (
            lambda: render.accessibility_reports(profile.verklaringen.toegankelijkheid), ["verklaringen"]),
        "controle_wijzigingen": (
            lambda: render.change_review(profile.verklaringen.controle_wijzigingen), ["verklaringen"]),
        "versiegeschiedenis": (lambda: render.change_log(change_log()), []),
    }

    def page_titles() -> dict[str, str]:
        """Page name (as in a source reference, 'stappenplan') -> its title in the navigation."""
        return {source[:-3]: title for entry in env.conf["nav"] or [] for title, source in entry.items()}

    def page_link(ref: str) -> str:
        """A source reference ('stappenplan#niveau-6') as a link from the page being rendered."""
        page, _, anchor = ref.partition("#")
        return f"{site_root()}{'' if page == 'index' else page + '/'}#{anchor}"

    def change_log():
        """Per day the changed pages, as (nav title, link from this page)."""
        titles = {source: title for entry in env.conf["nav"] or [] for title, source in entry.items()}
        return [
            (day, [(titles[page], site_root() + ("" if page == "index.md" else page[:-3] + "/")) for page in pages])
            for day, pages in history.changed_pages(project, page_files, list(titles))
        ]

    env.conf["site_name"] = f"Schoolondersteuningsprofiel {school.naam}"
    env.variables["school"] = school

    # Every abbreviation gets its explanation as a tooltip: in generated HTML by
    # render.abbreviate, in the prose of docs/ by Python-Markdown's abbr extension.
    glossary = render.abbreviation_glossary(profile.begrippen)
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary
    env.conf["extra"]["sop_begrippen"] = glossary  # for words in the theme's templates

    # Edit links point at the repository (REPO_URL, set by the workflow), branch main.
    repo_url = (env.conf.get("repo_url") or "").rstrip("/")
    edit_base = "edit/main/"
    if repo_url:
        env.conf["edit_uri"] = f"{edit_base}docs/"

    def register(name, function, files):
        def macro(*args, **kwargs):
            html = render.separate_blocks(render.abbreviate(function(*args, **kwargs), glossary))
            if repo_url and files:
                html += render.edit_links(f"{repo_url}/{edit_base}", files)
            return html

        macro.__wrapped__ = function  # so a check of docs/ sees the macro's own arguments
        env.macro(macro, name)

    for name, (function, files) in macros.items():
        register(name, function, files)
    env.macro(lambda: render.staff_guide(repo_url), "handleiding")

    # For the theme: each page's last change (its markdown and the data it shows),
    # the renewal notice, and the PDF.
    extra = env.conf["extra"]
    extra["sop_pdf"] = PDF_NAME
    site_url = env.conf.get("site_url")
    jsonld = json.dumps(school_jsonld(profile, site_url), ensure_ascii=False) if site_url else ""
    extra["sop_jsonld"] = jsonld.replace("</", "<\\/")  # never closes the <script> early
    page_files = history.data_files_per_page(project / "docs", {name: files for name, (_, files) in macros.items()})
    extra["sop_laatst_gewijzigd"] = {
        page: render.dutch_date(day) for page, day in history.last_changed_per_page(project, page_files).items()
    }
    for item in notices:
        # Printed, not logged: a warning in --strict mode would stop publication.
        print(f"Let op: {item}", file=sys.stderr)
    notice = render.renewal_notice(profile.status, today)
    extra["sop_melding"] = notice[1] if notice else ""
    if notice:
        # Printed, not logged: a warning in --strict mode would stop publication.
        print(f"Waarschuwing: {notice[1]} Werk data/status.yml bij.", file=sys.stderr)
