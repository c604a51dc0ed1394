"""标号 written in the wrong form: ellipsis, dash, range marks, 间隔号, and 顿号 misplaced."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Context, anchored, has_any, lazy, mark

from ._chars import is_cjk

# Ellipsis lookalikes: ASCII dots, 。。。, ··· / ・・・ / ．．．, and … not in pairs.
# Run only round what each form is made of (reportlint.anchors): a long text has a … or a · somewhere.
_ELLIPSIS = anchored(regex.compile, r"\.{3,}|。{3,}|[·・．]{3,}|(?<!…)(?:…|…{3}|…{5,})(?!…)",
                     anchors=["...", "。。。", "…", "·", "・", "．"])
# A run of dots followed by a page number is a table-of-contents leader, not an ellipsis.
_LEADER_TAIL = lazy(regex.compile, r"[ \t]*\d+[ \t]*(?:\r?\n|$)")


def _may_have_ellipsis(ctx: Context) -> bool:
    """Prefilter (a few C scans), once per document for P111 and P112: the text holds …, ...,
    。。。 or a middle dot. A one-character test goes first: a missing "..." costs a full scan."""
    return ctx.memo("punctuation.may_have_ellipsis", _ellipsis_chars)


def _ellipsis_chars(doc: Document) -> bool:
    text = doc.text
    return has_any(text, "…·・．") or ("." in text and "..." in text) or ("。。。" in text)


def _cjk_around(text: str, start: int, end: int) -> bool:
    """True if the character before ``start`` or at ``end`` is Han or a Chinese mark."""
    return (start > 0 and is_cjk(text[start - 1])) or (end < len(text) and is_cjk(text[end]))


@rule(
    "P111",
    "ellipsis-form",
    "An ellipsis typed as ... 。。。 ··· or a single …",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.11 (the ellipsis is “……”)",
    explanation=(
        "The Chinese ellipsis is two U+2026 characters (six dots), centred. Runs of ASCII "
        "dots, 。。。, middle dots or a single … in Chinese text are replaced by ……. Dots in "
        "English text and table-of-contents leaders before a page number are left alone."
    ),
    bad=[("学习、讨论...", "学习、讨论……"), ("等等。。。", "等等……"), ("学习…讨论", "学习……讨论"),
         ("主要有······", "主要有……")],
    good=["学习、讨论……", "wait...", "第一章 总则..........3", "两个省略号…………"],
)
def ellipsis_form(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    text = doc.text
    if not _may_have_ellipsis(ctx):
        return
    for m in _ELLIPSIS.finditer(text):
        if not _cjk_around(text, m.start(), m.end()):
            continue
        if m.group()[0] in ".．·" and _LEADER_TAIL.match(text, m.end()):
            continue
        yield self.finding(m.start(), m.end(), f"省略号误作{mark(m.group())}，应为“……”", "……")


_ELLIPSIS_DENG = anchored(regex.compile,
    r"(?:……|…|\.{3,}|。{3,})(?=(?:等等|等|之类)(?![待候级同于额距价值量效比高次身离到]))",
    anchors=["…", "...", "。。。"],
)


@rule(
    "P112",
    "ellipsis-with-deng",
    "An ellipsis and 等/等等/之类 both close one list",
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) Annex A.9 (the ellipsis and 等/等等 are not used together)",
    explanation=(
        "An ellipsis and 等, 等等 or 之类 both say “and so on”: a list ends with one of them, not both (党课、主题党日……等"
        " is 党课、主题党日等). The fix deletes the ellipsis; it is unsafe because keeping the ellipsis instead may "
        "read better. Words that merely start with 等 (等待, 等级) are not counted."
    ),
    bad=[("党课、主题党日……等", "党课、主题党日等"), ("学习、讨论……等等。", "学习、讨论等等。")],
    good=["党课、主题党日等", "党课、主题党日……", "我们……等待结果"],
)
def ellipsis_with_deng(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    if not _may_have_ellipsis(ctx):
        return
    for m in _ELLIPSIS_DENG.finditer(doc.text):
        yield self.finding(m.start(), m.end(), "省略号与“等”“等等”不能同时使用，保留其一", "")


# Dash lookalikes: -- －－ ―― ──, or em dashes mixed with them. "——" itself is right.
# Stdlib re, written [..][..]+ (= {2,}): sre skips to the first dash with its charset fast path.
_DASH = lazy(re.compile, r"[-－―─—][-－―─—]+")


@rule(
    "P113",
    "dash-form",
    "A 破折号 typed as -- －－ ―― or ──",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.10 (the dash is “——”)",
    explanation=(
        "The dash is two U+2014 characters. Runs of hyphens, full-width hyphens, U+2015 or "
        "box-drawing lines next to Chinese text are replaced by ——. Runs between digits are "
        "ranges (family D judges dates), and Markdown rules (---) touch no Chinese text."
    ),
    bad=[("目标--全面完成", "目标——全面完成"), ("目标－－全面完成", "目标——全面完成"),
         ("目标――全面完成", "目标——全面完成")],
    good=["目标——全面完成", "---", "2023--2024年", "4月27日-28日", "正文<!--注释-->内容"],
)
def dash_form(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    # Prefilter (one C scan per character): a run of — alone is never reported, so a finding
    # needs one of the lookalikes; a report's correct 破折号 no longer wakes the scan.
    if not has_any(text, "-－―─"):
        return
    for m in _DASH.finditer(text):
        run = m.group()
        if run == "——" or set(run) == {"—"}:
            continue
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before.isdigit() and after.isdigit()) or before == "!" or after == ">":
            continue  # a range between digits (family D), or an HTML comment <!-- -->
        if not _cjk_around(text, m.start(), m.end()):
            continue
        yield self.finding(m.start(), m.end(), f"破折号误作{mark(run)}，应为“——”", "——")


# ASCII ~ between numbers: 3~5天 → 3～5天. Family D leaves ~ alone (it judges hyphens only),
# so date ranges (3~5月) are reported here; ～ is also right for them (GB/T 15834 4.13.3).
_TILDE = lazy(regex.compile, r"(?<=\d[%％万亿年月日号]? ?)~ ?(?=\d)")
# A hyphen between numbers followed by a counting unit: 3-5个, 第3-5名. Dates, codes and
# phone numbers are excluded: the left side must not follow a letter, digit, . / or -.
_HYPHEN_RANGE = lazy(regex.compile,
    r"(?<=(?:^|[^A-Za-z0-9_.\-/])(第?)\d+(?:\.\d+)?)-(?=\d+(?:\.\d+)?"
    r"[个人名次家项件种条所户台辆座批只位篇期岁倍元吨亩公里米克%％万亿])",
    regex.MULTILINE,
)


@rule(
    "P114",
    "range-mark",
    "A value range written with ASCII ~ or a hyphen instead of ～ or —",
    severity="error",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.13.3.2 (ranges of values); GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.3 (value ranges: ～ or —)",
    explanation=(
        "Value ranges take the wave dash ～ (or the en-width dash —); the ASCII ~ is replaced "
        "(safe), in date ranges too. A hyphen between two counts (3-5个) is flagged with an unsafe fix. Date "
        "ranges (4月27日-28日, 2023-2024年) belong to family D and are not reported here."
    ),
    bad=[("持续3~5天", "持续3～5天"), ("1~3月", "1～3月"), ("选派3-5人参加", "选派3～5人参加"),
         ("第3-5名", "第3—5名")],
    good=["持续3～5天", "4月27日-28日", "2023-2024年", "GB/T 15834-2011", "电话0931-8888888", "~/a~b"],
)
def range_mark(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    # Prefilters: a tilde range needs ~, a hyphen range needs -.
    for m in _TILDE.finditer(text) if "~" in text else ():
        start = m.start() - 1 if text[m.start() - 1] == " " else m.start()
        yield self.finding(start, m.end(), "范围应使用浪纹线“～”，不用半角“~”", "～")
    for m in _HYPHEN_RANGE.finditer(text) if "-" in text else ():
        ordinal = bool(m.group(1))
        repl = "—" if ordinal else "～"
        yield self.finding(m.start(), m.end(), f"数值范围不用短横线“-”，应为{mark(repl)}",
                           repl, applicability="unsafe")


_INTERPUNCT = lazy(regex.compile, r"(?<=[\p{Han}\d])[•・‧∙](?=[\p{Han}\d])")


@rule(
    "P115",
    "interpunct-form",
    "A 间隔号 typed as • ・ ‧ ∙ instead of ·",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.14 (the interpunct is “·”)",
    explanation=(
        "The interpunct that separates the parts of a foreign name or a month and day (“3·15”) is · (U+00B7)."
        " The bullet •, the katakana middle dot ・ and other lookalikes between Han characters or digits are "
        "replaced; a bullet at the start of a list item is left alone."
    ),
    bad=[("“3•15”晚会", "“3·15”晚会"), ("迈克尔・杰克逊", "迈克尔·杰克逊")],
    good=["“3·15”晚会", "• 第一项"],
)
def interpunct_form(self: Rule, doc: Document) -> Iterator[Finding]:
    if not has_any(doc.text, "•・‧∙"):  # prefilter: one C scan per character
        return
    for m in _INTERPUNCT.finditer(doc.text):
        yield self.finding(m.start(), m.end(), f"间隔号误作{mark(m.group())}，应为“·”", "·")


# 等 words that are not the list-closing 等: 等级 等待 等同 等于 等额 …
_NOT_DENG = "待候级同于额距价值量效比高次身离"
# 等 as a verb takes a complement or object the list particle never does: 等不起, 等靠要, 等着, 等出来.
_VERB_DENG = "不靠着了过得出来起住及"
# Stdlib re for the 、-led patterns: sre's literal search beats `regex` here (4.2 → 1.7 µs a report).
_DUNHAO_DENG = lazy(re.compile, rf"、(?=等(?![{_NOT_DENG}{_VERB_DENG}]))")
# The first mark after the word that 等 opens: a 、 there means 等 opened another item (坐不住、等政策、靠支持;
# 数据、等保、密评), so it was not the particle that closes the list.
_NEXT_MARK = lazy(re.compile, r"[、，。；：！？,;:!?”）\n]")


def _deng_is_list_particle(text: str, dunhao: int) -> bool:
    """True if the 等 after the 顿号 at ``dunhao`` closes the list (A、B、等) rather than being a verb or a
    word of its own (缺地、等地: verb and object parallel to the item before)."""
    after = dunhao + 2
    if after < len(text) and text[after] == text[dunhao - 1]:
        return False  # 缺地、等地, 找米、等米: two verb-object items sharing the object
    m = _NEXT_MARK.search(text, after, after + 20)
    return m is None or m.group() != "、"


@rule(
    "P116",
    "dunhao-before-deng",
    "A 顿号 right before the 等 that closes a list",
    severity="warning",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.5 (the 顿号 goes between coordinate items) and Annex B.1 (punctuation before 等)",
    explanation=(
        "A 顿号 separates the items of a list; it does not come before the 等 that closes it: 廉政谈话、警示教育等, not "
        "廉政谈话、警示教育、等. The fix deletes the 顿号. Words that start with 等 (等待, 等级), 等 used as a verb "
        "(等靠要, 等不起, 等政策, 缺地、等地) and ranked items (一等、二等奖) are not counted."
    ),
    bad=[("廉政谈话、警示教育、等", "廉政谈话、警示教育等"), ("北京、上海、等地", "北京、上海等地")],
    good=["廉政谈话、警示教育等", "一等、二等奖", "分为甲、乙、丙等三级", "不担当、不作为、等靠要现象",
          "坐不住、等不起、慢不得的紧迫感", "守摊子、等政策、靠支持的思想", "解决项目缺地、等地的困境",
          "网络、系统、数据、等保、密评"],
)
def dunhao_before_deng(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    for m in _DUNHAO_DENG.finditer(text):
        if _deng_is_list_particle(text, m.start()):
            yield self.finding(m.start(), m.end(), "“等”前不用顿号，应删除“、”", "")


_DUNHAO_MARKED = lazy(regex.compile, r"(?<=[”》])、(?=[“《])")


@rule(
    "P117",
    "dunhao-between-quoted",
    "A 顿号 between directly adjacent quoted or titled items (contested, off by default)",
    severity="info",
    default=False,
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.5.3.5 (contested: the corpus of official reports has 2,926 ”、“)",
    explanation=(
        "GB/T 15834—2011 4.5.3.5 says adjacent items in quotes or book-title marks need no "
        "顿号. Editors dispute the clause and official reports use ”、“ thousands of times, so "
        "this rule is off by default."
    ),
    bad=[("“四风”、“四气”", "“四风”“四气”"), ("《A》、《B》", "《A》《B》")],
    good=["“四风”“四气”", "“四风”和“四气”"],
)
def dunhao_between_quoted(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _DUNHAO_MARKED.finditer(doc.text):
        yield self.finding(m.start(), m.end(), "并列的引号或书名号之间可不用顿号", "")


# 、 before the conjunction joining the last item, but not before words that merely start
# with 和/及/与/或 (和谐 和平 及时 与会 或许 …).
# Not 与: after a 顿号 it opens a prepositional phrase (与A结合、与B结合; 有实力、运行规范、与社员利益联结紧密的),
# never the last item of a list, in all ~80 cases of the clean and training reports.
_DUNHAO_CONJ = lazy(re.compile,
    r"、(?=(?:以及|或者|和(?![谐平睦美解煦蔼气善衷])|及(?![时早格第])|或(?![许多])))"
)


_CLAUSE_MARKS = "，。；：！？,;:!?\n（(“《"
# Where a list item ends: a mark, or the 等/的 that closes the list (和C等, 和C的任务).
_ITEM_END = lazy(re.compile, r"[、，。；：！？,;:!?”）\n等的]")
# An item opening with a preposition is a prepositional phrase, not a noun (与A结合、与B结合、与C结合).
_PREPOSITIONS = "与跟向同和往对为把从在及"
_ITEM_MAX = 10  # characters (spaces not counted) of a plain noun-list item


def _item_len(item: str) -> int:
    return len(item.replace(" ", "").replace("\u3000", ""))


def _plain_list_end(text: str, dunhao: int, conj: str) -> bool:
    """True if the 、 at ``dunhao`` and the conjunction after it join the last item of a plain noun list,
    A、B、和C: two or more short items before it in the clause, and a short last item after it.

    Not when 和/与 opens one of two parallel phrases (与A结合起来、与B结合起来; 同时间赛跑、与病魔较量: one
    item before), nor when it is the first character of a name in a longer list (卓尼、和政、广河: an item
    follows it), nor inside long phrases that are not noun-list items.
    """
    left = max(text.rfind(c, max(0, dunhao - 60), dunhao) for c in _CLAUSE_MARKS) + 1
    before = text[left:dunhao].split("、")
    if len(before) < 2 or not before[-2].strip():
        return False  # one item before: two parallel phrases, not a list (同时间赛跑、与病魔较量)
    item = before[-1].strip()
    if not item or _item_len(item) > _ITEM_MAX or item[0] in _PREPOSITIONS:
        return False  # 与A结合、与B结合、与C结合: parallel prepositional phrases
    start = dunhao + 1 + len(conj)
    m = _ITEM_END.search(text, start, start + 40)
    if m is not None and m.group() == "、":
        return False  # another item follows: the conjunction did not join the last one
    last = text[start : m.start() if m is not None else start + 40]
    return 0 < _item_len(last) <= _ITEM_MAX


@rule(
    "P119",
    "dunhao-before-conjunction",
    "A 顿号 before the 和/及/或 that joins the last item (heuristic, off by default)",
    severity="warning",
    default=False,
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.5 (the 顿号 goes between coordinate items); Proofreading practice",
    explanation=(
        "The conjunction that joins the last item of a list replaces the 顿号 (学习、宣传和落实). Only a "
        "plain noun list is judged: two or more short items before the conjunction and a short last "
        "item after it; a conjunction followed by another item, and parallel prepositional phrases "
        "(与A结合起来、与B结合起来, 跟强的比、与快的赛), are left alone, and 与 is not judged at all. "
        "Off by default: in edited reports the error is rare, while names that begin with 和 (和田, "
        "和林格尔, 和邦生物) are common and cannot be told from a conjunction without a dictionary of "
        "names; on the clean and training reports 1 of 31 remaining findings was a real error."
    ),
    bad=[("学习、宣传、和落实", "学习、宣传和落实"), ("召开党课、专题会、以及主题党日", "召开党课、专题会以及主题党日"),
         ("开展学习、宣传、或培训", "开展学习、宣传或培训"),
         "完成造林9万亩、育苗500亩、和封山育林20万亩的任务"],
    good=["学习、宣传和落实", "稳定、和谐的环境", "及早、及时处置", "学习、与会人员", "守正创新、与时俱进",
          "与贯彻政策结合起来、与解决问题结合起来", "同时间赛跑、与病魔较量", "完成了卓尼、和政、广河3县任务",
          "华勤、闻泰、与德、龙旗等企业", "建成恒隆广场、和记黄埔等综合体", "与城市建设结合、与经济发展结合、与绿化美化结合",
          "向高的攀、跟强的比、与快的赛"],
)
def dunhao_before_conjunction(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    for m in _DUNHAO_CONJ.finditer(text):
        i = m.start()
        conj = text[i + 1 : i + 3] if text.startswith(("以及", "或者"), i + 1) else text[i + 1]
        if _plain_list_end(text, i, conj):
            yield self.finding(m.start(), m.end(), "连词前不用顿号，应删除“、”", "")


RULES = [ellipsis_form, ellipsis_with_deng, dash_form, range_mark, interpunct_form, dunhao_before_deng, dunhao_between_quoted, dunhao_before_conjunction]
