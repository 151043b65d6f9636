"""The fonts a test browser may use: a fixed set, never whatever the machine has.

A page that fits a phone in one font can stick out in a wider one, so a layout
test that used the machine's fonts passed or failed by accident. Each browser
gets its own fontconfig file listing only the font folders of its set
(FONTCONFIG_FILE, read by Chromium on Linux). .ci/run installs the packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Fonts:
    """One font package: where it may be installed, and its sans-serif family."""

    package: str  # the Debian package .ci/run installs
    folders: tuple[Path, ...]
    sans: str

    @property
    def folder(self) -> Path | None:
        return next((folder for folder in self.folders if any(folder.glob("*.ttf"))), None)


DEJAVU = Fonts("fonts-dejavu-core", (Path("/usr/share/fonts/truetype/dejavu"),), "DejaVu Sans")
# liberation/: the older package, which Google Chrome's Ubuntu package pulls in; same fonts.
LIBERATION = Fonts("fonts-liberation2", (Path("/usr/share/fonts/truetype/liberation2"),
                                         Path("/usr/share/fonts/truetype/liberation")), "Liberation Sans")
EVERY_SANS = sorted(fonts.sans for fonts in (DEJAVU, LIBERATION))


@dataclass(frozen=True)
class FontSet:
    packages: tuple[Fonts, ...]
    sans: str
    serif: str
    mono: str

    def missing(self) -> list[str]:
        """Packages to install before this set can be used."""
        return [fonts.package for fonts in self.packages if fonts.folder is None]

    @property
    def sans_families(self) -> list[str]:
        return sorted(fonts.sans for fonts in self.packages)

    def fontconfig(self, directory: Path) -> Path:
        """Write a fonts.conf that shows only this set's fonts; return its path."""
        folders = "".join(f"  <dir>{escape(str(fonts.folder))}</dir>\n" for fonts in self.packages)
        # binding="strong": the generic names must win over fontconfig's own
        # preference for fonts that cover more languages (DejaVu Math TeX Gyre).
        aliases = "".join(
            f'  <alias binding="strong"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>\n'
            for generic, family in (("sans-serif", self.sans), ("serif", self.serif), ("monospace", self.mono))
        )
        text = (
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            f"{folders}  <cachedir>{escape(str(directory.resolve() / 'cache'))}</cachedir>\n{aliases}"
            # Debian's defaults for drawing text, so glyph widths match a reader's Linux.
            '  <match target="font">\n'
            '    <edit name="antialias" mode="assign"><bool>true</bool></edit>\n'
            '    <edit name="hinting" mode="assign"><bool>true</bool></edit>\n'
            '    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>\n'
            "  </match>\n</fontconfig>\n"
        )
        path = directory / "fonts.conf"
        path.write_text(text, encoding="utf-8")
        # Absolute: Chromium starts in another working directory.
        return path.resolve()


FONT_SETS = {
    # What most tests use: Liberation has the widths of Arial, Times New Roman
    # and Courier New (what Windows readers see); DejaVu adds symbols it lacks.
    "fixed": FontSet((LIBERATION, DEJAVU), "Liberation Sans", "Liberation Serif", "Liberation Mono"),
    # A wide font, and the only one on a fresh Debian machine: layout tests run with it too.
    "dejavu": FontSet((DEJAVU,), "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"),
}
FIXED = "fixed"
