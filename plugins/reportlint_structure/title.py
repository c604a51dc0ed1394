"""Title rules S301-S303: trailing punctuation, duplicated tokens, and a 请示 hidden in a 报告."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Paragraph, Rule, rule
from reportlint.plugin import HAN, lazy

#: Longest first paragraph still taken as a title.
MAX_TITLE = 80

# A title names a 文种 (or a 总结/讲话/材料 kind) at its end; a first paragraph that does not
# is body text of a document without a title, and its final 。 is right.
_TITLE_END = lazy(regex.compile,
    r"(?:总结|小结|报告|通知|通报|意见|方案|办法|规定|决定|决议|请示|批复|函|纪要|公告|通告|公报|命令|议案|"
    r"讲话|发言|计划|规划|要点|细则|制度|情况|汇报|材料|说明|建议|提纲|清单|守则|章程|准则)"
    r"(?:（[^（）]{1,12}）)?"  # （讨论稿） （2023年） after the 文种
    r"(?P<punct>[。，；、.,;]+)$"
)
_END_PUNCT = frozenset("。，；、.,;")
# Clause marks inside a title mean the paragraph is a sentence, not a title.
_SENTENCE_MARK = lazy(regex.compile, r"[。，；！？!?]")
# A doubled token: 关于关于, 的通知的通知, 工作工作; 的的 (but not 的的确确). Stdlib re (3x faster
# here than `regex`), with chars.HAN for \p{Han}.
_NUMERALS = "〇零一二三四五六七八九十百千万亿两"
_DUP = lazy(re.compile, rf"(?P<tok>[{HAN}]{{2,8}}?)(?P=tok)|的的(?!确)")


def title_paragraph(doc: Document) -> Paragraph | None:
    """The first paragraph when it reads as a title: short, not a numbered heading."""
    title = doc.title
    if title is None or len(title.text) > MAX_TITLE:
        return None
    headings = doc.outline.headings
    if headings and headings[0].paragraph == title.index:
        return None
    return title


@rule(
    "S301",
    "title-end-punct",
    "The document title ends with a punctuation mark (。，；、)",
    severity="error",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) Annex B (a title usually ends without a full stop)",
    explanation=(
        "A title carries no trailing 。，；、. The rule reads the first paragraph only when it ends "
        "with a 文种 or a similar title word (总结, 报告, 通知, 方案…) just before the mark and holds no "
        "other clause mark, so a document that starts with body text is left alone. ？ and ！ "
        "(rhetorical titles) and ： (an addressee line such as 各位代表：) are not reported."
    ),
    bad=[("2023年党风廉政建设工作总结。\n正文。", "2023年党风廉政建设工作总结\n正文。"),
         ("关于开展安全检查的通知；\n各单位：", "关于开展安全检查的通知\n各单位：")],
    good=["2023年党风廉政建设工作总结\n正文。", "现将有关情况报告如下。\n一、情况", "各位代表：\n现在作报告。"],
)
def title_end_punct(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report and drop trailing punctuation after the title's 文种."""
    title = title_paragraph(doc)
    if title is None:
        return
    text = title.text.rstrip()
    if text[-1:] not in _END_PUNCT:
        return  # _TITLE_END ends with one of these before $
    m = _TITLE_END.search(text)
    if m is None or _SENTENCE_MARK.search(text, 0, m.start("punct")):
        return
    start = title.start + m.start("punct")
    end = title.start + m.end("punct")
    yield self.finding(start, end, f"标题末尾不加标点，应删除“{m.group('punct')}”", "")


@rule(
    "S302",
    "title-duplicated-token",
    "The title repeats a token: 关于关于, 的通知的通知, 的的",
    severity="warning",
    fixable="unsafe",
    source="Proofreading practice: no word is doubled in a title, and one 文种 is named once",
    explanation=(
        "A token written twice in a row in the title (关于关于…, …的通知的通知, 工作工作) is a typing "
        "or copy error. A number is not a token (二〇二〇年 is a year). The suggested fix deletes the "
        "second copy; check it before accepting."
    ),
    bad=[("关于关于开展安全检查的通知", "关于开展安全检查的通知"), ("关于开展安全检查的通知的通知", "关于开展安全检查的通知"),
         ("2023年的的工作总结", "2023年的工作总结")],
    good=["关于开展安全检查的通知", "关于印发《关于开展检查的通知》的通知", "2023年工作总结\n一是学习学习再学习。",
          "二〇二〇年政府工作报告", "一九一九年纪念大会讲话", "——二〇二〇年一月六日在市人民代表大会上"],
)
def title_duplicated_token(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report a doubled token in the title, suggesting one copy."""
    title = title_paragraph(doc)
    if title is None:
        return
    for m in _DUP.finditer(title.text):
        tok = m.group("tok") or "的"
        if not tok.strip(_NUMERALS):
            continue  # 二〇二〇年, 一一: a number written in Chinese numerals, not a doubled word
        start = title.start + m.start() + len(tok)
        end = title.start + m.end()
        yield self.finding(start, end, f"标题中“{tok}”重复，应删除一个", "")


# A 报告 or 总结 by its title (a draft mark in brackets may follow); not 请示, not a 请示报告 mix.
_REPORT_TITLE = lazy(regex.compile, r"(?:报告|总结)(?:（[^（）]{1,12}）)?\s*$")
# The closing formulas of a 请示 (TL Art. 15(4): no request may ride in a 报告). 请审议/请审阅 ask
# for a reading, not an approval, and are left alone.
_REQUEST = lazy(regex.compile, r"(?:妥否|当否|可否)[，,]?\s*请(?:批示|批复|审批|示)|请予(?:批准|批复)|特此请示|以上请示")
# Every formula holds 请 followed by 批, 示, 审 or 予: a literal-led search rules most texts out.
_REQUEST_ANCHOR = lazy(re.compile, r"请[批示审予]")


@rule(
    "S303",
    "request-in-report",
    "A 报告 or 总结 that asks for approval (妥否，请批示 / 请予批准): a 请示 must be a document of its own",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 15(4) (no request for approval inside a report or other non-request document)",
    explanation=(
        "A 报告 reports; a request for approval goes in a separate 请示. The rule looks at a document "
        "whose title ends in 报告 or 总结 and reports the closing formulas of a 请示 (妥否，请批示; "
        "当否，请批复; 请予批准; 特此请示). 请审议 and 请审阅 ask for a reading and are not reported."
    ),
    bad=["关于2023年工作情况的报告\n现将有关情况报告如下。\n妥否，请批示。"],
    good=["关于2023年工作情况的报告\n现将有关情况报告如下，请审议。", "关于申请专项经费的请示\n妥否，请批示。"],
)
def request_in_report(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag 请示 formulas in a document titled 报告 or 总结."""
    title = doc.title
    if title is None or not _REPORT_TITLE.search(title.text) or "请示" in title.text:
        return
    text = doc.text
    if _REQUEST_ANCHOR.search(text, title.end) is None:
        return
    for m in _REQUEST.finditer(text, title.end):
        yield self.finding(m.start(), m.end(), f"报告中不得夹带请示事项：“{m.group()}”，请示事项应另行行文")


RULES = [title_end_punct, title_duplicated_token, request_in_report]
