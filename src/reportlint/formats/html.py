"""``--format html``: one self-contained page (inline CSS and JS, nothing fetched) for a human reviewer.

Each document is shown with its findings highlighted in place; beside it the
findings grouped by family; filters by severity and family; clicking a highlight
or a finding shows the rule's summary, explanation and examples. ``#code=P101``
or ``#finding=f0-3`` in the URL opens an explanation (links, and headless tests).
Every piece of text is escaped; data reaches the script as JSON and is shown
with ``textContent`` only.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from reportlint import __version__
from reportlint.engine import LintResult
from reportlint.formats import FormatContext
from reportlint.rules import Finding, Rule

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

#: The core families (DESIGN.md); a third-party family is named after its plugin.
FAMILY_NAMES = {
    "S": "结构",
    "D": "日期",
    "P": "标点",
    "N": "数字",
    "T": "字词",
    "G": "政治表述与固定用语",
    "M": "标记与残留",
    "I": "个人信息",
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
        return FAMILY_NAMES[fam]
    plugin = next((r.plugin for r in rules.values() if r.family == fam and r.plugin), "")
    return plugin.removeprefix("reportlint_") or fam


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _suggestion(text: str, f: Finding) -> str:
    if f.fix is None:
        return ""
    fs, fe = f.fix_span()
    old = text[fs:fe]
    tag = "" if f.fix.safe else "（不安全修复，需人工确认）"
    if f.fix.replacement and old:
        return f"建议：“{old}” → “{f.fix.replacement}”{tag}"
    if old:
        return f"建议：删除“{old}”{tag}"
    return f"建议：插入“{f.fix.replacement}”{tag}"


def _rule_data(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "explanation": rule.explanation,
        "source": rule.source,
        "severity": rule.severity.value,
        "fixable": rule.fixable or "",
        "examples": [{"text": ex.text, "bad": ex.bad, "fixed": ex.fixed} for ex in rule.examples],
    }


def _render_text(text: str, doc: Any, items: Sequence[tuple[str, Finding]], doc_id: str) -> str:
    """The document, one numbered row per line, findings wrapped in <mark> (overlaps split into pieces)."""
    lines = doc.lines
    per_line: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    points: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for fid, f in items:
        sev = f.severity.value
        visible = text[f.start:f.end].replace("\r", "").replace("\n", "")
        first, _ = lines.line_col(f.start)
        if not visible:  # a missing mark, or a span of line ends only: a caret where it starts
            points[first].append((f.start, fid, sev))
            continue
        last, _ = lines.line_col(f.end)
        for ln in range(first, last + 1):
            ls, le = lines.line_span(ln)
            s, e = max(f.start, ls), min(f.end, le)
            if s < e:
                per_line[ln].append((s, e, fid, sev))
    rows = []
    for ln in range(1, lines.line_count + 1):
        ls, le = lines.line_span(ln)
        spans = per_line.get(ln, [])
        carets = sorted(points.get(ln, []))
        cuts = sorted({ls, le, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans), *(p for p, _, _ in carets)})
        parts = []
        ci = 0
        # Spans covering each piece by a sweep (pieces end at every span's start and end, so a span
        # covers a piece exactly while the sweep is between them): testing every span of the line
        # for every piece would be quadratic on a long line with many findings.
        opening: dict[int, list[int]] = defaultdict(list)
        closing: dict[int, list[int]] = defaultdict(list)
        for i, (s, e, _, _) in enumerate(spans):
            opening[s].append(i)
            closing[e].append(i)
        active: set[int] = set()
        for a, b in zip(cuts, [*cuts[1:], None], strict=True):
            while ci < len(carets) and carets[ci][0] == a:
                _, fid, sev = carets[ci]
                parts.append(f'<mark class="hl zw sev-{sev}" data-f="{fid}" title="{_e(fid)}"></mark>')
                ci += 1
            if b is None:
                break
            active.difference_update(closing.get(a, ()))
            active.update(opening.get(a, ()))
            piece = _e(text[a:b])
            cover = [(spans[i][2], spans[i][3]) for i in sorted(active)]  # in the spans' own order, as before
            if cover:
                sev = min((sev for _, sev in cover), key=_SEVERITY_ORDER.__getitem__)
                ids = " ".join(fid for fid, _ in cover)
                parts.append(f'<mark class="hl sev-{sev}" data-f="{ids}">{piece}</mark>')
            else:
                parts.append(piece)
        rows.append(f'<div class="row" id="{doc_id}-l{ln}"><span class="ln">{ln}</span><span class="tx">{"".join(parts)}</span></div>')
    return "\n".join(rows)


def _file_section(n: int, r: LintResult, rules: Mapping[str, Rule], findings_data: dict[str, Any]) -> str:
    doc = r.document
    doc_id = f"d{n}"
    items = [(f"f{n}-{i}", f) for i, f in enumerate(r.findings)]
    text = doc.text if doc is not None else ""
    for fid, f in items:
        fam = _family(f.code)
        findings_data[fid] = {
            "code": f.code, "name": f.name, "sev": f.severity.value, "fam": fam, "msg": f.message,
            "line": f.line, "col": f.column, "hint": _suggestion(text, f) if doc is not None else "",
            "where": doc.location_label(f.start) if doc is not None and doc.format == "docx" else "",
            "path": r.path,
        }
    out = [f'<section class="file" id="{doc_id}"><h2>{_e(r.path)} <small>{len(items)} 处问题</small></h2>']
    for p in r.problems:
        out.append(f'<p class="problem">错误：{_e(p.message)}</p>')
    out.append('<div class="cols">')
    if doc is not None:
        out.append(f'<div class="doc" lang="zh-CN">{_render_text(text, doc, items, doc_id)}</div>')
    else:
        out.append('<div class="doc empty">（未能读取文档内容）</div>')
    out.append('<div class="list">')
    by_family: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for fid, f in items:
        by_family[_family(f.code)].append((fid, f))
    if not items:
        out.append('<p class="clean">未发现问题。</p>')
    for fam in sorted(by_family):
        group = by_family[fam]
        out.append(f'<details class="fam" data-fam="{_e(fam)}" open><summary><b>{_e(fam)}</b> {_e(_family_name(fam, rules))}'
                   f' <span class="count">{len(group)}</span></summary><ul>')
        for fid, f in group:
            sev = f.severity.value
            out.append(
                f'<li class="item sev-{sev}" data-f="{fid}" data-sev="{sev}" data-fam="{_e(fam)}" tabindex="0">'
                f'<span class="badge sev-{sev}">{_SEVERITY_LABEL.get(sev, sev)}</span> '
                f'<code>{_e(f.code)}</code> <span class="pos">{f.line}:{f.column}</span> {_e(f.message)}</li>'
            )
        out.append("</ul></details>")
    out.append("</div></div></section>")
    return "\n".join(out)


def format_html(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    """Write the whole report as one HTML page."""
    findings_data: dict[str, Any] = {}
    sections = [_file_section(n, r, ctx.rules, findings_data) for n, r in enumerate(results)]
    used = sorted({f["code"] for f in findings_data.values()})
    rules_data = {code: _rule_data(ctx.rules[code]) for code in used if code in ctx.rules}
    sev_count: dict[str, int] = defaultdict(int)
    fam_count: dict[str, int] = defaultdict(int)
    for f in findings_data.values():
        sev_count[f["sev"]] += 1
        fam_count[f["fam"]] += 1
    sev_boxes = "".join(
        f'<label class="sev-{s}"><input type="checkbox" name="sev" value="{s}" checked> {_SEVERITY_LABEL[s]} '
        f'<span class="count">{sev_count[s]}</span></label>'
        for s in ("error", "warning", "info")
    )
    fam_boxes = "".join(
        f'<label><input type="checkbox" name="fam" value="{_e(fam)}" checked> <b>{_e(fam)}</b> {_e(_family_name(fam, ctx.rules))} '
        f'<span class="count">{n}</span></label>'
        for fam, n in sorted(fam_count.items())
    )
    total = len(findings_data)
    files = len(results)
    data = _script_json({"rules": rules_data, "findings": findings_data, "sevLabel": _SEVERITY_LABEL})
    out.write(_PAGE.format(
        version=_e(__version__),
        summary=_e(f"{files} 个文件，{total} 处问题（错误 {sev_count['error']}，警告 {sev_count['warning']}，提示 {sev_count['info']}）"),
        sev_boxes=sev_boxes,
        fam_boxes=fam_boxes or '<span class="none">无</span>',
        sections="\n".join(sections) or '<p class="clean">没有检查任何文件。</p>',
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
  var DATA = JSON.parse(document.getElementById("rl-data").textContent);
  var panel = document.getElementById("explain"), hint = document.getElementById("hint");
  function el(tag, cls, text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
  function checked(name){var s={};document.querySelectorAll('input[name="'+name+'"]').forEach(function(i){if(i.checked)s[i.value]=1;});return s;}
  function visible(fid){var f=DATA.findings[fid];if(!f)return false;var s=checked("sev"),m=checked("fam");return !!(s[f.sev]&&m[f.fam]);}
  function ruleBlock(code){
    var r = DATA.rules[code], box = el("div","rule");
    if(!r){box.appendChild(el("p",null,"规则 "+code));return box;}
    box.appendChild(el("h3",null,r.code+" "+r.name));
    box.appendChild(el("p","summary-line",r.summary));
    if(r.explanation)box.appendChild(el("p","explanation",r.explanation));
    if(r.source)box.appendChild(el("p","source","依据："+r.source));
    box.appendChild(el("p","meta","级别："+(DATA.sevLabel[r.severity]||r.severity)+(r.fixable?"；可自动修复（"+r.fixable+"）":"")));
    if(r.examples&&r.examples.length){
      var ul=el("ul","examples");
      r.examples.forEach(function(x){
        var li=el("li",x.bad?"bad":"good",(x.bad?"✗ ":"✓ ")+x.text+(x.bad&&x.fixed!=null?"  →  "+x.fixed:""));
        ul.appendChild(li);
      });
      box.appendChild(el("p","meta","示例："));box.appendChild(ul);
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
      box.appendChild(el("p",null,(DATA.sevLabel[f.sev]||f.sev)+"  "+f.code+"  第"+f.line+"行第"+f.col+"列"+(f.where?"（"+f.where+"）":"")));
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
  document.addEventListener("keydown",function(ev){var li=ev.target.closest&&ev.target.closest(".item");if(li&&(ev.key==="Enter"||ev.key===" ")){ev.preventDefault();li.click();}});
  document.querySelectorAll(".filters input").forEach(function(i){i.addEventListener("change",applyFilters);});
  function fromHash(){
    var h=location.hash.slice(1), kv=h.split("=");
    if(kv.length!==2||!/^[A-Za-z0-9-]+$/.test(kv[1]))return;
    if(kv[0]==="code")showRule(kv[1]);
    else if(kv[0]==="finding"){var m=document.querySelector('mark.hl[data-f~="'+kv[1]+'"]');if(m)m.click();}
  }
  window.addEventListener("hashchange",fromHash);
  applyFilters();fromHash();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportlint {version}">
<title>reportlint 检查报告</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>reportlint 检查报告</h1><span class="summary">{summary}</span>
<div class="filters">
<fieldset><legend>级别</legend>{sev_boxes}</fieldset>
<fieldset><legend>类别</legend>{fam_boxes}</fieldset>
</div>
</header>
<div class="layout">
<main>
{sections}
</main>
<aside>
<p id="hint">点击高亮文字或右侧问题，查看规则说明与示例。</p>
<section id="explain" hidden></section>
</aside>
</div>
<footer>reportlint {version}</footer>
<script type="application/json" id="rl-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
