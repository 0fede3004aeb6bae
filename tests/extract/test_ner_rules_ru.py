"""Tests of the rule-based fixes around the Russian NER model (khronika.extract.ner_ru).

Every sentence is written for these tests (no corpus text). Where a rule repairs what
the model may or may not get right by itself, the test asserts the result, not the path.
"""

from __future__ import annotations

from khronika.extract import ner_ru
from khronika.extract.entities import find_entities
from khronika.model import Document


def _ents(text: str, lang: str = "ru") -> set[tuple[str, str]]:
    found = set()
    for e in find_entities(Document(id="t", text=text, lang=lang)):
        assert text[e.start : e.end] == e.text  # offsets are exact
        found.add((e.label, e.text))
    return found


# ---------------------------------------------------------------- people


def test_tajik_letters_do_not_hide_a_name() -> None:
    found = _ents("Вчера в Душанбе задержали Шералӣ Қурбонова и его брата.")
    assert ("PER", "Шералӣ Қурбонова") in found
    assert ("LOC", "Душанбе") in found


def test_two_tajik_names_joined_by_va_are_two_people() -> None:
    found = _ents("Дар шаҳри Душанбе Ғайрат Ҷӯраев ва Қодир Раҳимов боздошт шуданд.", "tg")
    assert ("PER", "Ғайрат Ҷӯраев") in found
    assert ("PER", "Қодир Раҳимов") in found


def test_a_one_word_pair_around_va_stays_one_name() -> None:
    text = "Президент Бобо ва Нуралӣ выступил"
    spans = ner_ru._split_people(text, (10, 25, "PER"))
    assert spans == [(10, 25, "PER")]


def test_initials_written_close_to_the_surname() -> None:
    found = _ents("Как заявил Р.Каримов, проверка в общежитии продлится до пятницы.")
    assert ("PER", "Р.Каримов") in found
    found = _ents("Ответ подписал Н. Х. Саидов, начальник отдела.")
    assert ("PER", "Н. Х. Саидов") in found


def test_initials_before_a_town_are_not_a_person() -> None:
    text = "Рейс из Н.Новгорода задержали на два часа."
    assert not any(label == "PER" for label, _ in _ents(text))


def test_initials_join_the_surname_the_model_found() -> None:
    text = "Заявление Б.Назарова опубликовано."
    start = text.index("Назарова")
    spans = ner_ru._add_initialled(text, [(start, start + len("Назарова"), "PER")])
    assert spans == [(text.index("Б."), start + len("Назарова"), "PER")]


def test_a_name_cut_in_two_is_joined() -> None:
    text = "по имени Каримова Зарина Алиевна, 1990 года рождения"
    a = text.index("Каримова")
    b = text.index("Зарина")
    joined = ner_ru._join_persons(text, [(a, a + 8, "PER"), (b, b + len("Зарина Алиевна"), "PER")])
    assert joined == [(a, b + len("Зарина Алиевна"), "PER")]


def test_a_first_name_takes_in_a_surname_that_is_a_common_word() -> None:
    text = "На митинге выступил Олег Среда, а потом все разошлись."
    found = _refined(text, [("Олег", "PER")])
    assert found == {("PER", "Олег Среда"), ("count", "1")}


def test_a_group_glued_to_the_man_after_it_is_split() -> None:
    text = "Лидер Аль-Джамаа Хасан бин Омар выступил с обращением."
    found = _refined(text, [("Аль-Джамаа Хасан бин Омар", "PER")])
    assert {("ORG", "Аль-Джамаа"), ("PER", "Хасан бин Омар")} <= found


def test_an_arabic_name_with_the_article_stays_one_person() -> None:
    text = "Принц Аль-Мансур ибн Халид посетил выставку."
    found = _refined(text, [("Аль-Мансур ибн Халид", "PER")])
    assert found == {("PER", "Аль-Мансур ибн Халид"), ("count", "1")}


def test_two_people_side_by_side_stay_apart() -> None:
    text = "сына Назарова Тимур встретил в аэропорту"
    a = text.index("Назарова")
    b = text.index("Тимур")
    spans = [(a, a + 8, "PER"), (b, b + 5, "PER")]
    assert ner_ru._join_persons(text, spans) == spans


def test_surname_and_initials_after_it_are_one_person() -> None:
    text = "Протокол составил Шарипов Б. Д. в присутствии понятых."
    a = text.index("Шарипов")
    b = text.index("Б. Д.")
    joined = ner_ru._join_persons(text, [(a, a + 7, "PER"), (b, b + 5, "PER")])
    assert joined == [(a, b + 5, "PER")]


# ---------------------------------------------------------------- places


def test_a_place_the_model_passed_over_is_added() -> None:
    text = "Он дважды становился чемпионом Европы по самбо."
    spans = ner_ru._add_places(text, [])
    start = text.index("Европы")
    assert (start, start + len("Европы"), "LOC") in spans


def test_a_quoted_title_is_not_a_place() -> None:
    text = "Журнал «Арктика» вышел в марте."
    assert ner_ru._add_places(text, []) == []


def test_capitalised_common_words_are_not_places() -> None:
    text = "Семья задержанного узнала об этом утром. Мать обратилась в суд."
    assert ner_ru._add_places(text, []) == []


def test_the_space_station_is_a_place() -> None:
    found = _ents("Экипаж МКС провёл эксперимент с семенами.")
    assert ("LOC", "МКС") in found
    assert ("ORG", "МКС") not in found


# ---------------------------------------------------------------- organisations


def test_a_platform_that_acts_is_an_organisation() -> None:
    text = "Компания Telegram заблокировала каналы вербовщиков."
    start = text.index("Telegram")
    span = ner_ru._relabel(text, (start, start + 8, "ORG"))
    assert span == (start, start + 8, "ORG")


def test_a_platform_where_something_is_posted_is_not_a_name() -> None:
    text = "Видео задержания адвокат опубликовал в Telegram вечером."
    start = text.index("Telegram")
    assert ner_ru._relabel(text, (start, start + 8, "ORG")) is None
    assert not any(t == "Telegram" for _, t in _ents(text))


def test_quoted_venues_and_works_are_not_organisations() -> None:
    text = "Показы пройдут в кинотеатрах «Родина», «Октябрь» и «Победа»."
    for name in ("Родина", "Октябрь", "Победа"):
        start = text.index(name)
        assert ner_ru._relabel(text, (start, start + len(name), "ORG")) is None


def test_a_quoted_organisation_after_its_kind_stays() -> None:
    text = "Активисты движения «Мигрант-помощь» провели пикет."
    start = text.index("Мигрант-помощь")
    span = (start, start + len("Мигрант-помощь"), "ORG")
    assert ner_ru._relabel(text, span) == span


def test_an_organisation_abbreviation_is_not_a_place() -> None:
    text = "Жалобу направили в ФНС на прошлой неделе."
    start = text.index("ФНС")
    assert ner_ru._relabel(text, (start, start + 3, "LOC")) == (start, start + 3, "ORG")
    other = "Граждане США и КНР"
    s = other.index("КНР")
    assert ner_ru._relabel(other, (s, s + 3, "LOC")) == (s, s + 3, "LOC")


def test_a_bracketed_latin_gloss_is_the_same_name() -> None:
    text = "Доклад опубликовала Международная амнистия (Amnesty International) в среду."
    start = text.index("Международная")
    end = start + len("Международная амнистия")
    spans = ner_ru._add_glosses(text, [(start, end, "ORG")])
    gloss = text.index("Amnesty")
    assert (gloss, gloss + len("Amnesty International"), "ORG") in spans


def test_a_capitalised_common_word_is_not_a_person() -> None:
    assert ner_ru._common_word("Надеюсь")
    assert ner_ru._common_word("Впоследствии")
    assert not ner_ru._common_word("Надежда")  # a first name too
    assert not ner_ru._common_word("Каримов")


def test_a_title_before_a_name_is_left_out() -> None:
    text = "Премьер-министр Иван Петров прибыл в Душанбе."
    span = ner_ru._fix_person(text, (0, text.index(" прибыл"), "PER"))
    assert text[span[0] : span[1]] == "Иван Петров"


def test_a_regnal_number_does_not_take_the_full_stop() -> None:
    text = "Корону принял Карл V.\nНа церемонии были послы."
    start = text.index("Карл")
    assert ner_ru._initial_dot(text, (start, start + 6, "PER")) == (start, start + 6, "PER")
    text = "Заявление подписал Рахимов Ф.\nОтвет не получен."
    start = text.index("Рахимов")
    end = start + len("Рахимов Ф")
    assert ner_ru._initial_dot(text, (start, end, "PER")) == (start, end + 1, "PER")


def test_a_place_before_a_year_and_a_two_word_country() -> None:
    text = "Чемпионка Сочи-2014 приехала из Кыргызской Республики на сборы."
    spans = ner_ru._add_places(text, [])
    sochi = text.index("Сочи")
    assert (sochi, sochi + 4, "LOC") in spans
    kg = text.index("Кыргызской")
    assert (kg, kg + len("Кыргызской Республики"), "LOC") in spans


# ---------------------------------------------------------------- names that recur


def _refined(text: str, raw: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """refine() over model spans given as (surface, label), each at its first place."""
    spans = [(text.index(s), text.index(s) + len(s), label) for s, label in raw]
    found = set()
    for e in ner_ru.refine(text, spans):
        assert text[e.start : e.end] == e.text
        found.add((e.label, e.text, e.start))
    return {(label, t) for label, t, _ in found} | {("count", str(len(found)))}


def test_a_name_found_once_is_marked_where_it_recurs() -> None:
    text = "Завод Nordwind закрыли. Рабочие Nordwind вышли на забастовку."
    found = _refined(text, [("Nordwind", "ORG")])
    assert ("ORG", "Nordwind") in found
    assert ("count", "2") in found  # both mentions


def test_a_recurring_word_inside_a_longer_word_is_not_marked() -> None:
    text = "Компания Норд открыла офис. Компания Нордстрой закрыла свой."
    found = _refined(text, [("Норд", "ORG")])
    assert ("count", "1") in found


def test_a_title_or_a_sentence_initial_noun_is_not_repeated() -> None:
    text = "Доктор Айболит приехал. Доктор сказал, что лечит всех. Позвали доктора."
    found = _refined(text, [("Доктор", "PER")])
    assert ("count", "1") in found


def test_a_platform_is_not_repeated_where_something_is_posted() -> None:
    text = "Telegram отказался платить штраф. Видео выложили в Telegram вечером."
    found = _refined(text, [("Telegram", "ORG")])
    assert ("count", "1") in found


def test_a_quoted_vehicle_is_no_organisation_anywhere_in_the_text() -> None:
    text = "Шаттл «Горизонт» стартовал утром. После «Горизонт» на орбиту полетит другой."
    first = text.index("Горизонт")
    second = text.index("Горизонт", first + 1)
    spans = [(first, first + 8, "ORG"), (second, second + 8, "ORG")]
    assert ner_ru.refine(text, spans) == []


def test_a_quoted_vehicle_in_another_case_is_no_organisation_either() -> None:
    # the kind word is by one mention only, and the model tagged only the other one
    text = "Шаттл «Горизонт» готовят к полёту. Дата старта «Горизонта» пока неизвестна."
    second = text.index("Горизонта")
    assert ner_ru.refine(text, [(second, second + 9, "ORG")]) == []


def test_the_short_form_of_a_numbered_vehicle_is_no_organisation() -> None:
    text = "Экипаж сел на корабль «Сокол М-7». Телеметрия с «Соколом» пришла вовремя."
    short = text.index("Соколом")
    assert ner_ru.refine(text, [(short, short + 7, "ORG")]) == []


def test_a_flight_names_a_quoted_vehicle() -> None:
    text = "В ноябре намечен полёт «Буран» к станции."
    assert ner_ru._quoted_thing(text, text.index("Буран"))


def test_a_domain_that_is_the_source_of_a_report_is_an_organisation() -> None:
    text = "Как сообщает newsvolga.ru, мост закроют на ремонт. Смету выложили на zakupki.gov.ru."
    found = _refined(text, [])
    assert ("ORG", "newsvolga.ru") in found
    assert ("count", "1") in found  # the site where something is posted is no name


def test_a_capitalised_kind_word_marks_a_quoted_work() -> None:
    text = "Фильм «Дорога» вышел в прокат."
    assert ner_ru._quoted_thing(text, text.index("Дорога"))


# ---------------------------------------------------------------- labels


def test_a_person_the_model_calls_a_place_is_a_person() -> None:
    text = "Памятник Тараса Шевченко открыли в сквере."
    found = _refined(text, [("Тараса Шевченко", "LOC")])
    assert ("PER", "Тараса Шевченко") in found


def test_a_first_name_and_a_byname_in_sky_are_a_person() -> None:
    text = "Службу в соборе вёл епископ Арсений Озёрский, прибывший накануне."
    found = _refined(text, [("Арсений Озёрский", "ORG")])
    assert ("PER", "Арсений Озёрский") in found


def test_a_compound_name_of_a_body_is_no_person() -> None:
    text = "Инспекторы Рыбохраны задержали лодку, протокол подписал Мингазов."
    found = _refined(text, [("Рыбохраны", "PER"), ("Мингазов", "PER")])
    assert ("ORG", "Рыбохраны") in found
    assert ("PER", "Мингазов") in found  # a surname, though "мин" + "газ" fits


def test_latin_and_compound_names_of_bodies_are_no_places() -> None:
    text = ("Иск подали в FDPA и в Northern Trade Bank, жалобу рассмотрит Еврокомиссия, "
            "а заседание прошло в Oslo.")
    found = _refined(text, [("FDPA", "LOC"), ("Northern Trade Bank", "LOC"),
                            ("Еврокомиссия", "LOC"), ("Oslo", "LOC")])
    assert {("ORG", "FDPA"), ("ORG", "Northern Trade Bank"), ("ORG", "Еврокомиссия"),
            ("LOC", "Oslo")} <= found


def test_a_place_written_without_its_hyphen_is_a_place() -> None:
    text = "Туристы из Буэнос Айрес прилетели вчера."
    found = _refined(text, [("Буэнос Айрес", "PER")])
    assert ("LOC", "Буэнос Айрес") in found


def test_a_number_or_one_letter_is_no_name() -> None:
    text = "Игрок Х набрал 5 очков, а «Ъ» написал об этом."
    found = _refined(text, [("Х", "PER"), ("5", "ORG"), ("Ъ", "ORG")])
    assert found == {("ORG", "Ъ"), ("count", "1")}


def test_a_two_word_country_after_a_capitalised_word_is_whole() -> None:
    text = "Звание Героя Советского Союза ему присвоили посмертно."
    found = _refined(text, [("Советского", "LOC")])
    assert found == {("LOC", "Советского Союза"), ("count", "1")}


def test_a_place_with_a_surname_like_word_stays_a_place() -> None:
    text = "Туристы прилетели в Нижний Новгород."
    found = _refined(text, [("Нижний Новгород", "LOC")])
    assert ("LOC", "Нижний Новгород") in found


def test_the_white_house_is_a_place_where_something_happens_in_it() -> None:
    text = "Президент выступил в Белом доме, а Белый дом позже уточнил детали."
    first = text.index("Белом доме")
    second = text.index("Белый дом")
    found = {(e.label, e.text) for e in ner_ru.refine(
        text, [(first, first + 10, "ORG"), (second, second + 9, "ORG")])}
    assert ("LOC", "Белом доме") in found
    assert ("ORG", "Белый дом") in found


def test_the_surname_of_a_person_named_in_full_is_marked_alone() -> None:
    text = "Игорь Лесков приехал в город. Журналисты спросили Лескова о планах."
    found = _refined(text, [("Игорь Лесков", "PER")])
    assert ("PER", "Лескова") in found


def test_a_dictionary_word_that_is_also_a_surname_stem_is_not_marked() -> None:
    text = "Ольга Зима открыла выставку. Зимой музей работает дольше."
    found = _refined(text, [("Ольга Зима", "PER")])
    assert ("PER", "Зимой") not in found


# ---------------------------------------------------------------- organisations


def test_a_court_or_committee_takes_its_remit() -> None:
    text = "Жалобу направили в Европейский суд по правам человека в прошлом году."
    found = _refined(text, [("Европейский суд", "ORG")])
    assert ("ORG", "Европейский суд по правам человека") in found
    text = "Дело ведёт Следственный комитет при прокуратуре, сообщили юристы."
    found = _refined(text, [("Следственный комитет", "ORG")])
    assert ("ORG", "Следственный комитет при прокуратуре") in found


def test_other_bodies_and_loose_words_after_po_stay_out() -> None:
    text = "Совет директоров по итогам года выплатил дивиденды."
    found = _refined(text, [("Совет директоров", "ORG")])
    assert ("ORG", "Совет директоров") in found
    text = "Комитет по этому поводу промолчал."
    found = _refined(text, [("Комитет", "ORG")])
    assert ("ORG", "Комитет") in found


def test_a_country_named_by_two_words_around_i_is_one_place() -> None:
    text = "Делегация прибыла из Боснии и Герцеговины в среду."
    found = _refined(text, [("Боснии", "LOC"), ("Герцеговины", "LOC")])
    assert ("LOC", "Боснии и Герцеговины") in found
    text = "Делегации Франции и Германии прибыли в среду."
    found = _refined(text, [("Франции", "LOC"), ("Германии", "LOC")])
    assert ("LOC", "Франции") in found


def test_an_organisation_the_model_calls_a_person_is_an_organisation() -> None:
    text = "Акции Лукойла выросли, сообщил аналитик."
    found = _refined(text, [("Лукойла", "PER")])
    assert ("ORG", "Лукойла") in found


def test_a_surname_that_looks_like_a_plural_abbreviation_stays_a_person() -> None:
    text = "Тренер Мосгазов покинул клуб."  # pymorphy3 knows "Мосгазов" as an ORG plural
    found = _refined(text, [("Мосгазов", "PER")])
    assert ("PER", "Мосгазов") in found


def test_a_one_word_person_that_is_a_known_place_is_a_place() -> None:
    text = "Рейс задержали: самолёт из Эфиопии прилетел ночью."
    found = _refined(text, [("Эфиопии", "PER")])
    assert ("LOC", "Эфиопии") in found


def test_a_surname_that_is_also_a_place_stays_a_person_named_in_full() -> None:
    text = "Концерт дала Уитни Хьюстон. Хьюстон спела три песни."
    found = {(e.label, e.text, e.start) for e in ner_ru.refine(
        text, [(13, 26, "PER"), (28, 35, "PER")])}
    assert ("PER", "Хьюстон", 28) in found


def test_the_surname_of_a_person_named_in_full_is_no_place() -> None:
    text = "Игорь Лесков приехал в город. Журналисты спросили Лескова о планах."
    found = _refined(text, [("Игорь Лесков", "PER"), ("Лескова", "LOC")])
    assert ("PER", "Лескова") in found


def test_an_organisation_named_after_a_person_takes_the_name_in() -> None:
    text = "Спектакль покажут на сцене Театра им. Марины Орловой в субботу."
    found = _refined(text, [("Театра им", "ORG"), ("Марины Орловой", "PER")])
    assert ("ORG", "Театра им. Марины Орловой") in found
    assert ("PER", "Марины Орловой") in found  # nested
    text = "Больного доставили в Госпиталь имени Ивана Белова."
    found = _refined(text, [("Госпиталь", "ORG"), ("Ивана Белова", "PER")])
    assert ("ORG", "Госпиталь имени Ивана Белова") in found


def test_a_domain_zone_is_no_place() -> None:
    text = "Сайты в зоне .РФ открыли для всех, сообщили в России."
    found = _refined(text, [("РФ", "LOC"), ("России", "LOC")])
    assert ("LOC", "РФ") not in found
    assert ("LOC", "России") in found


def test_a_name_with_a_digit_is_nobody() -> None:
    text = "Гонщик впервые выиграл этап Формулы-1 в Монако."
    found = _refined(text, [("Формулы-1", "PER")])
    assert not any(label == "PER" for label, _ in found)


def test_a_one_word_body_takes_in_its_country_adjective() -> None:
    text = "Представитель японского МИДа прокомментировал решение."
    found = _refined(text, [("МИДа", "ORG")])
    assert ("ORG", "японского МИДа") in found
    text = "Представитель городского Минфина прокомментировал решение."
    found = _refined(text, [("Минфина", "ORG")])
    assert ("ORG", "Минфина") in found


def test_a_latin_place_abbreviation_or_street_stays_a_place() -> None:
    text = "Делегация вернулась из USA, а потом из UAE."
    assert ner_ru._relabel(text, (22, 25, "LOC")) == (22, 25, "LOC")
    assert ner_ru._relabel(text, (39, 42, "LOC")) == (39, 42, "LOC")
    text = "Офис фирмы стоит на Bank Street, встреча прошла в Oval Office."
    street = (text.index("Bank"), text.index("Bank") + len("Bank Street"), "LOC")
    office = (text.index("Oval"), text.index("Oval") + len("Oval Office"), "LOC")
    assert ner_ru._relabel(text, street) == street
    assert ner_ru._relabel(text, office) == office
    text = "Письмо получил регулятор FDPA и Foreign Office."
    fdpa = (text.index("FDPA"), text.index("FDPA") + 4, "LOC")
    assert ner_ru._relabel(text, fdpa) == (fdpa[0], fdpa[1], "ORG")


def test_every_two_word_country_in_a_run_of_names_is_found() -> None:
    text = "Власти Южной Кореи обвинили Северную Корею в запуске ракеты."
    found = _refined(text, [])
    assert ("LOC", "Южной Кореи") in found
    assert ("LOC", "Северную Корею") in found


def test_a_case_after_po_is_no_remit_of_a_court() -> None:
    text = "Басманный суд по ходатайству следствия арестовал директора завода."
    found = _refined(text, [("Басманный суд", "ORG")])
    assert ("ORG", "Басманный суд") in found
    text = "Решение Верховного суда по делу фермера огласили вчера."
    found = _refined(text, [("Верховного суда", "ORG")])
    assert ("ORG", "Верховного суда") in found
    text = "Районный суд по иску жильцов обязал мэрию отремонтировать дом."
    found = _refined(text, [("Районный суд", "ORG")])
    assert ("ORG", "Районный суд") in found


def test_the_country_adjective_before_a_body_is_a_whole_word() -> None:
    text = "Глава Британского МИДа прилетел в Киев."
    found = _refined(text, [("МИДа", "ORG")])
    assert ("ORG", "Британского МИДа") in found
    assert not any(t.startswith("ританского") for _, t in found)


def test_a_dash_after_a_full_stop_still_starts_a_sentence() -> None:
    text = "Он ушёл. — Доктор вернётся завтра."
    assert ner_ru._sentence_start(text, text.index("Доктор"))
    assert not ner_ru._sentence_start("Мы видели, как Доктор ушёл.", 15)


def test_a_ministry_in_an_oblique_case_the_model_calls_a_person_is_an_organisation() -> None:
    text = "Письмо Минфина получили в четверг."
    found = _refined(text, [("Минфина", "PER")])
    assert ("ORG", "Минфина") in found
