"""Names of the budget classifications' upper levels, which the exports do not carry.

Exports name each published code, but a treemap or a resident's summary needs the groups above
them: income classes and groups (ККДБ), economic groups (КЕКВ), functional divisions (ФКВК).
The lists follow the Ministry of Finance's classifications; English names are ours.
"""

from __future__ import annotations

# Income: the first digit is the class.
INCOME_CLASSES = {
    "1": ("Податкові надходження", "Tax revenues"),
    "2": ("Неподаткові надходження", "Non-tax revenues"),
    "3": ("Доходи від операцій з капіталом", "Capital revenues"),
    "4": ("Офіційні трансферти", "Transfers from other budgets"),
    "5": ("Цільові фонди", "Target funds"),
}

# Income: the first four digits are the group.
INCOME_GROUPS = {
    "1101": ("Податок на доходи фізичних осіб", "Personal income tax"),
    "1102": ("Податок на прибуток підприємств", "Corporate profit tax"),
    "1301": ("Рентна плата за лісові ресурси", "Forest resources rent"),
    "1302": ("Рентна плата за воду", "Water use rent"),
    "1303": ("Рентна плата за надра", "Subsoil use rent"),
    "1402": ("Акциз з вироблених в Україні товарів", "Excise on domestic goods"),
    "1403": ("Акциз з ввезених товарів", "Excise on imported goods"),
    "1404": ("Акциз з роздрібної торгівлі", "Excise on retail sales"),
    "1801": ("Податок на майно (нерухомість і земля)", "Property tax (real estate and land)"),
    "1802": ("Туристичний збір", "Tourist tax"),
    "1803": ("Збір за місця для паркування", "Parking fee"),
    "1805": ("Єдиний податок", "Single tax (small business)"),
    "1901": ("Екологічний податок", "Environmental tax"),
    "2101": ("Частина чистого прибутку комунальних підприємств", "Municipal enterprises' profit share"),
    "2105": ("Плата за розміщення вільних коштів", "Interest on budget deposits"),
    "2108": ("Штрафи та інші надходження", "Fines and other receipts"),
    "2201": ("Адміністративні послуги", "Administrative services fees"),
    "2208": ("Оренда комунального майна", "Rent of municipal property"),
    "2209": ("Державне мито", "State duty"),
    "2401": ("Інші неподаткові надходження", "Other non-tax receipts"),
    "2406": ("Інші надходження", "Other receipts"),
    "2501": ("Власні надходження бюджетних установ", "Budget institutions' own receipts"),
    "2502": ("Благодійні внески, гранти та дарунки", "Donations and grants"),
    "3101": ("Продаж основного капіталу", "Sale of fixed capital"),
    "3301": ("Продаж землі", "Sale of land"),
    "4102": ("Дотації з державного бюджету", "Grants from the state budget"),
    "4103": ("Субвенції з державного бюджету", "Subventions from the state budget"),
    "4104": ("Дотації з місцевих бюджетів", "Grants from other local budgets"),
    "4105": ("Субвенції з місцевих бюджетів", "Subventions from other local budgets"),
    "4202": ("Гранти від міжнародних організацій", "Grants from international organisations"),
}

# Economic: groups of current (2xxx) and capital (3xxx) spending.
ECONOMIC_GROUPS = {
    "21": ("Оплата праці і нарахування", "Salaries and payroll taxes"),
    "22": ("Товари і послуги", "Goods and services"),
    "227": ("Комунальні послуги та енергоносії", "Utilities and energy"),
    "23": ("Обслуговування боргу", "Debt service"),
    "24": ("Обслуговування боргу", "Debt service"),
    "26": ("Поточні трансферти", "Current transfers"),
    "27": ("Соціальне забезпечення", "Social security"),
    "28": ("Інші поточні видатки", "Other current spending"),
    "31": ("Придбання основного капіталу", "Capital purchases and works"),
    "32": ("Капітальні трансферти", "Capital transfers"),
    "90": ("Нерозподілені видатки", "Unallocated spending"),
}

# Functional: the first two digits are the division.
FUNCTIONAL_DIVISIONS = {
    "01": ("Державне управління", "Public administration"),
    "02": ("Оборона", "Defence"),
    "03": ("Громадський порядок і безпека", "Public order and safety"),
    "04": (
        "Економічна діяльність (дороги, транспорт, сільське господарство)",
        "Economic affairs (roads, transport, agriculture)",
    ),
    "05": ("Охорона навколишнього середовища", "Environmental protection"),
    "06": ("Житлово-комунальне господарство", "Housing and communal services"),
    "07": ("Охорона здоров'я", "Health"),
    "08": ("Культура і спорт", "Culture and sport"),
    "09": ("Освіта", "Education"),
    "10": ("Соціальний захист", "Social protection"),
}


def _pick(names: tuple[str, str] | None, lang: str, fallback: str) -> str:
    if names is None:
        return fallback
    return names[1] if lang == "en" else names[0]


def income_class(code: str, lang: str) -> str:
    return _pick(INCOME_CLASSES.get(code[:1]), lang, code[:1])


def income_group(code: str, lang: str) -> str:
    return _pick(INCOME_GROUPS.get(code[:4]), lang, code[:4])


def economic_group(code: str, lang: str) -> str:
    names = ECONOMIC_GROUPS.get(code[:3]) or ECONOMIC_GROUPS.get(code[:2])
    return _pick(names, lang, code[:2])


def functional_division(code: str, lang: str) -> str:
    return _pick(FUNCTIONAL_DIVISIONS.get(code[:2]), lang, code[:2])
