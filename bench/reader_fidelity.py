"""How faithfully PDF and OFD come back as text: reportlint's readers, and PDF libraries compared.

    python bench/reader_fidelity.py [--reports 20] [--out docs/reader-fidelity.md]

Inputs are made, not collected: the bundled sample and the N shortest clean 政府工作报告 of
../shared/data/clean-reports, each typeset as a 公文 (.docx by python-docx: 仿宋 三号, first-line
indent, justified, a running header, “— N —” page numbers) and printed to PDF by LibreOffice;
the sample is also printed straight from its .txt (no indents: the hard case for rejoining
paragraphs), and each text is written as an OFD from the standard's XML (tests/paged_inputs.py).

Measured per reader, against the source text:
- characters: similarity (difflib ratio) of the non-whitespace characters, in order;
- spaces: spaces in the output that the source does not have, and source spaces lost;
- paragraphs (reportlint only): share of source paragraphs that come back exactly, and
  whether the default rules give the same findings as on the .txt.
The PDF libraries (pdfplumber, pypdf, pdfminer.six's extract_text) are compared where installed
(pip install pdfplumber pypdf); their text is taken page by page with line breaks removed, as
the source has no line breaks inside paragraphs. Needs LibreOffice (soffice) and the corpus;
stops with a message if either is missing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from paged_inputs import convert, gongwen_docx, make_ofd, soffice  # noqa: E402

from reportlint.api import Linter  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "clean-reports"
SAMPLE = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"


def _joined(text: str) -> str:
    """Lines joined as a reader should join them: no break inside a paragraph."""
    return "".join(line.strip() for line in text.split("\n"))


def char_ratio(src: str, got: str) -> float:
    a = [c for c in src if not c.isspace()]
    b = [c for c in got if not c.isspace()]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def space_errors(src: str, got: str) -> tuple[int, int]:
    """(spaces added, spaces lost), aligning the texts on their non-space characters."""
    src, got = _joined(src), _joined(got)
    added = lost = 0
    sm = difflib.SequenceMatcher(None, src, got, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ("insert", "replace"):
            added += got[j1:j2].count(" ") + got[j1:j2].count("\u3000")
        if op in ("delete", "replace"):
            lost += src[i1:i2].count(" ") + src[i1:i2].count("\u3000")
    return added, lost


def _libraries() -> dict[str, Callable[[Path], str]]:
    libs: dict[str, Callable[[Path], str]] = {}
    try:
        import pdfplumber

        def plumber(p: Path) -> str:
            with pdfplumber.open(p) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)

        libs["pdfplumber"] = plumber
    except ImportError:
        pass
    try:
        import pypdf

        libs["pypdf"] = lambda p: "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(p).pages)
    except ImportError:
        pass
    from pdfminer.high_level import extract_text

    libs["pdfminer.six extract_text"] = lambda p: extract_text(str(p))
    return libs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=20, help="how many clean reports (the shortest first)")
    ap.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    args = ap.parse_args()
    if soffice() is None:
        sys.exit("reader_fidelity: LibreOffice (soffice) is needed to make the PDFs: apt-get install libreoffice-writer fonts-noto-cjk")
    index = CORPUS / "index.jsonl"
    if not index.exists():
        sys.exit(f"reader_fidelity: {index} is absent; the figures need the clean-report corpus")
    rows = sorted((json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()), key=lambda r: r["chars"])
    texts = {"sample": SAMPLE.read_text(encoding="utf-8")}
    for row in rows[: args.reports]:
        texts[Path(row["file"]).stem] = (CORPUS / row["file"]).read_text(encoding="utf-8")
    linter = Linter(isolated=True)
    libs = _libraries()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paras = {name: [line for line in text.split("\n") if line.strip()] for name, text in texts.items()}
        docx = [gongwen_docx(p, folder / f"{name}.docx", header="XX市人民政府办公室") for name, p in paras.items()]
        t0 = time.perf_counter()
        pdfs = dict(zip(paras, convert(docx, "pdf", folder / "pdf", folder / "profile"), strict=True))
        plain = folder / "sample-plain.txt"
        plain.write_text("\n".join(paras["sample"]) + "\n", encoding="utf-8")
        (plain_pdf,) = convert([plain], "pdf", folder / "plain", folder / "profile")
        made = time.perf_counter() - t0
        cases = [(f"{name}.pdf", pdfs[name], paras[name]) for name in paras]
        cases.append(("sample printed from .txt (no indents).pdf", plain_pdf, paras["sample"]))
        for name, p in paras.items():
            ofd = folder / f"{name}.ofd"
            ofd.write_bytes(make_ofd(p, header="XX市人民政府办公室"))
            cases.append((f"{name}.ofd", ofd, p))

        lines = [f"# Reader fidelity\n\n`python bench/reader_fidelity.py --reports {args.reports}`: the sample and "
                 f"{len(texts) - 1} clean reports ({sum(len(t) for t in texts.values()):,} characters), "
                 f"PDFs made by LibreOffice in {made:.1f} s.\n",
                 "## reportlint's readers\n",
                 "| input | chars | char similarity | spaces added | spaces lost | paragraphs exact | same findings as .txt | read s |",
                 "|---|---|---|---|---|---|---|---|"]
        totals = {"pdf": [0, 0, 0, 0], "ofd": [0, 0, 0, 0]}
        for label, path, src_paras in cases:
            src = "\n".join(src_paras)
            t0 = time.perf_counter()
            result = linter.check_path(path)
            took = time.perf_counter() - t0
            if result.document is None:
                lines.append(f"| {label} | — | error: {result.problems[0].message} | | | | | |")
                continue
            got = result.document.text
            back = [p.text for p in result.document.paragraphs]
            exact = sum(1 for a, b in zip(src_paras, back, strict=False) if a == b) if len(back) == len(src_paras) else \
                len(set(src_paras) & set(back))
            txt = linter.check_document(linter.read_bytes("a.txt", (src + "\n").encode()))
            same = sorted((f.code, txt.document.text[f.start:f.end]) for f in txt.findings) == \
                sorted((f.code, got[f.start:f.end]) for f in result.findings)
            added, lost = space_errors(src, got)
            lines.append(f"| {label} | {len(src):,} | {char_ratio(src, got):.4f} | {added} | {lost} | "
                         f"{exact}/{len(src_paras)} | {'yes' if same else 'no'} | {took:.2f} |")
            kind = "ofd" if label.endswith(".ofd") else "pdf"
            if "no indents" not in label:
                t = totals[kind]
                t[0] += exact
                t[1] += len(src_paras)
                t[2] += same
                t[3] += 1
        for kind, (exact, n, same, files) in totals.items():
            lines.append(f"\n{kind.upper()} (公文 layout): {exact}/{n} paragraphs exact ({exact / max(n, 1):.1%}), "
                         f"same findings as the .txt in {same}/{files} files.")
        lines += ["\n## PDF libraries on the same PDFs (line breaks removed)\n",
                  "| library | char similarity (mean) | worst | spaces added (total) | spaces lost (total) | seconds (total) |",
                  "|---|---|---|---|---|---|"]
        pdf_cases = [c for c in cases if c[0].endswith(".pdf")]

        def ours(p: Path) -> str:
            return linter.read_path(p)[0].text

        for lib, extract in [("reportlint (pdfminer.six glyphs + readers.layout)", ours), *libs.items()]:
            ratios, added_total, lost_total = [], 0, 0
            t0 = time.perf_counter()
            for _, path, src_paras in pdf_cases:
                src = "\n".join(src_paras)
                got = extract(path)
                got = "\n".join(line for line in got.split("\n") if not _furniture(line))
                ratios.append(char_ratio(src, got))
                added, lost = space_errors(src, got)
                added_total += added
                lost_total += lost
            took = time.perf_counter() - t0
            lines.append(f"| {lib} | {sum(ratios) / len(ratios):.4f} | {min(ratios):.4f} | {added_total} | {lost_total} | {took:.1f} |")
        lines.append("\nThe libraries' own text keeps running headers and page numbers; they are removed here "
                     "(lines equal to the header or matching a page number) before comparing, so the figures "
                     "measure characters, order and spaces only.")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


def _furniture(line: str) -> bool:
    from reportlint.readers.layout import _PAGE_NUMBER

    s = line.strip()
    return not s or "".join(s.split()) == "XX市人民政府办公室" or bool(_PAGE_NUMBER.match(s))


if __name__ == "__main__":
    main()
