"""The `praxislab` command line: portfolios, checks of instructors' files and lessons,
exercises and handouts, links and the competency map, JupyterLab set-up."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from . import paths
from .export import export_portfolio
from .journal import Journal


def _install_lab_settings(args: argparse.Namespace) -> int:
    """Install the collection's JupyterLab settings into this environment: no news
    fetching, no update checks, a read-only extension manager (so nothing calls PyPI).

    The server-side switches belong to LabApp, which reads `jupyter_lab_config.*` (not
    the server's config.d folder); an existing file there is merged, not replaced."""
    source = paths.collection_root() / "jupyter"
    prefix = Path(args.prefix) if args.prefix else Path(sys.prefix)
    for name in ("overrides.json", "jupyter_lab_config.json"):
        if not (source / name).is_file():
            print(f"praxislab: {source / name} is missing; is PRAXISLAB_ROOT right?",
                  file=sys.stderr)
            return 2
    overrides = prefix / "share/jupyter/lab/settings/overrides.json"
    overrides.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "overrides.json", overrides)
    print(f"installed {overrides}")
    lab_config = prefix / "etc/jupyter/jupyter_lab_config.json"
    ours = json.loads((source / "jupyter_lab_config.json").read_text())
    merged = json.loads(lab_config.read_text()) if lab_config.is_file() else {}
    for section, values in ours.items():
        merged.setdefault(section, {}).update(values)
    lab_config.parent.mkdir(parents=True, exist_ok=True)
    lab_config.write_text(json.dumps(merged, indent=2) + "\n")
    print(f"installed {lab_config}")
    return 0


def _export(args: argparse.Namespace) -> int:
    journal = Journal(args.journal) if args.journal else Journal()
    result = export_portfolio(journal, args.out, include_private=args.include_private)
    print(f"Wrote {result.count} entries to:\n  {result.html}\n  {result.markdown}")
    if not args.include_private:
        print("Private entries were left out (add --include-private for your own copy, "
              "written to portfolio-private.*).")
    if result.problems:
        print(f"{len(result.problems)} saved file(s) could not be included; open each to "
              "copy your text back:")
        for problem in result.problems:
            print(f"  {problem.file}: {problem.reason}")
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
    return 1 if book.problems or not book.files else 0


def _check_activities(args: argparse.Namespace) -> int:
    from .activities import read_activities
    from .vignettes import SUFFIXES

    files: list[Path] = []
    problems = []
    for given in [Path(f) for f in args.paths] or [paths.data_dir() / "activities"]:
        if given.is_dir():
            files += sorted(p for p in given.iterdir()
                            if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        else:
            files.append(given)
    loaded = 0
    for file in files:
        found, trouble = read_activities(file)
        loaded += len(found)
        problems += trouble
    print(f"Checked {len(files)} activity file(s): {loaded} activities loaded.")
    if not files:
        print("No activity files were found: check the folder names.")
    if problems:
        print(f"{len(problems)} problem(s); the activities named below were skipped:")
        print("\n".join(f"  - {p}" for p in problems))
    return 1 if problems or not files else 0


def _check_content(_args: argparse.Namespace) -> int:
    from .content import check_all

    checked, problems = check_all()
    print(f"Checked {checked} content file(s) in data/content and data/practice.")
    if problems:
        print(f"{len(problems)} problem(s):")
        print("\n".join(f"  - {p}" for p in problems))
    return 1 if problems or not checked else 0


def _lint(args: argparse.Namespace) -> int:
    from .lint import lint_file

    files = [Path(f) for f in args.notebooks] or sorted(
        (paths.collection_root() / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    bad = 0
    for path in files:
        problems = lint_file(path)
        bad += bool(problems)
        for problem in problems:
            print(f"{path}: {problem}")
    print(f"checked {len(files)} notebooks: {bad} with problems")
    return 1 if bad or not files else 0


def _assign(args: argparse.Namespace) -> int:
    from .assign import assign

    outcomes = assign(Path(args.solutions) if args.solutions else None,
                      Path(args.out) if args.out else None, args.lessons, write=not args.check)
    changed = [o for o in outcomes if o.changed]
    for o in outcomes:
        state = ("out of date" if args.check else "written") if o.changed else "up to date"
        print(f"{o.path}: {state}")
    print(f"{len(outcomes)} exercise(s): {len(changed)} "
          f"{'out of date' if args.check else 'written'}, {len(outcomes) - len(changed)} "
          "already up to date")
    return 1 if args.check and changed else 0


def _handout(args: argparse.Namespace) -> int:
    from .handout import handouts, parse_params

    written = handouts(args.lessons, parse_params(args.param), Path(args.out),
                       solution=args.solution)
    for path in written:
        print(f"wrote {path}")
    return 0


def _where(_args: argparse.Namespace) -> int:
    print(f"collection: {paths.collection_root()}")
    print(f"journal:    {Journal().directory}")
    for folder in paths.instructor_vignette_dirs():
        print(f"instructor cases: {folder}")
    from .validate import SCHEMAS, schema_path

    for name in SCHEMAS:
        print(f"{name} schema: {schema_path(name)}")
    return 0


def _competencies(args: argparse.Namespace) -> int:
    from .competencies import build

    outputs, problems = build()
    stale = [path for path, text in outputs.items()
             if not path.is_file() or path.read_text("utf-8") != text]
    for problem in problems:
        print(f"  - {problem}")
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run `praxislab competencies` and commit it")
    else:
        for path in stale:
            path.write_text(outputs[path], "utf-8")
            print(f"wrote {path}")
    print(f"checked {len(outputs)} file(s): {len(stale)} "
          f"{'out of date' if args.check else 'rewritten'}, {len(problems)} problem(s)")
    return 1 if problems or (args.check and stale) else 0


def _link(args: argparse.Namespace) -> int:
    from . import links

    repo = (links.parse_repository(args.repo) if args.repo
            else links.configured_repository())
    available = links.notebooks()
    chosen = (list(available.values()) if args.all
              else [links.notebook_for(args.lesson, available)])
    for notebook in chosen:
        url = links.nbgitpuller_link(args.hub, repo, args.branch, notebook)
        print(f"{notebook.removesuffix('.ipynb')}: {url}" if args.all else url)
    return 0


def _badge(args: argparse.Namespace) -> int:
    from . import links

    repo = (links.parse_repository(args.repo) if args.repo
            else links.configured_repository())
    badge = links.badge_markdown(repo)
    if args.check:
        readme = paths.collection_root() / "README.md"
        if badge not in readme.read_text("utf-8"):
            print(f"{readme}: the Binder badge does not match the repository setting "
                  f"({repo.slug}); put this line in the README:\n{badge}")
            return 1
        print(f"README badge matches {repo.slug}")
        return 0
    print(badge)
    print(f"Binder:     {links.binder_link(repo)}")
    print(f"Repository: {repo.git_url}")
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
    p = sub.add_parser("check-content", help="check the lesson content files (lens cases, "
                       "graces, the hiring table, practice reports)")
    p.set_defaults(func=_check_content)
    p = sub.add_parser("lint", help="check that lesson notebooks keep the collection's rules")
    p.add_argument("notebooks", nargs="*", help="notebooks to check (default: notebooks/)")
    p.set_defaults(func=_lint)
    p = sub.add_parser("check-activities", help="check activity files (default: "
                       "data/activities) and say exactly what is wrong")
    p.add_argument("paths", nargs="*", help="files or folders to check instead")
    p.set_defaults(func=_check_activities)
    p = sub.add_parser("assign", help="write exercises/ from the masters in solutions/")
    p.add_argument("lessons", nargs="*", help="lesson numbers such as 01 (default: all)")
    p.add_argument("--solutions", help="folder of masters (default: solutions/)")
    p.add_argument("--out", help="folder for the exercises (default: exercises/)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; fail if any exercise is out of date")
    p.set_defaults(func=_assign)
    p = sub.add_parser("handout", help="write an executed HTML handout of a lesson or solution")
    p.add_argument("lessons", nargs="+", help="lesson numbers such as 01 (several: a progress bar)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a notebook parameter, for example --param term='service user'")
    p.add_argument("--solution", action="store_true",
                   help="render the master from solutions/ instead of the lesson")
    p.add_argument("--out", default="handouts", help="folder for the HTML (default: handouts/)")
    p.set_defaults(func=_handout)
    p = sub.add_parser("where", help="show where the collection and your journal are")
    p.set_defaults(func=_where)
    p = sub.add_parser("install-lab-settings", help="install the JupyterLab settings")
    p.add_argument("--prefix", help="environment to install into (default: this one)")
    p.set_defaults(func=_install_lab_settings)
    p = sub.add_parser("competencies", help="check the lessons' objective tags and write "
                       "docs/competencies.md and the README lesson table")
    p.add_argument("--check", action="store_true",
                   help="write nothing; fail if either file is out of date")
    p.set_defaults(func=_competencies)
    p = sub.add_parser("link", help="print an nbgitpuller link that opens a lesson on "
                       "your JupyterHub (JupyterLab)")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    p.add_argument("--branch", default="main", help="the branch to pull (default: main)")
    p.add_argument("--lesson", help="notebook number or name, e.g. 04 (default: the start page)")
    p.add_argument("--all", action="store_true", help="one link per notebook")
    p.add_argument("--repo", help="owner/name on GitHub (default: [tool.praxislab] "
                   "repository in pyproject.toml)")
    p.set_defaults(func=_link)
    p = sub.add_parser("badge", help="print the README's Binder badge and links, made from "
                       "the repository setting")
    p.add_argument("--repo", help="owner/name on GitHub (default: the setting)")
    p.add_argument("--check", action="store_true", help="fail if the README's badge differs")
    p.set_defaults(func=_badge)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # the command line speaks plainly too
        print(f"praxislab {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
