"""The `praxislab` command line: export a portfolio, check case files, set up JupyterLab."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from . import paths
from .export import export_portfolio
from .journal import Journal


def _install_lab_settings(_args: argparse.Namespace) -> int:
    """Copy the collection's JupyterLab settings into this environment: no news fetching,
    no update checks, a read-only extension manager (so nothing calls PyPI)."""
    source = paths.collection_root() / "jupyter"
    prefix = Path(sys.prefix)
    targets = {
        source / "overrides.json": prefix / "share/jupyter/lab/settings/overrides.json",
        source / "jupyter_server_config.json":
            prefix / "etc/jupyter/jupyter_server_config.d/praxislab.json",
    }
    for src, dst in targets.items():
        if not src.is_file():
            print(f"praxislab: {src} is missing; is PRAXISLAB_ROOT right?", file=sys.stderr)
            return 2
        json.loads(src.read_text())  # refuse to install a broken file
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        print(f"installed {dst}")
    return 0


def _export(args: argparse.Namespace) -> int:
    journal = Journal(args.journal) if args.journal else Journal()
    result = export_portfolio(journal, args.out, include_private=args.include_private)
    print(f"Wrote {result.count} entries to:\n  {result.html}\n  {result.markdown}")
    if not args.include_private:
        print("Private entries were left out (add --include-private for your own copy).")
    return 0


def _check_vignettes(args: argparse.Namespace) -> int:
    from .vignettes import load_casebook, shipped_dir

    # The shipped cases always load first, so a clash of ids is caught too.
    folders = None
    if args.folders:
        folders = [shipped_dir()]
        for folder in (Path(f).resolve() for f in args.folders):
            if folder not in [f.resolve() for f in folders]:
                folders.append(folder)
    book = load_casebook(folders)
    print(book.report())
    return 1 if book.problems else 0


def _where(_args: argparse.Namespace) -> int:
    print(f"collection: {paths.collection_root()}")
    print(f"journal:    {Journal().directory}")
    for folder in paths.instructor_vignette_dirs():
        print(f"instructor cases: {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="praxislab", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export", help="write your portfolio as Markdown and HTML")
    p.add_argument("--out", help="folder for the files (default: the journal's exports/)")
    p.add_argument("--journal", help="journal folder (default: as the notebooks use)")
    p.add_argument("--include-private", action="store_true",
                   help="include private entries such as identity ratings")
    p.set_defaults(func=_export)
    p = sub.add_parser("check-vignettes", help="check case files (default: shipped and "
                       "instructors' folders) and say exactly what is wrong")
    p.add_argument("folders", nargs="*", help="folders to check instead of the defaults")
    p.set_defaults(func=_check_vignettes)
    p = sub.add_parser("where", help="show where the collection and your journal are")
    p.set_defaults(func=_where)
    p = sub.add_parser("install-lab-settings", help="install the JupyterLab settings")
    p.set_defaults(func=_install_lab_settings)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # the command line speaks plainly too
        print(f"praxislab {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
