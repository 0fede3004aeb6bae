"""Sample files for the importer tests, written by hand for this project (invented reports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RU_1 = "26 марта 2024 года в Екатеринбурге полиция задержала 14 граждан Таджикистана в общежитии."
RU_2 = "В Калуге 25 марта избили троих мигрантов из Таджикистана, один госпитализирован."
EN_1 = "Police raided a market in Kazan on 28 March 2024 and detained 40 migrants."
EN_2 = "A Tajik-owned market was set on fire in Blagoveshchensk on 24 March 2024."

ARTICLE = """<!doctype html><html><head><title>Raid in Kazan | Example News</title>
<meta property="og:title" content="Police raid market in Kazan">
<meta name="date" content="2024-03-28"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Police raid market in Kazan</h1>
<p>Police raided a market in Kazan on 28 March 2024 and detained 40 migrants, most of them
citizens of Tajikistan and Uzbekistan, witnesses told our correspondent.</p>
<p>The detained were taken to a police station; lawyers were not allowed to see them.
Relatives said that several men were told to sign contracts with the army.</p>
</article><footer>© Example News. Subscribe to our newsletter.</footer></body></html>"""


def telegram_export(messages: list[dict[str, Any]], name: str = "Migrant Help") -> str:
    return json.dumps({"name": name, "type": "public_channel", "id": 777,
                       "messages": messages}, ensure_ascii=False, indent=1)


def telegram_messages() -> list[dict[str, Any]]:
    return [
        {"id": 1, "type": "service", "date": "2024-03-25T09:00:00", "action": "pin_message",
         "text": ""},
        {"id": 2, "type": "message", "date": "2024-03-26T10:15:00", "from": "Дилшод",
         "from_id": "user42", "text": RU_1},
        {"id": 3, "type": "message", "date": "2024-03-26T11:00:00", "from": "Migrant Help",
         "forwarded_from": "Kazan Today", "text": [
             "Police raided a market in ", {"type": "bold", "text": "Kazan"},
             " on 28 March 2024 and detained 40 migrants."]},
        {"id": 4, "type": "message", "date": "2024-03-26T12:00:00", "from": "Anna",
         "photo": "photos/photo_1.jpg", "text": ""},
        {"id": 5, "type": "message", "date": "2024-03-27T08:30:00", "from": "Фарход",
         "text": RU_2},
    ]



def telegram_account_export() -> str:
    """A whole-account export ("Export Telegram data"): personal data, contacts, then two
    chats under chats.list and a left channel under left_chats.list."""
    return json.dumps({
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Anna", "last_name": "",
                                 "phone_number": "+7 000 000 00 00", "bio": ""},
        "contacts": {"about": "contacts", "list": [
            {"first_name": "Дилшод", "last_name": "", "phone_number": "+992 0",
             "date": "2024-01-01T00:00:00"}]},
        "chats": {"about": "chats", "list": [
            {"name": "Дилшод", "type": "personal_chat", "id": 42, "messages": [
                {"id": 10, "type": "message", "date": "2024-03-26T10:15:00", "from": "Дилшод",
                 "from_id": "user42", "text": RU_1},
                {"id": 11, "type": "message", "date": "2024-03-26T10:16:00", "from": "Дилшод",
                 "photo": "photos/photo_2.jpg", "text": ""}]},
            {"name": "Migrant Help", "type": "public_channel", "id": 777, "messages": [
                {"id": 10, "type": "message", "date": "2024-03-27T08:30:00",
                 "from": "Migrant Help", "forwarded_from": "Kazan Today", "text": [
                     "Police raided a market in ", {"type": "bold", "text": "Kazan"},
                     " on 28 March 2024 and detained 40 migrants."]},
                {"id": 11, "type": "service", "date": "2024-03-27T08:31:00",
                 "action": "pin_message", "text": ""}]}]},
        "left_chats": {"about": "left", "list": [
            {"name": "Kaluga News", "type": "public_channel", "id": 555, "messages": [
                {"id": 1, "type": "message", "date": "2024-03-25T18:00:00",
                 "from": "Kaluga News", "text": RU_2}]}]},
    }, ensure_ascii=False, indent=1)

WHATSAPP_ANDROID = """12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.
12/03/2024, 14:06 - Фарход: Сегодня утром в Химках полиция задержала 12 человек на стройке.
Их до сих пор держат в отделе.
13/03/2024, 09:10 - Anna: <Media omitted>
13/03/2024, 09:12 - Anna: Brother of a detained man says he will be deported tomorrow.
"""

WHATSAPP_IOS_US = """[3/14/24, 2:05:33 PM] Rustam: Three men were beaten near the station in Kaluga.
[3/15/24, 9:00:01 AM] Rustam: One of them is still in hospital.
"""

EML = """From: Hotline <hotline@example.org>
To: desk@example.org
Subject: Call log: raid in Yekaterinburg
Date: Wed, 27 Mar 2024 10:00:00 +0300
Message-ID: <call-1@example.org>
Content-Type: text/plain; charset=utf-8

Звонок: 26 марта в Екатеринбурге задержали 14 человек в общежитии.
"""

EML_HTML = """From: Monitor <monitor@example.org>
Subject: Arson in Blagoveshchensk
Date: Mon, 25 Mar 2024 18:00:00 +0000
Message-ID: <m-2@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/html; charset=utf-8

<html><body><p>A Tajik-owned market was <b>set on fire</b> in Blagoveshchensk.</p></body></html>
--XX
Content-Type: application/pdf; name="photo.pdf"
Content-Disposition: attachment; filename="photo.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--XX--
"""

MBOX = """From hotline@example.org Wed Mar 27 10:00:00 2024
From: Hotline <hotline@example.org>
Subject: first
Date: Wed, 27 Mar 2024 10:00:00 +0300
Message-ID: <a@x>

Police raided a hostel in Yekaterinburg.
>From the window a neighbour saw buses.

From hotline@example.org Wed Mar 27 11:00:00 2024
From: Hotline <hotline@example.org>
Subject: second
Message-ID: <b@x>

В Казани на рынке задержали 40 человек.

From hotline@example.org Wed Mar 27 12:00:00 2024
From: Hotline <hotline@example.org>
Subject:
Message-ID: <c@x>

"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Migrant Rights Monitor</title><link>https://example.org</link>
<item><title>Raid in Kazan</title><link>https://example.org/1</link><guid>kazan-1</guid>
<pubDate>Thu, 28 Mar 2024 12:00:00 +0000</pubDate>
<description>&lt;p&gt;Police raided a market in Kazan and detained 40 migrants.&lt;/p&gt;
</description></item>
<item><title>Поджог рынка в Благовещенске</title><guid>blag-1</guid>
<pubDate>Sun, 24 Mar 2024 20:00:00 +0000</pubDate>
<description>Рынок, принадлежащий выходцам из Таджикистана, подожгли.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Deportation watch</title>
<entry><title>Court orders deportations</title><id>urn:1</id>
<updated>2024-03-29T10:00:00Z</updated><content type="html">
&lt;p&gt;A court in St Petersburg ordered 40 foreign nationals deported.&lt;/p&gt;</content>
</entry></feed>"""

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                "sub_event_type,actor1,country,iso,admin1,location,latitude,longitude,"
                "geo_precision,source,notes,fatalities,tags")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path
