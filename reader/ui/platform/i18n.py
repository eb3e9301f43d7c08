"""The UI language: English as written in the code, or Korean from our catalogue and Qt's own.

The Korean source catalogue is ``resources/translations/daily_papers_ko.ts`` (kept in git, edited
with Qt Linguist or by hand). Qt loads only the compiled ``.qm``: ``scripts/setup.sh`` and the bundle
build run ``python -m reader.ui.platform.i18n`` to compile it next to the ``.ts`` (build output, not in
git). The window loads that ``.qm`` and never compiles at start (lrelease took ~2.4 s before the first
paint): a checkout without one runs in English and says so in the log; one older than its ``.ts`` is
still loaded, with a log line asking for ``scripts/setup.sh``.

Run ``python -m reader.ui.platform.i18n --update`` after changing UI strings: it re-reads every module under reader/ui
with pyside6-lupdate into the ``.ts`` (new strings arrive unfinished; a test fails until they are
translated).
"""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("reader.ui.platform.i18n")

CATALOGUE = "daily_papers"
LANGUAGE_CHOICES = ("system", "ko", "en")
"""What Preferences offers: follow the system locale, or one of the UI languages."""

_installed: list[QTranslator] = []  # Qt does not own installed translators: keep them alive here


def ui_sources() -> list[Path]:
    """Every module of the UI (reader/ui and its subpackages): what lupdate reads for visible strings."""
    return sorted(Path(__file__).resolve().parents[1].rglob("*.py"))


def translations_dir() -> Path:
    """Where the catalogues ship: resources/translations in the checkout, the package and the bundle."""
    return Path(str(resources.files("reader.resources") / "translations"))


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """``ko`` or ``en``: the chosen language, or for ``system`` the system locale's (Korean or else English)."""
    if choice in ("ko", "en"):
        return choice
    locale = system if system is not None else QLocale.system()
    return "ko" if locale.language() == QLocale.Language.Korean else "en"


def tool_command(name: str) -> list[str] | None:
    """Command line of a PySide6 Qt tool (lrelease, lupdate), or None when PySide6 does not ship it."""
    try:
        from PySide6.scripts import pyside_tool  # noqa: F401 - present in full PySide6 installs only
    except ImportError:
        return None
    code = f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.argv[0] = '{name}'; {name}()"
    return [sys.executable, "-c", code]


def compile_catalogue(ts_file: Path, qm_file: Path) -> bool:
    """Compile a .ts into a .qm with PySide6's lrelease; False when it is not available or fails."""
    import subprocess  # rarely needed: not imported with the window

    command = tool_command("lrelease")
    if command is None or getattr(sys, "frozen", False):  # a bundle has no lrelease (and ships .qm files)
        return False
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*command, "-silent", str(ts_file), "-qm", str(qm_file)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not qm_file.exists():
        log.warning("lrelease failed for %s: %s", ts_file, result.stderr.strip())
        return False
    return True


def catalogue_file(language: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled catalogue of ``language`` shipped next to its .ts, or None (English).

    Nothing is compiled here: that is the set-up's and the bundle build's work. ``cache_dir`` is not used
    any more (older versions compiled into it at start); it is accepted so callers need not change.
    """
    if language == "en":
        return None  # the code's own strings
    shipped_ts = translations_dir() / f"{CATALOGUE}_{language}.ts"
    shipped_qm = shipped_ts.with_suffix(".qm")
    if not shipped_qm.exists():
        log.warning("no compiled %s catalogue (%s): the window is in English; run scripts/setup.sh "
                    "or `python -m reader.ui.platform.i18n`", language, shipped_qm)
        return None
    if shipped_ts.exists() and shipped_ts.stat().st_mtime > shipped_qm.stat().st_mtime:
        log.warning("%s is older than %s: new texts show in English until scripts/setup.sh compiles it again",
                    shipped_qm.name, shipped_ts.name)
    return shipped_qm


def install_translators(app: QCoreApplication, choice: str, cache_dir: Path | None = None) -> str:
    """Translate the UI into the chosen language; returns the language in use (``ko`` or ``en``).

    Installs our catalogue and Qt's own (standard buttons, file dialogs), and makes the language the
    default locale so dates and month names follow it too. Call before the window is built: widgets
    take their texts when they are made (a language change applies at the next start). Without our
    compiled catalogue the whole window is English (not Korean buttons around English texts).
    """
    remove_translators(app)
    language = resolve_language(choice)
    ours = catalogue_file(language, cache_dir)
    if language != "en" and ours is None:
        language, choice = "en", "en"
    chosen = {"ko": "ko_KR", "en": "en_US"}.get(choice)
    QLocale.setDefault(QLocale(chosen) if chosen else QLocale.system())
    if language == "en" or ours is None:
        return language
    qt_catalogues = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _install(app, f"qtbase_{language}", qt_catalogues)
    _install(app, ours.stem, str(ours.parent))
    return language


def _install(app: QCoreApplication, name: str, directory: str) -> None:
    translator = QTranslator(app)
    if translator.load(name, directory):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("could not load translation %s from %s", name, directory)


def remove_translators(app: QCoreApplication) -> None:
    """Back to the English texts of the code (tests switch languages within one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def _update_sources() -> int:
    """Re-read the UI strings into every .ts (keeping translations), for translators to fill in."""
    import subprocess

    command = tool_command("lupdate")
    if command is None:
        print("pyside6-lupdate is not installed", file=sys.stderr)
        return 1
    sources = [str(path) for path in ui_sources()]
    catalogues = sorted(str(path) for path in translations_dir().glob(f"{CATALOGUE}_*.ts"))
    return subprocess.run([*command, "-locations", "none", "-no-obsolete", *sources, "-ts", *catalogues],
                          check=False).returncode


def _compile_all() -> int:
    """Compile every shipped .ts into the .qm beside it (the set-up and bundle build steps)."""
    failed = 0
    for ts_file in sorted(translations_dir().glob(f"{CATALOGUE}_*.ts")):
        if compile_catalogue(ts_file, ts_file.with_suffix(".qm")):
            print(f"compiled {ts_file.with_suffix('.qm')}")
        else:
            print(f"could not compile {ts_file}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.ui.platform.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-read UI strings into the .ts files (lupdate)")
    args = parser.parse_args(argv)
    return _update_sources() if args.update else _compile_all()


if __name__ == "__main__":
    sys.exit(main())
