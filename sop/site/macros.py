"""mkdocs-macros adapter (a school's macros.py imports it): load and validate data/, then register the render functions.

Only `define_env`, and nothing from MkDocs, so Zensical runs it too (once per
page). It fills the pages only: what the theme's templates show (site name,
JSON-LD, footer, glossary) comes from sop/site/theme.py, never from env.conf.
"""

from pathlib import Path

from sop.site import beheer
from sop.versions import history
from sop.writers import render
from sop.versions import versies_render
from sop.site.sandbox import PageEnvironment
from sop.data.errors import DataErrors
from sop.data.profile import load_profile
from sop.site.publish import DOCUMENT_NAME, OPEN_DATA, SCHOOLGIDS
from sop.data.mkdocs_yml import nav_pages
from sop.site.theme import EDIT_BASE, MACRO_FILES, MarkdownView, today as current_day


def define_env(env):
    project = Path(env.project_dir)
    try:
        profile = load_profile(project / "data")
    except DataErrors as errors:
        # make build and make serve check data/ first; this is for a bare generator run.
        # SystemExit: both generators stop with this Dutch report and no traceback.
        raise SystemExit(errors.report()) from None

    school = profile.school
    hidden = profile.hidden_names()
    threshold = profile.instellingen.small_number_threshold
    today = current_day()
    kort = profile.in_het_kort

    def site_root():
        """From the page being rendered back to the site root, for links to downloads.

        MkDocs leaves links in generated HTML as written: relative to the page's
        URL ('over/'). Zensical rewrites them as it does markdown links: relative
        to the page's file in docs/ ('over.md'). Only a MkDocs page has `.file`.
        """
        page = env.page
        if hasattr(page, "file"):
            return "../" * page.url.count("/")
        return "../" * page.path.count("/") or "./"  # Zensical keeps an empty link empty

    kansen = profile.kansen_en_belemmeringen
    structuur = profile.ondersteuningsstructuur

    # Macro name -> render call. sop/site/theme.py's MACRO_FILES says which data files
    # each one shows (its edit links, and the page's "Laatst gewijzigd").
    macros = {
        "contactgegevens": lambda: render.contact_details(school),
        "inleiding": lambda: render.text_block(profile.inleiding.tekst),
        "visie": lambda: render.text_block(profile.onderwijsconcept.visie),
        "concepten": lambda: render.concept_checklist(profile.onderwijsconcept.concepten),
        "werkwijze": lambda: render.text_block(profile.onderwijsconcept.werkwijze),
        "aanpak_op_niveau": lambda: render.text_block(profile.onderwijsconcept.aanpak_op_niveau),
        "extra_ondersteuning": lambda: render.text_block(profile.onderwijsconcept.extra_ondersteuning),
        "waarde_en_trots": lambda: render.text_block(profile.waarde_en_trots.tekst),
        "sterke_kanten": lambda: render.bullet_list(kansen.sterke_kanten),
        "meer_informatie": lambda: render.text_cell(kansen.meer_informatie),
        "schoolontwikkeling": lambda: render.bullet_list(kansen.schoolontwikkeling),
        "grenzen": lambda: render.bullet_list(kansen.grenzen),
        "plaatsing": lambda: render.introduced_list(kansen.plaatsing.inleiding, kansen.plaatsing.punten),
        "zicht_op_ontwikkeling": lambda: render.bullet_list(structuur.zicht_op_ontwikkeling),
        "gesprekkencyclus_intern": lambda: render.conversation_cycle(structuur.gesprekkencyclus_intern),
        "gesprekkencyclus_ouders": lambda: render.conversation_cycle(structuur.gesprekkencyclus_ouders),
        "zorgroute": lambda niveau=2: render.care_route(structuur, niveau),
        "interne_expertise": lambda: render.expertise_table(profile.expertise, hidden),
        "sociale_veiligheid": lambda: render.roles_table(profile.sociale_veiligheid, hidden),
        # niveau: the heading level, so a page can nest these sections deeper.
        "externe_deskundigen": lambda niveau=3: render.role_groups(
            profile.externe_deskundigen.groepen, hidden, niveau),
        "aantallen": lambda niveau=2: render.statistics_tables(
            profile.aantallen, threshold, niveau, f"{site_root()}{OPEN_DATA}/"),
        "open_data": lambda: render.open_data_links(
            site_root(), profile.aantallen.tabellen, OPEN_DATA, SCHOOLGIDS, DOCUMENT_NAME),
        "in_het_kort": lambda: render.summary_paragraphs(kort.inleiding, page_titles()),
        "in_het_kort_niveaus": lambda: render.level_summaries(
            profile.stappenplan, kort.niveaus, page_titles(), "stappenplan"),
        "in_het_kort_grenzen": lambda: render.limit_summaries(kort.grenzen_inleiding, kort.grenzen, page_titles()),
        "aanspreekpunten": lambda: render.contact_points(profile, hidden, page_link, page_titles()),
        "basisondersteuning_overzicht": lambda: render.indicator_overview(profile.basisondersteuning),
        "basisondersteuning": lambda niveau=2: render.basic_support(profile.basisondersteuning, niveau, profile.kader),
        "stappenplan": lambda niveau=2: render.support_plan(profile.stappenplan, niveau, kort.niveaus),
        "begrippenlijst": lambda: render.glossary_list(profile.begrippen),
        "formele_status": lambda: render.formal_status(
            profile.status, today, render.latest_school_year(profile.aantallen)),
        "toegankelijkheid_verklaring": lambda: render.accessibility_claim(profile.verklaringen.toegankelijkheid),
        "toegankelijkheid_melden": lambda: render.accessibility_reports(profile.verklaringen.toegankelijkheid),
        "controle_wijzigingen": lambda: render.change_review(profile.verklaringen.controle_wijzigingen),
        "versiegeschiedenis": lambda: render.change_log(change_log()),
        # Reads git only when called: Zensical runs define_env once per page.
        "versies": lambda: versies_render.page(project, profile, today, f"{site_root()}{OPEN_DATA}/"),
    }

    def page_titles() -> dict[str, str]:
        """Page name (as in a source reference, 'stappenplan') -> its title in the navigation."""
        return {source[:-3]: title for source, title in nav_pages(env.conf["nav"])}

    def page_link(ref: str) -> str:
        """A source reference ('stappenplan#niveau-6') as a link from the page being rendered."""
        page, _, anchor = ref.partition("#")
        return f"{site_root()}{'' if page == 'index' else page + '/'}#{anchor}"

    def change_log():
        """Per day the changed pages, as (nav title, link from this page)."""
        titles = dict(nav_pages(env.conf["nav"]))
        page_files = history.data_files_per_page(project / "docs", MACRO_FILES)
        return [
            (day, [(titles[page], site_root() + ("" if page == "index.md" else page[:-3] + "/")) for page in pages])
            for day, pages in history.changed_pages(project, page_files, list(titles))
        ]

    # Safe in markdown as it stands: `{{ school.naam }}` in docs/ can't become markup.
    variables = {"school": MarkdownView(school)}
    env.variables.update(variables)

    # Every abbreviation gets its explanation as a tooltip: in generated HTML by
    # render.abbreviate, in the prose of docs/ by Python-Markdown's abbr extension
    # (configured by sop/site/theme.py).
    glossary = render.abbreviation_glossary(profile.begrippen)
    repo_url = (env.conf.get("repo_url") or "").rstrip("/")

    def forms(files):
        """Each file's form in the editor (/beheer/): every build puts it on the site (sop/vendor/)."""
        return [(beheer.form_label(stem), site_root() + beheer.form_path(stem)) for stem in files]

    def register(name, function, files):
        def macro(*args, **kwargs):
            html = render.separate_blocks(render.abbreviate(function(*args, **kwargs), glossary))
            if repo_url and files:
                html += render.edit_links(f"{repo_url}/{EDIT_BASE}", files, forms(files))
            return html

        macro.__wrapped__ = function  # so a check of docs/ sees the macro's own arguments
        env.macro(macro, name)
        page_macros[name] = macro

    page_macros = {}
    for name, function in macros.items():
        register(name, function, MACRO_FILES[name])
    page_macros["handleiding"] = lambda: render.staff_guide(repo_url)
    env.macro(page_macros["handleiding"], "handleiding")
    env.sop_pages = PageEnvironment(page_macros, variables)


def on_pre_page_macros(env):
    """Each page renders in the sandbox with only the names above (sop/site/sandbox.py).

    mkdocs-macros builds its own, unsandboxed Jinja environment after define_env,
    so it is replaced here, before the first page renders.
    """
    env._env = env.sop_pages
