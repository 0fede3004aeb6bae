"""Name normalisation and Russian stemming."""

from khronika.geo.names import norm, ru_stem, usable_alias


def test_norm_folds_accents_case_and_abbreviations() -> None:
    assert norm("Sidi Bouzíd") == "sidi bouzid"
    assert norm("St. Louis") == norm("Saint Louis")
    assert norm("Mazar-i-Sharif") == "mazar i sharif"


def test_norm_keeps_cyrillic_short_i() -> None:
    assert norm("Йошкар-Ола") == "йошкар ола"


def test_ru_stem_meets_case_forms() -> None:
    assert ru_stem(norm("Калуге")) == ru_stem(norm("Калуга"))
    assert ru_stem(norm("Благовещенске")) == ru_stem(norm("Благовещенск"))
    assert ru_stem(norm("Калужской области")) == ru_stem(norm("Калужская область"))


def test_usable_alias_rejects_codes_and_other_scripts() -> None:
    assert usable_alias("Kaluga")
    assert not usable_alias("KLG")
    assert not usable_alias("カルーガ")
