"""The launcher, AppStream and icon files agree with each other and with the package.

A mismatch here is what a user sees as a launcher without an icon, a software centre offering a
version that is not the one installed, or a menu entry that runs nothing.
"""

from __future__ import annotations

import configparser
import tomllib
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import reader

REPO = Path(__file__).resolve().parents[2]
DESKTOP_FILE = REPO / "resources" / "linux" / "daily-papers-reader.desktop"
METAINFO_FILE = REPO / "resources" / "linux" / "io.github.daily_papers_reader.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


class _DesktopFileParser(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:
        return optionstr  # desktop-file keys are case-sensitive


def _desktop_entry() -> configparser.SectionProxy:
    parser = _DesktopFileParser(interpolation=None)
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _metainfo() -> ElementTree.Element:
    return ElementTree.parse(METAINFO_FILE).getroot()


def test_launcher_runs_the_installed_command() -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    entry = _desktop_entry()
    assert entry["Exec"].split()[0] in scripts
    assert _metainfo().findtext("provides/binary") in scripts


def test_launcher_icon_exists_at_every_size_in_the_installed_package() -> None:
    icon_name = _desktop_entry()["Icon"]
    hicolor = resources.files("reader.resources") / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{icon_name}.png"
        assert png.is_file(), png
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (hicolor / "scalable" / "apps" / f"{icon_name}.svg").is_file()


def test_metainfo_names_the_launcher_and_this_version() -> None:
    metainfo = _metainfo()
    assert metainfo.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert METAINFO_FILE.name == f"{metainfo.findtext('id')}.metainfo.xml"
    newest_release = metainfo.find("releases/release")
    assert newest_release is not None and newest_release.get("version") == reader.__version__


def test_metainfo_credits_the_bundled_digests_licence() -> None:
    metainfo = _metainfo()
    assert "CC-BY-NC-4.0" in (metainfo.findtext("project_license") or "")
    description = ElementTree.tostring(metainfo.find("description"), encoding="unicode")  # type: ignore[arg-type]
    assert "CC BY-NC 4.0" in description


def test_every_package_and_resource_folder_is_in_the_install() -> None:
    """A package or data folder missing from pyproject's list is missing from every wheel and bundle
    (the editable development install hides it), and setuptools warns about each one on every install."""
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(path.parent.relative_to(REPO).parts) for path in (REPO / "reader").rglob("__init__.py")}
    on_disk |= {"reader.seeds", "reader.resources"}
    folders = [path.relative_to(REPO).parts for path in (REPO / "resources").rglob("*")
               if path.is_dir() and path.name != "__pycache__"]
    # a folder whose name Python could import is a (namespace) package to setuptools; 128x128 is not
    on_disk |= {"reader." + ".".join(parts) for parts in folders if all(part.isidentifier() for part in parts)}
    assert listed == on_disk
