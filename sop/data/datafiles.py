"""The files of a profile: each data/ file's name and the model it must match.

Its own module because both the loader (profile.py) and the rules over the whole
profile (rules.py) need it, and the loader runs those rules.
"""

from __future__ import annotations

from pydantic import BaseModel

from sop.data import schema

DATA_FILES: dict[str, type[BaseModel]] = {
    "school": schema.School,
    "inleiding": schema.Inleiding,
    "onderwijsconcept": schema.Onderwijsconcept,
    "waarde-en-trots": schema.WaardeEnTrots,
    "kansen-en-belemmeringen": schema.KansenEnBelemmeringen,
    "ondersteuningsstructuur": schema.Ondersteuningsstructuur,
    "expertise": schema.Expertise,
    "sociale-veiligheid": schema.Rollen,
    "externe-deskundigen": schema.ExterneDeskundigen,
    "aantallen": schema.Aantallen,
    "basisondersteuning": schema.Basisondersteuning,
    "stappenplan": schema.Stappenplan,
    "begrippen": schema.Begrippen,
    "in-het-kort": schema.InHetKort,
    "instellingen": schema.Instellingen,
    "status": schema.FormeleStatus,
    "verklaringen": schema.Verklaringen,
}
