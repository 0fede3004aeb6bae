"""``khronika extract`` keeps the contract: one line out per line in, error lines, exit 3."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from khronika.cli import app

runner = CliRunner()

GOOD = {"id": "en-1", "text": "On 24 March 2024 police detained 30 migrants at a market.",
        "published": "2024-03-25"}


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def test_valid_and_invalid_lines(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    rows = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "empty", "text": ""}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": "Вчера в Казани прошёл рейд.", "published": "not a date"}),
        json.dumps({"id": "ru-1", "text": "Вчера в Казани прошёл рейд.", "lang": "ru"}),
    ]
    inp.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inp), "-o", str(out)])
    assert result.exit_code == 3
    got = _lines(out.read_text(encoding="utf-8"))
    assert len(got) == len(rows)
    assert got[0]["id"] == "en-1" and isinstance(got[0]["events"], list)
    assert got[1] == {"id": None, "error": got[1]["error"]}
    assert "line 2 is not valid JSON" in str(got[1]["error"])
    assert got[2]["id"] is None and "missing 'id'" in str(got[2]["error"])
    assert got[3]["id"] == "no-text" and "missing 'text'" in str(got[3]["error"])
    assert got[4]["id"] == "empty" and "error" not in got[4] and got[4]["events"] == []
    assert "must be a JSON object" in str(got[5]["error"])
    assert got[6]["id"] == 7 and "'published' is not an ISO date" in str(got[6]["error"])
    assert got[7]["lang"] == "ru"


def test_output_shape_of_a_good_line(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(inp)])
    assert result.exit_code == 0
    (line,) = _lines(result.stdout)
    assert set(line) >= {"id", "lang", "events", "places", "entities"}
    assert line["lang"] == "en"
    for event in line["events"]:  # type: ignore[attr-defined]
        assert set(event) >= {"type", "acled", "date", "location", "counts", "attribution",
                              "certainty", "evidence"}
        assert set(event["counts"]) == {"killed", "injured", "detained", "deported",
                                        "participants"}
        for ev in event["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(GOOD["text"])


def test_binary_input_gives_error_lines_not_a_crash(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"\xff\xfe\x00binary\x00\n" + json.dumps(GOOD).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inp), "-o", str(out)])
    assert result.exit_code == 3
    got = _lines(out.read_text(encoding="utf-8"))
    assert "not valid UTF-8" in str(got[0]["error"]) and got[1]["id"] == "en-1"


def test_five_megabyte_document(tmp_path: Path) -> None:
    sentence = "Police detained 12 migrants at a construction site in Kazan on 26 March. "
    text = sentence * (5_000_000 // len(sentence))
    inp = tmp_path / "big.jsonl"
    inp.write_text(json.dumps({"id": "big", "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inp), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = _lines(out.read_text(encoding="utf-8"))
    assert line["id"] == "big" and line["events"]
    assert "only the first" in str(line["warnings"])


def test_missing_input_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "input file not found" in result.output


def test_console_script_reads_stdin_and_keeps_stdout_clean() -> None:
    exe = Path(sys.executable).with_name("khronika")
    proc = subprocess.run(
        [str(exe), "extract", "-"], input=json.dumps(GOOD) + "\n", capture_output=True,
        text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["en-1"]
    assert "extract: done, 1 documents" in proc.stderr
