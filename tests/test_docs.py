"""The README tells the truth: its Python example runs and its two commands are what CI runs."""

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_python_example_runs_as_shown(tmp_path, monkeypatch, capsys):
    example = re.search(r"```python\n(.*?)```", README, re.DOTALL).group(1)
    shutil.copytree(ROOT / "surveys", tmp_path / "surveys")
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    assert capsys.readouterr().out == (
        "invalid_answers [\"question 'age_group': 'very old' is not one of its options\"]\n"
    )


def test_every_shipped_survey_offers_the_eight_languages_the_readme_promises():
    from forum_toolkit.consultation import load_consultation

    surveys = sorted((ROOT / "surveys").glob("*.yaml"))
    assert len(surveys) >= 3
    for path in surveys:
        codes = set(load_consultation(path).language_codes)
        assert {"de", "en", "ar", "fa", "kmr", "ru", "uk", "tr"} <= codes, path.name
