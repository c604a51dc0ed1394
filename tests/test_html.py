"""--format html: one self-contained page, findings highlighted in place, text escaped; a real Chromium clicks one."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from reportlint.api import Linter
from reportlint.formats import FormatContext
from reportlint.formats.html import format_html

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '要##paidbegin##求<script>alert(1)</script>&amp;"引号"\n第二段##x##结束</mark>\n'


@pytest.fixture(autouse=True)
def chinese():
    """These tests read the page in Chinese, the default language (the suite otherwise asks for English)."""
    from reportlint import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language(None)


def render(paths_texts: dict[str, str], select: list[str] | None = None) -> str:
    linter = Linter(isolated=True, select=select or ["M101"])
    results = [linter.check_document(linter.read_bytes(name, text.encode("utf-8"))) for name, text in paths_texts.items()]
    out = io.StringIO()
    format_html(results, out, FormatContext(rules=linter.all_rules()))
    return out.getvalue()


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="rl-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_text_is_escaped_and_highlights_are_in_place():
    page = render({"<b>报告</b>.txt": HOSTILE})
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page and "<b>报告</b>" not in page and "&lt;b&gt;报告&lt;/b&gt;.txt" in page
    assert page.count("</script>") == 2  # the JSON data and the script; nothing from the document
    marks = re.findall(r'<mark class="hl sev-error" data-f="([^"]+)">([^<]*)</mark>', page)
    assert marks == [("f0-0", "##paidbegin##"), ("f0-1", "##x##")]
    data = _data(page)
    assert data["findings"]["f0-0"]["code"] == "M101" and data["findings"]["f0-0"]["hint"] == "建议：删除“##paidbegin##”"
    assert "explanation" in data["rules"]["M101"] and data["rules"]["M101"]["examples"]


def test_page_is_self_contained():
    page = render({"a.txt": HOSTILE})
    assert not re.search(r"""(src|href)\s*=|@import|url\(|https?://""", page), "the page must not fetch anything"
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_findings_are_grouped_by_family_with_filters():
    page = render({"a.txt": "要##x##求，XX同志\n"}, select=["M101", "M108"])
    assert re.findall(r'<details class="fam" data-fam="([^"]+)"', page) == ["M"]
    assert 'name="sev" value="error"' in page and 'name="fam" value="M"' in page
    items = re.findall(r'<li class="item sev-(\w+)" data-f="([^"]+)"', page)
    assert [i[1] for i in items] == ["f0-0", "f0-1"]


def test_overlapping_and_point_findings_render_as_pieces():
    from reportlint.engine import LintResult, locate
    from reportlint.rules import Finding, Severity

    linter = Linter(isolated=True)
    doc = linter.read_bytes("o.txt", "甲乙丙丁\n".encode())
    findings = locate(doc, [Finding("X101", "a", "m", 0, 3), Finding("X102", "b", "m", 1, 4, Severity.WARNING),
                            Finding("X103", "c", "m", 4, 4, Severity.INFO)])
    out = io.StringIO()
    format_html([LintResult("o.txt", doc, findings)], out, FormatContext())
    page = out.getvalue()
    pieces = re.findall(r'<mark class="hl (?:zw )?sev-(\w+)" data-f="([^"]+)"[^>]*>([^<]*)</mark>', page)
    assert pieces == [("error", "f0-0", "甲"), ("error", "f0-0 f0-1", "乙丙"), ("warning", "f0-1", "丁"), ("info", "f0-2", "")]


def test_cli_writes_the_html_report(tmp_path, sample_path):
    from click.testing import CliRunner

    from reportlint.cli import main

    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--select", "M101", "--no-cache", "--format", "html", "-o", str(out), str(sample_path)])
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('class="hl sev-error"') == 2 and html.escape(str(sample_path)) in page


def _chromium(url: str, *extra: str) -> str:
    """The DOM after load (scripts run), from headless Chromium."""
    profile = tempfile.mkdtemp(prefix="rl-chromium-")
    try:
        proc = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *extra, url],
            capture_output=True, text=True, encoding="utf-8", timeout=90,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
def test_in_chromium_clicking_a_highlight_shows_its_explanation(tmp_path, sample_text):
    page = render({"总结.txt": sample_text, "b.txt": HOSTILE}, select=["M"])
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    data = _data(page)
    url = report.as_uri()

    before = _chromium(url, "--dump-dom")
    assert len(re.findall(r'<mark class="hl [^"]*"', before)) >= len(data["findings"])
    assert re.search(r'<section id="explain" hidden(="")?>\s*</section>', before)  # nothing open yet
    assert "<script>alert(1)" not in before.split('id="rl-data"')[0]  # the hostile text stayed text

    # #finding=ID makes the page click() that finding's highlight: the same handler as a user's click.
    fid, finding = next((k, v) for k, v in data["findings"].items() if v["code"] == "M101")
    after = _chromium(f"{url}#finding={fid}", "--dump-dom")
    m = re.search(r'<section id="explain"([^>]*)>(.*?)</section>', after, re.S)
    assert m and "hidden" not in m.group(1), "the explanation panel is still hidden"
    assert 'data-codes="M101"' in m.group(1)
    rule = data["rules"]["M101"]
    assert html.escape(rule["explanation"], quote=False) in m.group(2)
    assert html.escape(finding["msg"], quote=False) in m.group(2)
    assert re.search(rf'<mark class="hl sev-error active" data-f="{fid}"', after)  # the clicked highlight is marked

    by_code = _chromium(f"{url}#code=M101", "--dump-dom")
    assert html.escape(rule["summary"], quote=False) in re.search(r'<section id="explain"[^>]*>(.*?)</section>', by_code, re.S).group(1)


def _cjk_fonts() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
@pytest.mark.skipif(not _cjk_fonts(), reason="needs a CJK font for the Chinese page (apt-get install fonts-noto-cjk)")
def test_in_chromium_a_screenshot_renders(tmp_path, sample_text):
    report = tmp_path / "report.html"
    report.write_text(render({"总结.txt": sample_text}, select=["M"]), encoding="utf-8")
    shot = tmp_path / "shot.png"
    _chromium(report.as_uri() + "#finding=f0-0", "--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    # The Chinese is drawn with real glyphs, not boxes: two pages that differ only in their Chinese
    # characters give different pictures (with no CJK font both would show the same empty boxes).
    shots = []
    for text in ("甲乙丙丁##x##戊己庚辛\n", "子丑寅卯##x##辰巳午未\n"):
        page = tmp_path / f"p{len(shots)}.html"
        page.write_text(render({"a.txt": text}), encoding="utf-8")
        png = tmp_path / f"p{len(shots)}.png"
        _chromium(page.as_uri(), "--hide-scrollbars", "--window-size=800,300", f"--screenshot={png}")
        shots.append(png.read_bytes())
    assert shots[0] != shots[1]


def test_an_unreadable_file_is_shown_with_its_error(tmp_path):
    from click.testing import CliRunner

    from reportlint.cli import main

    (tmp_path / "ok.txt").write_text("全文无误。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["check", "--lang", "zh", "--select", "M101", "--no-cache", "--format", "html", "-o", str(out),
                                       str(tmp_path / "ok.txt"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    page = out.read_text(encoding="utf-8")
    assert "未发现问题" in page and "错误：找不到该文件或文件夹" in page


def test_runs_of_blank_lines_are_one_thin_row():
    page = render({"a.txt": "第一段##x##。\n\n\n\n\n第二段。\n"})
    rows = re.findall(r'<div class="row( blank)?" id="d0-l(\d+)"', page)
    assert rows == [("", "1"), (" blank", "2"), ("", "6"), (" blank", "7")]  # the last: after the final line end


def test_a_long_document_shows_the_lines_of_its_findings_and_folds_the_rest(monkeypatch):
    from reportlint.formats import html as html_format

    monkeypatch.setattr(html_format, "FULL_LINES", 50)
    lines = [f"第{i}段内容。" for i in range(1, 201)]
    lines[99] = "第100段##x##内容。"
    page = render({"long.txt": "\n".join(lines) + "\n"})
    rows = [int(n) for n in re.findall(r'<div class="row[^"]*" id="d0-l(\d+)"', page)]
    assert rows == [100]
    gaps = re.findall(r'<div class="gap" data-g="([^"]+)" data-first="(\d+)"[^>]*>([^<]*)</div>', page)
    assert [(g, first) for g, first, _ in gaps] == [("d0-g1", "1"), ("d0-g101", "101")]
    assert gaps[0][2] == "第1—99行（共99行）未显示，点击展开"
    data = _data(page)
    assert data["gaps"]["d0-g1"][0] == "第1段内容。" and len(data["gaps"]["d0-g101"]) == 101  # to the empty last line


def test_a_huge_run_puts_at_most_max_findings_on_the_page(monkeypatch):
    from reportlint.formats import html as html_format

    monkeypatch.setattr(html_format, "MAX_FINDINGS", 3)
    page = render({"a.txt": "要##a##求\n" * 3, "b.txt": "要##b##求\n" * 2})
    assert len(_data(page)["findings"]) == 3
    assert "5 处问题" in page and "本页只列出前 3 处" in page and "本文件另有 2 处问题未在本页列出。" in page


def test_the_page_follows_the_language():
    from reportlint import i18n

    i18n.set_language("en")
    page = render({"a.txt": "要##x##求\n"})
    assert '<html lang="en">' in page and "<title>reportlint report</title>" in page
    data = _data(page)
    assert data["rules"]["M101"]["summary"] == "A template marker such as ##paidbegin## left in the text"
    assert data["findings"]["f0-0"]["hint"] == "Suggestion: delete “##x##”"
    i18n.set_language("zh")
    zh = _data(render({"a.txt": "要##x##求\n"}))
    assert zh["rules"]["M101"]["summary"] == "正文中残留模板标记（如##paidbegin##）"
    assert zh["rules"]["M101"]["source"].startswith("《党政机关公文处理工作条例》第二十条（四）")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
def test_in_chromium_a_folded_line_opens_from_a_link(tmp_path, monkeypatch):
    from reportlint.formats import html as html_format

    monkeypatch.setattr(html_format, "FULL_LINES", 50)
    lines = [f"第{i}段内容。" for i in range(1, 201)]
    lines[99] = "第100段##x##内容。"
    report = tmp_path / "long.html"
    report.write_text(render({"long.txt": "\n".join(lines) + "\n"}), encoding="utf-8")
    dom = _chromium(report.as_uri() + "#line=d0-150", "--dump-dom")
    assert re.search(r'<div class="row active" id="d0-l150"><span class="ln">150</span><span class="tx">第150段内容。</span>', dom)
    assert 'data-g="d0-g101"' not in dom and 'data-g="d0-g1"' in dom  # only the gap that held it was unfolded
