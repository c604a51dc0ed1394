"""Built-in plugin, family T: typos and confusable words that need context (regex-shaped).

The literal dictionary (T101) is the pack typos.toml + typos.tsv beside this module,
matched in one Aho-Corasick pass by the core's ``replace`` kind. The rules here
are the checks a literal list cannot express: 截止 before a date, 既/即 in
parallel clauses, doubled approximations (超过……以上, 大约……左右), accidental
repeats (的的, 加强加强) and the heuristic 的/地/得 patterns (off by default). variants.py holds
T108 (variant forms judged by the report's year), misused.py T202 (misused words kept by corpus
evidence), statistical.py T201 (the statistical typo detector of detector/, off by default; numpy
and its model load only when it checks a text), words.py the dictionary words those rules and T104
check word boundaries with.
Every pattern is compiled at import and scans ``doc.text`` once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from reportlint import Config, Document, Finding, Rule, hookimpl, rule
from reportlint.plugin import HAN, Context, anchored, document_low_bytes, lazy, low_bytes

from . import misused, statistical, variants
from .words import LONGEST, crossing, segmentable

# A time expression right after 截止: a year, month or day, or a relative time word.
# 截止日期/截止时间 (日期, 时间 are not in the list) and 截止到/截止于 (accepted) stay silent.
_TIME = (
    r"(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})\s*年|\d{4}[.\-/]\d{1,2}(?!\d)"
    r"|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月"
    r"|(?:今|去|前|本|上|当)年|年[底末中]|目前|当前|现在|本月|上月|月[底末]|本周|上周"
    r"|\d{1,2}\s*日|发稿时|报告期末"
)
_JIEZHI = lazy(regex.compile, rf"截止(?=\s*(?:{_TIME}))")

# A quantity: an Arabic or Chinese number, optional 多/余, then at most four unit characters.
_NUM = r"(?:\d+(?:[.,]\d+)*|[一二三四五六七八九十百千万亿两半几]+)"
_UNIT = r"(?:[%％‰]|[个名人位万亿元千百十米吨户家次天年月周倍项件条所台辆套批处平方公里亩斤克小时分钟秒届期座栋间张份起宗笔]{1,4})"
_QTY = rf"{_NUM}[多余]?{_UNIT}?"
# 超过/高于 ... 以上: 以上 repeats the comparison (catalogue F01). A number must follow the
# comparative directly, so 规模以上/县级以上/限额以上 after a non-number never match.
# T103's patterns run only around the word each match ends with, 以上 or 左右 (reportlint.anchors
# proves it from the pattern): on clean reports 1.3 -> 0.7 and 3.6 -> 0.5 ms/MB. 近……余 stays a
# plain scan: `regex` finds its leading 近 faster than the windows would.
_OVER = anchored(regex.compile, rf"(?P<head>(?:超过|高于|多于|大于)(?P<qty>{_QTY}))以上", anchors=["以上"])
# 大约/约/将近/接近/近 ... 左右 (F02); 约 and 近 only when they are not part of another word
# (节约, 公约, 最近, 附近 ...).
_ABOUT = anchored(regex.compile,
    rf"(?P<head>(?:大约|将近|接近|(?<![节制公签条相预合邀契婚履违守誓规简特隐缔卷集纽民大])约"
    rf"|(?<![最附邻靠亲就贴临逼新远相趋接将较更很])近)(?P<qty>{_QTY}))左右",
    anchors=["右"],  # one character: a faster find than 左右, about as many windows
)
# 近百余人: 近 (almost) and 余 (more than) contradict each other (F02).
_NEAR_MORE = lazy(regex.compile, r"(?<![最附邻靠亲就贴临逼新远相趋接将])近(?P<num>[一二三四五六七八九十百千万两]+|\d+)余")
# A range followed by 左右 (F03): 20～50人左右.
# The lookbehind keeps dates (2023-12-31左右) out: the range must start the number.
_RANGE_ABOUT = anchored(regex.compile,
    rf"(?<![\d\-.])(?P<head>{_NUM}[%％]?\s*[～~〜—\-－至到]\s*{_NUM}{_UNIT}?)左右",
    anchors=["右"],
)

# 的的, except after a noun read dì (目的的, 标的的, 靶的的), 的的确 (的 + 的确, or 的的确确) and 的士.
# `regex`, not re: its literal search scans a report for 的的 in half the time of ``"的的" in text``.
_DEDE = lazy(regex.compile, r"(?<![目标靶鹄])的的(?![确士哥姐])")
# A chunk of 2-4 Han characters written twice in a row (加强加强, 进一步进一步).
# Stdlib re with HAN (= \p{Han}): the same matches, about 5x faster than `regex` here.
_REPEAT = lazy(re.compile, f"([{HAN}]{{2,4}})\\1")
# A run of k or more NUL bytes, whole: its k leading NULs are a literal, which sre finds faster
# than bytes.find.
_ZERO_RUNS = {k: lazy(re.compile, b"\0" * k + rb"\0*") for k in (2, 3, 4)}


#: Characters a _repeat_ranges pass takes at once: bounds the big integers on a huge text.
REPEAT_CHUNK = 1 << 20


def _repeat_ranges(text: str, low: bytes | None = None) -> list[tuple[int, int]]:
    """Inclusive ranges ``(lo, hi)``, sorted, holding every position where ``_REPEAT`` can match.

    A text over REPEAT_CHUNK characters goes by chunks, each with the next 7 characters too:
    a match (at most 8 characters) starting in a chunk lies inside that slice. ``low`` is
    ``low_bytes(text)`` when the caller has it.
    """
    n = len(text)
    if n <= REPEAT_CHUNK:
        return _chunk_ranges(text, low)
    out: list[tuple[int, int]] = []
    for a in range(0, n, REPEAT_CHUNK):
        out.extend((lo + a, hi + a) for lo, hi in _chunk_ranges(text[a:a + REPEAT_CHUNK + 7]))
    out.sort()
    return out


def _chunk_ranges(text: str, low: bytes | None = None) -> list[tuple[int, int]]:
    """_repeat_ranges of one chunk.

    A match of chunk length k at i needs text[i+j] == text[i+k+j] for j < k, so the low bytes
    of those characters are equal too. The low bytes of the whole text form one big integer;
    XOR with itself shifted by k bytes leaves a zero byte at each equal pair, and a literal search
    locates k zeros in a row at C speed. Trying the backreference pattern at every offset costs
    ~30 ns a character; this costs a few, and the pattern then runs only inside these rare
    ranges (a zero run [p, q) of length >= k allows starts p..q-k). Characters that differ but
    share a low byte only add ranges, which the pattern then rejects.
    """
    n = len(text)
    if n < 4:
        return []
    if low is None:
        low = low_bytes(text)
    if low is None:  # beyond the BMP: UTF-32 has one unit a character
        low = text.encode("utf-32-le", "surrogatepass")[::4]
    whole = int.from_bytes(low, "little")
    out: list[tuple[int, int]] = []
    for k in (2, 3, 4):
        diff = (whole ^ (whole >> (8 * k))).to_bytes(n, "little")
        for m in _ZERO_RUNS[k].finditer(diff):
            p, q = m.span()
            out.append((p, q - k))
    out.sort()
    return out


def _repeats(text: str, low: bytes | None = None) -> Iterator[re.Match[str]]:
    """``_REPEAT.finditer(text)``, with the pattern run only inside the ranges of _repeat_ranges.

    finditer's next match is the first position at or after the previous end where the
    pattern matches; no position outside the ranges can match, so searching only those gives
    the same matches. A match is at most 8 characters, so a search ending 8 past a range sees
    the whole of every match starting in it; one starting past the range is left to the next.
    """
    search = _REPEAT.search
    pos = 0
    for lo, hi in _repeat_ranges(text, low):
        start = max(lo, pos)
        while start <= hi:
            m = search(text, start, hi + 8)
            if m is None or m.start() > hi:
                break
            yield m
            start = pos = m.end()


# Chunks whose doubling is legitimate: tentative verbs (研究研究), courtesy words, and
# 一X一X (一步一步, 一个一个) which the rule skips separately.
_REDUPLICATED_OK = frozenset(
    "研究 讨论 商量 考虑 休息 锻炼 活动 打听 琢磨 比划 收拾 打扫 整理 清理 介绍 了解 熟悉 体验 "
    "感受 放松 溜达 看看 加油 欢迎 恭喜 谢谢 再见 辛苦 哈哈 嘻嘻 呵呵".split()
)
_NUMERALS = lazy(regex.compile, r"[〇零一二三四五六七八九十百千万亿两]+")

# 即要……又要 → 既要: 即 for 既 only when the same verb comes back after 又/也 in the sentence.
_JI_PARALLEL = lazy(regex.compile,
    r"(?<![立随当旋亦])即(?P<v>要|有|是|能|讲|抓|重视|注重|坚持|善于|敢于)"
    r"(?=[^。；！？\n]{1,40}?(?:又|也)(?P=v))"
)

# 的/地/得 heuristics (E16): adverbial + 的 + verb, and verb + 的 + degree word + adjective.
_ADVERBIAL_DE = lazy(regex.compile,
    r"(?:认真|扎实|积极|有效|深入|切实|持续|稳步|全面|大力|及时|严格|主动|清醒|充分|广泛|牢固|坚定|自觉|"
    r"深刻|坚决|不断|逐步|扎扎实实|实实在在|认认真真)(的)"
    r"(?=(?:推进|推动|开展|落实|加强|做好|实施|完成|认识到|意识到|看到|学习|贯彻|抓好|把握|解决|执行|"
    r"维护|提升|提高|促进|防范|化解)(?!机制|措施|工作|方式|方法|力度|作用|路径|举措|手段|体系|模式|"
    r"态度|过程|情况|成效|效果|效率|水平|能力|精神|任务|目标|意识|成果))"
)
_COMPLEMENT_DE = lazy(regex.compile,
    r"(?:落实|完成|开展|执行|推进|做|干|学|抓|办|搞|进行|发展)(的)"
    r"(?=(?:很|非常|十分|比较|更加|较为|越来越|不够|不太|相当)"
    r"(?:好|扎实|到位|出色|顺利|有效|快|慢|深入|细致|不错|充分|及时|明显|突出))"
)


@rule(
    "T102",
    "jiezhi-before-date",
    "截止 written before a date or time, where 截至 (up to) is meant",
    severity="error",
    fixable="safe",
    source="Contemporary Chinese Dictionary (现代汉语词典), 7th edition, entries 截至 and 截止",
    explanation=(
        "截至 means 'up to' and comes before a time: 截至2023年底. 截止 means 'stops' and comes "
        "after the time (报名于6月30日截止) or in 截止日期/截止时间. 截止到/截止于 are accepted."
    ),
    bad=[("截止2023年底，共发放补贴", "截至2023年底，共发放补贴"), ("截止目前，已完成", "截至目前，已完成")],
    good=["申报截止日期为6月30日", "截止时间：12月31日", "截止到2023年底", "报名于6月30日截止"],
)
def jiezhi_before_date(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag 截止 followed by a time expression."""
    for m in _JIEZHI.finditer(doc.text):
        yield self.finding(m.start(), m.end(), "“截止”后接时间时应为“截至”", "截至")


@rule(
    "T103",
    "doubled-approximation",
    "An approximation or comparison stated twice (超过……以上, 大约……左右, 近……余)",
    severity="warning",
    fixable="unsafe",
    source="Proofreading practice: an approximation or comparison is stated once",
    explanation=(
        "超过/高于 already says 'more than', so 以上 repeats it; 大约/约/近 already say "
        "'about', so 左右 repeats it; 近 (almost) and 余 (more than) contradict each other; "
        "a range (20～50人) is not approximate again. Fixed terms such as 规模以上 and 县级以上 "
        "are not affected: a number must follow 超过 directly."
    ),
    bad=[
        ("投资超过5000万元以上", "投资超过5000万元"),
        ("大约50人左右参加", "大约50人参加"),
        ("近百余人", "近百人"),
        ("20～50人左右", "20～50人"),
    ],
    good=["超过全省规模以上企业平均水平", "县级以上领导干部", "约50人参加", "50人左右", "节约30%左右的成本", "最近3天左右"],
)
def doubled_approximation(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag 超过…以上, 约…左右, 近…余 and range…左右."""
    text = doc.text
    for m in _OVER.finditer(text):
        yield self.finding(m.start(), m.end(), "“超过……以上”语义重复，宜删去“以上”", m.group("head"))
    for m in _ABOUT.finditer(text):
        yield self.finding(m.start(), m.end(), "“约……左右”语义重复，宜删去“左右”", m.group("head"))
    for m in _NEAR_MORE.finditer(text):
        yield self.finding(m.start(), m.end(), "“近”与“余”语义矛盾，宜删去“余”", "近" + m.group("num"))
    for m in _RANGE_ABOUT.finditer(text):
        yield self.finding(m.start(), m.end(), "数值范围后不宜再加“左右”", m.group("head"))


def _legit_repeat(chunk: str) -> bool:
    """True for chunks whose doubling is a normal form: 研究研究, 一步一步, 很紧很紧, 二〇二〇, 哈哈哈哈."""
    return (
        chunk in _REDUPLICATED_OK
        or chunk[0] in "一很"  # 一X一X (一步一步) and 很X很X (很紧很紧: emphasis)
        or len(set(chunk)) == 1
        or _NUMERALS.fullmatch(chunk) is not None
    )


def _whole_words(text: str, start: int, size: int) -> bool:
    """True if the chunk repeated at ``start`` (``size`` characters, twice) is a word on both sides.

    The chunk must be a dictionary word or a run of them, the first copy must not end a word
    begun before it, and the second must not begin a word that runs past it: 企业创业创新 (业创),
    构建共建共治 (建共), 博士博士后 (博士后) and 大案要案要抓 (案要) are words met by chance. A
    chunk written a third time just after (实干实干再实干) is repetition for effect.
    """
    end = start + 2 * size
    chunk = text[start:start + size]
    if not segmentable(chunk):
        return False
    if crossing(text, start, start - LONGEST, start + size) or crossing(text, end, start + size, end + LONGEST):
        return False
    return chunk not in text[end:end + size + 1]


@rule(
    "T104",
    "repeated-word",
    "A word or function word typed twice by accident (的的, 加强加强)",
    severity="warning",
    fixable="unsafe",
    source="Proofreading practice: a word typed twice is a slip",
    explanation=(
        "An accidental repeat of 的, or of a word (or run of words) of 2-4 characters written twice "
        "in a row. The repeated chunk must be a dictionary word on both sides: 企业创业创新, "
        "构建共建共治共享, 博士博士后 and 大案要案 repeat characters across word boundaries and are "
        "left alone, as is reduplication: AABB (实实在在, 认认真真, 是是非非), AA (常常), ABB "
        "(一个个), 一X一X (一步一步), tentative verbs (研究研究), repetition for effect "
        "(实干实干再实干) and 目的的/标的的/的的确确."
    ),
    bad=[
        ("加强加强管理", "加强管理"), ("我们的的工作", "我们的工作"), ("进一步进一步压实责任", "进一步压实责任"),
        ("将庆祝建国建国50周年", "将庆祝建国50周年"),
    ],
    good=[
        "实实在在", "认认真真学习", "常常", "一个个", "是是非非", "目的的确立", "目的的确很明确",
        "的的确确", "一步一步推进", "二〇二〇年", "研究研究再定", "支持小微企业创业创新",
        "构建共建共治共享的社会治理格局", "培养博士博士后人才", "查办大案要案要从严", "加快高新区新区建设",
        "实干实干再实干", "以合同为标的的保险", "把工作抓得很紧很紧",
    ],
)
def repeated_word(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag 的的 and a word of 2-4 characters written twice."""
    text = doc.text
    for m in _DEDE.finditer(text):
        yield self.finding(m.start(), m.end(), "“的的”重复，应为“的”", "的")
    for m in _repeats(text, document_low_bytes(ctx)):  # low bytes shared with the typo dictionary's scan
        chunk = m.group(1)
        if _legit_repeat(chunk) or not _whole_words(text, m.start(), len(chunk)):
            continue
        yield self.finding(m.start(), m.end(), f"“{chunk}{chunk}”重复，应为“{chunk}”", chunk)


@rule(
    "T105",
    "ji-for-ji",
    "即 written for 既 in a 既……又…… parallel (即要……又要)",
    severity="error",
    fixable="unsafe",
    source="Contemporary Chinese Dictionary (现代汉语词典), 7th edition, entries 既 and 即",
    explanation=(
        "既……又/也…… joins two parallel clauses; 即 (namely, at once) is a different word. "
        "The rule fires only when the same verb comes back after 又/也 in the sentence, "
        "so 即要求, 立即要 and 即是说 stay silent."
    ),
    bad=[("即要抓发展，又要抓安全", "既要抓发展，又要抓安全"), ("即是组织者，也是参与者", "既是组织者，也是参与者")],
    good=["既要抓发展，又要抓安全", "即要求各单位按时报送", "立即要求整改，又要跟踪", "即日起执行"],
)
def ji_for_ji(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag 即+verb when 又/也+the same verb follows in the sentence."""
    for m in _JI_PARALLEL.finditer(doc.text):
        s = m.start()
        yield self.finding(s, s + 1, f"“即{m.group('v')}……又/也{m.group('v')}”应为“既{m.group('v')}”", "既")


@rule(
    "T106",
    "de-di-de",
    "的 used for 地 (adverbial before a verb) or for 得 (verb before a degree complement)",
    severity="warning",
    default=False,
    fixable="unsafe",
    source="Contemporary Chinese Dictionary (现代汉语词典), 7th edition: the particles 的, 地 and 得",
    explanation=(
        "地 joins an adverbial to its verb (扎实地推进), 得 joins a verb to its complement "
        "(落实得很好). The patterns are heuristics over common 公文 adverbs and verbs, so the "
        "rule is off by default; select T106 to use it."
    ),
    bad=[("扎实的推进各项工作", "扎实地推进各项工作"), ("清醒的认识到不足", "清醒地认识到不足"), ("落实的很好", "落实得很好")],
    good=["扎实地推进各项工作", "有效的推进机制", "认真的学习态度", "落实得很好", "做的很多工作"],
)
def de_di_de(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag adverb+的+verb (→地) and verb+的+degree+adjective (→得)."""
    text = doc.text
    for m in _ADVERBIAL_DE.finditer(text):
        yield self.finding(m.start(1), m.end(1), f"“{m.group()}”中状语后应用“地”", "地")
    for m in _COMPLEMENT_DE.finditer(text):
        yield self.finding(m.start(1), m.end(1), f"“{m.group()}”中补语前应用“得”", "得")


RULES = [jiezhi_before_date, doubled_approximation, repeated_word, ji_for_ji, de_di_de]


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return [*RULES, *variants.RULES, *misused.RULES, *statistical.RULES]


@hookimpl
def reportlint_add_packs() -> Iterable[Path]:
    """T101: the curated typo dictionary (typos.toml, its entries in typos.tsv)."""
    return [Path(__file__).with_name("typos.toml")]
