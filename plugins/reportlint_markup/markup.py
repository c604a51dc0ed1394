"""Family M, markup: HTML tags and entities, Markdown residue in plain text and Word (catalogue H04, H05)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Fix, Rule, rule
from reportlint.plugin import Applicability, Context, anchored, lazy
from reportlint_markup.prefilter import latin

# Only real HTML element names (plus Word's o:p): "<" and ">" around other words are comparisons
# or 书名号 typed with ASCII, which other rules judge.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|center|code|col|colgroup|dd|del|div|dl|dt|em|font|h[1-6]|head|hr|"
    "html|i|img|ins|label|li|mark|meta|nobr|o:p|ol|p|pre|s|script|section|small|span|strike|strong|"
    "style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul|wbr"
)
_TAG = lazy(regex.compile,
    # At most 30 attributes, each atomic, so a long unclosed "<p a=b a=b ..." cannot backtrack.
    rf"</?(?:{_TAG_NAMES})(?>\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"<>\n]{{0,300}}\"|'[^'<>\n]{{0,300}}'|[^\s<>\"']{{1,300}}))?){{0,30}}+\s*/?>",
    regex.IGNORECASE,
)
# Named entities seen in pasted web text, and numeric ones; the semicolon is required.
_ENTITY = lazy(regex.compile,
    r"&(?:nbsp|ensp|emsp|thinsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|laquo|raquo|mdash|ndash|"
    r"hellip|middot|bull|times|divide|plusmn|deg|yen|copy|reg|trade|sect|permil|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
# An HTML comment: web pages keep photo captions in them (<!-- 市长作政府工作报告（某某 摄） -->); copied
# into a report the reader sees them. Up to 1,000 characters, lazily, so one stray <!-- cannot swallow a report.
_COMMENT = lazy(re.compile, r"<!--(?:(?!-->).){0,1000}?-->", re.DOTALL)
# Space entities decode to what a Chinese text uses: a plain space for the narrow ones (U+00A0 in a
# report is another defect), the ideographic space U+3000 for &emsp; (Chinese web pages indent
# paragraphs with &emsp;&emsp;, two character widths).
_SPACE_ENTITIES = {"&nbsp;": " ", "&ensp;": " ", "&thinsp;": " ", "&emsp;": "\u3000"}


def _decode_entity(entity: str) -> str | None:
    """The character an entity stands for, or None for a control, blank or invalid code point."""
    if entity in _SPACE_ENTITIES:
        return _SPACE_ENTITIES[entity]
    out = html.unescape(entity)
    if not out or out == entity or not (out.isprintable() or unicodedata.category(out) == "Zs"):
        return None  # &#13;&#10; and controls: deleting them is what a reader expects
    return out


@rule(
    "M102",
    "html-markup",
    "An HTML tag (<br>, </span>) or entity (&nbsp;, &#12288;) left in the text",
    fixable="safe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Text copied from a web page or a CMS editor keeps its HTML: tags such as <br> and "
        "</span>, entities such as &nbsp; or &ldquo;, and comments <!-- … --> (web pages keep photo "
        "captions in them). A reader sees them literally. The fix deletes tags and decodes entities "
        "(space entities become a plain space); a comment holds words, so deleting it is left to a "
        "human (unsafe fix). Not checked in Markdown, where HTML is part of the syntax."
    ),
    bad=[("成效明显<br>", "成效明显"), ("<span style=\"color:red\">加强</span>党建", "加强党建"),
         ("&ldquo;四风&rdquo;问题", "“四风”问题"), ("学习&nbsp;宣传", "学习 宣传"),
         "<!-- 市长作政府工作报告（记者 摄） -->"],
    good=["a<b且b>c", "《条例》", "A&B公司", "<请填写>"],
)
def html_markup(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag HTML tags (fix: delete) and entities (fix: decode) outside Markdown."""
    if doc.format == "md":
        return
    text = doc.text
    # Prefilters (one C scan each): a tag needs <, an entity needs &.
    for m in _TAG.finditer(text) if "<" in text else ():
        yield self.finding(m.start(), m.end(), f"HTML 标签“{m.group()[:30]}”残留，应删除", "")
    for m in _COMMENT.finditer(text) if "<!--" in text else ():
        shown = m.group() if len(m.group()) <= 30 else m.group()[:26] + "…-->"
        yield self.finding(m.start(), m.end(), f"HTML 注释“{shown}”残留，应删除", Fix("", Applicability.UNSAFE))
    for m in _ENTITY.finditer(text) if "&" in text else ():
        decoded = _decode_entity(m.group())
        if decoded is None:
            # a control or invalid code point: nothing a reader should see, so deleting it is safe
            yield self.finding(m.start(), m.end(), f"HTML 字符实体“{m.group()}”残留，应删除", "")
        else:
            shown = {" ": "空格", "\u3000": "全角空格"}.get(decoded, f"“{decoded}”")
            yield self.finding(m.start(), m.end(), f"HTML 字符实体“{m.group()}”残留，应为{shown}", decoded)


# Markdown residue, one alternative per construct, all anchored tightly so plain prose never matches:
# an ATX heading prefix at line start, **bold** / __bold__ spans, [text](http...) links, code fences,
# table separator rows, and #话题# topic markers pasted from Weibo.
# Each runs only round the ASCII mark it is made with (reportlint.anchors): a long text has a # or
# a * somewhere, and the lookbehinds made the whole passes try every character.
_MD_HEADING = anchored(regex.compile, r"^[ \t]{0,3}(#{1,6})[ \t]+(?=\S)", regex.MULTILINE, anchors=["#"])
# \w would include Han, and residue sits right against Han text: exclude only ASCII neighbours.
_MD_BOLD = anchored(regex.compile,
    r"(?<![*A-Za-z0-9])\*\*(?=[^\s*])([^*\n]{1,80}?)(?<=[^\s*])\*\*(?![*A-Za-z0-9])"
    r"|(?<![_A-Za-z0-9])__(?=[^\s_])([^_\n]{0,80}?\p{Han}[^_\n]{0,80}?)(?<=[^\s_])__(?![_A-Za-z0-9])",
    anchors=["*", "_"],
)
_MD_LINK = anchored(regex.compile, r"!?\[([^\[\]\n]{1,200})\]\((?:https?://|www\.)[^()\s]{1,500}\)", anchors=["]("])
_MD_FENCE = anchored(regex.compile, r"^[ \t]{0,3}(?:`{3,}|~{3,})[^\n`]*$", regex.MULTILINE, anchors=["```", "~~~"])
_MD_TABLE_RULE = anchored(regex.compile, r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)++\|?[ \t]*\r?$",
                          regex.MULTILINE, anchors=["---"])
# Their ASCII characters as ints, for the prefilters (see prefilter.latin).
_HASH, _STAR, _LOW_LINE, _BACKTICK, _TILDE, _HYPHEN, _RIGHT_SQB = b"#*_`~-]"
_MD_TOPIC = anchored(regex.compile, r"(?<![#0-9A-Za-z])#(\p{Han}{2,20})#(?![#0-9A-Za-z])", anchors=["#"])


@rule(
    "M103",
    "markdown-residue",
    "Markdown syntax (**bold**, # heading, [text](url), ``` fences) left in a .txt or .docx report",
    severity="warning",
    fixable="unsafe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Drafts written with AI assistants or in Markdown editors keep their syntax when pasted "
        "into Word or a text file: **加粗**, a leading “# ”, [链接](http://...), ``` fences, "
        "|---|---| table rules, #话题# markers. The reader sees the marks. Only constructs that "
        "plain prose never produces are matched. The fix (unsafe: a human should look) removes "
        "the marks and keeps the words. Markdown files are not checked: there it is syntax."
    ),
    bad=[("**一、主要成效**", "一、主要成效"), ("# 一、总体情况", "一、总体情况"),
         "详见[通知](https://www.gov.cn/a.html)", "```", "|---|---|", "学习#二十大#精神", ("进一步**加强**党建", "进一步加强党建")],
    good=["2×3＝6", "a*b*c", "2**3**4", "1#楼和2#楼", "C# 语言", "#1机组", "__init__", "一、总体情况"],
)
def markdown_residue(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag Markdown constructs in non-Markdown documents."""
    if doc.format == "md":
        return
    text = doc.text
    # Prefilters: every construct needs one of its own ASCII characters, looked for among the
    # text's Latin-1 characters (a few bytes in a Chinese report; see prefilter.latin).
    lat = latin(ctx)
    hashes = _HASH in lat
    for m in _MD_HEADING.finditer(text) if hashes else ():
        yield self.finding(m.start(1), m.end(1), f"Markdown 标题标记“{m.group(1)}”残留，应删除",
                           Fix("", Applicability.UNSAFE, start=m.start(), end=m.end()))
    for m in _MD_BOLD.finditer(text) if _STAR in lat or _LOW_LINE in lat else ():
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        mark = m.group()[:2]
        yield self.finding(m.start(), m.end(), f"Markdown 加粗标记“{mark}”残留，应删除", inner)
    for m in _MD_LINK.finditer(text) if _RIGHT_SQB in lat and b"](" in lat else ():
        yield self.finding(m.start(), m.end(), f"Markdown 链接语法“[{m.group(1)[:20]}](…)”残留，应改写为正文")
    for m in _MD_FENCE.finditer(text) if _BACKTICK in lat or _TILDE in lat else ():
        yield self.finding(m.start(), m.end(), "Markdown 代码块标记“```”残留，应删除")
    for m in _MD_TABLE_RULE.finditer(text) if _HYPHEN in lat and b"---" in lat else ():
        yield self.finding(m.start(), m.end(), "Markdown 表格分隔行残留，应改为正式表格")
    for m in _MD_TOPIC.finditer(text) if hashes else ():
        yield self.finding(m.start(), m.end(), f"话题标记“#{m.group(1)}#”残留，应删除 # 号")


RULES = [html_markup, markdown_residue]
