"""The desk's interface text in English and Russian.

One dict per language, keyed by a short message id. A missing Russian entry falls back to
English, and a test checks that both languages have the same keys, so a page never shows
a bare id. Event type and urgency reason codes are translated here too.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"

EN: dict[str, str] = {
    "app": "Khronika desk",
    "skip": "Skip to content",
    "nav.queue": "Queue", "nav.intake": "Log a call", "nav.cases": "Cases",
    "nav.search": "Search", "nav.dashboard": "Dashboard", "nav.map": "Map",
    "nav.logout": "Log out", "nav.language": "Language",
    "login.title": "Log in", "login.name": "User name", "login.password": "Password",
    "login.submit": "Log in", "login.failed": "Wrong user name or password.",
    "login.throttled": "Too many failed attempts. Wait a few minutes and try again.",
    "queue.title": "Urgency queue", "queue.kind": "Kind", "queue.urgency": "Urgency",
    "queue.reasons": "Reasons", "queue.age": "Age", "queue.deadline": "Deadline",
    "queue.assignee": "Assignee", "queue.assign": "Assign", "queue.take": "Assign to",
    "queue.empty": "Nothing is waiting.", "queue.filter": "Filter",
    "queue.keys": "Keys: j / k move, Enter opens, a assigns.",
    "queue.incident": "incident", "queue.case": "case",
    "field.type": "Type", "field.date": "Date", "field.place": "Place",
    "field.region": "Region", "field.country": "Country", "field.status": "Status",
    "field.counts": "Counts", "field.people": "People", "field.urgency": "Urgency",
    "field.sources": "Sources", "field.any": "any",
    "count.killed": "killed", "count.injured": "injured", "count.detained": "detained",
    "count.deported": "deported", "count.participants": "participants",
    "intake.title": "Log a call or message",
    "intake.text": "What was said (kept exactly as typed)",
    "intake.origin": "Channel", "intake.suggested": "What the desk understood",
    "intake.evidence": "Evidence in the text", "intake.save": "Save report",
    "intake.saved": "Report saved", "intake.hint":
        "Suggestions appear as you type; change any field to correct it.",
    "intake.none": "Nothing recognised yet.",
    "intake.upload": "Import a file",
    "nav.import": "Import",
    "import.title": "Import a file", "import.file": "File",
    "import.intro": "Reports from a file: text, Markdown, HTML, CSV, Excel, ACLED CSV, a "
                    "Telegram Desktop export (one chat or a whole account), WhatsApp, e-mail, "
                    "RSS. Each report is stored once: importing the same file again adds "
                    "nothing.",
    "import.limit": "Largest file, in MB:",
    "import.format": "Format", "import.auto": "detect from the file",
    "import.mapping": "Column mapping (optional, CSV and Excel)",
    "import.mapping_hint": "A JSON file saved by an earlier import (khronika ingest "
                           "--mapping FILE), e.g. {\"text\": [\"message\"], \"date\": "
                           "\"when\"}. Without it the columns are guessed from the header.",
    "import.submit": "Import", "import.result": "Import of",
    "import.read": "read", "import.new": "new", "import.duplicate": "already stored",
    "import.rejected": "rejected", "import.skipped": "skipped (no text, service lines)",
    "import.errors": "stored but not processed", "import.incidents": "Incidents",
    "import.where": "Place", "import.reason": "Reason", "import.notes": "Notes",
    "import.more": "more not shown; the command line lists them all",
    "import.none": "No incident was made or changed.",
    "import.state.queued": "waiting", "import.state.running": "importing",
    "import.state.done": "done", "import.state.failed": "failed",
    "import.rows_read": "rows read", "import.of_about": "of about",
    "import.processed": "stored and processed", "import.behind": "imports before it:",
    "import.progress": "Import progress",
    "import.failed": "The import failed; every report stored before the failure is kept "
                     "(importing the file again carries on). Cause:",
    "import.kept": "Stored before the failure",
    "import.jobs_note": "The import runs in the background: you may leave this page and "
                        "come back to its address.",
    "import.saved": "Saved column mapping", "import.saved_none": "none: guess from the header",
    "import.mapper": "Columns of the file",
    "import.mapper_hint": "The mapping guessed from the header; change it if it is wrong.",
    "import.field.text": "Report text (one or more columns)", "import.field.title": "Title",
    "import.field.date": "Date", "import.field.id": "Row id", "import.field.source": "Source",
    "import.field.lang": "Language", "import.field.none": "(none)",
    "import.save_as": "Save the mapping as (optional)",
    "import.save_hint": "A name to reuse this mapping for later files of the same kind.",
    "import.sample": "The header and first rows",
    "import.jobs": "Your imports", "import.jobs_all": "Imports of every user",
    "import.jobs_none": "No import since the desk started.",
    "import.jobs_kept": "Kept until the desk restarts; the audit log keeps every import.",
    "import.col.file": "File", "import.col.state": "State", "import.col.user": "User",
    "import.col.started": "Started (UTC)", "import.col.finished": "Finished (UTC)",
    "import.mappings": "Saved column mappings",
    "import.mappings_none": "No column mapping is saved.",
    "import.col.name": "Name", "import.col.columns": "Text columns",
    "import.col.saved_by": "Saved by", "import.col.saved_at": "Saved (UTC)",
    "import.delete": "Delete", "import.cancel": "Cancel",
    "import.delete_confirm": "Delete the saved column mapping “{name}”? Imports that used "
                             "it keep what they stored.",
    "incident.actors": "Actors", "incident.perpetrator": "by",
    "incident.victims": "against",
    "incident.title": "Incident", "incident.sources": "Sources",
    "incident.conflict": "Sources disagree", "incident.history": "History",
    "incident.review": "Review", "incident.corroborate": "Corroborate",
    "incident.verify": "Verify", "incident.reject": "Reject", "incident.reopen": "Reopen",
    "incident.merge": "Merge another incident into this one",
    "incident.merge_id": "Incident number to merge in", "incident.merge_submit": "Merge",
    "incident.merges": "Merges", "incident.split": "Split (undo this merge)",
    "incident.correct": "Correct fields", "incident.correct_submit": "Save corrections",
    "incident.hidden": "Report texts are hidden for your role.",
    "incident.redacted": "Personal data is redacted for your role; profile",
    "incident.stale": "Someone else changed this incident; reload and try again.",
    "incident.cases": "Cases",
    "status.unverified": "unverified", "status.corroborated": "corroborated",
    "status.verified": "verified", "status.rejected": "rejected",
    "cases.title": "Cases", "cases.new": "New case", "cases.create": "Create case",
    "case.title": "Title", "case.contact": "Contact", "case.details": "Details",
    "case.deadline": "Deadline", "case.assignee": "Assignee", "case.outcome": "Outcome",
    "case.status": "Status", "case.save": "Save", "case.notes": "Notes",
    "case.add_note": "Add note", "case.incidents": "Linked incidents",
    "case.link": "Link incident number", "case.link_submit": "Link",
    "case.move": "Move to",
    "cstatus.open": "open", "cstatus.in_progress": "in progress",
    "cstatus.waiting": "waiting", "cstatus.closed": "closed",
    "cstatus.resolved": "resolved", "case.delete": "Delete personal data",
    "case.delete_confirm": "I understand: contact, details, outcome and notes are wiped "
                           "for good; the case stays in the counts.",
    "case.deleted": "The personal data of this case was deleted.",
    "incident.detach": "Split reports out into a new incident",
    "incident.detach_submit": "Split out", "incident.assign": "Assign to a caseworker",
    "search.perpetrator": "Perpetrator",
    "search.title": "Search", "search.query": "Words", "search.submit": "Search",
    "search.results": "Results", "search.none": "No incidents match.",
    "search.from": "From", "search.to": "To", "search.facets": "Narrow down",
    "dash.title": "Dashboard", "dash.weekly": "Incidents per week by type",
    "dash.region": "Incidents by region", "dash.figures": "Figures behind this chart",
    "dash.week": "Week", "dash.total": "Total", "dash.count": "Incidents",
    "map.title": "Map of incidents", "map.missing":
        "Map assets are not installed: run make install.",
    "map.list": "Places on the map", "map.place": "Place",
    "error.title": "Something went wrong", "error.back": "Back to the queue",
    "common.id": "No.", "common.open": "Open", "common.none": "—",
    "common.days": "d", "common.hours": "h", "common.next": "Next page",
    "common.prev": "Previous page", "common.signed_in": "Signed in as",
}

RU: dict[str, str] = {
    "app": "Хроника: рабочее место",
    "skip": "Перейти к содержанию",
    "nav.queue": "Очередь", "nav.intake": "Принять звонок", "nav.cases": "Обращения",
    "nav.search": "Поиск", "nav.dashboard": "Сводка", "nav.map": "Карта",
    "nav.logout": "Выйти", "nav.language": "Язык",
    "login.title": "Вход", "login.name": "Имя пользователя", "login.password": "Пароль",
    "login.submit": "Войти", "login.failed": "Неверное имя пользователя или пароль.",
    "login.throttled": "Слишком много неудачных попыток. Подождите несколько минут.",
    "queue.title": "Очередь по срочности", "queue.kind": "Вид", "queue.urgency": "Срочность",
    "queue.reasons": "Причины", "queue.age": "Давность", "queue.deadline": "Срок",
    "queue.assignee": "Исполнитель", "queue.assign": "Назначить",
    "queue.take": "Назначить на", "queue.empty": "Ничего не ждёт.",
    "queue.filter": "Отобрать",
    "queue.keys": "Клавиши: j / k — выбор, Enter — открыть, a — назначить.",
    "queue.incident": "инцидент", "queue.case": "обращение",
    "field.type": "Тип", "field.date": "Дата", "field.place": "Место",
    "field.region": "Регион", "field.country": "Страна", "field.status": "Статус",
    "field.counts": "Числа", "field.people": "Люди", "field.urgency": "Срочность",
    "field.sources": "Источники", "field.any": "любой",
    "count.killed": "погибли", "count.injured": "ранены", "count.detained": "задержаны",
    "count.deported": "выдворены", "count.participants": "участники",
    "intake.title": "Принять звонок или сообщение",
    "intake.text": "Что сообщили (сохраняется как есть)",
    "intake.origin": "Канал", "intake.suggested": "Что распознано",
    "intake.evidence": "Основания в тексте", "intake.save": "Сохранить сообщение",
    "intake.saved": "Сообщение сохранено", "intake.hint":
        "Подсказки появляются по мере ввода; исправьте любое поле.",
    "intake.none": "Пока ничего не распознано.",
    "intake.upload": "Импорт файла",
    "nav.import": "Импорт",
    "import.title": "Импорт файла", "import.file": "Файл",
    "import.intro": "Сообщения из файла: текст, Markdown, HTML, CSV, Excel, CSV из ACLED, "
                    "выгрузка Telegram Desktop (один чат или весь аккаунт), WhatsApp, "
                    "электронная почта, RSS. Каждое сообщение сохраняется один раз: повторный "
                    "импорт того же файла ничего не добавит.",
    "import.limit": "Наибольший размер файла, МБ:",
    "import.format": "Формат", "import.auto": "определить по файлу",
    "import.mapping": "Соответствие столбцов (необязательно, для CSV и Excel)",
    "import.mapping_hint": "JSON-файл, сохранённый прошлым импортом (khronika ingest "
                           "--mapping FILE), например {\"text\": [\"message\"], "
                           "\"date\": \"when\"}. Без него столбцы угадываются по заголовку.",
    "import.submit": "Импортировать", "import.result": "Импорт файла",
    "import.read": "прочитано", "import.new": "новых", "import.duplicate": "уже были",
    "import.rejected": "отклонено", "import.skipped": "пропущено (без текста, служебные)",
    "import.errors": "сохранены, но не обработаны", "import.incidents": "Инциденты",
    "import.where": "Место", "import.reason": "Причина", "import.notes": "Замечания",
    "import.more": "ещё не показаны; командная строка выводит все",
    "import.none": "Ни один инцидент не создан и не изменён.",
    "import.state.queued": "ожидает", "import.state.running": "идёт импорт",
    "import.state.done": "готово", "import.state.failed": "ошибка",
    "import.rows_read": "строк прочитано", "import.of_about": "из примерно",
    "import.processed": "сохранено и обработано", "import.behind": "импортов перед ним:",
    "import.progress": "Ход импорта",
    "import.failed": "Импорт прерван; все сообщения, сохранённые до ошибки, остаются "
                     "(повторный импорт файла продолжит с того же места). Причина:",
    "import.kept": "Сохранено до ошибки",
    "import.jobs_note": "Импорт идёт в фоне: можно уйти с этой страницы и вернуться по её "
                        "адресу.",
    "import.saved": "Сохранённое соответствие столбцов",
    "import.saved_none": "нет: угадать по заголовку",
    "import.mapper": "Столбцы файла",
    "import.mapper_hint": "Соответствие, угаданное по заголовку; исправьте, если оно неверно.",
    "import.field.text": "Текст сообщения (один или несколько столбцов)",
    "import.field.title": "Заголовок", "import.field.date": "Дата",
    "import.field.id": "Номер строки", "import.field.source": "Источник",
    "import.field.lang": "Язык", "import.field.none": "(нет)",
    "import.save_as": "Сохранить соответствие как (необязательно)",
    "import.save_hint": "Имя, чтобы применять это соответствие к следующим таким же файлам.",
    "import.sample": "Заголовок и первые строки",
    "import.jobs": "Ваши импорты", "import.jobs_all": "Импорты всех пользователей",
    "import.jobs_none": "С запуска сервиса импортов не было.",
    "import.jobs_kept": "Хранятся до перезапуска сервиса; журнал аудита хранит все импорты.",
    "import.col.file": "Файл", "import.col.state": "Состояние",
    "import.col.user": "Пользователь", "import.col.started": "Начат (UTC)",
    "import.col.finished": "Завершён (UTC)",
    "import.mappings": "Сохранённые соответствия столбцов",
    "import.mappings_none": "Сохранённых соответствий нет.",
    "import.col.name": "Имя", "import.col.columns": "Столбцы текста",
    "import.col.saved_by": "Кто сохранил", "import.col.saved_at": "Когда (UTC)",
    "import.delete": "Удалить", "import.cancel": "Отмена",
    "import.delete_confirm": "Удалить сохранённое соответствие столбцов «{name}»? "
                             "Сделанные с ним импорты сохранят всё, что добавили.",
    "incident.actors": "Участники", "incident.perpetrator": "кто",
    "incident.victims": "против кого",
    "incident.title": "Инцидент", "incident.sources": "Источники",
    "incident.conflict": "Источники расходятся", "incident.history": "История",
    "incident.review": "Проверка", "incident.corroborate": "Подтверждено другими",
    "incident.verify": "Проверено", "incident.reject": "Отклонить",
    "incident.reopen": "Вернуть в работу",
    "incident.merge": "Присоединить другой инцидент к этому",
    "incident.merge_id": "Номер присоединяемого инцидента",
    "incident.merge_submit": "Объединить", "incident.merges": "Объединения",
    "incident.split": "Разделить (отменить объединение)",
    "incident.correct": "Исправить поля", "incident.correct_submit": "Сохранить исправления",
    "incident.hidden": "Тексты сообщений скрыты для вашей роли.",
    "incident.redacted": "Персональные данные скрыты для вашей роли; профиль",
    "incident.stale": "Инцидент изменил кто-то другой; обновите страницу и повторите.",
    "incident.cases": "Обращения",
    "status.unverified": "не проверен", "status.corroborated": "подтверждён",
    "status.verified": "проверен", "status.rejected": "отклонён",
    "cases.title": "Обращения", "cases.new": "Новое обращение",
    "cases.create": "Создать обращение",
    "case.title": "Название", "case.contact": "Контакт", "case.details": "Подробности",
    "case.deadline": "Срок", "case.assignee": "Исполнитель", "case.outcome": "Итог",
    "case.status": "Статус", "case.save": "Сохранить", "case.notes": "Заметки",
    "case.add_note": "Добавить заметку", "case.incidents": "Связанные инциденты",
    "case.link": "Связать с инцидентом №", "case.link_submit": "Связать",
    "case.move": "Перевести в",
    "cstatus.open": "открыто", "cstatus.in_progress": "в работе",
    "cstatus.waiting": "ожидание", "cstatus.closed": "закрыто",
    "cstatus.resolved": "решено", "case.delete": "Удалить персональные данные",
    "case.delete_confirm": "Понимаю: контакт, подробности, итог и заметки будут стёрты "
                           "навсегда; обращение останется в подсчётах.",
    "case.deleted": "Персональные данные этого обращения удалены.",
    "incident.detach": "Выделить сообщения в новый инцидент",
    "incident.detach_submit": "Выделить", "incident.assign": "Назначить исполнителя",
    "search.perpetrator": "Нарушитель",
    "search.title": "Поиск", "search.query": "Слова", "search.submit": "Найти",
    "search.results": "Найдено", "search.none": "Нет подходящих инцидентов.",
    "search.from": "С", "search.to": "По", "search.facets": "Уточнить",
    "dash.title": "Сводка", "dash.weekly": "Инциденты по неделям и типам",
    "dash.region": "Инциденты по регионам", "dash.figures": "Числа этого графика",
    "dash.week": "Неделя", "dash.total": "Всего", "dash.count": "Инцидентов",
    "map.title": "Карта инцидентов", "map.missing":
        "Файлы карты не установлены: выполните make install.",
    "map.list": "Места на карте", "map.place": "Место",
    "error.title": "Что-то пошло не так", "error.back": "Вернуться к очереди",
    "common.id": "№", "common.open": "Открыть", "common.none": "—",
    "common.days": "д", "common.hours": "ч", "common.next": "Дальше",
    "common.prev": "Назад", "common.signed_in": "Вы вошли как",
}

TYPES_RU: dict[str, str] = {
    "arrest": "задержание", "raid": "облава", "deportation": "выдворение",
    "forced_recruitment": "принуждение к службе", "torture": "пытки",
    "assault": "нападение", "abduction": "похищение", "arson": "поджог",
    "threat": "угрозы", "court_ruling": "решение суда", "legal_measure": "правовая мера",
    "attack": "вооружённое нападение", "claim_of_responsibility": "взятие ответственности",
}

REASONS: dict[str, dict[str, str]] = {
    "en": {
        "detention_in_progress": "detained now", "whereabouts_unknown": "whereabouts unknown",
        "imminent_deportation": "deportation imminent", "torture": "torture",
        "forced_recruitment": "forced recruitment", "minors": "minors",
        "medical": "medical emergency",
    },
    "ru": {
        "detention_in_progress": "задержан сейчас",
        "whereabouts_unknown": "местонахождение неизвестно",
        "imminent_deportation": "скорое выдворение", "torture": "пытки",
        "forced_recruitment": "принуждение к службе", "minors": "несовершеннолетние",
        "medical": "нужна медпомощь",
    },
}

#: Import formats in Russian (English uses each format's own help text).
FORMATS_RU: dict[str, str] = {
    "whatsapp": "выгрузка чата WhatsApp (.txt)",
    "text": "простой текст или Markdown, одно сообщение на файл",
    "jsonl": "JSON Lines во входном формате контракта",
    "html": "веб-страница или сохранённая статья",
    "acled": "CSV-выгрузка ACLED",
    "csv": "CSV со строкой заголовка и соответствием столбцов",
    "xlsx": "книга Excel со строкой заголовка и соответствием столбцов",
    "telegram": "выгрузка Telegram Desktop (result.json), один чат или весь аккаунт",
    "eml": "одно письмо",
    "mbox": "почтовый ящик (mbox)",
    "rss": "лента RSS или Atom",
}

CATALOG = {"en": EN, "ru": RU}


def pick_language(value: str | None) -> str:
    """A supported language code from a cookie or query value (English otherwise)."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def translator(lang: str) -> Callable[[str], str]:
    """``t(key)`` for templates: the text in ``lang``, else English, else the key."""
    table = CATALOG[pick_language(lang)]

    def t(key: str) -> str:
        return table.get(key) or EN.get(key) or key

    return t


def type_label(code: str | None, lang: str) -> str:
    """An event type code as a reader sees it (the code itself in English)."""
    if not code:
        return "—"
    if lang == "ru":
        return TYPES_RU.get(code, code.replace("_", " "))
    return code.replace("_", " ")


def reason_label(code: str, lang: str) -> str:
    return REASONS[pick_language(lang)].get(code, code.replace("_", " "))


def format_label(name: str, help_text: str, lang: str) -> str:
    """An import format as the import form lists it: its name and what it is."""
    said = FORMATS_RU.get(name) if lang == "ru" else None
    return f"{name}: {said or help_text or name}"
