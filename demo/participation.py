"""Demo participation data in the national formats (appendices 34, 35) and our appeals and e-services templates.

Volumes fit a hromada of about twelve thousand residents. Names of petition authors and signatories are
invented placeholders (the warehouse does not keep them anyway). A few rows carry the problems real files
have: an answer dated before the petition started, a duplicate petition id, a negative signature count.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from demo.catalogue import SETTLEMENTS
from demo.csvfile import portal_csv

PETITION_TOPICS = (
    ("ЖКГ", "Про ремонт дороги по вул. {street}"),
    ("освіта", "Про відкриття групи подовженого дня"),
    ("безпека", "Про встановлення камер відеоспостереження"),
    ("екологія", "Про ліквідацію стихійного сміттєзвалища"),
    ("транспорт", "Про зміну розкладу автобуса до Чернігова"),
    ("ЖКГ", "Про освітлення вулиці {street}"),
    ("спорт", "Про облаштування спортивного майданчика"),
)
STREETS = ("Шевченка", "Миру", "Садова", "Лісова", "Центральна", "Молодіжна", "Набережна")
APPEAL_CATEGORIES = (
    ("Дороги та тротуари", 0.22),
    ("Вуличне освітлення", 0.16),
    ("Вивезення сміття", 0.14),
    ("Водопостачання", 0.12),
    ("Благоустрій", 0.12),
    ("Соціальний захист", 0.10),
    ("Земельні питання", 0.08),
    ("Публічна інформація", 0.06),
)
SERVICES = (
    "Довідка про склад сім'ї",
    "Реєстрація місця проживання",
    "Видача паспорта громадянина України",
    "Державна реєстрація народження",
    "Допомога при народженні дитини",
    "Реєстрація речових прав",
    "Субсидія на житлово-комунальні послуги",
    "Витяг з Державного земельного кадастру",
)


def _petitions(rng: random.Random, today: date) -> tuple[list[list[object]], list[list[object]]]:
    petitions, signatures = [], []
    for i in range(38):
        start = today - timedelta(days=rng.randint(10, 720))
        topic, title = PETITION_TOPICS[i % len(PETITION_TOPICS)]
        count = int(rng.lognormvariate(3.3, 0.8))
        collecting = (today - start).days < 60
        answered = not collecting and rng.random() < 0.85
        answer = start + timedelta(days=60 + rng.randint(3, 40)) if answered else None
        status = "триває збір підписів" if collecting else "з відповіддю" if answered else "на розгляді"
        uid = f"P-{start.year}-{i + 1:03d}"
        petitions.append(
            [
                uid,
                topic,
                title.format(street=rng.choice(STREETS)),
                f"https://mk-hromada.example/petitions/{uid}",
                f"{uid}.html",
                "Михайло-Коцюбинська селищна рада",
                "04412345",
                "UA74100250000038291",
                start.isoformat(),
                count,
                f"Мешканець {i + 1}",
                status,
                answer.isoformat() if answer else "",
                f"https://mk-hromada.example/answers/{uid}" if answer else "",
                f"{uid}-answer.html" if answer else "",
            ]
        )
        for n in range(count):
            signatures.append(
                [
                    uid,
                    f"Підписант {i + 1}-{n + 1}",
                    petitions[-1][2],
                    (start + timedelta(days=min(59, int(rng.expovariate(1 / 8))))).isoformat(),
                ]
            )
    # Problems to catch.
    petitions.append(
        [*petitions[3][:12], (date.fromisoformat(petitions[3][8]) - timedelta(days=5)).isoformat(), *petitions[3][13:]]
    )
    petitions[-1][0] = "P-BAD-ANSWER"
    petitions.append(list(petitions[5]))  # duplicate id
    petitions.append([*petitions[6][:9], -4, *petitions[6][10:]])  # negative count
    petitions[-1][0] = "P-NEGATIVE"
    return petitions, signatures


def _participatory_budget(rng: random.Random, today: date) -> tuple[list[list[object]], list[list[object]]]:
    projects, votes = [], []
    for year in range(today.year - 2, today.year + 1):
        for i in range(8):
            uid = f"GB-{year}-{i + 1:02d}"
            count = int(rng.lognormvariate(4.4, 0.6))
            winner = i < 3
            decided = date(year, 5, 30)
            done = winner and year < today.year
            status = "реалізований" if done else "переможець, в стадії реалізації" if winner else "не пройшов"
            plan = rng.randint(40, 300) * 1000
            projects.append(
                [
                    uid,
                    rng.choice(["малий", "великий"]),
                    "локальний",
                    rng.choice(
                        [
                            "Облаштування дитячого майданчика",
                            "Ремонт сільського клубу",
                            "Тренажери на свіжому повітрі",
                            "Бібліотека під відкритим небом",
                            "Зупинка громадського транспорту",
                        ]
                    )
                    + f" ({rng.choice(SETTLEMENTS)[2]})",
                    "Проєкт громадського бюджету",
                    f"https://mk-hromada.example/gb/{uid}",
                    f"{uid}.pdf",
                    "Михайло-Коцюбинська селищна рада",
                    "04412345",
                    "UA74100250000038291",
                    count,
                    f"Автор {uid}",
                    status,
                    decided.isoformat(),
                    f"https://mk-hromada.example/gb/{year}",
                    "",
                    plan,
                    int(plan * rng.uniform(0.9, 1.02)) if done else "",
                    "Відділ економіки",
                ]
            )
            for n in range(count):
                votes.append(
                    [
                        uid,
                        f"{year}{i:02d}-{n:05d}",
                        projects[-1][3],
                        (date(year, 4, 1) + timedelta(days=rng.randint(0, 30))).isoformat(),
                    ]
                )
    return projects, votes


def _appeals(rng: random.Random, today: date, places: dict[str, tuple[float, float]]) -> list[list[object]]:
    """Appeals; two in three carry the point they are about, near their settlement (a separate random stream,
    so the other demo figures stay as they were)."""
    rows = []
    where = random.Random("appeal-places")
    names = [c for c, _ in APPEAL_CATEGORIES]
    weights = [w for _, w in APPEAL_CATEGORIES]
    for i in range(2600):
        requested = datetime.combine(today, datetime.min.time()) - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
        category = rng.choices(names, weights)[0]
        public_info = category == "Публічна інформація"
        place_code = rng.choice(SETTLEMENTS)[0] if rng.random() < 0.55 else SETTLEMENTS[0][0]
        days = rng.lognormvariate(1.6 if public_info else 2.4, 0.7)
        answered = requested + timedelta(days=days)
        closed = answered < datetime.combine(today, datetime.min.time()) and rng.random() < 0.96
        lat = lon = ""
        if place_code in places and where.random() < 0.67 and not public_info:
            lat = f"{places[place_code][0] + where.gauss(0, 0.006):.5f}"
            lon = f"{places[place_code][1] + where.gauss(0, 0.009):.5f}"
        rows.append(
            [
                f"A-{i + 1:05d}",
                category,
                "closed" if closed else "open",
                requested.strftime("%Y-%m-%dT%H:%M:%S"),
                answered.strftime("%Y-%m-%dT%H:%M:%S") if closed else "",
                (requested + timedelta(days=5 if public_info else 30)).strftime("%Y-%m-%dT%H:%M:%S"),
                "public_information" if public_info else "appeal",
                "",
                lat,
                lon,
                place_code,
                "Виконавчий комітет",
            ]
        )
    return rows


def _e_services(rng: random.Random, today: date) -> list[list[object]]:
    rows = []
    month = date(today.year - 2, 1, 1)
    step = 0
    while month <= today.replace(day=1):
        online_share = min(0.7, 0.18 + step * 0.015)
        for service in SERVICES:
            total = rng.randint(20, 90)
            online = int(total * online_share * rng.uniform(0.8, 1.1))
            diia = int(online * 0.6)
            rows += [
                [month.strftime("%Y-%m"), service, "cnap", total - online],
                [month.strftime("%Y-%m"), service, "online", online - diia],
                [month.strftime("%Y-%m"), service, "diia", diia],
            ]
        month = (month + timedelta(days=32)).replace(day=1)
        step += 1
    return rows


def participation_files(
    until: tuple[int, int], places: dict[str, tuple[float, float]] | None = None
) -> dict[str, bytes]:
    rng = random.Random("participation")
    today = date(until[0], until[1], 28)
    petitions, signatures = _petitions(rng, today)
    pb, pb_votes = _participatory_budget(rng, today)
    return {
        "participation/petitions.csv": portal_csv(
            [
                "uid",
                "kind",
                "title",
                "url",
                "text",
                "authorityName",
                "authorityId",
                "authorityCattutc",
                "startDate",
                "count",
                "creator",
                "status",
                "answerDate",
                "answerUrl",
                "answerText",
            ],
            petitions,
        ),
        "participation/petition_votings.csv": portal_csv(["motionUid", "voterName", "motionTitle", "date"], signatures),
        "participation/pb_projects.csv": portal_csv(
            [
                "uid",
                "kind",
                "type",
                "title",
                "description",
                "url",
                "text",
                "authorityName",
                "authorityId",
                "authorityCattutc",
                "count",
                "creator",
                "status",
                "decisionDate",
                "decisionUrl",
                "decisionText",
                "budgetPlan",
                "budgetFact",
                "projectResposible",
            ],
            pb,
        ),
        "participation/pb_votings.csv": portal_csv(["projectUid", "voterID", "projectTitle", "voteDate"], pb_votes),
        "participation/appeals.csv": portal_csv(
            [
                "service_request_id",
                "service_name",
                "status",
                "requested_datetime",
                "updated_datetime",
                "expected_datetime",
                "request_type",
                "address",
                "lat",
                "long",
                "settlement_katottg",
                "agency_responsible",
            ],
            _appeals(rng, today, places or {}),
        ),
        "participation/e_services.csv": portal_csv(["month", "service", "channel", "count"], _e_services(rng, today)),
    }
