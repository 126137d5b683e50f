"""Demo council roll-call votes in the national format (Resolution 835, appendix 29) and a deputies list.

Twenty-six deputies in a few factions vote on about a hundred agenda items over a year of sessions, each
with a habit (loyal to the majority, often absent, in opposition). The names are invented. The files carry
the published quirks (a newline inside the `votingAgainst` header cell) and one problem to catch: a vote by
an id that is not on the deputies list.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from demo.csvfile import portal_csv
from etl.sources.council import DEPUTIES, MOTIONS, VOTE_EVENTS, VOTINGS

SURNAMES = (
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Шевченко",
    "Кравченко",
    "Олійник",
    "Мельник",
    "Поліщук",
    "Савченко",
    "Руденко",
    "Марченко",
    "Лисенко",
    "Гончаренко",
    "Мороз",
    "Білик",
    "Гнатюк",
    "Дорошенко",
    "Литвиненко",
    "Павленко",
    "Юрченко",
    "Іваненко",
    "Сидоренко",
    "Остапенко",
    "Кучер",
    "Приходько",
    "Левченко",
)
FIRST = (
    ("Олександр", "Олександрович"),
    ("Ірина", "Миколаївна"),
    ("Сергій", "Петрович"),
    ("Наталія", "Іванівна"),
    ("Андрій", "Васильович"),
    ("Оксана", "Григорівна"),
    ("Віктор", "Степанович"),
    ("Людмила", "Олегівна"),
)
FACTIONS = ("Слуга народу", "Європейська солідарність", "Батьківщина", "За майбутнє", "")
TOPICS = (
    ("бюджет", "Про внесення змін до бюджету Михайло-Коцюбинської селищної територіальної громади на {year} рік"),
    ("земля", "Про надання дозволу на розроблення проєкту землеустрою щодо відведення земельної ділянки"),
    ("майно", "Про передачу в оренду нерухомого майна комунальної власності"),
    ("програми", "Про затвердження Програми розвитку та утримання доріг на {year} рік"),
    ("освіта", "Про зміни в мережі закладів освіти громади"),
    ("енергоефективність", "Про участь у програмі енергоефективності громадських будівель"),
    ("регламент", "Про затвердження порядку денного сесії"),
)


def council_files(until: tuple[int, int]) -> dict[str, bytes]:
    rng = random.Random("council")
    deputies = []
    for i, surname in enumerate(SURNAMES):
        first, patronymic = FIRST[i % len(FIRST)]
        faction = FACTIONS[i % len(FACTIONS)] if i < 24 else ""
        habit = "absent" if i in (4, 17) else "opposition" if faction == "Європейська солідарність" else "loyal"
        deputies.append((f"D{i + 1:03d}", f"{surname} {first} {patronymic}", faction, f"Округ {i % 13 + 1}", habit))

    motions, events, votings = [], [], []
    year, month = until
    start = date(year - 1, month, 1)
    for session in range(12):
        day = start + timedelta(days=30 * session + rng.randint(0, 6))
        if day > date(year, month, 28):
            break
        for number in range(1, rng.randint(6, 11)):
            topic, title = TOPICS[(session + number) % len(TOPICS)]
            title = title.format(year=day.year)
            uid = f"{day.isoformat()}-{number}"
            motions.append([uid, f"s-{session + 41}", "", title, number, topic, day.isoformat(), ""])
            contested = topic in ("бюджет", "земля") and rng.random() < 0.6
            tally = {"За": 0, "Проти": 0, "Утримався": 0, "Не голосував": 0, "Відсутній": 0}
            for voter_id, name, _faction, _district, habit in deputies:
                if rng.random() < (0.35 if habit == "absent" else 0.06):
                    vote = "Відсутній"
                elif habit == "opposition" and contested:
                    vote = rng.choice(["Проти", "Проти", "Утримався", "Не голосував"])
                else:
                    support = 0.62 if contested else 0.93
                    vote = "За" if rng.random() < support else rng.choice(["Утримався", "Не голосував", "Проти"])
                tally[vote] += 1
                votings.append([uid, voter_id, name, title, vote])
            result = "Прийнято" if tally["За"] >= 14 else "Не прийнято"
            began = datetime(day.year, day.month, day.day, 10, 0) + timedelta(minutes=7 * number)
            events.append(
                [
                    f"v-{uid}",
                    uid,
                    f"{session + 41}/{number}",
                    title,
                    began.isoformat() + "Z",
                    (began + timedelta(seconds=40)).isoformat() + "Z",
                    result,
                    tally["За"],
                    tally["Проти"],
                    tally["Утримався"],
                    tally["Не голосував"],
                    tally["Відсутній"],
                    f"https://mk-hromada.example/rishennia/{session + 41}-{number}.html",
                    f"{session + 41}-{number}.html",
                ]
            )
    # A vote by someone who is not on the deputies list: the checks must catch it.
    votings.append([motions[-1][0], "D999", "Невідомий Голос", motions[-1][3], "За"])

    def names(fields) -> list[str]:
        return [f.name for f in fields]

    return {
        "council_votes/deputies.csv": portal_csv(names(DEPUTIES), [list(d[:4]) for d in deputies]),
        "council_votes/motions.csv": portal_csv(names(MOTIONS), motions),
        # The published example's header has a newline inside "votingAgainst".
        "council_votes/voteEvents.csv": portal_csv(
            [n.replace("votingAgainst", "voting\nAgainst") for n in names(VOTE_EVENTS)], events
        ),
        "council_votes/votings.csv": portal_csv(names(VOTINGS), votings),
    }
