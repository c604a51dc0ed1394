"""T201, the statistical typo detector: its model file, its determinism, its rule.

The shipped model (plugins/reportlint_words/data/typo-model.bin) is built by
scripts/build_typo_model.py from ../shared/data; data/README.md records its size and checksum.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, shared_data

from reportlint.api import Linter
from reportlint.testing import assert_clean, assert_flags, lint_snippet

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "plugins" / "reportlint_words" / "data"
MODEL = DATA / "typo-model.bin"

# A paragraph in the style of a 政府工作报告, and the same with one typo a writer makes (建康 for 健康).
CLEAN = (
    "过去一年，我们坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，"
    "着力推动高质量发展，经济运行总体平稳，民生保障持续改善。全市地区生产总值增长5.2%，"
    "城镇新增就业4.6万人，居民人均可支配收入增长6.1%，经济持续健康发展。"
)
TYPO = CLEAN.replace("经济持续健康发展", "经济持续建康发展")


def test_shipped_model_matches_its_readme_entry():
    """Size and sha256 of the shipped model are the ones data/README.md records, and it is within 25 MB."""
    data = MODEL.read_bytes()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `typo-model.bin`"))
    size, digest = re.search(r"\| ([\d,]+) bytes \| `([0-9a-f]{64})`", row).groups()
    assert len(data) == int(size.replace(",", ""))
    assert hashlib.sha256(data).hexdigest() == digest
    assert len(data) <= 25 * 1024 * 1024


def test_build_is_deterministic_on_a_small_input(tmp_path):
    """Two builds of a model from twelve reports, the shape sets, the term lists and 300 ECSpell
    sentences give the same bytes (the trees included)."""
    shared = shared_data("train-reports", "texts")
    lexicons = shared_data("lexicons", "confusion_sets")
    vocab = shared_data("lexicons", "vocab")
    spelling = shared_data("spelling")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_typo_model as build
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    data = tmp_path / "data"
    (data / "train-reports" / "texts").mkdir(parents=True)
    (data / "lexicons" / "confusion_sets").mkdir(parents=True)
    for path in sorted(shared.glob("*.txt"))[:12]:  # two cities: one trains the n-grams, one the classifier
        shutil.copy(path, data / "train-reports" / "texts" / path.name)
    for name in ("ecspell_shapeConfusion.json", "pycorrector_same_stroke.txt"):
        shutil.copy(lexicons / name, data / "lexicons" / "confusion_sets" / name)
    shutil.copytree(vocab, data / "lexicons" / "vocab")
    (data / "spelling").mkdir()
    for domain in ("odw", "law", "med"):
        name = f"ecspell-{domain}-train.jsonl"
        lines = (spelling / name).read_text(encoding="utf-8").splitlines(keepends=True)[:100]
        (data / "spelling" / name).write_text("".join(lines), encoding="utf-8")
    opts = build.Options(holdout_every=3, trees=20)
    a = build.build(data, tmp_path / "a.bin", opts, log=lambda *_: None)
    b = build.build(data, tmp_path / "b.bin", opts, log=lambda *_: None)
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()
    assert a["sha256"] == b["sha256"] and a["bytes"] > 0


def test_t201_finds_a_typo_in_a_paragraph_and_is_silent_on_the_clean_one():
    found = assert_flags(TYPO, "T201", count=1, fixed=CLEAN)
    assert TYPO[found[0].start:found[0].end] == "建"
    assert found[0].fix is not None and found[0].fix.replacement == "健"
    assert_clean(CLEAN, "T201")


def test_t201_is_off_by_default_and_selectable():
    assert "T201" not in [r.code for r in Linter(isolated=True).selected_rules(Linter(isolated=True).default_config())]
    assert [f.code for f in lint_snippet(TYPO, ["T201"])] == ["T201"]
    linter = Linter(isolated=True, extend_select=["T201"])
    codes = [f.code for f in linter.check_document(linter.read_bytes("r.txt", TYPO.encode())).findings]
    assert "T201" in codes


def test_t201_leaves_quoted_text_and_names_alone():
    assert_clean("会议审议通过了《关于建康城市建设的意见》。", "T201")
    assert_clean("驻甬部队和武警官兵大力支持地方建设。", "T201")


def test_sample_report_still_gives_its_seven_findings_with_or_without_t201():
    for kwargs in ({}, {"extend_select": ["T201"]}):
        result = Linter(isolated=True, **kwargs).check_path(SAMPLE)
        assert result.problems == []
        assert len(result.findings) == 7, [(f.code, f.line) for f in result.findings]
        assert not [f for f in result.findings if f.code == "T201"]


def test_startup_does_not_import_numpy_when_t201_is_not_selected():
    code = (
        "import sys\n"
        "from reportlint.api import Linter\n"
        "linter = Linter(isolated=True)\n"
        f"linter.check_document(linter.read_bytes('r.txt', {TYPO!r}.encode()))\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_t201_on_tiny_and_odd_texts():
    """One character, breaks only, astral characters, Latin: no context, no finding, no crash."""
    for text in ["", "三", " 三\n", "三，", "\n\n", "𠀋", "𠀋𠀋𠀋", "abc", "１２３", "三下"]:
        assert [f for f in lint_snippet(text, ["T201"]) if f.code == "T201"] == []


@pytest.mark.parametrize(("text", "typo", "fixed"), [
    # 掌 recurs in the document (掌握), but in 3-grams the reports know: not a recurring name
    ("我们要牢牢掌握工作主动权，及时掌握社情民意。各项社会事业协调发掌，人民生活水平稳步提高。", "掌", "展"),
    # 心成 recurs (中心成为), but the reports know it well: not a recurring name
    ("推进中心城区建设，使中心成为全市发展的引擎。加快建设区域中心成市，提升城市品质。", "成", "城"),
    # 哩 never occurs in the reports; jieba's words give it a confusion set
    ("全面加强社会管哩，提高社会治理水平。", "哩", "理"),
])
def test_t201_finds_typos_the_document_guards_used_to_hide(text, typo, fixed):
    found = assert_flags(text, "T201", count=1)
    assert text[found[0].start:found[0].end] == typo and found[0].fix.replacement == fixed


def test_t201_leaves_t108_variant_forms_to_t108():
    text = "按照社会统筹与个人帐户相结合的要求，扩大职工养老保险覆盖面。"
    assert_clean(text, "T201")
    assert [f.code for f in lint_snippet(text, ["T108", "T201"])] == ["T108"]


def test_a_model_without_the_new_settings_runs_without_the_new_guards():
    from reportlint_words.detector.detect import Settings

    class Old:
        meta = {"settings": {"rare_char": 2000.0, "min_gain": 3.0}}

    st = Settings.of(Old())
    assert (st.rare_unseen, st.recurring_seen) == (0.0, 0.0)


def test_the_term_features_see_the_official_terms_a_correction_makes():
    """cand_term is the length of the longest 公文 term the substitution makes (惯彻落实 -> 贯彻落实)."""
    from reportlint_words import statistical
    from reportlint_words.detector import detect

    an = detect.analyse(statistical.model(), "全面惯彻落实党的二十大精神。")
    orig, cand = detect.FEATURES.index("orig_term"), detect.FEATURES.index("cand_term")
    rows = [(g.X[i], "".join(map(chr, g.new[i]))) for g in an.groups for i in range(g.pos.size)]
    fix = [x for x, new in rows if new == "贯"]
    assert fix and fix[0][cand] >= 4 and fix[0][orig] == 0
