"""The language server's parts without a server: positions, edits, code-action texts, settings,
rule-doc links, and the `reportlint lsp` command's behaviour when its extra is missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import i18n
from reportlint.api import Linter
from reportlint.cli import main
from reportlint.config import parse_config, tomllib
from reportlint.lsp import actions, missing_dependency
from reportlint.lsp.ruledocs import RuleDocs, anchor, rule_heading
from reportlint.lsp.settings import parse_settings
from reportlint.lsp.text import UTF8, UTF16, UTF32, TextBuffer, text_edits


@pytest.fixture(autouse=True)
def chinese():
    """Chinese, the default, whatever an earlier test chose."""
    before = i18n.language()
    i18n.set_language("zh")
    yield
    i18n.set_language(before)


def lint(name: str, text: str) -> list:
    linter = Linter(isolated=True)
    return linter.check_document(linter.read_bytes(name, text.encode("utf-8"))).findings


# -- positions ------------------------------------------------------------------------------


def test_positions_count_code_units_of_the_negotiated_encoding() -> None:
    text = "𠮷a😀要\n下一行"
    assert TextBuffer(text, UTF16).position(3) == (0, 5)  # 𠮷 2 + a 1 + 😀 2
    assert TextBuffer(text, UTF8).position(3) == (0, 9)  # 4 + 1 + 4
    assert TextBuffer(text, UTF32).position(3) == (0, 3)
    for enc in (UTF8, UTF16, UTF32):
        buf = TextBuffer(text, enc)
        for offset in range(len(text) + 1):
            assert buf.offset(*buf.position(offset)) == offset


def test_lines_break_where_lsp_breaks_them() -> None:
    # \r\n, \n and \r end lines; U+2028, form feed and NEL do not (str.splitlines would split there).
    buf = TextBuffer("一\r\n二\r三\n四\u2028五\x0c六\x85七")
    assert buf.starts == [0, 3, 5, 7]
    assert buf.position(len(buf.text)) == (3, 7)
    assert buf.position(2) == (0, 1)  # between \r and \n: the line's end
    assert buf.offset(0, 99) == 1 and buf.offset(9, 0) == len(buf.text)


def test_a_position_inside_a_surrogate_pair_is_the_characters_end() -> None:
    assert TextBuffer("𠮷要").offset(0, 1) == 1


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    alphabet = st.sampled_from(list("甲乙a\n\r𠮷😀\u2028 "))
    text = draw(st.text(alphabet, max_size=30))
    edits = []
    for _ in range(draw(st.integers(0, 4))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        edits.append((a, b, draw(st.text(alphabet, max_size=5))))
    return text, edits


@settings(max_examples=300, deadline=None)
@given(text_and_edits(), st.sampled_from([UTF8, UTF16, UTF32]))
def test_incremental_changes_give_the_editors_text(case: tuple[str, list[tuple[int, int, str]]], enc: str) -> None:
    text, edits = case
    buf = TextBuffer(text, enc)
    for a, b, new in edits:
        a, b = min(a, len(buf.text)), min(b, len(buf.text))
        # An editor never puts a position between \r and \n: snap to the line's end as it would.
        pa, pb = buf.position(a), buf.position(b)
        a, b = buf.offset(*pa), buf.offset(*pb)
        expected = buf.text[:a] + new + buf.text[max(a, b):]
        buf.apply(pa, pb, new)
        assert buf.text == expected
        assert buf.starts == TextBuffer(expected, enc).starts


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("甲乙、。\n\r ")), max_size=40), st.text(st.sampled_from(list("甲乙、。\n\r ")), max_size=40))
def test_text_edits_turn_the_old_text_into_the_new(old: str, new: str) -> None:
    out = old
    edits = text_edits(old, new)
    assert all(edits[i][1] <= edits[i + 1][0] for i in range(len(edits) - 1))  # disjoint, in order
    for a, b, r in reversed(edits):
        out = out[:a] + r + out[b:]
    assert out == new


def test_text_edits_of_a_fix_are_the_changed_characters_only() -> None:
    old = SAMPLE.read_text(encoding="utf-8")
    new = old.replace("学习强国、、微博", "学习强国、微博")
    assert text_edits(old, new) == [(old.index("、、") + 1, old.index("、、") + 2, "")]


# -- code actions ---------------------------------------------------------------------------


def apply(text: str, edit: tuple[int, int, str]) -> str:
    a, b, r = edit
    return text[:a] + r + text[b:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # first line: a comment line above it
        ("要##paidend##求\n", "<!-- reportlint-disable-next-line M101 -->\n要##paidend##求\n"),
        # after a blank line: its own line, indented as the finding's line
        ("标题\n\n  要##paidend##求\n", "标题\n\n  <!-- reportlint-disable-next-line M101 -->\n  要##paidend##求\n"),
        # inside a paragraph: inline at the end of the line above (a line of its own would split the paragraph)
        ("第一行。\n要##paidend##求\n", "第一行。<!-- reportlint-disable-next-line M101 -->\n要##paidend##求\n"),
        # in a list
        ("- 一项\n- 要##paidend##求\n", "- 一项<!-- reportlint-disable-next-line M101 -->\n- 要##paidend##求\n"),
        # CRLF kept
        ("标题\r\n\r\n要##paidend##求\r\n", "标题\r\n\r\n<!-- reportlint-disable-next-line M101 -->\r\n要##paidend##求\r\n"),
        ("第一行。\r\n要##paidend##求\r\n", "第一行。<!-- reportlint-disable-next-line M101 -->\r\n要##paidend##求\r\n"),
        # an existing disable-next-line above gets the code added
        ("<!-- reportlint-disable-next-line P103 -->\n要##paidend##求 。\n",
         "<!-- reportlint-disable-next-line P103, M101 -->\n要##paidend##求 。\n"),
        # after a code fence: not inline (that would break the fence)
        ("```\ncode\n```\n要##paidend##求\n", "```\ncode\n```\n<!-- reportlint-disable-next-line M101 -->\n要##paidend##求\n"),
    ],
)
def test_ignore_here_silences_the_finding_and_nothing_else(text: str, expected: str) -> None:
    before = lint("a.md", text)
    (m101,) = [f for f in before if f.code == "M101"]
    fixed = apply(text, actions.suppress_edit(text, m101))
    assert fixed == expected
    after = lint("a.md", fixed)
    assert "M101" not in {f.code for f in after}
    assert "RL001" not in {f.code for f in after}
    assert sorted(f.code for f in after) == sorted(f.code for f in before if f.code != "M101")


def test_a_comment_line_before_the_title_leaves_the_title_alone() -> None:
    text = "2023年工作总结\n\n一、主要工作\n\n今年完成了任务。\n"
    with_comment = "<!-- reportlint-disable-next-line M101 -->\n" + text
    linter = Linter(isolated=True)
    doc = linter.read_bytes("a.md", with_comment.encode("utf-8"))
    assert doc.title is not None and doc.title.text == "2023年工作总结"


def test_fix_titles_say_what_changes() -> None:
    text = "学习强国、、微博 。杜绝上时间待机"
    by_code = {f.code: f for f in lint("a.txt", text)}
    assert actions.fix_title(text, by_code["P101"]) == "修复 P101：“、、” → “、”"
    assert actions.fix_title(text, by_code["P103"]) == "修复 P103：删除“ ”"
    assert actions.fix_title(text, by_code["T101"]).endswith("（不安全修复，请核对）")
    i18n.set_language("en")  # English on request
    assert actions.fix_title(text, by_code["P101"]) == "Fix P101: “、、” → “、”"
    assert actions.suppress_title(by_code["P101"]).startswith("Ignore P101 on this line")


def test_accept_is_offered_for_words_only() -> None:
    text = "XX坚持学习强国、、微博，杜绝上时间待机"
    by_code = {f.code: f for f in lint("a.txt", text)}
    assert actions.acceptable_word(text, by_code["M108"], ()) == "XX"
    assert actions.acceptable_word(text, by_code["T101"], ()) == "上时间"
    assert actions.acceptable_word(text, by_code["M108"], ("XX",)) is None  # already accepted
    assert actions.acceptable_word(text, by_code["P101"], ()) is None  # punctuation is not a word


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("reportlint.toml", 'accept = ["甲单位"]\n\n[severity]\nS = "info"\n', 'accept = ["甲单位", "上时间"]\n\n[severity]\nS = "info"\n'),
        ("reportlint.toml", 'ignore = ["P104"]\n\n[severity]\nS = "info"\n', 'ignore = ["P104"]\naccept = ["上时间"]\n\n[severity]\nS = "info"\n'),
        (".reportlint.toml", 'accept = "甲单位"  # 单位\n', 'accept = ["甲单位", "上时间"]  # 单位\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.reportlint]\nignore = ["P104"]\n\n[tool.reportlint.severity]\nS = "info"\n',
         '[project]\nname = "x"\n\n[tool.reportlint]\nignore = ["P104"]\naccept = ["上时间"]\n\n[tool.reportlint.severity]\nS = "info"\n'),
        ("reportlint.toml", 'accept = [\n    "甲",  # 注释\n]\n', 'accept = [\n    "甲",  # 注释\n    "上时间",\n]\n'),
    ],
)
def test_accepting_a_word_keeps_the_config_file_as_written(name: str, old: str, new: str, tmp_path: Path) -> None:
    path = tmp_path / name
    out = actions.config_with_accepted(path, old, "上时间")
    assert out == new
    table = tomllib.loads(out)
    table = table["tool"]["reportlint"] if name == "pyproject.toml" else table
    assert "上时间" in parse_config(path, table).accept


def test_a_new_config_file_holds_the_word_and_takes_effect(tmp_path: Path) -> None:
    (tmp_path / actions.NEW_CONFIG_NAME).write_text(actions.config_with_accepted(None, "", '某"词'), encoding="utf-8")
    (tmp_path / "a.txt").write_text("杜绝上时间待机现象\n", encoding="utf-8")
    assert "某\"词" in Linter().config_for(tmp_path / "a.txt").accept
    (tmp_path / actions.NEW_CONFIG_NAME).write_text(actions.config_with_accepted(None, "", "上时间待机"), encoding="utf-8")
    assert [f.code for f in Linter().check_path(tmp_path / "a.txt").findings] == []


# -- settings and links ---------------------------------------------------------------------


def test_settings_take_editor_and_config_spellings() -> None:
    s = parse_settings({"select": "P, M1", "extend-select": ["D112"], "ignore": ["P104"], "profile": "工作总结", "reportYear": 2023})
    assert s.linter_kwargs == {"select": ["P", "M1"], "extend_select": ["D112"], "ignore": ["P104"], "profile": "工作总结", "report_year": 2023}
    assert not s.errors
    # workspace/configuration overrides initializationOptions key by key; a whole settings tree is accepted
    s = parse_settings({"ignore": ["P104"], "profile": "工作总结"}, {"reportlint": {"ignore": ["M"]}})
    assert s.linter_kwargs == {"ignore": ["M"], "profile": "工作总结"}


def test_bad_settings_are_reported_and_left_out() -> None:
    s = parse_settings({"select": 3, "reportYear": "2023", "profile": ["x"], "ignore": ["P104"], "lang": "fr"})
    assert s.linter_kwargs == {"ignore": ["P104"]} and s.lang is None
    assert len(s.errors) == 4 and all("设置" in e for e in s.errors)


def test_every_built_in_rule_links_to_its_heading_in_the_reference() -> None:
    linter = Linter(isolated=True)
    rules = linter.all_rules()
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()
    anchors = {anchor(line.lstrip("#")) for line in reference if line.startswith("## ")}
    docs = RuleDocs()
    web = RuleDocs("https://example.org/reportlint/blob/main/docs/rules.md")
    for rule in rules.values():
        builtin = rule.plugin in linter.pm.builtin
        if not builtin:  # an installed third-party plugin's rule is not in our reference
            assert docs.url(rule, builtin) is None
            continue
        url = docs.url(rule, builtin)
        assert url is not None and url.startswith("file://")
        line = int(url.rsplit("#L", 1)[1])
        assert reference[line - 1].startswith(f"## {rule.code} "), rule.code
        assert anchor(rule_heading(rule)) in anchors, rule.code
        assert web.url(rule, builtin) == f"https://example.org/reportlint/blob/main/docs/rules.md#{anchor(rule_heading(rule))}"
    assert anchor("M101 stray-marker") == "m101-stray-marker"


# -- the command ----------------------------------------------------------------------------


def test_lsp_without_its_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    real = metadata.version

    def version(name: str) -> str:
        if name == "pygls":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)
    assert "pip install 'reportlint[lsp]'" in (missing_dependency() or "")
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pygls" in lines[0] and "pip install 'reportlint[lsp]'" in lines[0]


def test_check_does_not_import_the_server() -> None:
    code = (
        "import sys\nfrom reportlint.cli import main\n"
        f"sys.argv = ['reportlint', 'check', '-q', {str(SAMPLE)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs', 'tomlkit') or m.startswith('reportlint.lsp')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


# -- the editor guide ------------------------------------------------------------------------


def _blocks(text: str, lang: str) -> list[str]:
    return [b.split("\n", 1)[1] for b in text.split("```")[1::2] if b.startswith(lang + "\n")]


def test_the_editor_guide_snippets_are_valid_and_their_settings_known() -> None:
    import json

    guide = (ROOT / "docs" / "lsp.md").read_text(encoding="utf-8")
    (vscode,) = _blocks(guide, "json")
    options = json.loads(vscode)["glspc.server.initializationOptions"]
    assert not parse_settings(options).errors and parse_settings(options).linter_kwargs
    (helix,) = _blocks(guide, "toml")
    config = tomllib.loads(helix)["language-server"]["reportlint"]
    assert config["args"] == ["lsp"] and not parse_settings(config["config"]).errors
    # Every setting the table documents is one the server reads.
    rows = [line.split("|")[1].strip().strip("`") for line in guide.splitlines() if line.startswith("| `")]
    examples = {"select": ["P"], "extendSelect": ["D112"], "ignore": ["P104"], "profile": "工作总结", "reportYear": 2023,
                "ruleDocsUrl": "https://example.org/rules.md", "lang": "en"}
    assert set(rows) == set(examples)
    parsed = parse_settings(examples)
    assert not parsed.errors and len(parsed.linter_kwargs) == 5 and parsed.rule_docs_url and parsed.lang == "en"
