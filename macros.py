"""mkdocs-macros adapter: load and validate data/, then register the render functions.

Only `define_env`, so the site can move to Zensical, which runs nothing else.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# mkdocs-macros loads this file by path, without the project on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sop import render  # noqa: E402
from sop.errors import DataErrors  # noqa: E402
from sop.profile import load_profile  # noqa: E402


def define_env(env):
    try:
        profile = load_profile(Path(env.project_dir) / "data")
    except DataErrors as errors:
        # PluginError stops the build with this text and no traceback.
        raise PluginError(errors.report()) from None

    school = profile.school
    hidden = profile.hidden_names()
    threshold = profile.instellingen.small_number_threshold
    env.conf["site_name"] = f"Schoolondersteuningsprofiel {school.naam}"
    env.variables["school"] = school
    env.variables["zorgroute_stappen"] = len(profile.ondersteuningsstructuur.zorgroute)

    macros = {
        "contactgegevens": lambda: render.contact_details(school),
        "inleiding": lambda: render.text_block(profile.inleiding.tekst),
        "visie": lambda: render.text_block(profile.onderwijsconcept.visie),
        "concepten": lambda: render.concept_checklist(profile.onderwijsconcept.concepten),
        "werkwijze": lambda: render.text_block(profile.onderwijsconcept.werkwijze),
        "aanpak_op_niveau": lambda: render.text_block(profile.onderwijsconcept.aanpak_op_niveau),
        "extra_ondersteuning": lambda: render.text_block(profile.onderwijsconcept.extra_ondersteuning),
        "waarde_en_trots": lambda: render.text_block(profile.waarde_en_trots.tekst),
        "sterke_kanten": lambda: render.bullet_list(profile.kansen_en_belemmeringen.sterke_kanten),
        "meer_informatie": lambda: render.text_cell(profile.kansen_en_belemmeringen.meer_informatie),
        "schoolontwikkeling": lambda: render.bullet_list(profile.kansen_en_belemmeringen.schoolontwikkeling),
        "grenzen": lambda: render.bullet_list(profile.kansen_en_belemmeringen.grenzen),
        "plaatsing": lambda: render.introduced_list(
            profile.kansen_en_belemmeringen.plaatsing.inleiding,
            profile.kansen_en_belemmeringen.plaatsing.punten,
        ),
        "zicht_op_ontwikkeling": lambda: render.bullet_list(profile.ondersteuningsstructuur.zicht_op_ontwikkeling),
        "gesprekkencyclus_intern": lambda: render.conversation_cycle(profile.ondersteuningsstructuur.gesprekkencyclus_intern),
        "gesprekkencyclus_ouders": lambda: render.conversation_cycle(profile.ondersteuningsstructuur.gesprekkencyclus_ouders),
        "zorgroute": lambda: render.care_route(profile.ondersteuningsstructuur.zorgroute),
        "interne_expertise": lambda: render.expertise_table(profile.expertise, hidden),
        "sociale_veiligheid": lambda: render.roles_table(profile.sociale_veiligheid, hidden),
        "externe_deskundigen": lambda: render.role_groups(profile.externe_deskundigen.groepen, hidden),
        "aantallen": lambda: render.statistics_tables(profile.aantallen, threshold),
        "in_het_kort": lambda: render.text_block(profile.in_het_kort.inleiding),
        "in_het_kort_niveaus": lambda: render.level_summaries(
            profile.stappenplan, profile.in_het_kort.niveaus, "stappenplan.md"
        ),
        "in_het_kort_grenzen": lambda: render.introduced_list(
            profile.in_het_kort.grenzen_inleiding, profile.kansen_en_belemmeringen.grenzen
        ),
        "aanspreekpunten": lambda: render.contact_points(profile, hidden),
        "basisondersteuning_overzicht": lambda: render.indicator_overview(profile.basisondersteuning),
        "basisondersteuning": lambda: render.basic_support(profile.basisondersteuning),
        "stappenplan": lambda: render.support_plan(profile.stappenplan),
    }
    macros["begrippenlijst"] = lambda: render.glossary_list(profile.begrippen)

    # Every abbreviation gets its explanation as a tooltip: in generated HTML by
    # render.abbreviate, in the prose of docs/ by Python-Markdown's abbr extension.
    glossary = render.abbreviation_glossary(profile.begrippen)
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary

    def register(name, function):
        env.macro(lambda *args, **kwargs: render.abbreviate(function(*args, **kwargs), glossary), name)

    for name, function in macros.items():
        register(name, function)
