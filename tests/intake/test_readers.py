"""Each importer on files written for these tests, well-formed and malformed; no store."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from khronika.intake.base import ReadOptions
from khronika.intake.files import Item, Problem
from khronika.intake.formats import detect, estimate_total, read_any
from tests.intake import samples as s


def split(results: list[Item | Problem]) -> tuple[list[Item], dict[str, str], list[Problem]]:
    items = [r for r in results if isinstance(r, Item)]
    errors = {p.where: p.reason for p in results
              if isinstance(p, Problem) and p.severity == "error"}
    others = [p for p in results if isinstance(p, Problem) and p.severity != "error"]
    return items, errors, others


def read(path: Path | str, fmt: str = "auto", **kw: object) -> list[Item | Problem]:
    return list(read_any(path, fmt, ReadOptions(**kw)))  # type: ignore[arg-type]


@pytest.mark.parametrize("name,content,expected", [
    ("a.txt", s.RU_1, "text"),
    ("chat.txt", s.WHATSAPP_ANDROID, "whatsapp"),
    ("a.md", "# t\n" + s.EN_1, "text"),
    ("p.html", s.ARTICLE, "html"),
    ("rows.csv", "text,date\nx,2024-03-01\n", "csv"),
    ("acled.csv", s.ACLED_HEADER + "\n", "acled"),
    ("result.json", s.telegram_export([]), "telegram"),
    ("m.eml", s.EML, "eml"),
    ("box", s.MBOX, "mbox"),
    ("feed.xml", s.RSS, "rss"),
    ("feed.atom", s.ATOM, "rss"),
    ("scan.pdf", "%PDF-1.4", None),
])
def test_detect(tmp_path: Path, name: str, content: str, expected: str | None) -> None:
    assert detect(s.write(tmp_path / name, content)) == expected


def test_html_article_title_date_body(tmp_path: Path) -> None:
    items, errors, _ = split(read(s.write(tmp_path / "kazan.html", s.ARTICLE)))
    assert not errors and len(items) == 1
    rep = items[0].report
    assert rep.kind == "html" and "detained 40 migrants" in rep.text
    assert "Subscribe" not in rep.text and "Home" not in rep.text
    assert rep.title and "Kazan" in rep.title
    assert rep.published is not None and rep.published.isoformat() == "2024-03-28"


def test_csv_guessed_mapping_is_saved_and_reused(tmp_path: Path) -> None:
    data = s.write(tmp_path / "calls.csv",
                   "id;Дата;Текст;Источник;оператор\n"
                   f"c1;27.03.2024;{s.RU_1};hotline;Мария\n"
                   f"c2;2024-03-26;{s.RU_2};hotline;\n")
    mapping = tmp_path / "calls.mapping.json"
    items, errors, _ = split(read(data, mapping=mapping))
    assert not errors and [i.report.external_id for i in items] == ["c1", "c2"]
    assert items[0].report.published is not None
    assert items[0].report.published.isoformat() == "2024-03-27"
    assert items[0].report.meta == {"row": "2", "оператор": "Мария"}
    saved = json.loads(mapping.read_text(encoding="utf-8"))
    assert saved["text"] == ["Текст"] and saved["date"] == "Дата"
    # a sheet with other column names, read through the edited, saved mapping
    other = s.write(tmp_path / "other.csv", f"what happened,when\n{s.EN_1},2024-03-28\n")
    mapping.write_text(json.dumps({"text": ["what happened"], "date": "when"}), encoding="utf-8")
    items, errors, _ = split(read(other, mapping=mapping))
    assert not errors and items[0].report.text == s.EN_1


def test_csv_missing_columns_and_bad_rows_are_reported_by_line(tmp_path: Path) -> None:
    no_text = s.write(tmp_path / "no_text.csv", "name,phone\nA,1\n")
    _, errors, _ = split(read(no_text))
    assert "no text column" in errors[f"{no_text}:1"] and "'name'" in errors[f"{no_text}:1"]
    mapping = s.write(tmp_path / "m.json", json.dumps({"text": ["body"], "date": "day"}))
    _, errors, _ = split(read(s.write(tmp_path / "x.csv", "body\nhello\n"), mapping=mapping))
    assert "missing column(s) 'day'" in next(iter(errors.values()))
    broken = tmp_path / "broken.csv"
    broken.write_bytes(("text,date\n" + s.RU_1 + ",2024-03-28\n").encode()
                       + b"bad \xff\xfe byte line,2024-03-01\n"
                       + b",2024-03-02\n"
                       + (b'"multi\nline report",2024-03-03\n'))
    items, errors, _ = split(read(broken))
    assert [i.where for i in items] == [f"{broken}:2", f"{broken}:5"]
    assert items[1].report.text == "multi\nline report"
    assert "not valid utf-8" in errors[f"{broken}:3"]
    assert "empty text column" in errors[f"{broken}:4"]


def test_csv_in_windows_1251_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "cp.csv"
    path.write_bytes(f"текст\n{s.RU_1}\n".encode("cp1251"))
    items, errors, others = split(read(path))
    assert not errors and items[0].report.text == s.RU_1
    assert "Windows-1251" in others[0].reason


def test_xlsx_rows_and_a_broken_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Calls"
    ws.append(["Date", "Text", "Source"])
    ws.append(["2024-03-26", s.RU_1, "hotline"])
    ws.append([None, None, None])
    ws.append(["2024-03-28", None, "hotline"])
    ws.append(["2024-03-28", s.EN_1, "feed"])
    path = tmp_path / "calls.xlsx"
    wb.save(path)
    items, errors, _ = split(read(path))
    assert [i.where for i in items] == [f"{path}:Calls:2", f"{path}:Calls:5"]
    assert items[0].report.origin == "hotline" and items[1].report.text == s.EN_1
    assert "empty text column" in errors[f"{path}:Calls:4"]
    bad = s.write(tmp_path / "bad.xlsx", "not a zip")
    _, errors, _ = split(read(bad))
    assert "not a readable XLSX workbook" in errors[str(bad)]


def test_telegram_one_report_per_message_with_channel_author_forward(tmp_path: Path) -> None:
    path = s.write(tmp_path / "result.json", s.telegram_export(s.telegram_messages()))
    items, errors, skipped = split(read(path))
    assert not errors and len(items) == 3 and len(skipped) == 2
    fwd = items[1].report
    assert fwd.text == "Police raided a market in Kazan on 28 March 2024 and detained 40 migrants."
    assert fwd.meta is not None and fwd.meta["forwarded_from"] == "Kazan Today"
    assert fwd.meta["channel"] == "Migrant Help" and fwd.external_id == "777/3"
    assert items[0].report.meta is not None and items[0].report.meta["author"] == "Дилшод"
    assert fwd.published is not None and fwd.published.isoformat() == "2024-03-26"
    assert {p.reason.split(":")[0] for p in skipped} == {"skipped"}


def test_telegram_truncated_json_keeps_what_came_before(tmp_path: Path) -> None:
    whole = s.telegram_export(s.telegram_messages())
    path = s.write(tmp_path / "result.json", whole[: whole.index('"id": 5') + 10])
    items, errors, _ = split(read(path))
    assert len(items) == 2
    (where, reason), = errors.items()
    assert where.startswith(f"{path}@byte") and "after message 4" in reason



def test_telegram_whole_account_export_reads_every_chat(tmp_path: Path) -> None:
    path = s.write(tmp_path / "result.json", s.telegram_account_export())
    assert detect(path) == "telegram"
    items, errors, skipped = split(read(path))
    assert not errors and len(items) == 3 and len(skipped) == 2
    by_channel = {i.report.meta["channel"]: i.report for i in items}  # type: ignore[index]
    assert set(by_channel) == {"Дилшод", "Migrant Help", "Kaluga News"}
    dm, fwd, left = by_channel["Дилшод"], by_channel["Migrant Help"], by_channel["Kaluga News"]
    assert dm.text == s.RU_1 and dm.meta is not None and dm.meta["author"] == "Дилшод"
    assert dm.meta["chat_type"] == "personal_chat" and dm.external_id == "42/10"
    assert fwd.meta is not None and fwd.meta["forwarded_from"] == "Kazan Today"
    assert fwd.external_id == "777/10" and fwd.origin == "telegram:Migrant Help"
    assert fwd.published is not None and fwd.published.isoformat() == "2024-03-27"
    assert left.meta is not None and left.meta["date"] == "2024-03-25T18:00:00"
    # message ids repeat across chats, so each place names its chat
    assert {p.where for p in skipped} == {f"{path}#chat 42 message 11",
                                          f"{path}#chat 777 message 11"}
    assert estimate_total(path) == 4


def test_telegram_whole_account_export_cut_short(tmp_path: Path) -> None:
    whole = s.telegram_account_export()
    cut = whole[: whole.index('"Kazan Today"') + 5]  # inside the channel's first message
    path = s.write(tmp_path / "result.json", cut)
    items, errors, _ = split(read(path))
    assert [i.report.external_id for i in items] == ["42/10"]
    (where, reason), = errors.items()
    assert where == f"{path}@byte {len(cut.encode('utf-8'))}"
    assert "after message 11 of chat 'Дилшод'" in reason and "before it was read" in reason


def test_telegram_whole_account_export_streams_in_little_memory(tmp_path: Path) -> None:
    body = (s.RU_1 + " ") * 40
    chats = [{"name": f"chat {c}", "type": "private_group", "id": c, "messages": [
        {"id": i, "type": "message", "date": "2024-03-26T10:00:00", "from": "x",
         "text": [f"{c}/{i} ", {"type": "bold", "text": body}]} for i in range(1_000)]}
        for c in range(10)]
    path = s.write(tmp_path / "result.json",
                   json.dumps({"about": "x", "chats": {"about": "y", "list": chats}},
                              ensure_ascii=False))
    del chats
    assert path.stat().st_size > 30_000_000
    tracemalloc.start()
    n = sum(1 for r in read_any(path) if isinstance(r, Item))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 10_000 and peak < 5_000_000, peak


@pytest.mark.parametrize("content,reason", [
    ("", "empty file"),
    ('{"name": "x", "type": "personal_chat"}', "no \"messages\" list"),
    ('{"about": "x", "chats": {"list": []}}', "whole-account export with no chats"),
    ('{"about": "x", "chats": {"list": [{"name": "a", "id": 1}]}}', "with no chats"),
    ('[1, 2, 3]', "no \"messages\" list"),
])
def test_telegram_malformed(tmp_path: Path, content: str, reason: str) -> None:
    _, errors, _ = split(read(s.write(tmp_path / "result.json", content), "telegram"))
    assert reason in next(iter(errors.values()))


def test_whatsapp_android_and_ios(tmp_path: Path) -> None:
    path = s.write(tmp_path / "WhatsApp Chat with Hotline.txt", s.WHATSAPP_ANDROID)
    items, errors, skipped = split(read(path))
    assert not errors and len(items) == 2 and len(skipped) == 2
    first = items[0].report
    assert first.text.endswith("Их до сих пор держат в отделе.")
    assert first.origin == "whatsapp:Hotline" and first.meta is not None
    assert first.meta["author"] == "Фарход" and items[0].where == f"{path}:2"
    assert first.published is not None and first.published.isoformat() == "2024-03-12"
    ios = s.write(tmp_path / "ios.txt", s.WHATSAPP_IOS_US)
    items, errors, _ = split(read(ios))
    assert not errors and [i.report.published.isoformat() for i in items
                           if i.report.published] == ["2024-03-14", "2024-03-15"]


def test_eml_plain_and_html_with_attachment(tmp_path: Path) -> None:
    items, errors, _ = split(read(s.write(tmp_path / "a.eml", s.EML)))
    assert not errors and items[0].report.title == "Call log: raid in Yekaterinburg"
    assert items[0].report.text.startswith("Звонок: 26 марта")
    assert items[0].report.external_id == "<call-1@example.org>"
    assert items[0].report.published is not None
    items, errors, _ = split(read(s.write(tmp_path / "b.eml", s.EML_HTML)))
    assert not errors and "set on fire" in items[0].report.text
    assert "<b>" not in items[0].report.text
    assert items[0].report.meta is not None
    assert items[0].report.meta["attachments"] == ["photo.pdf"]


def test_mbox_streams_messages_with_their_lines(tmp_path: Path) -> None:
    path = s.write(tmp_path / "hotline.mbox", s.MBOX)
    items, errors, _ = split(read(path))
    assert [i.where for i in items] == [f"{path}:1", f"{path}:10"]
    assert "From the window" in items[0].report.text
    assert "neither body text nor subject" in errors[f"{path}:17"]
    bad = s.write(tmp_path / "bad.mbox", "hello\n")
    _, errors, _ = split(read(bad))
    assert "not an mbox" in errors[f"{bad}:1"]


def test_feeds_rss_atom_and_broken(tmp_path: Path) -> None:
    items, errors, _ = split(read(s.write(tmp_path / "f.rss", s.RSS)))
    assert not errors and [i.report.title for i in items] == [
        "Raid in Kazan", "Поджог рынка в Благовещенске"]
    assert items[0].report.text == "Police raided a market in Kazan and detained 40 migrants."
    assert items[0].report.external_id == "kazan-1" and items[0].report.kind == "feed"
    items, errors, _ = split(read(s.write(tmp_path / "f.atom", s.ATOM)))
    assert "ordered 40 foreign nationals deported" in items[0].report.text
    assert items[0].report.published is not None
    _, errors, _ = split(read(s.write(tmp_path / "bad.xml", "<rss><channel><item>"), "rss"))
    assert errors  # no entries, parser's reason given


def test_feed_from_a_url(tmp_path: Path) -> None:
    import http.server
    import threading

    body = s.RSS.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_a: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        items, errors, _ = split(read(f"http://127.0.0.1:{server.server_port}/feed"))
    finally:
        server.server_close()
    assert not errors and len(items) == 2


def test_acled_rows_mapped_to_our_types(tmp_path: Path) -> None:
    path = s.write(tmp_path / "acled.csv", "\n".join([
        s.ACLED_HEADER,
        'RUS1,2024-03-22,2024,1,Political violence,Violence against civilians,Attack,'
        'Unidentified,Russia,643,Moscow Oblast,Krasnogorsk,55.82,37.33,1,Media,'
        '"Gunmen attacked a concert hall.",137,',
        'RUS2,2024-03-26,2024,1,Strategic developments,Strategic developments,Arrests,'
        'Police,Russia,643,Sverdlovsk Oblast,Yekaterinburg,56.84,60.61,1,Media,'
        'Police detained 14 migrants.,0,khronika_type=raid; khronika_detained=14',
        'RUS3,2024-03-26,2024,1,x,Strategic developments,Teleportation,,Russia,643,,X,1,2,1,,n,0,',
        'RUS4,someday,2024,1,x,Protests,Peaceful protest,,Russia,643,,X,1,2,1,,n,0,',
    ]) + "\n")
    items, errors, _ = split(read(path))
    assert len(items) == 2 and len(errors) == 2
    attack = items[0].report.meta["events"][0]  # type: ignore[index]
    assert attack["type"] == "attack" and attack["counts"]["killed"]["min"] == 137
    assert attack["location"]["country"] == "RU"
    raid = items[1].report.meta["events"][0]  # type: ignore[index]
    assert raid["type"] == "raid" and raid["counts"]["detained"]["min"] == 14
    assert "unknown sub_event_type 'Teleportation'" in errors[f"{path}:4"]
    assert "not a date" in errors[f"{path}:5"]
    missing = s.write(tmp_path / "m.csv", "event_date,sub_event_type,notes\n2024-01-01,Attack,x\n")
    _, errors, _ = split(read(missing, "acled"))
    assert "missing column(s) country, location, latitude, longitude" in errors[f"{missing}:1"]


def test_acled_actor_columns_are_kept_with_interaction_codes(tmp_path: Path) -> None:
    header = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
              "actor2,assoc_actor_2,inter2,interaction,country,location,latitude,longitude,notes")
    path = s.write(tmp_path / "acled.csv", "\n".join([
        header,
        'RUS7,2024-03-24,Violence against civilians,Attack,Rioters (Russia),,5,'
        '"Civilians (Russia)","Migrants (Russia); Tajik Ethnic Group",7,57,Russia,Kaluga,'
        '54.51,36.26,Three Tajik migrants were beaten.',
        # ACLED's newer files name the actor types instead of numbering them
        'RUS8,2024-03-26,Strategic developments,Arrests,Police Forces of Russia (2000-),,'
        'State forces,,,,State forces only,Russia,Kazan,55.79,49.12,Police detained 40.',
        'RUS9,2024-03-27,Protests,Peaceful protest,,,,,,,,Russia,Moscow,55.75,37.62,n',
    ]) + "\n")
    items, errors, _ = split(read(path))
    assert not errors and len(items) == 3
    beaten, arrests, protest = (i.report.meta["events"][0] for i in items)  # type: ignore[index]
    assert beaten["actors"] == {"perpetrator": "Rioters (Russia)", "victims": "Civilians (Russia)"}
    assert beaten["acled"]["assoc_actor_2"] == "Migrants (Russia); Tajik Ethnic Group"
    assert (beaten["acled"]["inter1"], beaten["acled"]["inter2"]) == (5, 7)
    assert beaten["acled"]["interaction"] == 57
    assert arrests["acled"]["inter1"] == 1 and "inter2" not in arrests["acled"]
    assert arrests["acled"]["interaction"] == "State forces only"
    assert arrests["actors"] == {"perpetrator": "Police Forces of Russia (2000-)"}
    assert protest["actors"] == {} and "actor1" not in protest["acled"]
    meta = items[0].report.meta
    assert meta is not None and meta["acled"]["actor2"] == "Civilians (Russia)"

@pytest.mark.parametrize("fmt", ["text", "html", "csv", "xlsx", "telegram", "whatsapp", "eml",
                                 "mbox", "rss", "acled", "jsonl"])
def test_zero_byte_file_in_every_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"empty.{fmt}"
    path.write_bytes(b"")
    results = read(path, fmt)
    items, errors, _ = split(results)
    assert not items and (errors or fmt == "jsonl")
    if errors:
        assert "empty" in next(iter(errors.values())) or "no" in next(iter(errors.values()))


def test_unknown_format_and_estimates(tmp_path: Path) -> None:
    _, errors, _ = split(read(tmp_path, "docx"))
    assert "unknown format 'docx'" in next(iter(errors.values()))
    path = s.write(tmp_path / "result.json", s.telegram_export(s.telegram_messages()))
    assert estimate_total(path) == 4  # a cheap count of "type": "message" markers
