"""The browser files that ship in the package (sop/vendor/) are npm's, at the versions package-lock.json pins.

A school's repository has no npm: the editor (/beheer/) and axe-core come with sop/. After a version
change in package.json (Dependabot), `make vendor` copies them again; these tests say so when it was forgotten.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import PROJECT, SCHOOLS, copy_project, run_make
from sop import vendor

NODE_MODULES = PROJECT / "node_modules"
MAKE_VENDOR = "Typ make vendor (na npm ci) en zet sop/vendor/ in een commit."

needs_node_modules = pytest.mark.skipif(not (NODE_MODULES / vendor.EDITOR_SCRIPT).is_file(),
                                        reason="node_modules/ ontbreekt (npm ci)")


def _locked_version(package: str) -> str:
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def _differences(folder, node_modules) -> list[str]:
    """Each way `folder` (a sop/vendor/) is not the copy of what it needs from `node_modules`, in Dutch."""
    wanted, present = vendor.needed(node_modules), vendor.vendored(folder)
    problems = [f"ontbreekt: sop/vendor/{name}" for name in sorted(set(wanted) - set(present))]
    problems += [f"niet meer nodig: sop/vendor/{name}" for name in sorted(set(present) - set(wanted))]
    problems += [f"anders dan node_modules/{name}" for name in sorted(set(wanted) & set(present))
                 if (folder / name).read_bytes() != (node_modules / name).read_bytes()]
    return problems


def test_vendored_editor_is_the_version_package_lock_pins():
    """Without node_modules too: a raised version of the editor without `make vendor` is seen."""
    vendored = json.loads(vendor.asset(vendor.EDITOR_PACKAGE).read_text(encoding="utf-8"))["version"]
    locked = _locked_version(vendor.EDITOR)
    assert vendored == locked, f"sop/vendor/ heeft {vendor.EDITOR} {vendored}, package-lock.json {locked}. {MAKE_VENDOR}"


@needs_node_modules
def test_every_vendored_file_is_npms_copy_at_the_locked_version():
    packages = sorted({vendor._package(name) for name in vendor.needed(NODE_MODULES)})
    for package in packages:
        installed = json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))["version"]
        assert installed == _locked_version(package), (
            f"node_modules/{package} is versie {installed}, package-lock.json zegt {_locked_version(package)}: typ npm ci")
    assert {"@sveltia/cms", "axe-core", "immutable"} <= set(packages)
    problems = _differences(vendor.FOLDER, NODE_MODULES)
    assert not problems, "\n".join([*problems, MAKE_VENDOR])


def test_vendored_files_are_only_what_the_build_and_tests_use():
    names = vendor.vendored()
    assert vendor.AXE in names and vendor.EDITOR_SCRIPT in names and vendor.IMMUTABLE in names
    assert not [name for name in names if name.endswith(".map") or "/chunks/" in name or name.endswith(".mjs")]
    # Each package that is vendored carries its licence.
    for package in {vendor._package(name) for name in names}:
        assert [name for name in names if name.startswith(f"{package}/LICENSE")], package


@needs_node_modules
def test_make_vendor_brings_sop_vendor_back_to_node_modules(tmp_path):
    """Dependabot's new version in node_modules/: `make vendor` copies it and removes what is no longer used."""
    project = copy_project(tmp_path / "school", SCHOOLS["voorbeeldschool"])
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(PROJECT / name, project / name)
    (project / ".venv").symlink_to(PROJECT / ".venv")
    folder = project / "sop" / "vendor"
    # An older copy: a changed script, a missing licence, a font and a language the new version dropped.
    (folder / vendor.EDITOR_SCRIPT).write_text("// oud", encoding="utf-8")
    (folder / "axe-core" / "LICENSE").unlink()
    for stale in ("@fontsource/oud/files/oud-latin-400-normal.woff2", f"{vendor.EDITOR_LOCALES}/xx.json"):
        (folder / stale).parent.mkdir(parents=True, exist_ok=True)
        (folder / stale).write_text("{}", encoding="utf-8")
    assert len(_differences(folder, NODE_MODULES)) == 4

    missing = run_make(project, "vendor")
    assert missing.returncode != 0
    assert "typ eerst npm ci" in missing.stderr and "Traceback" not in missing.stderr
    assert (folder / vendor.EDITOR_SCRIPT).read_text(encoding="utf-8") == "// oud"

    (project / "node_modules").symlink_to(NODE_MODULES)
    result = run_make(project, "vendor")
    assert result.returncode == 0, result.stderr
    assert "sop/vendor/ bijgewerkt" in result.stdout
    assert _differences(folder, NODE_MODULES) == []
    assert not (folder / "@fontsource" / "oud").exists()
    assert (folder / "__init__.py").is_file() and (folder / "__main__.py").is_file()
