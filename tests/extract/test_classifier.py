"""The learned event-typing component: features, training, the shipped weights, and its
two uses in the events stage (fallback and tie-breaker)."""

from __future__ import annotations

from khronika.extract import classifier, extract_text


def test_features_are_stems_pairs_triggers_and_counts() -> None:
    f = classifier.features("Полиция задержала мигрантов", {"arrest"}, {"detained"})
    assert {"s:полиц", "s:задер", "b:полиц_задер", "t:arrest", "c:detained"} <= set(f)
    assert abs(sum(v * v for v in f.values()) - 1.0) < 1e-9  # unit length


def test_training_separates_a_toy_problem() -> None:
    data = [(classifier.features(t), y) for t, y in [
        ("police detained the man", "arrest"), ("officers arrested two men", "arrest"),
        ("the court sentenced him", "court_ruling"), ("a judge sentenced the man",
                                                       "court_ruling")]]
    model = classifier.train(data)
    p = model.proba(classifier.features("the court sentenced two men"))
    assert max(p, key=lambda k: p[k]) == "court_ruling"
    assert abs(sum(p.values()) - 1.0) < 1e-9


def test_training_file_covers_every_label_in_three_languages() -> None:
    rows = classifier.read_examples()
    for code in classifier.LABELS | {"none"}:
        langs = {lang for c, lang, _ in rows if c == code}
        assert langs == {"en", "ru", "tg"}, (code, langs)
    assert len(rows) >= 300


def test_shipped_models_load_and_know_every_label() -> None:
    for kind in ("tie", "fallback"):
        model = classifier.load_model(kind)
        assert set(model.labels) == classifier.LABELS | {"none"}
        assert model.weights.shape == (len(model.vocab), len(model.labels))


def test_model_round_trips_through_json() -> None:
    data = [(classifier.features("police detained the man"), "arrest"),
            (classifier.features("the court sentenced him"), "court_ruling")]
    model = classifier.train(data)
    again = classifier.Model.from_json(model.to_json())
    f = classifier.features("police detained him")
    assert abs(model.proba(f)["arrest"] - again.proba(f)["arrest"]) < 1e-3


def test_fallback_types_reports_without_trigger_words() -> None:
    # no lexicon word in either: the fallback model reads the type from the stems
    for lang, text, code in [
            ("ru", "Полиция ходит по рынку и проверяет у всех паспорта.", "raid"),
            ("tg", "Ба шавҳарам дар шӯъба гуфтанд, ки бо артиш шартнома бандад.",
             "forced_recruitment")]:
        out = extract_text(text, lang=lang, published="2024-03-23")
        assert [e["type"] for e in out["events"]] == [code], (text, out["events"])
        assert out["events"][0]["confidence"] <= 0.6  # a learned guess says it is one


def test_fallback_reads_a_crowd_voicing_a_demand_as_a_protest() -> None:
    # ACLED-style notes of a crowd's demand in other words than the protest lexicon's
    for text in ("Porters of the wholesale market stood outside the board's office all "
                 "afternoon, asking for the old loading rates back.",
                 "Weavers from four villages walked to the district office to oppose the cut "
                 "in their yarn quota."):
        out = extract_text(text, lang="en", published="2015-03-02")
        assert [e["type"] for e in out["events"]] == ["peaceful_protest"], text


def test_fallback_stays_silent_on_advice() -> None:
    out = extract_text("Держите документы при себе и звоните на горячую линию, если нужна "
                       "помощь юриста.", lang="ru", published="2024-03-23")
    assert out["events"] == []


def test_per_type_report_shape() -> None:
    table = classifier.per_type(["a", "a", "b"], ["a", "b", "b"])
    assert table["a"] == (1.0, 0.5, 2)
    assert table["b"] == (0.5, 1.0, 1)


def test_model_knows_the_protest_codes_of_the_desk() -> None:
    assert {"peaceful_protest", "protest_with_intervention"} <= classifier.LABELS
    rows = classifier.read_examples()
    # part 2 of the training set: the desk's own styles, several hundred reports
    assert sum(1 for _, _, t in rows if len(t) > 120) >= 300


def test_balanced_training_lets_a_rare_label_win() -> None:
    # nine examples of one label, one of another: weighted by label frequency, the rare
    # label still wins on its own words
    common = [(classifier.features(f"police detained worker number {i}"), "arrest")
              for i in range(9)]
    rare = [(classifier.features("the court fined the courier"), "court_ruling")]
    model = classifier.train(common + rare)
    p = model.proba(classifier.features("the court fined a courier"))
    assert max(p, key=lambda k: p[k]) == "court_ruling"


def test_fallback_reads_a_veiled_threat() -> None:
    out = extract_text("В домовом чате написали: «Кто сдаёт квартиры приезжим — ждите гостей». "
                       "Соседи-мигранты боятся выходить.", lang="ru", published="2024-03-23")
    assert [e["type"] for e in out["events"]] == ["threat"]
    assert out["events"][0]["confidence"] <= 0.6  # a learned guess says it is one
