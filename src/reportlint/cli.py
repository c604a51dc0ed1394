"""The ``reportlint`` command (click): parse, load, call the API, print. Nothing else.

Every text is an English msgid translated by reportlint.i18n (Chinese by default); the
help is translated when it is shown, and wrapped by terminal columns (reportlint.textwidth),
so a Chinese line is never wider than the terminal.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from reportlint import __version__, i18n
from reportlint.engine import LintResult, Problem
from reportlint.errors import ReportlintError, one_line, os_reason
from reportlint.i18n import N_
from reportlint.i18n import gettext as _
from reportlint.readers import READ_ONLY_FORMATS, SUPPORTED_SUFFIXES
from reportlint.rules import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_RANK = {"error": 0, "warning": 1, "info": 2}
#: A progress bar is drawn (on a terminal) for at least this many files to check or annotate.
PROGRESS_MIN_ITEMS = 20


# -- help and messages in the user's language ---------------------------------------------------


class _Formatter(click.HelpFormatter):
    """click's help layout, wrapped by terminal columns: a Chinese character takes two."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from reportlint.textwidth import width, wrap

        if prefix is None:
            prefix = _("Usage:") + " "
        head = f"{prefix:>{self.current_indent}}{prog} "
        for line in wrap(args, self.width - self.current_indent, initial_indent=head, subsequent_indent=" " * width(head)):
            self.write(line + "\n")

    def write_heading(self, heading: str) -> None:
        colon = _(":")
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        from reportlint.textwidth import wrap

        indent = " " * self.current_indent
        for para in text.split("\n\n"):
            for line in wrap(para, self.width, initial_indent=indent, subsequent_indent=indent):
                self.write(line + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[override]
        from reportlint.textwidth import width, wrap

        rows = list(rows)
        first_col = min(max((width(a) for a, _b in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            if not text:
                self.write(f"{indent}{term}\n")
                continue
            pad = " " * (first_col + self.current_indent)
            columns = max(self.width - first_col - self.current_indent, 20)
            lines = wrap(text, columns)
            if width(term) <= first_col - col_spacing:
                self.write(f"{indent}{term}{' ' * (first_col - width(term))}{lines[0]}\n")
                rest = lines[1:]
            else:
                self.write(f"{indent}{term}\n")
                rest = lines
            for line in rest:
                self.write(f"{pad}{line}\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _Option(click.Option):
    """An option whose help is a msgid, translated when the help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        msgid = self.help
        self.help = _(msgid) if msgid else msgid
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = msgid


def option(*decls: str, **attrs: Any) -> Any:
    """click.option with a translated help."""
    attrs.setdefault("cls", _Option)
    return click.option(*decls, **attrs)


class _Translated:
    """A command whose help is a msgid, and whose --help option speaks the current language."""

    context_class = _Context
    help: str | None
    short_help: str | None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            import gettext

            opt.help = gettext.gettext("Show this message and exit.")  # click's msgid, in our catalogue
        return opt  # type: ignore[no-any-return]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        msgid = self.help
        self.help = _(msgid) if msgid else msgid
        try:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
        finally:
            self.help = msgid

    def get_short_help_str(self, limit: int = 45) -> str:
        text = self.short_help or self.help
        return _(text) if text else ""


class _Command(_Translated, click.Command):
    pass


def _scan_lang(args: Sequence[str]) -> str | None:
    """The value of ``--lang`` on the command line, found before click parses it (so --help is in that language)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


class _Main(_Translated, click.Group):
    command_class = _Command

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:  # type: ignore[override]
        argv = list(sys.argv[1:] if args is None else args)
        i18n.set_language(_scan_lang(argv))
        with i18n.click_messages():
            return super().main(argv, *a, **kw)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        i18n.set_language(value)


_lang = option("--lang", type=click.Choice(i18n.CHOICES), expose_value=False, is_eager=True, callback=_set_lang,
               help=N_("Language of messages and help: zh (default) or en. REPORTLINT_LANG sets it too."))


# -- input ---------------------------------------------------------------------------------------


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
    """(path, display name, problem) for each file to check; folders are walked, sorted, excluded globs pruned.

    A folder in which nothing is to be checked is a problem of its own ("no files found").
    """
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
        if not is_dir:
            yield p, arg, None  # a missing or unsupported file named explicitly is an error, reported by the reader
            continue
        try:
            exclude = linter.config_for(p).exclude
        except ReportlintError as exc:
            yield None, arg, Problem(arg, str(exc))
            continue
        found = 0
        for folder, dirs, files in os.walk(p):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not _excluded(here / d, p, exclude))
            for name in sorted(files):
                f = here / name
                if f.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith("~$") and not _excluded(f, p, exclude):
                    found += 1
                    yield f, str(f), None
        if not found:
            kinds = _(", ").join(sorted(SUPPORTED_SUFFIXES))
            yield None, arg, Problem(arg, _("no files to check found here ({kinds}; excluded folders skipped)").format(kinds=kinds))


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
    err = sys.stderr
    try:
        err.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    return err


def _report_problems(problems: Sequence[Problem], verbose: bool) -> None:
    seen: set[str] = set()
    err = _stderr()
    for p in problems:
        line = one_line(str(p))
        if line in seen:
            continue
        seen.add(line)
        click.echo(line, file=err)
        if verbose and p.detail:
            click.echo(p.detail.rstrip(), file=err)


def _warn(message: str) -> None:
    click.echo(_("warning: {message}").format(message=message), file=_stderr())


def _fail(message: str) -> None:
    """One line on stderr and exit 2."""
    click.echo(one_line(_("error: {message}").format(message=message)), file=_stderr())
    sys.exit(EXIT_ERROR)


def _use_colour(choice: str, stream: TextIO) -> bool:
    """--color: always / never; auto = a terminal, unless NO_COLOR is set (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


class _Progress:
    """click's progress bar on stderr, for long runs on a terminal only; cleared when done."""

    def __init__(self, total: int, label: str, enabled: bool) -> None:
        self.bar = None
        if enabled and total >= PROGRESS_MIN_ITEMS and _stderr().isatty():
            self.bar = click.progressbar(length=total, label=label, file=_stderr(), show_pos=True, show_eta=True)
            self.bar.__enter__()

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.file.write("\r\x1b[K\x1b[?25h")  # erase the bar's line and show the cursor again: the report follows
            self.bar.file.flush()
            self.bar = None


# -- the commands -------------------------------------------------------------------------------


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             help=N_("reportlint: a linter for Chinese reports (公文): structure, dates, punctuation, numbers, wording."))
@click.version_option(__version__, "--version", prog_name="reportlint", help=N_("Show the version and exit."), cls=_Option)
@_lang
def main() -> None:
    pass


_FORMATS_HELP = N_("Output format: text, concise, json, github, sarif, junit, rdjson, html (one page for a reviewer), "
                   "or one a plugin adds.")


@main.command(short_help=N_("Check report files and folders."),
              help=N_("Check report files (.txt, .md, .docx, .pdf, .ofd, .doc, .wps) and folders; '-' reads stdin."))
@click.argument("paths", nargs=-1, type=str)
@option("--select", multiple=True, help=N_("Rules to enable (codes, prefixes, names; comma-separated); replaces the defaults."))
@option("--extend-select", multiple=True, help=N_("Rules to enable in addition to the selected ones."))
@option("--ignore", multiple=True, help=N_("Rules to disable."))
@option("--format", "output_format", default="text", show_default=True, help=_FORMATS_HELP)
@option("-o", "--output-file", type=click.Path(dir_okay=False), help=N_("Write the report to this file."))
@option("--statistics", is_flag=True, help=N_("Count findings per rule."))
@option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True,
        help=N_("Exit 1 only for findings of this severity or worse (info: any finding)."))
@option("--exit-zero", is_flag=True, help=N_("Exit 0 even if there are findings (errors still exit 2)."))
@option("-q", "--quiet", is_flag=True, help=N_("Only the finding lines: no source excerpt, no summary."))
@option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
        help=N_("Colour the text output: auto = on a terminal unless NO_COLOR is set."))
@option("--config", "config_file", type=click.Path(path_type=Path), help=N_("Use this config file for every file."))
@option("--isolated", is_flag=True, help=N_("Ignore all config files."))
@option("--stdin-filename", help=N_("The name (and so the type) of the text read from '-'."))
@option("--fix", is_flag=True, help=N_("Apply safe fixes in place."))
@option("--unsafe-fixes", is_flag=True, help=N_("With --fix or --diff, apply unsafe fixes too."))
@option("--diff", is_flag=True, help=N_("Print the fixes as a unified diff; change nothing."))
@option("--fixed-output", "fix_output", type=click.Path(path_type=Path),
        help=N_("With --fix on a .docx, write the fixed copy here (a file, or a folder); the original is never rewritten."))
@option("--output", "old_fix_output", type=click.Path(path_type=Path), hidden=True)
@option("--annotate", "annotate_to", type=click.Path(path_type=Path),
        help=N_("Write a copy of each .docx with every finding as a Word review comment (a file, or a folder for several)."))
@option("--profile", help=N_("Document type, e.g. 工作总结 (overrides config)."))
@option("--report-year", type=int, help=N_("The year the report covers (overrides config)."))
@option("--max-file-size", type=click.IntRange(min=1), metavar="BYTES",
        help=N_("Skip files larger than this, with an error (overrides the config key max-file-size)."))
@option("-v", "--verbose", is_flag=True, help=N_("Show tracebacks of crashing plugins."))
@option("-j", "--jobs", type=click.IntRange(min=1), default=None, help=N_("Files checked at once (default: the number of cores)."))
@option("--no-cache", is_flag=True, help=N_("Neither read nor write the result cache (.reportlint_cache)."))
@option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("Report only findings not recorded in this baseline file."))
@option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("Record the current findings in this baseline file, then exit."))
@_lang
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
    color_choice: str = "auto",
    jobs: int | None = None,
    no_cache: bool = False,
    baseline_file: Path | None = None,
    write_baseline: Path | None = None,
    annotate_to: Path | None = None,
    fix_output: Path | None = None,
    old_fix_output: Path | None = None,
    max_file_size: int | None = None,
) -> None:
    from reportlint.api import Linter
    from reportlint.formats import FormatContext

    warning = i18n.env_warning()
    if warning:
        _warn(warning)
    if not paths:
        raise click.UsageError(_("give at least one file or folder (or '-' for stdin)"))
    if old_fix_output is not None:
        if fix_output is not None:
            raise click.UsageError(_("--output is the old name of --fixed-output; give only --fixed-output"))
        _warn(_("--output is deprecated: it is now --fixed-output (the fixed copy of a .docx); "
                "to write the report to a file use -o/--output-file"))
        fix_output = old_fix_output
    if output_file:
        folder = Path(output_file).parent
        if not folder.is_dir():
            _fail(_("cannot write the report to {path}: the folder {folder} does not exist").format(path=output_file, folder=folder))
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
            max_file_size=max_file_size,
        )
        formats = linter.formats()
        if output_format not in formats:
            raise click.UsageError(_("unknown format {name!r} (known: {known})").format(name=output_format, known=", ".join(sorted(formats))))
        linter.check_cli_selectors()
    except ReportlintError as exc:
        _fail(str(exc))
    _warn_ineffective(output_format, statistics=statistics, fix=fix, diff=diff, unsafe=unsafe_fixes,
                      stdin_filename=stdin_filename, paths=paths, jobs=jobs, exit_zero=exit_zero, fail_on=fail_on)

    results: list[LintResult] = []
    problems: list[Problem] = []
    diffs: list[str] = []
    items = list(iter_files(paths, linter))
    if fix_output is not None:  # --fixed-output: where --fix writes the fixed copy of a .docx
        n_docx = sum(1 for _p, d, _q in items if d.lower().endswith(".docx"))
        if not fix:
            raise click.UsageError(_("--fixed-output goes with --fix: it names the fixed copy of a .docx "
                                     "(to write the report to a file, use -o/--output-file)"))
        if n_docx > 1 and not fix_output.is_dir():
            if fix_output.suffix.lower() == ".docx":
                raise click.UsageError(_("--fixed-output {path} names one file but {n} .docx are fixed; give a folder")
                                       .format(path=fix_output, n=n_docx))
            try:
                fix_output.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                _fail(_("cannot create the folder {path}: {reason}").format(path=fix_output, reason=os_reason(exc)))
    files = [(p, d) for p, d, prob in items if prob is None and p is not None]
    progress = _Progress(len(files), _("Checking"), enabled=not quiet)
    pooled = None
    if not (fix or diff):  # -j and the cache (reportlint.parallel); fixing stays one file at a time
        from reportlint.parallel import check_files

        pooled = check_files(linter, files, jobs=jobs, use_cache=not no_cache)
    try:
        for path, display, problem in items:
            if problem is not None:
                problems.append(problem)
                continue
            if pooled is not None and path is not None:
                result = next(pooled)
            else:
                result = _check_one(linter, path, display, stdin_filename, fix=fix, diff=diff, unsafe=unsafe_fixes, diffs=diffs,
                                    output=fix_output)
            results.append(result)
            problems.extend(result.problems)
            if path is not None:
                progress.step()
    finally:
        progress.close()

    from reportlint.baseline import apply_run_baselines
    from reportlint.baseline import write_baseline as _write_baseline

    if write_baseline is not None:
        n = _write_baseline(write_baseline, results)
        _report_problems(problems, verbose)
        click.echo(i18n.ngettext("Recorded {n} finding in baseline {path}.", "Recorded {n} findings in baseline {path}.", n)
                   .format(n=n, path=write_baseline), file=_stderr())
        sys.exit(EXIT_ERROR if problems else EXIT_OK)
    before = sum(len(r.findings) for r in results)
    results, baseline_problems = apply_run_baselines(results, linter, baseline_file)
    hidden = before - sum(len(r.findings) for r in results)
    problems.extend(baseline_problems)
    rules = linter.rules_for(r.path for r in results)  # packs of every config involved, for rule docs
    if annotate_to is not None:  # Word review comments on a copy of each .docx
        from reportlint.annotate import annotate_results

        n_docx = sum(1 for r in results if r.document is not None and r.document.format == "docx")
        bar = _Progress(n_docx, _("Annotating"), enabled=not quiet)
        try:
            problems.extend(annotate_results(results, items, annotate_to, rules, step=bar.step))
        finally:
            bar.close()

    # stdin through --fix: stdout carries the fixed text alone, so the report goes to stderr
    out = _stderr() if fix and not diff and "-" in paths else _stdout()
    ctx = FormatContext(rules=rules, statistics=statistics, quiet=quiet, output_is_file=bool(output_file),
                        color=not output_file and _use_colour(color_choice, out), checked=len(results) - sum(r.document is None for r in results),
                        hidden=hidden, problems=len(problems))
    if diff:
        out.write("".join(diffs))
        _report_problems(problems, verbose)
        sys.exit(EXIT_ERROR if problems else (EXIT_FINDINGS if diffs else EXIT_OK))
    if output_file:
        _write_report(output_file, formats[output_format], results, ctx, output_format, quiet)
    else:
        try:
            formats[output_format](results, out, ctx)
            out.flush()
        except OSError as exc:  # a full disk or a closed pipe: one line, never a traceback
            _drop_stdout()
            problems.append(Problem("stdout", _("cannot write the report: {reason}").format(reason=os_reason(exc))))
    _report_problems(problems, verbose)
    if problems:
        sys.exit(EXIT_ERROR)
    threshold = _RANK[fail_on]
    if not exit_zero and any(_RANK[f.severity.value] <= threshold for r in results for f in r.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _write_report(output_file: str, formatter: Any, results: Sequence[LintResult], ctx: Any, name: str, quiet: bool) -> None:
    """-o FILE: write the report, confirm it on stderr; a failure is one line and exit 2."""
    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
            formatter(results, fh, ctx)
    except OSError as exc:
        _fail(_("cannot write the report to {path}: {reason}").format(path=output_file, reason=os_reason(exc)))
    if not quiet:
        n = sum(len(r.findings) for r in results)
        click.echo(i18n.ngettext("Wrote the {format} report ({n} finding) to {path}.", "Wrote the {format} report ({n} findings) to {path}.", n)
                   .format(format=name, n=n, path=output_file), file=_stderr())


def _warn_ineffective(output_format: str, *, statistics: bool, fix: bool, diff: bool, unsafe: bool,
                      stdin_filename: str | None, paths: Sequence[str], jobs: int | None, exit_zero: bool, fail_on: str) -> None:
    """A warning for each option that will not change anything in this run (as the user likely expected it to).

    Harmless redundancy (--no-cache with --fix, -q with a machine format) is not worth a warning.
    """
    text_formats = ("text", "concise")
    if unsafe and not (fix or diff):
        _warn(_("--unsafe-fixes has no effect without --fix or --diff"))
    if statistics and output_format not in text_formats:
        _warn(_("--statistics has no effect with --format {format} (only with text and concise)").format(format=output_format))
    if stdin_filename and "-" not in paths:
        _warn(_("--stdin-filename has no effect: no '-' among the paths"))
    if (fix or diff) and jobs is not None:
        _warn(_("-j/--jobs has no effect with --fix or --diff (files are fixed one at a time)"))
    if exit_zero and fail_on != "info":
        _warn(_("--fail-on has no effect with --exit-zero"))


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
    if path is None and fix and not diff and (doc.format in READ_ONLY_FORMATS or doc.format == "docx"):
        sys.stdout.buffer.write(data)  # stdout carries the document, which is not fixed in place: as it came
        sys.stdout.flush()
    if doc.format in READ_ONLY_FORMATS:  # a print image or a converted copy: nothing to write the fixes back to
        result = linter.check_document(doc, config)
        option = "--fix" if fix else "--diff"
        result.problems.append(Problem(display, _("{option} does not apply to .{format} files (they are never rewritten); "
                                                  "correct the source document").format(option=option, format=doc.format)))
        return result
    if doc.format == "docx":  # never rewritten in place: --fix writes --fixed-output, --diff shows the text
        from reportlint.docx_fix import fix_docx_cli

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
        _fail(str(exc))
        raise  # unreachable: _fail exits


@main.command("rules", short_help=N_("List every rule."),
              help=N_("List every rule: code, name, family, severity, fix, on by default, summary."))
@option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=N_("text: a table; json: an array of objects."))
@option("--config", "config_file", type=click.Path(path_type=Path), help=N_("Include rules from this config's packs and plugins."))
@_lang
def rules_command(output_format: str, config_file: Path | None) -> None:
    import json

    from reportlint.textwidth import ljust

    rules = sorted(_all_rules(config_file).values(), key=lambda r: r.code)
    out = _stdout()
    if output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.value, "fixable": r.fixable,
             "default": r.default, "summary": i18n.rule_summary(r), "plugin": r.plugin}
            for r in rules
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    head = (_("code"), _("name"), _("family"), _("severity"), _("fix"), _("default"), _("summary"))
    rows = [(r.code, r.name, r.family, i18n.severity_label(r.severity.value), _(r.fixable) if r.fixable else "-",
             _("yes") if r.default else _("no"), i18n.rule_summary(r)) for r in rules]
    from reportlint.textwidth import width

    widths = [max(width(row[i]) for row in [head, *rows]) + 2 for i in range(6)]
    for row in [head, *rows]:
        out.write("".join(ljust(cell, widths[i]) for i, cell in enumerate(row[:6])) + row[6] + "\n")


@main.command("rule", short_help=N_("Show one rule's documentation."),
              help=N_("Show a rule's documentation and examples (by code or name)."))
@click.argument("code")
@option("--config", "config_file", type=click.Path(path_type=Path), help=N_("Include rules from this config's packs and plugins."))
@_lang
def rule_command(code: str, config_file: Path | None) -> None:
    rules = _all_rules(config_file)
    found = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if found is None:
        _fail(_("unknown rule {code!r} (see `reportlint rules`)").format(code=code))
    from reportlint.docs import rule_markdown

    _stdout().write(rule_markdown(found))  # type: ignore[arg-type]


@main.command("lsp", short_help=N_("Run the language server for editors."),
              help=N_("Run the language server for editors over stdin/stdout (needs: pip install 'reportlint[lsp]')."))
@option("--stdio", is_flag=True, help=N_("Talk over stdin/stdout (the default; accepted for clients that pass it)."))
@_lang
def lsp_command(stdio: bool) -> None:
    from reportlint.lsp import missing_dependency

    missing = missing_dependency()
    if missing:
        _fail(missing)
    from reportlint.lsp.server import serve

    serve()
