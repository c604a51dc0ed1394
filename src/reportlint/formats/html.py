"""``--format html``: one self-contained page (inline CSS and JS, nothing fetched) for a human reviewer.

Each document is shown with its findings highlighted in place; beside it the
findings grouped by family; filters by severity and family; clicking a highlight
or a finding shows the rule's summary, explanation, source and examples, in the
language in use. ``#code=P101`` or ``#finding=f0-3`` in the URL opens an explanation,
``#line=d0-120`` shows a line, unfolded if it was hidden (links, and headless tests).
Every piece of text is escaped; data reaches the script as JSON and is shown with
``textContent`` only.

Large inputs stay quick to open (bench/html_report.py: a 10 MB report made a 16 MB page
that Chromium took 30-40 s to show; now 2 MB and about 1 s): runs of blank lines are drawn
as one thin row; a document longer than FULL_LINES lines shows only the lines of its
findings, the rest behind "show" rows built on click from the embedded text (up to
MAX_GAP_CHARS); at most MAX_FINDINGS findings are put on the page (the header says how
many were left out).
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from reportlint import __version__
from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position, suggestion
from reportlint.i18n import N_, language, rule_explanation, rule_source, rule_summary, severity_label
from reportlint.i18n import gettext as _
from reportlint.rules import Finding, Rule

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
#: Documents with more lines than this show only the lines around their findings at first.
FULL_LINES = 3000
#: Lines of context kept around each finding's lines in a long document (a 公文 line is a paragraph).
CONTEXT_LINES = 0
#: Findings put on one page; more would make it slow to open (use --format json for all).
MAX_FINDINGS = 1000
#: Fewer hidden lines than this are drawn rather than folded into a "show" row.
MIN_GAP = 3
#: Characters of hidden lines embedded for the "show" rows; beyond this a gap cannot be opened.
MAX_GAP_CHARS = 1_000_000

#: The core families (DESIGN.md); a third-party family is named after its plugin.
FAMILY_NAMES = {
    "S": N_("Structure"),
    "D": N_("Dates"),
    "P": N_("Punctuation"),
    "N": N_("Numbers"),
    "T": N_("Words"),
    "G": N_("Political terms"),
    "M": N_("Markup and leftovers"),
    "I": N_("Personal data"),
}


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _family(code: str) -> str:
    i = 0
    while i < len(code) and code[i].isalpha():
        i += 1
    return code[:i] or code


def _family_name(fam: str, rules: Mapping[str, Rule]) -> str:
    if fam in FAMILY_NAMES:
        return _(FAMILY_NAMES[fam])
    plugin = next((r.plugin for r in rules.values() if r.family == fam and r.plugin), "")
    return plugin.removeprefix("reportlint_") or fam


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _rule_data(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule_summary(rule),
        "explanation": rule_explanation(rule),
        "source": rule_source(rule),
        "severity": rule.severity.value,
        "fixable": rule.fixable or "",
        "examples": [{"text": ex.text, "bad": ex.bad, "fixed": ex.fixed} for ex in rule.examples],
    }


def _shown_lines(doc: Any, items: Sequence[tuple[str, Finding]]) -> list[tuple[int, int]]:
    """Ranges of 1-based lines to draw: all of a short document, the lines around findings of a long one."""
    count = doc.lines.line_count
    if count <= FULL_LINES:
        return [(1, count)]
    ranges: list[tuple[int, int]] = []
    for _fid, f in items:  # lines of the text (in a PDF f.line counts the lines of its page)
        first, last = doc.lines.line_col(f.start)[0], doc.lines.line_col(f.end)[0]
        lo, hi = max(1, first - CONTEXT_LINES), min(count, last + CONTEXT_LINES)
        prev_end = ranges[-1][1] if ranges else 0
        if lo - prev_end - 1 < MIN_GAP:  # a short gap is drawn, not folded
            if ranges:
                start, end = ranges.pop()
                lo, hi = start, max(end, hi)
            else:
                lo = 1
        ranges.append((lo, hi))
    if ranges and ranges[-1][1] >= count - MIN_GAP:
        ranges[-1] = (ranges[-1][0], count)
    return ranges


def _render_text(text: str, doc: Any, items: Sequence[tuple[str, Finding]], doc_id: str, gaps: dict[str, list[str]]) -> str:
    """The document, one numbered row per line, findings wrapped in <mark> (overlaps split into pieces).

    Runs of blank lines without findings become one thin row; lines a long document does
    not draw become one "show" row each gap, their text put in ``gaps`` for the script.
    """
    lines = doc.lines
    per_line: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    points: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for fid, f in items:
        sev = f.severity.value
        visible = text[f.start:f.end].replace("\r", "").replace("\n", "")
        first, _col = lines.line_col(f.start)
        if not visible:  # a missing mark, or a span of line ends only: a caret where it starts
            points[first].append((f.start, fid, sev))
            continue
        last, _col = lines.line_col(f.end)
        for ln in range(first, last + 1):
            ls, le = lines.line_span(ln)
            s, e = max(f.start, ls), min(f.end, le)
            if s < e:
                per_line[ln].append((s, e, fid, sev))
    rows: list[str] = []
    shown = _shown_lines(doc, items)
    budget = MAX_GAP_CHARS - sum(len(t) for g in gaps.values() for t in g)
    next_line = 1
    for lo, hi in [*shown, (lines.line_count + 1, lines.line_count)]:
        if lo > next_line:  # a gap: the script builds these rows when asked, if the page holds their text
            gap = [text.__getitem__(slice(*lines.line_span(ln))) for ln in range(next_line, lo)]
            size = sum(len(t) for t in gap)
            if size <= budget:
                budget -= size
                gid = f"{doc_id}-g{next_line}"
                gaps[gid] = gap
                label = _("Lines {first}–{last} ({n} lines) not shown: show them").format(first=next_line, last=lo - 1, n=lo - next_line)
                rows.append(f'<div class="gap" data-g="{gid}" data-first="{next_line}" tabindex="0">{_e(label)}</div>')
            else:
                label = _("Lines {first}–{last} ({n} lines) not shown (the document is too large for one page)").format(
                    first=next_line, last=lo - 1, n=lo - next_line)
                rows.append(f'<div class="gap closed">{_e(label)}</div>')
        blank_run = False
        for ln in range(lo, hi + 1):
            ls, le = lines.line_span(ln)
            spans = per_line.get(ln, [])
            carets = sorted(points.get(ln, []))
            if not spans and not carets and not text[ls:le].strip():
                if not blank_run:  # one thin row for a run of blank lines
                    rows.append(f'<div class="row blank" id="{doc_id}-l{ln}"><span class="ln">{ln}</span><span class="tx"></span></div>')
                blank_run = True
                continue
            blank_run = False
            rows.append(_row(text, ln, ls, le, spans, carets, doc_id))
        next_line = hi + 1
    return "\n".join(rows)


def _row(text: str, ln: int, ls: int, le: int, spans: list[tuple[int, int, str, str]], carets: list[tuple[int, str, str]],
         doc_id: str) -> str:
    cuts = sorted({ls, le, *(sp[0] for sp in spans), *(sp[1] for sp in spans), *(c[0] for c in carets)})
    parts = []
    ci = 0
    # The spans covering each piece, by a sweep: pieces end at every span's start and end, so a span
    # covers a piece exactly while the sweep is between them. Testing every span of the line for
    # every piece would be quadratic on a long line with many findings.
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for i, sp in enumerate(spans):
        opening[sp[0]].append(i)
        closing[sp[1]].append(i)
    active: set[int] = set()
    for a, b in zip(cuts, [*cuts[1:], None], strict=True):
        while ci < len(carets) and carets[ci][0] == a:
            _pos, fid, sev = carets[ci]
            parts.append(f'<mark class="hl zw sev-{sev}" data-f="{fid}" title="{_e(fid)}"></mark>')
            ci += 1
        if b is None:
            break
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        piece = _e(text[a:b])
        cover = [(spans[i][2], spans[i][3]) for i in sorted(active)]  # in the spans' own order
        if cover:
            sev = min((c[1] for c in cover), key=_SEVERITY_ORDER.__getitem__)
            ids = " ".join(c[0] for c in cover)
            parts.append(f'<mark class="hl sev-{sev}" data-f="{ids}">{piece}</mark>')
        else:
            parts.append(piece)
    return f'<div class="row" id="{doc_id}-l{ln}"><span class="ln">{ln}</span><span class="tx">{"".join(parts)}</span></div>'


def _file_section(n: int, r: LintResult, findings: Sequence[Finding], rules: Mapping[str, Rule], findings_data: dict[str, Any],
                  gaps: dict[str, list[str]]) -> str:
    doc = r.document
    doc_id = f"d{n}"
    items = [(f"f{n}-{i}", f) for i, f in enumerate(findings)]
    text = doc.text if doc is not None else ""
    for fid, f in items:
        fam = _family(f.code)
        findings_data[fid] = {
            "code": f.code, "name": f.name, "sev": f.severity.value, "fam": fam, "msg": f.message,
            "line": f.line, "col": f.column, "hint": suggestion(text, f) if doc is not None else "",
            "where": position(f) if f.page else doc.location_label(f.start) if doc is not None and doc.format == "docx" else "",
            "path": r.path,
        }
    count = _("{n} findings").format(n=len(r.findings))
    out = [f'<section class="file" id="{doc_id}"><h2>{_e(r.path)} <small>{_e(count)}</small></h2>']
    for p in r.problems:
        problem = _("error: {message}").format(message=p.message)
        out.append(f'<p class="problem">{_e(problem)}</p>')
    out.append('<div class="cols">')
    if doc is not None:
        out.append(f'<div class="doc" lang="zh-CN">{_render_text(text, doc, items, doc_id, gaps)}</div>')
    else:
        unread = _("(the document could not be read)")
        out.append(f'<div class="doc empty">{_e(unread)}</div>')
    out.append('<div class="list">')
    by_family: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for fid, f in items:
        by_family[_family(f.code)].append((fid, f))
    if not r.findings:
        clean = _("No findings.")
        out.append(f'<p class="clean">{_e(clean)}</p>')
    for fam in sorted(by_family):
        group = by_family[fam]
        out.append(f'<details class="fam" data-fam="{_e(fam)}" open><summary><b>{_e(fam)}</b> {_e(_family_name(fam, rules))}'
                   f' <span class="count">{len(group)}</span></summary><ul>')
        for fid, f in group:
            sev = f.severity.value
            out.append(
                f'<li class="item sev-{sev}" data-f="{fid}" data-sev="{sev}" data-fam="{_e(fam)}" tabindex="0">'
                f'<span class="badge sev-{sev}">{_e(severity_label(sev))}</span> '
                f'<code>{_e(f.code)}</code> <span class="pos">{_e(position(f))}</span> {_e(f.message)}</li>'
            )
        out.append("</ul></details>")
    if len(items) < len(r.findings):
        capped = _("{n} more findings in this file are not shown.").format(n=len(r.findings) - len(items))
        out.append(f'<p class="capped">{_e(capped)}</p>')
    out.append("</div></div></section>")
    return "\n".join(out)


def _labels() -> dict[str, str]:
    """The words the script writes into the explanation panel."""
    return {
        "rule": _("Rule"),
        "source": _("Source: "),
        "severity": _("Severity: "),
        "fixable": _("; fixable ({how})"),
        "safe": _("safe"),
        "unsafe": _("unsafe"),
        "examples": _("Examples:"),
        "where": _("Line {line}, column {col}"),
        "show": _("Lines {first}–{last} ({n} lines) not shown: show them"),
    }


def format_html(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    """Write the whole report as one HTML page."""
    findings_data: dict[str, Any] = {}
    gaps: dict[str, list[str]] = {}
    budget = MAX_FINDINGS
    sections = []
    for n, r in enumerate(results):
        shown = r.findings[:max(0, budget)]
        budget -= len(shown)
        sections.append(_file_section(n, r, shown, ctx.rules, findings_data, gaps))
    total = sum(len(r.findings) for r in results)
    used = sorted({f["code"] for f in findings_data.values()})
    rules_data = {code: _rule_data(ctx.rules[code]) for code in used if code in ctx.rules}
    total_sev: dict[str, int] = defaultdict(int)
    for r in results:
        for f in r.findings:
            total_sev[f.severity.value] += 1
    sev_count: dict[str, int] = defaultdict(int)  # the filters count what is on the page
    fam_count: dict[str, int] = defaultdict(int)
    for f in findings_data.values():
        sev_count[f["sev"]] += 1
        fam_count[f["fam"]] += 1
    sev_boxes = "".join(
        f'<label class="sev-{s}"><input type="checkbox" name="sev" value="{s}" checked> {_e(severity_label(s))} '
        f'<span class="count">{sev_count[s]}</span></label>'
        for s in ("error", "warning", "info")
    )
    fam_boxes = "".join(
        f'<label><input type="checkbox" name="fam" value="{_e(fam)}" checked> <b>{_e(fam)}</b> {_e(_family_name(fam, ctx.rules))} '
        f'<span class="count">{n}</span></label>'
        for fam, n in sorted(fam_count.items())
    )
    files = len(results)
    summary = _("{files} files, {total} findings (errors {error}, warnings {warning}, info {info})").format(
        files=files, total=total, error=total_sev["error"], warning=total_sev["warning"], info=total_sev["info"])
    if len(findings_data) < total:
        summary += _("; the first {shown} are shown (see --format json for all)").format(shown=len(findings_data))
    labels = {**_labels(), **{s: severity_label(s) for s in ("error", "warning", "info")}}
    data = _script_json({"rules": rules_data, "findings": findings_data, "labels": labels, "gaps": gaps})
    out.write(_PAGE.format(
        lang="zh-CN" if language() == "zh" else "en",
        title=_e(_("reportlint report")),
        version=_e(__version__),
        summary=_e(summary),
        severity_legend=_e(_("Severity")),
        family_legend=_e(_("Family")),
        sev_boxes=sev_boxes,
        fam_boxes=fam_boxes or '<span class="none">' + _e(_("none")) + "</span>",
        sections="\n".join(sections) or '<p class="clean">' + _e(_("No files were checked.")) + "</p>",
        hint=_e(_("Click a highlighted passage or a finding on the right to see the rule's explanation and examples.")),
        data=data,
        css=_CSS,
        js=_JS,
    ))


_CSS = """
:root{--err:#d93025;--warn:#e8a100;--info:#1a73e8;--bg:#fafafa;--fg:#202124;--muted:#5f6368}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px}
header h1{font-size:18px;margin:0 12px 0 0;display:inline}
header .summary{color:var(--muted)}
.filters{margin-top:4px;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px}
.filters legend{float:left;margin-right:6px;color:var(--muted)}
.count{display:inline-block;min-width:1.6em;padding:0 5px;border-radius:9px;background:#eee;font-size:12px;text-align:center}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px;padding:16px}
.file{background:#fff;border:1px solid #ddd;border-radius:6px;margin-bottom:16px;padding:8px 12px}
.file h2{font-size:16px;margin:4px 0 8px;word-break:break-all}
.file h2 small{color:var(--muted);font-weight:normal}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px}
.doc{font-size:15px;line-height:1.9;white-space:pre-wrap;word-break:break-all}
.row{display:flex}
.ln{flex:0 0 3em;color:#aaa;text-align:right;padding-right:8px;user-select:none;font-size:12px;line-height:2.4}
.tx{flex:1;min-width:0}
.row.active{background:#fff8c5}.row.blank{height:.6em;overflow:hidden}.row.blank .ln{line-height:.6em;font-size:9px}
.gap{margin:4px 0 4px 3em;padding:2px 8px;color:var(--muted);background:#f1f3f4;border-radius:4px;cursor:pointer;font-size:13px}.gap.closed{cursor:default}
.capped{color:var(--muted);font-size:13px}
mark.hl{background:transparent;color:inherit;cursor:pointer;border-bottom:2px solid;padding:1px 0}
mark.hl.sev-error{background:#fce8e6;border-color:var(--err)}
mark.hl.sev-warning{background:#fef7e0;border-color:var(--warn)}
mark.hl.sev-info{background:#e8f0fe;border-color:var(--info)}
mark.hl.zw{display:inline-block;width:0;border:0;padding:0;position:relative}
mark.hl.zw::after{content:"‸";position:absolute;left:-4px;top:.6em;font-weight:bold;color:var(--err)}
mark.hl.off{background:transparent!important;border-color:transparent!important;cursor:text}
mark.hl.off.zw::after{content:""}
mark.hl.active{outline:2px solid #202124;outline-offset:1px}
.list ul{list-style:none;margin:0;padding:0}
.fam{margin-bottom:8px}
.fam summary{cursor:pointer;padding:2px 0}
.item{padding:4px 6px;border-left:3px solid #ddd;margin:3px 0;cursor:pointer;font-size:14px}
.item:hover,.item.active{background:#f1f3f4}
.item.sev-error{border-color:var(--err)}.item.sev-warning{border-color:var(--warn)}.item.sev-info{border-color:var(--info)}
.item .pos{color:var(--muted);font-size:12px}
.badge{font-size:12px;padding:0 4px;border-radius:3px;color:#fff}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
.hidden{display:none!important}
aside{position:sticky;top:90px;align-self:start;max-height:calc(100vh - 110px);overflow:auto}
#explain{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px}
#explain h3{margin:4px 0;font-size:16px}
#explain .finding{border-left:3px solid #ddd;padding-left:8px;margin:8px 0}
#explain .summary-line{font-weight:bold}
#explain .explanation{white-space:pre-wrap}
#explain .source,#explain .meta{color:var(--muted);font-size:13px}
#explain ul.examples{padding-left:18px}
#explain .bad{color:var(--err)}#explain .good{color:#188038}
#hint{color:var(--muted);font-size:14px}
.problem{color:var(--err)}
.clean{color:#188038}
footer{color:var(--muted);font-size:12px;padding:0 16px 16px}
@media (max-width:900px){.layout,.cols{grid-template-columns:1fr}aside{position:static}}
"""

_JS = r"""
(function(){
  "use strict";
  var DATA = JSON.parse(document.getElementById("rl-data").textContent), L = DATA.labels;
  var panel = document.getElementById("explain"), hint = document.getElementById("hint");
  function el(tag, cls, text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
  function checked(name){var s={};document.querySelectorAll('input[name="'+name+'"]').forEach(function(i){if(i.checked)s[i.value]=1;});return s;}
  var FILTER=null;  // the checked severities and families, read once per change (not once per finding)
  function visible(fid){var f=DATA.findings[fid];if(!f)return false;if(!FILTER)FILTER={s:checked("sev"),m:checked("fam")};return !!(FILTER.s[f.sev]&&FILTER.m[f.fam]);}
  function ruleBlock(code){
    var r = DATA.rules[code], box = el("div","rule");
    if(!r){box.appendChild(el("p",null,L.rule+" "+code));return box;}
    box.appendChild(el("h3",null,r.code+" "+r.name));
    box.appendChild(el("p","summary-line",r.summary));
    if(r.explanation)box.appendChild(el("p","explanation",r.explanation));
    if(r.source)box.appendChild(el("p","source",L.source+r.source));
    box.appendChild(el("p","meta",L.severity+(L[r.severity]||r.severity)+(r.fixable?L.fixable.replace("{how}",L[r.fixable]||r.fixable):"")));
    if(r.examples&&r.examples.length){
      var ul=el("ul","examples");
      r.examples.forEach(function(x){
        var li=el("li",x.bad?"bad":"good",(x.bad?"✗ ":"✓ ")+x.text+(x.bad&&x.fixed!=null?"  →  "+x.fixed:""));
        ul.appendChild(li);
      });
      box.appendChild(el("p","meta",L.examples));box.appendChild(ul);
    }
    return box;
  }
  function clearActive(){document.querySelectorAll(".active").forEach(function(e){e.classList.remove("active");});}
  function showFindings(ids){
    ids = ids.filter(visible);
    if(!ids.length)return;
    clearActive();
    panel.textContent="";
    var shown={};
    ids.forEach(function(fid){
      var f=DATA.findings[fid], box=el("div","finding");
      box.setAttribute("data-f",fid);
      box.appendChild(el("p",null,(L[f.sev]||f.sev)+"  "+f.code+"  "+L.where.replace("{line}",f.line).replace("{col}",f.col)+(f.where?" ("+f.where+")":"")));
      box.appendChild(el("p","message",f.msg));
      if(f.hint)box.appendChild(el("p","hint-line",f.hint));
      if(!shown[f.code]){box.appendChild(ruleBlock(f.code));shown[f.code]=1;}
      panel.appendChild(box);
      document.querySelectorAll('[data-f~="'+fid+'"]').forEach(function(e){e.classList.add("active");});
    });
    panel.setAttribute("data-codes",Object.keys(shown).join(" "));
    panel.hidden=false;hint.hidden=true;
  }
  function showRule(code){
    if(!DATA.rules[code])return;
    clearActive();panel.textContent="";panel.appendChild(ruleBlock(code));
    panel.setAttribute("data-codes",code);panel.hidden=false;hint.hidden=true;
  }
  function applyFilters(){
    FILTER=null;
    document.querySelectorAll(".item").forEach(function(li){li.classList.toggle("hidden",!visible(li.getAttribute("data-f")));});
    document.querySelectorAll("mark.hl").forEach(function(m){
      var ids=m.getAttribute("data-f").split(" ");m.classList.toggle("off",!ids.some(visible));
    });
    document.querySelectorAll("details.fam").forEach(function(d){
      var n=d.querySelectorAll(".item:not(.hidden)").length;d.classList.toggle("hidden",n===0);
      d.querySelector("summary .count").textContent=n;
    });
  }
  document.addEventListener("click",function(ev){
    var m=ev.target.closest("mark.hl");
    if(m&&!m.classList.contains("off")){showFindings(m.getAttribute("data-f").split(" "));return;}
    var li=ev.target.closest(".item");
    if(li){var fid=li.getAttribute("data-f");showFindings([fid]);
      var mk=document.querySelector('mark.hl[data-f~="'+fid+'"]');if(mk&&mk.scrollIntoView)mk.scrollIntoView({block:"center"});}
  });
  document.addEventListener("keydown",function(ev){var li=ev.target.closest&&ev.target.closest(".item,.gap");if(li&&(ev.key==="Enter"||ev.key===" ")){ev.preventDefault();li.click();}});
  document.querySelectorAll(".filters input").forEach(function(i){i.addEventListener("change",applyFilters);});
  function expand(g){
    var lines=DATA.gaps[g.getAttribute("data-g")]||[], first=+g.getAttribute("data-first"), doc=g.getAttribute("data-g").split("-")[0];
    var frag=document.createDocumentFragment();
    lines.forEach(function(t,i){var d=el("div","row");d.id=doc+"-l"+(first+i);d.appendChild(el("span","ln",String(first+i)));d.appendChild(el("span","tx",t));frag.appendChild(d);});
    g.parentNode.replaceChild(frag,g);
  }
  document.addEventListener("click",function(ev){var g=ev.target.closest&&ev.target.closest(".gap[data-g]");if(g)expand(g);});
  function showLine(id){  // #line=d0-1234: that line of that document, unfolded if it was in a gap
    var m=/^(d[0-9]+)-([0-9]+)$/.exec(id);if(!m)return;
    if(!document.getElementById(id+"")){
      var doc=m[1], n=+m[2];
      document.querySelectorAll('.gap[data-g^="'+doc+'-"]').forEach(function(g){
        var first=+g.getAttribute("data-first"), len=(DATA.gaps[g.getAttribute("data-g")]||[]).length;
        if(n>=first&&n<first+len)expand(g);
      });
    }
    var row=document.getElementById(m[1]+"-l"+m[2]);if(row){row.classList.add("active");if(row.scrollIntoView)row.scrollIntoView({block:"center"});}
  }
  function fromHash(){
    var h=location.hash.slice(1), kv=h.split("=");
    if(kv.length!==2||!/^[A-Za-z0-9-]+$/.test(kv[1]))return;
    if(kv[0]==="line")showLine(kv[1]);
    if(kv[0]==="code")showRule(kv[1]);
    else if(kv[0]==="finding"){var m=document.querySelector('mark.hl[data-f~="'+kv[1]+'"]');if(m)m.click();}
  }
  window.addEventListener("hashchange",fromHash);
  applyFilters();fromHash();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportlint {version}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1><span class="summary">{summary}</span>
<div class="filters">
<fieldset><legend>{severity_legend}</legend>{sev_boxes}</fieldset>
<fieldset><legend>{family_legend}</legend>{fam_boxes}</fieldset>
</div>
</header>
<div class="layout">
<main>
{sections}
</main>
<aside>
<p id="hint">{hint}</p>
<section id="explain" hidden></section>
</aside>
</div>
<footer>reportlint {version}</footer>
<script type="application/json" id="rl-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
