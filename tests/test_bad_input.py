"""Bad and hostile files through the readers and the API: one clear InputError for that file alone.

Covers .docx attacks (truncation, zip bombs real and declared, lying sizes, billion
laughs, external entities, missing parts), the max-file-size limit, undecodable text,
and rules that yield garbage (isolated by the engine, named with their plugin).
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from collections.abc import Iterator

import pytest

from reportlint.api import Linter
from reportlint.config import DEFAULT_MAX_FILE_SIZE, parse_config
from reportlint.document import Document
from reportlint.engine import lint
from reportlint.errors import ConfigError, InputError
from reportlint.readers import docx as docx_reader
from reportlint.rules import Finding, Fix, Rule, rule


def make_docx() -> bytes:
    """A real .docx made by python-docx: paragraphs and a table."""
    import docx

    d = docx.Document()
    d.add_paragraph("2023年工作总结")
    d.add_paragraph("要求##paidbegin##全市")
    d.add_table(rows=1, cols=2).cell(0, 0).text = "表格内容"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


GOOD = make_docx()


def document_xml() -> str:
    return zipfile.ZipFile(io.BytesIO(GOOD)).read("word/document.xml").decode("utf-8")


def repack(parts: dict[str, bytes | None], *, base: bytes = GOOD) -> bytes:
    """``base`` with some parts replaced (bytes) or removed (None)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = parts.get(info.filename, src.read(info.filename))
            if new is not None:
                z.writestr(info.filename, new)
        for name, data in parts.items():
            if name not in src.namelist() and data is not None:
                z.writestr(name, data)
    return out.getvalue()


def with_doctype(doctype: str, placeholder: str) -> bytes:
    """word/document.xml with a DTD and ``placeholder`` put where the marker text was."""
    xml = document_xml()
    body = xml[xml.index("<w:document") :]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + "\n" + body.replace("##paidbegin##", placeholder)).encode()


BILLION_LAUGHS = "<!DOCTYPE w:document [\n<!ENTITY lol0 \"lol\">\n" + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)
) + "]>"


def patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the central directory's uncompressed size of ``name`` (a lying zip header)."""
    buf = bytearray(data)
    cd = buf.find(b"PK\x01\x02")
    i = buf.find(name.encode(), cd)
    header = i - 46
    assert buf[header : header + 4] == b"PK\x01\x02"
    struct.pack_into("<I", buf, header + 24, size)
    return bytes(buf)


def read(name: str, data: bytes) -> Document:
    return Linter(isolated=True).read_bytes(name, data)


def test_a_good_docx_is_read():
    doc = read("good.docx", GOOD)
    assert "##paidbegin##" in doc.text and "表格内容" in doc.text


HOSTILE_DOCX = {
    "truncated-half": lambda: GOOD[: len(GOOD) // 2],
    "truncated-header": lambda: GOOD[:30],
    "truncated-end": lambda: GOOD[:-10],
    "not-a-zip": lambda: b"PK\x03\x04 not really a zip",
    "empty-file": lambda: b"",
    "no-document-part": lambda: repack({"word/document.xml": None}),
    "no-content-types": lambda: repack({"[Content_Types].xml": None}),
    "no-package-rels": lambda: repack({"_rels/.rels": None}),
    "no-body": lambda: repack({"word/document.xml": document_xml().replace("<w:body>", "<w:bodx>").replace("</w:body>", "</w:bodx>").encode()}),
    "empty-document-xml": lambda: repack({"word/document.xml": b""}),
    "malformed-xml": lambda: repack({"word/document.xml": b"<w:document><unclosed>"}),
    "billion-laughs": lambda: repack({"word/document.xml": with_doctype(BILLION_LAUGHS, "&lol9;")}),
    "declared-4GB-entry": lambda: patch_declared_size(repack({"word/media/x.bin": b"\0" * 1000}), "word/media/x.bin", 0xFFFFFFF0),
    "lying-small-document-xml": lambda: patch_declared_size(
        repack({"word/document.xml": with_doctype("", "很长" * 200_000)}), "word/document.xml", 100
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_DOCX))
def test_hostile_docx_is_one_clear_input_error(case):
    data = HOSTILE_DOCX[case]()
    t0 = time.perf_counter()
    with pytest.raises(InputError) as info:
        read(f"{case}.docx", data)
    assert time.perf_counter() - t0 < 30  # a hang guard
    msg = str(info.value)
    assert msg.startswith(f"{case}.docx: ") and "\n" not in msg and len(msg) < 300, msg


def test_docx_without_body_says_so():
    # python-docx gives body None; the reader must not crash on it (message may name the cause).
    with pytest.raises(InputError, match=r"no-body\.docx: not a valid \.docx"):
        read("no-body.docx", HOSTILE_DOCX["no-body"]())


def test_a_real_zip_bomb_is_refused_before_decompressing(monkeypatch):
    """An entry that really expands past MAX_UNCOMPRESSED (lowered here to keep the test fast)."""
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 4 * 1024 * 1024)
    bomb = repack({"word/media/zeros.bin": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 100_000  # the file is small; what it expands to is not
    with pytest.raises(InputError, match=r"bomb\.docx: \.docx expands to 8 MB, over the 4 MB limit"):
        read("bomb.docx", bomb)


def test_zip_bomb_limit_has_a_sensible_default():
    assert 16 * 1024 * 1024 <= docx_reader.MAX_UNCOMPRESSED <= 1024 * 1024 * 1024


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = repack({"word/document.xml": with_doctype(doctype, "&xxe;")})
    try:
        doc = read("xxe.docx", data)
    except InputError:
        return  # refusing the file is fine too
    assert "TOPSECRET" not in doc.text


# -- max-file-size ------------------------------------------------------------------------


def test_default_max_file_size_is_20_mb():
    assert DEFAULT_MAX_FILE_SIZE == 20 * 1024 * 1024


def test_file_over_max_file_size_is_refused_without_reading(tmp_path):
    (tmp_path / "reportlint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("字" * 100, encoding="utf-8")  # 300 bytes
    small = tmp_path / "small.txt"
    small.write_text("要##a##求\n", encoding="utf-8")
    linter = Linter()
    result = linter.check_path(big, "big.txt")
    assert [str(p) for p in result.problems] == [
        "big.txt: error: file is 300 bytes, over max-file-size (100); raise it in config to check it"
    ]
    assert [f.code for f in linter.check_path(small).findings] == ["M101"]


@pytest.mark.parametrize("value", ["0", "-5", '"20MB"', "true", "1.5"])
def test_bad_max_file_size_values_name_the_key(tmp_path, value):
    import tomllib

    path = tmp_path / "reportlint.toml"
    with pytest.raises(ConfigError, match="max-file-size"):
        parse_config(path, tomllib.loads(f"max-file-size = {value}\n"))


# -- text files ------------------------------------------------------------------------------

BAD_TEXT = {
    "nul-bytes": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20,
    "control-chars": bytes(range(1, 9)) * 200,
    "neither-utf8-nor-gb18030": "正常".encode() + b"\xff\xfe\xfd\x80\x80",
    "utf16-odd-length": b"\xff\xfe" + "正文".encode("utf-16-le") + b"\x00",
    "utf32": b"\xff\xfe\x00\x00" + "正文".encode("utf-32-le"),
    "utf8-bom-then-garbage": b"\xef\xbb\xbf" + b"\xff\xff",
}


@pytest.mark.parametrize("case", list(BAD_TEXT))
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_bad_text_bytes_are_one_clear_input_error(case, suffix):
    with pytest.raises(InputError) as info:
        read(case + suffix, BAD_TEXT[case])
    msg = str(info.value)
    assert msg.startswith(f"{case}{suffix}: ") and "\n" not in msg, msg


@pytest.mark.parametrize("data", [b"", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", "　".encode(), b" \t \r\n"])
def test_empty_and_blank_files_are_no_error(data):
    result = Linter(isolated=True, select=["ALL"]).check_document(read("e.txt", data))
    assert result.problems == []


def test_each_bad_file_is_a_problem_of_its_own(tmp_path):
    files = {"missing.txt": None, "bin.txt": BAD_TEXT["nul-bytes"], "bad.md": BAD_TEXT["neither-utf8-nor-gb18030"],
             "broken.docx": GOOD[:100], "folder.txt": "dir", "ok.txt": "要##a##求\n".encode()}
    for name, data in files.items():
        if data == "dir":
            (tmp_path / name).mkdir()
        elif data is not None:
            (tmp_path / name).write_bytes(data)
    linter = Linter(isolated=True)
    results = {name: linter.check_path(tmp_path / name, name) for name in files}
    for name, result in results.items():
        if name == "ok.txt":
            assert result.problems == [] and [f.code for f in result.findings] == ["M101"]
        else:
            assert len(result.problems) == 1 and str(result.problems[0]).startswith(f"{name}: error: "), result.problems
    assert str(results["folder.txt"].problems[0]) == "folder.txt: error: is a folder, not a file"
    assert str(results["missing.txt"].problems[0]) == "missing.txt: error: no such file or directory"


# -- rules yielding garbage: isolated by the engine ----------------------------------------------


def _rule(code: str, fn) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(code=code, name=f"r-{code.lower()}", summary="test", check_fn=fn, plugin="hostile")


def _good(self: Rule, doc: Document) -> Iterator[Finding]:
    yield self.finding(0, 1, "好的")


GARBAGE = {
    "not-a-finding": lambda r, d: iter(["garbage"]),
    "none": lambda r, d: iter([None]),
    "past-the-end": lambda r, d: iter([r.finding(0, len(d.text) + 1, "越界")]),
    "negative": lambda r, d: iter([r.finding(-1, 0, "负")]),
    "reversed": lambda r, d: iter([r.finding(2, 1, "反")]),
    "float-offset": lambda r, d: iter([r.finding(0.0, 1.0, "浮点")]),  # type: ignore[arg-type]
    "bool-offset": lambda r, d: iter([r.finding(False, True, "布尔")]),  # type: ignore[arg-type]
    "message-not-str": lambda r, d: iter([r.finding(0, 1, None)]),  # type: ignore[arg-type]
    "fix-outside": lambda r, d: iter([r.finding(0, 1, "修", Fix("x", start=0, end=999))]),
    "fix-not-str": lambda r, d: iter([r.finding(0, 1, "修", Fix(b"x"))]),  # type: ignore[arg-type]
    "fix-not-a-fix": lambda r, d: iter([Finding("G101", "g", "修", 0, 1, fix="x")]),  # type: ignore[arg-type]
    "not-iterable": lambda r, d: 42,
    "raises": lambda r, d: (_ for _ in ()).throw(ValueError("kaput")),
}


@pytest.mark.parametrize("case", list(GARBAGE))
def test_a_rule_yielding_garbage_is_one_problem_naming_it(case):
    doc = Document("一二三四五六", path="a.txt")
    bad = _rule("G101", GARBAGE[case])
    good = _rule("G102", _good)
    findings, problems = lint(doc, [bad, good])
    assert [f.code for f in findings] == ["G102"]  # the other rule still ran and was reported
    assert len(problems) == 1
    msg = str(problems[0])
    assert msg.startswith("a.txt: error: rule G101 r-g101 (plugin 'hostile') ") and "\n" not in msg, msg


def test_lone_surrogates_and_odd_text_do_not_crash_the_engine():
    linter = Linter(isolated=True, select=["ALL"])
    for text in ("\ud800", "a\udfffb\n", "\x00\x01", "\U0010ffff" * 10):
        assert linter.check_document(Document(text, path="s.txt")).problems == []


@rule("G201", "good-rule", "a rule", bad=["x"], good=["y"])
def _decorated(self: Rule, doc: Document) -> Iterator[Finding]:
    yield self.finding(0, 0, "空")


def test_an_empty_span_at_the_end_is_valid():
    findings, problems = lint(Document("", path="e.txt"), [_decorated])
    assert problems == [] and findings[0].line == 1 and findings[0].column == 1


# -- sloppy pack entries: an error at load naming pack and entry, not a crash on every document -----------------

PACK_ENTRY = """
[pack]
name = "sloppy"

[[rules]]
kind = "{kind}"
code = "X201"
name = "sloppy-entry"
summary = "s"
{body}
"""


@pytest.mark.parametrize(
    ("kind", "body", "needle"),
    [
        ("pattern", "message = '命中 {'\npattern = 'ab'", "message '命中 {' is not a valid template"),
        ("pattern", "message = '{0}'\npattern = 'ab'", "is not a valid template"),
        ("pattern", "message = '{match!q}'\npattern = 'ab'", "is not a valid template"),
        ("pattern", "message = 'm'\npattern = 'c(d)'\nreplacement = '\\2'", "refers to group '2'"),
        ("pattern", "message = 'm'\npattern = 'c(?P<x>d)'\nreplacement = '\\g<y>'", "refers to group 'y'"),
        ("pattern", "message = 'm'\npattern = 'cd'\nreplacement = 'x\\'", "ends with a lone backslash"),
        ("pattern", "message = 'm'\npattern = '(a'", "does not compile"),
        ("replace", "message = '{wrong!q}'\nentries = [{wrong = 'ef', right = 'EF'}]", "is not a valid template"),
    ],
)
def test_a_sloppy_pack_entry_fails_at_load_naming_pack_and_entry(tmp_path, kind, body, needle):
    from reportlint.errors import PackError
    from reportlint.kinds import CORE_KINDS
    from reportlint.packs import load_pack

    path = tmp_path / "sloppy.toml"
    path.write_text(PACK_ENTRY.format(kind=kind, body=body), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(path, CORE_KINDS)
    msg = str(info.value)
    assert msg.startswith(f"pack 'sloppy' ({path}), rule X201: ") and needle in msg, msg


@pytest.mark.parametrize(("replacement", "fixed"), [("\\1\\g<x>", "要dd求"), ("\\\\1", "要\\1求"), ("\\g<0>!", "要cd!求")])
def test_valid_replacement_templates_still_load(tmp_path, replacement, fixed):
    from reportlint.kinds import CORE_KINDS
    from reportlint.packs import load_pack

    path = tmp_path / "ok.toml"
    body = f"message = '{{match}}→{{replacement}}'\npattern = 'c(?P<x>d)'\nreplacement = '{replacement}'"
    path.write_text(PACK_ENTRY.format(kind="pattern", body=body), encoding="utf-8")
    (rule_,) = load_pack(path, CORE_KINDS)
    findings = list(rule_.check(Document("要cd求", path="a.txt")))
    from reportlint.fixes import apply_fixes

    assert apply_fixes("要cd求", findings, unsafe=True)[0] == fixed


# -- Markdown that makes naive patterns backtrack: scanned in linear time ------------------------------------

HOSTILE_MD = {
    "unclosed-link-targets": "](" * 50_000,
    "unclosed-autolinks": "<http:" * 30_000,
    "unclosed-comments": "<!--a" * 40_000,
    "unclosed-refdef-labels": "[a\n" * 60_000,
    "backtick-runs-of-every-length": "".join("`" * k + "a" for k in range(1, 500)),
    "unclosed-link-titles": '](a "' * 40_000,
}


@pytest.mark.parametrize("case", list(HOSTILE_MD))
def test_hostile_markdown_is_read_quickly(case):
    data = HOSTILE_MD[case].encode("utf-8")
    t0 = time.perf_counter()
    doc = read(f"{case}.md", data)
    elapsed = time.perf_counter() - t0
    assert elapsed < 20, f"{case}: {elapsed:.1f} s for {len(data)} bytes"  # was 24 s for 40 KB of "](" before
    for s, e in doc.skip_spans:
        assert 0 <= s <= e <= len(doc.text)


def test_markdown_skip_spans_still_cover_what_they_should():
    from reportlint.readers.md import markdown_spans

    text = ('见`代码`和[链接](http://x.cn/a_(b)##c##)、<http://x.cn/##d##>、<!-- 注释 ##e## -->、<span class="x">字</span>\n'
            '[ref]: http://x.cn/##f##\n见[链接](http://x.cn "标题") 等')
    skip, _ = markdown_spans(text)
    assert sorted(text[s:e] for s, e in skip) == sorted([
        "`代码`", "](http://x.cn/a_(b)##c##)", "<http://x.cn/##d##>", "<!-- 注释 ##e## -->", '<span class="x">', "</span>",
        "[ref]: http://x.cn/##f##", '](http://x.cn "标题")',
    ])


# -- config files written by Windows editors --------------------------------------------------------------------


def test_a_config_saved_with_a_utf8_bom_is_read(tmp_path):
    (tmp_path / "reportlint.toml").write_bytes(b"\xef\xbb\xbf" + b'accept = ["##a##"]\n')
    doc = tmp_path / "a.txt"
    doc.write_text("要##a##求\n", encoding="utf-8")
    result = Linter().check_path(doc)
    assert result.problems == [] and result.findings == []  # the accept list was read


@pytest.mark.parametrize("name", ["reportlint.toml", "pyproject.toml"])
def test_a_config_in_gbk_is_one_clear_error_for_its_files_only(tmp_path, name):
    table = "[tool.reportlint]\n" if name == "pyproject.toml" else ""
    (tmp_path / "gbk").mkdir()
    (tmp_path / "gbk" / name).write_bytes((table + 'accept = ["上时间"]\n').encode("gbk"))
    (tmp_path / "gbk" / "a.txt").write_text("要##a##求\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("要##b##求\n", encoding="utf-8")
    linter = Linter()
    bad = linter.check_path(tmp_path / "gbk" / "a.txt", "gbk/a.txt")
    assert [str(p) for p in bad.problems] == [
        f"gbk/a.txt: error: {tmp_path / 'gbk' / name}: not UTF-8 (byte 0xc9 at offset {len(table) + 11}); save the config as UTF-8"
    ]
    assert [f.code for f in linter.check_path(tmp_path / "b.txt").findings] == ["M101"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_gets_a_helpful_error(codec):
    with pytest.raises(InputError, match=r"^u\.txt: looks like UTF-16 text without a byte-order mark; save it as UTF-8$"):
        read("u.txt", "一、总体情况\r\n2023年工作总结\r\n".encode(codec))


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("message = 'm'\npattern = 'ab'\nbad = 'ab'", "key 'bad' must be a list, got str"),
        ("message = 'm'\npattern = 'ab'\nunless = 'xab'", "key 'unless' must be a list of str, got str"),
        ("message = 'm'\npattern = 'ab'\nunless = [1]", "key 'unless' must be a list of str, got list"),
    ],
)
def test_a_string_where_a_list_belongs_is_an_error_not_its_characters(tmp_path, body, needle):
    from reportlint.errors import PackError
    from reportlint.kinds import CORE_KINDS
    from reportlint.packs import load_pack

    path = tmp_path / "sloppy.toml"
    path.write_text(PACK_ENTRY.format(kind="pattern", body=body), encoding="utf-8")
    with pytest.raises(PackError, match=needle):
        load_pack(path, CORE_KINDS)


def test_a_pack_in_gbk_is_an_error_and_a_bom_is_fine(tmp_path):
    from reportlint.errors import PackError
    from reportlint.kinds import CORE_KINDS
    from reportlint.packs import load_pack

    text = PACK_ENTRY.format(kind="pattern", body="message = '错字'\npattern = 'ab'\nbad = ['ab']\ngood = ['ac']")
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(text.encode("gbk"))
    with pytest.raises(PackError, match=r"^pack .*gbk\.toml: not UTF-8 \(byte 0x\w\w at offset \d+\); save it as UTF-8$"):
        load_pack(gbk, CORE_KINDS)
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [r.code for r in load_pack(bom, CORE_KINDS)] == ["X201"]
