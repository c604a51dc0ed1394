"""Family M, leftovers: unfilled placeholders, template slots, review residue (catalogue H01-H03, H11)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Context, LiteralMatcher, anchored, document_low_bytes, has_any, lazy
from reportlint_markup.prefilter import has_words, latin, word_table

# Placeholder letters: ASCII X/x, fullwidth Ｘ/ｘ and the multiplication sign × (GB/T 9704-2012's
# sample pages fill slots with ××××). A run is one glyph repeated, so "Xx" or "X×" never count.
_PH = "[XxＸｘ×]"
# Both patterns run only round the placeholder glyphs (reportlint.anchors): a long text has an X
# somewhere, and the date pattern would otherwise be tried at every digit of it.
_PH_GLYPHS = ["X", "x", "Ｘ", "ｘ", "×"]
_RUN = anchored(re.compile, r"X{2,}|x{2,}|Ｘ{2,}|ｘ{2,}|×{2,}", anchors=_PH_GLYPHS)
# Dates with placeholder parts: 20XX年, XXXX年X月X日, ×月×日, 2023年X月.
_MD = rf"(?:{_PH}{{1,2}}|[0-9]{{1,2}})"
_YEAR = rf"(?:[0-9]{{2}}{_PH}{{2}}|{_PH}{{4}}|{_PH}{{2}}|[0-9]{{4}})"
# The lookahead first lets the engine skip to candidate characters instead of trying every offset.
# Not every date holds a glyph (2023年4月5日), so its windows are the whole runs of date characters
# round a glyph (every_match=False): the dates there, of which the caller keeps those with one.
_DATE = anchored(regex.compile, rf"(?=[0-9XxＸｘ×])(?<![A-Za-z0-9])(?:{_YEAR}年(?:{_MD}月(?:{_MD}日)?)?|{_MD}月{_MD}日)",
                 anchors=_PH_GLYPHS, every_match=False)
_PH_CHAR = lazy(re.compile, _PH)
_X, _SMALL_X, _TIMES = b"Xx\xd7"  # as ints, for the prefilter (see prefilter.latin)
# What counts as Chinese context next to a Latin run: Han, CJK and fullwidth punctuation, quotes.
_CJK = lazy(regex.compile, r"[\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2014\u2026]")
# Letters and digits, ASCII or fullwidth: a placeholder run glued to them is part of a word (XXL, ＸＸＬ).
_WORD_BEFORE = lazy(regex.compile, r"[A-Za-z0-9_Ａ-Ｚａ-ｚ０-９]")
_WORD_AFTER = lazy(regex.compile, r"[A-Za-z_Ａ-Ｚａ-ｚ]")
# Real terms written with XX: the XX chromosome, the Roman-numeral XX世纪.
_XX_TERMS = ("染色体", "世纪")


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Han character or CJK punctuation (empty: no)."""
    return bool(ch) and _CJK.match(ch) is not None


# A placeholder quoted after a naming or format word stands for any name, on purpose: 加盖“XX行政审批局”的印章,
# 统一命名为“XX县XX中心”, 标注“XX单位”字样. A template sentence about every unit is not an unfilled slot.
_GENERIC_LEAD = lazy(re.compile, r"(?:加盖|盖有|盖上|印有|冠以|冠名|命名为|名称为|称为|统一为|统一使用|统一称|格式为|样式为|"
                                  r"标注|注明|写明|署名)“[^“”\n]{0,12}$")


def _generic_example(text: str, start: int) -> bool:
    """True if the run at ``start`` sits in quotes after a naming or format word (a generic example)."""
    return _GENERIC_LEAD.search(text, max(0, start - 20), start) is not None


def _placeholder_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of placeholder dates, then of placeholder runs outside them, in text order."""
    spans: list[tuple[int, int]] = []
    if not has_any(text, "XxＸｘ×"):  # prefilter: every placeholder holds one of these
        return iter(spans)
    for m in _DATE.finditer(text):
        if _PH_CHAR.search(m.group()):
            spans.append(m.span())
    date_starts = [a for a, _ in spans]  # sorted and disjoint: finditer order
    date_ends = [b for _, b in spans]
    n = len(text)
    for m in _RUN.finditer(text):
        s, e = m.span()
        i = bisect.bisect_right(date_starts, s) - 1
        if i >= 0 and s < date_ends[i]:
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if m.group()[0] == "×":
            # A × run is never a word; only reject it between ASCII letters or digits (a formula).
            if before.isascii() and before.isalnum() or after.isascii() and after.isalnum():
                continue
        else:
            if before and _WORD_BEFORE.match(before) or after and _WORD_AFTER.match(after):
                continue
            if not (_is_cjk(before) or _is_cjk(after)):
                continue  # Latin X runs only count inside Chinese text
            if text.startswith(_XX_TERMS, e):
                continue
        if _generic_example(text, s):
            continue
        spans.append((s, e))
    spans.sort()
    return iter(spans)


@rule(
    "M108",
    "placeholder-letters",
    "An unfilled placeholder such as XX, XXX, ××, 20XX年 or X月X日",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct; the sample pages of GB/T 9704—2012 (Layout key for official documents of Party and government organs) mark fill-ins with ×",
    explanation=(
        "Templates and drafts mark what is still to be written with XX, XXX or ××: XX县, "
        "×××同志, 20XX年X月X日. A submitted report must not contain them. Latin words and "
        "acronyms (XML, XXL, Xbox), a single × in a formula (3×4) and the XX chromosome are "
        "not placeholders, nor is a deliberately generic XX quoted after a naming or format word "
        "(加盖“XX行政审批局”的印章, 统一命名为“XX县XX中心”)."
    ),
    bad=["XX坚持以习近平新时代中国特色社会主义思想为指导", "×××同志", "20XX年工作总结", "于X月X日召开",
         "2018年×月×日", "ＸＸ县", "xx局", "（ＸＸ）"],
    good=["XML格式", "XXL号", "Xbox游戏机", "MAX值", "3×4＝12", "二〇〇八年", "2023年4月27日", "XX染色体",
          "a×b×c", "审批通过后加盖“XX行政审批局”的印章", "统一命名为“XX县XX服务中心”"],
)
def placeholder_letters(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag placeholder runs and placeholder dates."""
    text = doc.text
    # Prefilter: X, x and × (U+00D7) among the Latin-1 characters, then the fullwidth letters.
    lat = latin(ctx)
    if not (_X in lat or _SMALL_X in lat or _TIMES in lat or "Ｘ" in text or "ｘ" in text):
        return
    for s, e in _placeholder_spans(text):
        yield self.finding(s, e, f"占位符“{text[s:e]}”未替换，应填入实际内容")


# Placeholder symbols: ○○ 〇〇 ◯◯ □□ ＊＊ △△. Runs of a zero-like glyph next to a Chinese numeral
# or a digit are numbers (二〇〇八年, 一〇〇), which C-family rules judge, not placeholders.
_SYMBOLS = anchored(re.compile, r"○{2,}|〇{2,}|◯{2,}|□{2,}|＊{2,}|△{2,}", anchors=list("○〇◯□＊△"))
_NUMERAL = lazy(regex.compile, r"[零〇○◯一二三四五六七八九十百千万亿两0-9０-９OＯ]")
# ＊＊ right after a Han character or among digits masks a name or number on purpose.
_HAN = lazy(regex.compile, r"\p{Han}")


@rule(
    "M109",
    "placeholder-symbols",
    "An unfilled placeholder written with symbols: ○○, □□, ＊＊, △△",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Runs of ○, □, ＊ or △ stand for names and numbers still to be filled in (○○乡党委, "
        "□□同志). A run of 〇 or ○ inside a Chinese numeral (二〇〇八年) is a number, not a "
        "placeholder."
    ),
    bad=["○○乡党委", "□□同志", "＊＊局", "△△项目", "〇〇〇〇年工作总结"],
    good=["二〇〇八年", "二○○○年", "一〇〇名", "□是 □否", "○ 要点", "张＊＊（化名）", "138＊＊＊＊5678"],
)
def placeholder_symbols(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag runs of placeholder symbols outside Chinese numerals."""
    text = doc.text
    n = len(text)
    for c in "○〇◯□＊△":  # prefilter: one C scan per symbol (a plain loop: cheaper than any())
        if c in text:
            break
    else:
        return
    for m in _SYMBOLS.finditer(text):
        s, e = m.span()
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if m.group()[0] in "○〇◯":
            if _NUMERAL.match(before or " ") or _NUMERAL.match(after or " "):
                continue
        elif m.group()[0] == "＊" and (_HAN.match(before or " ") or before.isdigit() or after.isdigit()):
            continue  # deliberate masking: 张＊＊, 138＊＊＊＊5678
        yield self.finding(s, e, f"占位符“{m.group()}”未替换，应填入实际内容")


# Template slots: a 【…】 whose content names a field, hint words inside any bracket pair, and the
# template-engine forms {{…}}, ${…}, <请…>. 【】 labels are common in task lists (【牵头单位】市发改委,
# 【会议时间】3月1日), so a field noun counts only if a label would not use it (…名称, 姓名) or if
# the slot stands inline with no content after it (截至【日期】，).
_LENTICULAR = anchored(regex.compile, r"【([^【】\n]{1,15})】", anchors=["【"])
_NAME_NOUNS = ("名称", "姓名", "名字", "全称")
_FIELD_NOUNS = ("日期", "时间", "年份", "金额", "数量", "数字", "数据", "人数", "比例", "编号", "文号", "单位", "部门")
_LABEL_END = frozenset(":：")
_INLINE_END = frozenset("，。；、）)\n\r")
_ENGINE_SLOT = anchored(regex.compile, r"\{\{[^{}\n]{0,40}\}\}|\$\{[^{}\n]{1,40}\}|[<＜]请[^<>＜＞\n]{1,30}[>＞]",
                        anchors=["{", "<", "＜"])
_HINT_WORDS = (
    "请填写", "请输入", "请补充", "请选择", "请修改", "请替换", "此处填", "此处补充",
    "此处输入", "待补充", "待核实", "待完善", "待填", "待定", "TODO", "todo", "TBD", "占位",
)
_HINTS = LiteralMatcher({w: w for w in _HINT_WORDS})
# Prefilter: the Han hints by their first character (请 此 待 占: one find each, the words checked
# where it occurs), the Latin ones among the text's Latin-1 characters.
_HAN_HINTS = word_table({w: w[0] for w in _HINT_WORDS if not w.isascii()})
_LATIN_HINTS = tuple(w.encode() for w in _HINT_WORDS if w.isascii())
_T, _SMALL_T, _LEFT_CURLY, _LESS = b"Tt{<"  # as ints (see prefilter.latin); each Latin hint starts with T or t
# Not bare 此处: （此处指2022年数据） is an ordinary explanatory note; 此处插入图表 is M111's.
# Not 模板 or 填写: notices legitimately say （模板见附件3） or （由申报单位填写）.
# 待定 is a normal word in plans (时间待定); inside 【】 or [] it is a slot, inside （） it is prose.
_PROSE_OK = {"待定"}
_OPEN = "（(【[〔〈<{"
_CLOSE = "）)】]〕〉>}"
_BRACKET_REACH = 30


def _enclosing_brackets(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the short bracket pair around ``text[start:end]``, if there is one on its line."""
    lo = max(0, start - _BRACKET_REACH)
    left = -1
    for i in range(start - 1, lo - 1, -1):  # bounded: at most _BRACKET_REACH characters
        c = text[i]
        if c in _OPEN:
            left = i
            break
        if c in _CLOSE or c == "\n":
            return None
    if left == -1:
        return None
    hi = min(len(text), end + _BRACKET_REACH)
    for j in range(end, hi):
        c = text[j]
        if c in _CLOSE:
            return left, j + 1
        if c in _OPEN or c == "\n":
            return None
    return None


def _ascii_word_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is an ASCII letter, digit, hyphen or underscore."""
    return 0 <= i < len(text) and (text[i].isascii() and (text[i].isalnum() or text[i] in "-_"))


def _is_slot(content: str, after: str) -> bool:
    """Whether 【content】 followed by the character ``after`` is an unfilled field, not a label."""
    if after in _LABEL_END:
        return False
    if content.endswith(_NAME_NOUNS):
        return True
    return content.endswith(_FIELD_NOUNS) and (after == "" or after in _INLINE_END)


@rule(
    "M110",
    "template-slot",
    "A template slot left unfilled: 【单位名称】, （请填写）, {{…}}, ${…}, <请…>",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct; the layouts of GB/T 9704—2012 (Layout key for official documents of Party and government organs) never use 【】",
    explanation=(
        "Templates mark fields with 【单位名称】, hints such as （请填写）（此处填写…）（待补充）, "
        "or template-engine syntax {{name}} and ${name}. Left in a report they show that a field "
        "was never filled. Only 【】 slots whose content names a field are reported, so "
        "【工作动态】-style labels stay silent."
    ),
    bad=["【单位名称】2023年工作总结", "共培训（请填写人数）人次", "{{org_name}}党委", "${year}年", "<请输入标题>",
         "截至【日期】", "会议时间【待定】"],
    good=["【工作动态】", "会议时间待定", "（试行）", "《关于进一步加强作风建设的通知》", "时间（待定）",
          "【牵头单位】市发改委", "【会议时间】3月1日", "【项目名称】：新区道路"],
)
def template_slot(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag field-naming 【】 slots, hint words in brackets and template-engine slots."""
    text = doc.text
    taken: set[int] = set()  # start offsets of the bracket pairs already reported
    # Prefilters (one C scan each): 【, the engine slots' opening characters, the hints (see above).
    lat = latin(ctx)
    for m in _LENTICULAR.finditer(text) if "【" in text else ():
        if _is_slot(m.group(1).strip(), text[m.end() : m.end() + 1]):
            taken.add(m.start())
            yield self.finding(m.start(), m.end(), f"模板占位“{m.group()}”未替换，应填入实际内容")
    for m in _ENGINE_SLOT.finditer(text) if _LEFT_CURLY in lat or _LESS in lat or "＜" in text else ():
        taken.add(m.start())
        yield self.finding(m.start(), m.end(), f"模板占位“{m.group()[:30]}”未替换，应填入实际内容")
    hints = has_words(text, _HAN_HINTS) or ((_T in lat or _SMALL_T in lat) and any(w in lat for w in _LATIN_HINTS))
    for start, end, word in _HINTS.finditer(text, document_low_bytes(ctx)) if hints else ():
        span = _enclosing_brackets(text, start, end)
        if span is None or span[0] in taken:
            continue
        if word in _PROSE_OK and text[span[0]] in "（(":
            continue
        if word.isascii() and (_ascii_word_char(text, start - 1) or _ascii_word_char(text, end)):
            continue  # no-todo, TBDs: part of a longer Latin word
        taken.add(span[0])
        yield self.finding(span[0], span[1], f"模板提示“{text[span[0]:span[1]]}”未删除，应填入实际内容")


# Word review residue: comment anchors [张三1] / [lenovo2] as pasted from a document with comments,
# balloon labels (批注 [A1]:, 带格式的:, 删除的内容:), 此处插入图/表, 见附表X, and ??? / ？？？ queries.
_ANCHOR = lazy(regex.compile, r"\[(\p{Han}{2,4}|[A-Za-z]{2,15})(\d{1,3})\]")
# Footnote and cross-reference labels look like anchors: [注1], [图表2], [Ref3].
_ANCHOR_NOT_NAMES = ("注", "图", "表", "附", "例", "式", "参", "文", "条", "第", "公", "据", "来", "资", "见", "案")
_ANCHOR_NOT_LATIN = {"ref", "fig", "tab", "table", "eq", "note", "no", "ch", "sec", "art", "page", "pp", "vol", "id"}
_BALLOON = lazy(regex.compile,
    r"(?:(?:^|(?<=[\s\[【(（]))批注(?:\s*\[[^\]\n]{1,20}\])?|带格式的|删除的内容|设置了格式)[ \t]*[:：]",
    regex.MULTILINE,
)
# Each _BALLOON match holds one of these words; each is looked for by a character rarer in reports
# than its first (设 is in every 建设, 带 in 带头, 格 in 严格), or whose find is faster: memchr
# looks for a character's low byte, and 批's (0x79) and 删's (0x20) are also the high bytes of
# common characters (科种积, “”—…), each a false stop.
_BALLOON_WORDS = word_table({"批注": "注", "带格式的": "式", "删除的内容": "容", "设置了格式": "式"})
_INSERT_HINT = lazy(regex.compile, r"此处(?:插入|添加|放置)(?:图片|图表|表格|照片|图|表)|见附(?:表|件|图)[XxＸ×]")
_INSERT_WORDS = word_table({"此处": "此", "见附": "附"})  # each _INSERT_HINT match starts with one
_LEFT_SQB, _QUESTION = b"[?"  # as ints (see prefilter.latin)
_QUERIES = lazy(regex.compile, r"[?？]{3,}")


@rule(
    "M111",
    "review-leftover",
    "Word comment or revision residue: [张三1], 批注:, 带格式的:, ???",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Copying from a Word document with comments or tracked changes pastes the comment "
        "anchors ([张三1]), balloon labels (批注 [A1]:, 带格式的:, 删除的内容:) and the authors' "
        "queries (???, 此处插入图表). None of it is meant for the reader."
    ),
    bad=["成效显著[李明1]", "批注 [A1]: 数据需核实", "带格式的: 字体: 小四", "共计???人", "此处插入图表",
         "详见附表X", "取得成效[lenovo2]"],
    good=["据统计[注1]", "见图表[图表2]", "领导批示：", "真的吗？", "详见附表1", "[Ref3]"],
)
def review_leftover(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag comment anchors, balloon labels, insertion hints and ??? queries."""
    text = doc.text
    # Prefilters (one C scan each) for the characters and words each residue needs.
    lat = latin(ctx)
    for m in _ANCHOR.finditer(text) if _LEFT_SQB in lat else ():
        name = m.group(1)
        if name.startswith(_ANCHOR_NOT_NAMES) or name.lower() in _ANCHOR_NOT_LATIN:
            continue
        yield self.finding(m.start(), m.end(), f"批注标记“{m.group()}”残留，应删除")
    for m in _BALLOON.finditer(text) if has_words(text, _BALLOON_WORDS) else ():
        yield self.finding(m.start(), m.end(), f"修订或批注标签“{m.group().strip()}”残留，应删除")
    for m in _INSERT_HINT.finditer(text) if has_words(text, _INSERT_WORDS) else ():
        yield self.finding(m.start(), m.end(), f"编写提示“{m.group()}”残留，应补入实际内容")
    for m in _QUERIES.finditer(text) if _QUESTION in lat or "？" in text else ():
        yield self.finding(m.start(), m.end(), f"疑问标记“{m.group()}”残留，应核实后填写")


RULES = [placeholder_letters, placeholder_symbols, template_slot, review_leftover]
