"""The ``reportlint`` command (click): parse, load, call the API, print. Nothing else."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import click

from reportlint import __version__
from reportlint.engine import LintResult, Problem
from reportlint.errors import ReportlintError, one_line
from reportlint.readers import SUPPORTED_SUFFIXES
from reportlint.rules import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_RANK = {"error": 0, "warning": 1, "info": 2}


def _split(values: Sequence[str]) -> list[str]:
    """``--select P,M1 --select T`` -> ["P", "M1", "T"]."""
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _excluded(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(fnmatch.fnmatchcase(path.name, p) or fnmatch.fnmatchcase(rel, p) for p in patterns)


def iter_files(paths: Sequence[str], linter: object) -> Iterator[tuple[Path | None, str, Problem | None]]:
    """(path, display name, problem) for each file to check; folders are walked, sorted, excluded globs pruned."""
    from reportlint.api import Linter

    assert isinstance(linter, Linter)
    for arg in paths:
        if arg == "-":
            yield None, "-", None
            continue
        p = Path(arg)
        try:
            is_dir = p.is_dir()
        except OSError:  # e.g. a name too long: the reader reports it for this file alone
            is_dir = False
        if is_dir:
            try:
                exclude = linter.config_for(p).exclude
            except ReportlintError as exc:
                yield None, arg, Problem(arg, str(exc))
                continue
            for folder, dirs, files in os.walk(p):
                here = Path(folder)
                dirs[:] = sorted(d for d in dirs if not _excluded(here / d, p, exclude))
                for name in sorted(files):
                    f = here / name
                    if f.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith("~$") and not _excluded(f, p, exclude):
                        yield f, str(f), None
        else:
            yield p, arg, None  # a missing or unsupported file named explicitly is an error, reported by the reader


def _stdout() -> TextIO:
    """stdout that never crashes on a console that cannot show Chinese (GBK code page, LC_ALL=C)."""
    out = sys.stdout
    try:
        out.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    return out


def _drop_stdout() -> None:
    """After a failed write to stdout: send the rest (and Python's flush at exit) to the null device."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _stderr() -> TextIO:
    """stderr that never crashes on a console that cannot show Chinese."""
    err = sys.stderr
    try:
        err.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    return err


def _report_problems(problems: Sequence[Problem], verbose: bool) -> None:
    seen: set[str] = set()
    _stderr()
    for p in problems:
        line = one_line(str(p))
        if line in seen:
            continue
        seen.add(line)
        click.echo(line, err=True)
        if verbose and p.detail:
            click.echo(p.detail.rstrip(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reportlint")
def main() -> None:
    """reportlint: a linter for Chinese report text (公文)."""


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes, names; comma-separated); replaces the defaults.")
@click.option("--extend-select", multiple=True, help="Rules to enable in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--format", "output_format", default="text", show_default=True, help="Output format: text, concise, json, github, or one a plugin adds.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True,
              help="Exit 1 only for findings of this severity or worse (info: any finding).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even if there are findings (errors still exit 2).")
@click.option("-q", "--quiet", is_flag=True, help="Only the finding lines: no source excerpt, no summary.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file for every file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--stdin-filename", help="The name (and so the type) of the text read from '-'.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--annotate", "annotate_to", type=click.Path(path_type=Path), help="Write a copy of each .docx with every finding as a Word review comment (a file, or a folder for several).")
@click.option("--output", "fix_output", type=click.Path(path_type=Path), help="With --fix on a .docx, write the fixed copy here (a file, or a folder); the original is never rewritten.")
@click.option("--profile", help="Document type, e.g. 工作总结 (overrides config).")
@click.option("--report-year", type=int, help="The year the report covers (overrides config).")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of crashing plugins.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Files checked at once (default: the number of cores).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.reportlint_cache).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), help="Record the current findings in this baseline file, then exit.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str,
    output_file: str | None,
    statistics: bool,
    fail_on: str,
    exit_zero: bool,
    quiet: bool,
    config_file: Path | None,
    isolated: bool,
    stdin_filename: str | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    profile: str | None,
    report_year: int | None,
    verbose: bool,
    jobs: int | None = None,
    no_cache: bool = False,
    baseline_file: Path | None = None,
    write_baseline: Path | None = None,
    annotate_to: Path | None = None,
    fix_output: Path | None = None,
) -> None:
    """Check report files (.txt, .md, .docx) and folders; '-' reads stdin."""
    from reportlint.api import Linter
    from reportlint.formats import FormatContext

    if not paths:
        raise click.UsageError("give at least one file or folder (or '-' for stdin)")
    from reportlint.safeio import install_signal_cleanup

    install_signal_cleanup()  # SIGTERM/SIGINT/SIGHUP remove the temporary of a write in progress
    try:
        linter = Linter(
            config_file=config_file,
            isolated=isolated,
            select=_split(select) if select else None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            profile=profile,
            report_year=report_year,
        )
        formats = linter.formats()
        if output_format not in formats:
            raise click.UsageError(f"unknown format {output_format!r} (known: {', '.join(sorted(formats))})")
        linter.check_cli_selectors()
    except ReportlintError as exc:
        click.echo(one_line(f"error: {exc}"), err=True)
        sys.exit(EXIT_ERROR)

    results: list[LintResult] = []
    problems: list[Problem] = []
    diffs: list[str] = []
    items = list(iter_files(paths, linter))
    if fix_output is not None:  # --output: where --fix writes the fixed copy of a .docx
        n_docx = sum(1 for _, d, _ in items if d.lower().endswith(".docx"))
        if not fix:
            raise click.UsageError("--output goes with --fix: it names the fixed copy of a .docx")
        if n_docx > 1 and not fix_output.is_dir():
            raise click.UsageError(f"--output {fix_output} names one file but {n_docx} .docx are fixed; give a folder")
    pooled = None
    if not (fix or diff):  # -j and the cache (reportlint.parallel); fixing stays one file at a time
        from reportlint.parallel import check_files

        files = [(p, d) for p, d, prob in items if prob is None and p is not None]
        pooled = check_files(linter, files, jobs=jobs, use_cache=not no_cache)
    for path, display, problem in items:
        if problem is not None:
            problems.append(problem)
            continue
        if pooled is not None and path is not None:
            result = next(pooled)
        else:
            result = _check_one(linter, path, display, stdin_filename, fix=fix, diff=diff, unsafe=unsafe_fixes, diffs=diffs, output=fix_output)
        results.append(result)
        problems.extend(result.problems)

    from reportlint.baseline import apply_run_baselines
    from reportlint.baseline import write_baseline as _write_baseline

    if write_baseline is not None:
        n = _write_baseline(write_baseline, results)
        _report_problems(problems, verbose)
        click.echo(f"Recorded {n} finding{'s' if n != 1 else ''} in baseline {write_baseline}.", err=True)
        sys.exit(EXIT_ERROR if problems else EXIT_OK)
    results, baseline_problems = apply_run_baselines(results, linter, baseline_file)
    problems.extend(baseline_problems)
    rules = linter.rules_for(r.path for r in results)  # packs of every config involved, for rule docs
    if annotate_to is not None:  # Word review comments on a copy of each .docx
        from reportlint.annotate import annotate_results

        problems.extend(annotate_results(results, items, annotate_to, rules))

    ctx = FormatContext(rules=rules, statistics=statistics, quiet=quiet, output_is_file=bool(output_file))
    if diff:
        out = _stdout()
        out.write("".join(diffs))
        _report_problems(problems, verbose)
        sys.exit(EXIT_ERROR if problems else (EXIT_FINDINGS if diffs else EXIT_OK))
    try:
        if output_file:
            with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
                formats[output_format](results, fh, ctx)
        else:  # stdin through --fix: stdout holds the fixed text alone, the report goes to stderr
            stream = _stderr() if fix and "-" in paths else _stdout()
            formats[output_format](results, stream, ctx)
            stream.flush()
    except OSError as exc:  # a full disk or a closed pipe: say so in one line, never a traceback
        _drop_stdout()
        problems.append(Problem(output_file or "stdout", f"cannot write the report: {exc.strerror or exc}"))
    _report_problems(problems, verbose)
    if problems:
        sys.exit(EXIT_ERROR)
    threshold = _RANK[fail_on]
    if not exit_zero and any(_RANK[f.severity.value] <= threshold for r in results for f in r.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _check_one(
    linter: object, path: Path | None, display: str, stdin_filename: str | None, *, fix: bool, diff: bool, unsafe: bool, diffs: list[str],
    output: Path | None = None,
) -> LintResult:
    from reportlint.api import Linter

    assert isinstance(linter, Linter)
    data = b""
    try:
        if path is None:  # stdin
            display = stdin_filename or "-"
            name = stdin_filename or "stdin.txt"
            config = linter.config_for(Path(name).resolve() if stdin_filename else Path.cwd() / name)
            data = sys.stdin.buffer.read()
            doc = dataclasses.replace(linter.read_bytes(name, data), path=display)
        else:
            config = linter.config_for(path)
            doc, data = linter.read_path(path, config, display)
    except ReportlintError as exc:
        from reportlint.api import _strip_path

        message = _strip_path(str(exc), display)
        if path is None:  # stdin: the reader named the file by the name that picked its type
            message = _strip_path(message, stdin_filename or "stdin.txt")
            if fix and not diff:  # a pipe through --fix passes what it cannot read through unchanged
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
        return LintResult(display, None, problems=[Problem(display, message)])
    if not (fix or diff):
        return linter.check_document(doc, config)
    if doc.format == "docx":  # never rewritten in place: --fix writes --output, --diff shows the text
        from reportlint.docx_fix import fix_docx_cli

        if path is None and fix and not diff:  # stdout carries the document; a .docx is not fixed in place
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        return fix_docx_cli(linter, doc, data, config, display, path, output=output, diff=diff, unsafe=unsafe, diffs=diffs)
    from reportlint.fixes import fix_file

    return fix_file(linter, doc, data, config, display, path, unsafe=unsafe, diffs=diffs if diff else None,
                    stdout=sys.stdout.buffer if path is None else None)


def _all_rules(config_file: Path | None) -> dict[str, Rule]:
    """Every rule under the config of the current folder (or ``config_file``); exit 2 on a bad config."""
    from reportlint.api import Linter

    try:
        linter = Linter(config_file=config_file)
        return linter.all_rules(linter.config_for(Path.cwd()))
    except ReportlintError as exc:
        click.echo(one_line(f"error: {exc}"), err=True)
        sys.exit(EXIT_ERROR)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Include rules from this config's packs and plugins.")
def rules_command(output_format: str, config_file: Path | None) -> None:
    """List every rule: code, name, family, severity, fixable, on by default."""
    import json

    rules = _all_rules(config_file)
    out = _stdout()
    if output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value, "fixable": r.fixable,
             "default": r.default, "summary": r.summary, "plugin": r.plugin}
            for r in sorted(rules.values(), key=lambda r: r.code)
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write(f"{'code':<7}{'name':<34}{'family':<7}{'severity':<9}{'fix':<7}{'default':<8}summary\n")
    for r in sorted(rules.values(), key=lambda r: r.code):
        out.write(
            f"{r.code:<7}{r.name:<34}{r.family:<7}{r.severity.value:<9}{(r.fixable or '-'):<7}{('yes' if r.default else 'no'):<8}{r.summary}\n"
        )


@main.command("rule")
@click.argument("code")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Include rules from this config's packs and plugins.")
def rule_command(code: str, config_file: Path | None) -> None:
    """Show a rule's documentation and examples (by code or name)."""
    rules = _all_rules(config_file)
    found = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if found is None:
        click.echo(f"error: unknown rule {code!r} (see `reportlint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    from reportlint.docs import rule_markdown

    _stdout().write(rule_markdown(found))
