"""Word lists for the rule-based name finder of :mod:`khronika.security.pii`.

Given names are the common ones of Russia, Tajikistan, Uzbekistan and Kyrgyzstan, in
Cyrillic and in the Latin spellings English-language sources use (several romanisations
each: Farrukh / Farukh, Jamshed / Dzhamshed). The lists were written by hand for this
project; a name that is also a common word or place (Vladimir, Vera, Nadezhda, Said,
Vahdat) is in :data:`AMBIGUOUS` and counts only with a surname beside it.
"""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    """Whitespace-separated words of ``block``: word lists read better as prose."""
    return frozenset(block.split())


GIVEN_LATIN = words("""
Abdullo Abdurakhmon Abdurahmon Abdulloh Abror Akbar Akmal Alisher Amir Amirkhon Anvar Anwar
Asad Asror Aziz Azizbek Bakhrom Bahrom Bakhtiyor Bakhtovar Bahtovar Behzod Bekhzod Bobur
Bakhodur Behruz Daler Dalerdzhon Davron Dilshod Eraj Farhod Farkhod Faridun Farrukh Farukh
Faizullo Fayzullo Firdavs Firuz Ibrokhim Ibrohim Iftikhor Ilkhom Ilhom Ismoil Izzatullo
Jamshed Dzhamshed Jasur Javohir Jahongir Kamol Komil Komron Khurshed Khurshid Khusrav
Manuchehr Mirzo Mukhiddin Muhiddin Muhammad Mukhammad Muhammadali Muhammadsobir Nasim
Nazir Nurmukhammad Nurmuhammad Odil Orzu Parviz Rahmatullo Rakhmatullo Rashid Rustam Ruslan
Saidakrami Saidjon Sherali Sherzod Shamsiddin Shamsidin Shukhrat Shuhrat Sino Siyovush
Sukhrob Suhrob Sunatullo Tohir Tokhir Ulugbek Umed Umid Yusuf Zafar Ziyo Zokir Jasurbek
Sardor Otabek Aziza Dilnoza Dilorom Gulnora Gulnara Gulchehra Gulshan Lola Madina Mavjuda
Mehrangez Mehrubon Munira Mastura Nargiz Nigina Nilufar Nodira Parvina Sabohat Sayyora
Shakhnoza Shahnoza Shoira Zarina Zulfiya Zulfia Sitora Farzona Malika Mohira Tahmina
Aigerim Aibek Azamat Bektur Erlan Ermek Kanat Kubanych Nurlan Nurbek Talant Almaz Cholpon
Aida Asel Ainura Bakyt Nurzhan
Alexander Aleksandr Alexei Aleksei Alexey Andrei Andrey Anton Artem Boris Dmitry Dmitri
Evgeny Yevgeny Igor Ivan Ilya Kirill Konstantin Maxim Mikhail Nikolai Oleg Pavel Roman
Sergei Sergey Stanislav Viktor Victor Vitaly Vyacheslav Yuri Marat Timur Artur Denis
Alexandra Alina Anastasia Anna Daria Ekaterina Yekaterina Elena Yelena Irina Ksenia Lyudmila
Marina Maria Natalia Natalya Olga Svetlana Tatiana Tatyana Valentina Yulia Julia Galina
Davlatshoh Sirojiddin Mahmadullo Nurmuhammad Abdulaziz Akhmed Ahmed Ali Khasan Hasan Husein
Khusein Ilkhomjon Nodir Bakhtiyor Bakhtiyar Davlat Kurbon Qurbon Mansur Salim Karim
""")

GIVEN_CYRILLIC = words("""
Абдулло Абдурахмон Абдуллох Аброр Акбар Акмал Алишер Амир Амирхон Анвар Асад Асрор Азиз
Азизбек Бахром Бахтиёр Бахтовар Бехзод Бобур Баходур Бехруз Далер Далерджон Даврон Дилшод
Эрадж Фарход Фаридун Фаррух Фарух Файзулло Фирдавс Фируз Иброхим Ифтихор Ильхом Илхом
Исмоил Иззатулло Джамшед Ҷамшед Жасур Джасур Джавохир Жавохир Джахонгир Камол Комил Комрон
Хуршед Хуршид Хусрав Манучехр Манучеҳр Мирзо Мухиддин Муҳиддин Мухаммад Муҳаммад Мухаммадали
Муҳаммадалӣ Мухаммадсобир Насим Назир Нурмухаммад Одил Орзу Парвиз Рахматулло Рашид Рустам
Руслан Саидакрами Саиджон Шерали Шерзод Шамсиддин Шамсидин Шухрат Сино Сиёвуш Сухроб
Сунатулло Тохир Улугбек Умед Умид Юсуф Зафар Зиё Зокир Неъматулло Нуъмон Мирзо Бахтиёр
Сардор Отабек Азиза Дилноза Дилором Гульнора Гулнора Гульнара Гулчехра Гульчехра Гульшан
Гулшан Лола Мадина Мавжуда Мавджуда Мехрангез Меҳрангез Мехрубон Меҳрубон Мунира Мастура
Наргиз Нигина Нилуфар Нодира Парвина Сабохат Сайёра Шахноза Шоира Зарина Зульфия Зулфия
Ситора Фарзона Малика Мохира Тахмина Айгерим Айбек Азамат Бектур Эрлан Эрмек Канат
Нурлан Нурбек Талант Алмаз Чолпон Аида Асель Айнура Бакыт Мунира Мухаммадсобир Махмадулло
Давлатшох Давлатшоҳ Сироджиддин Далерджон Бахтиёр Мухиддин Иброҳим Ҳусейн Хусейн Хасан
Ахмед Ахмад Али Карим Салим Мансур Курбон Қурбон Нодир Умеда Шамсиддин Манучехр Хайрулло
Александр Алексей Андрей Антон Артём Артем Борис Дмитрий Евгений Игорь Иван Илья Кирилл
Константин Максим Михаил Николай Олег Павел Роман Сергей Станислав Виктор Виталий Вячеслав
Юрий Марат Тимур Артур Денис Александра Алина Анастасия Анна Дарья Екатерина Елена Ирина
Ксения Людмила Марина Мария Наталья Ольга Светлана Татьяна Валентина Юлия Галина Гульнара
""")

#: Given names that are also words or places: a name only with a surname beside it.
AMBIGUOUS = words("""
Vladimir Vera Nadezhda Lyubov Roza Said Vahdat Nur Victoria Sofia Islam Iman Mir Ali Karim
Владимир Вера Надежда Любовь Роза Саид Ваҳдат Вахдат Нур Ислам Мир Али Роман Ирина
""")

#: Words a name never contains even when capitalised: titles, places, institutions, months.
NOT_NAME = words("""
The A An In On At Of For And To From By With After Before During This That These Those It He
She They We You I His Her Their Our My Your Its Police Court Street Ministry Committee
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December Moscow Russia Russian Tajik Tajikistan
Kyrgyz Kyrgyzstan Uzbek Uzbekistan Central Asia Asian Dushanbe Bishkek Tashkent Kaluga
Vahdat Crocus City Hall Islamic State Kremlin District Region Oblast Market Centre Center
Telegram WhatsApp DM Call Email Write Phone Contact URGENT Missing Found Detained Detainee
Caller Client Case Fine Passport Patent Scam Follow Thank Has Who Please Raid Hostel
Hotline Lawyer Mr Mrs Ms Dr New Our Meeting Statement Prices Data Human Rights Watch
Memorial Amnesty International Radio Ozodi BBC TASS FSB UN Saint St Petersburg Mediazona
Lost Request Reach Hearing Protocol Number Residence Migration Uzbek Kyrgyz Son Wife
Brother Mother Father Daughter Sister Cousin Employer Interpreter Neighbour Resident
Москва Москве Россия России Таджикистан Таджикистана Узбекистан Кыргызстан Душанбе
Бишкек Калуга Калуге Вахдат Ваҳдат Крокус Сити Холл Кремль МВД ФСБ ОВД ОМВД ЦВСИГ
Суд Улица Проспект Срочно Внимание Репост Перепост Найден Пропал Пропала Разыскивается
Задержан Задержана Задержаны Звонила Звонил Звонок Телефон Контакт Адрес Патент Паспорт
Понедельник Вторник Среда Четверг Пятница Суббота Воскресенье Март Марта Апрель Апреля
Кто Мой Моя Наш Наша Братья Сестра Брат Мать Жена Сын Дочь Ищем Ищу Сегодня Вчера Завтра
""")

#: Words after which capitalised words are a person's name ("Lawyer Olga Smirnova").
TITLES = words("""
Mr Mrs Ms Miss Dr Prof lawyer Lawyer attorney journalist Journalist activist Activist
President president Minister minister Deputy deputy Prime ambassador Ambassador rector mayor
commissioner head judge Judge citizen national migrant volunteer volunteers cousin brother
Brother wife Wife son Son daughter Daughter mother Mother father Father neighbour Employer
employer Client client Caller caller Detainee detainee Detained: Missing: resident Resident
Interpreter interpreter defendant suspect Officer officer Foreign Interior Russian
гражданин гражданка гражданина гражданки задержанный задержанная задержанного задержанной
адвокат адвоката Адвокат юрист Юрист судья правозащитница правозащитник Правозащитница
Президент президент министр Министр посол Посол глава Глава депутат Депутат прокурор
Прокурор ректор Ректор уполномоченный волонтёр Волонтёр переводчик Переводчик заявитель
Заявитель заявительница Заявительница жительница Жительница житель Клиент клиент брат
сестра сын дочь жена муж мать отец Мать Жена Сын Дочь Брат Сестра Отец Бародарам Модари
Сафир сафир Шиносномаи
""")
