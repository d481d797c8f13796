"""Chinese demo customers made with Faker's zh_CN locale from a fixed seed.

Faker's `company()` repeats after a few hundred calls: Faker 40.54.0 gave
323 distinct names in 2,000 calls with seed 20261204. A name is therefore
built from a real city, a Faker company prefix, a trade and a legal form, and
drawn again on a collision.
Faker's own addresses name invented cities, so the province and city come
from the table below and only the street comes from Faker.
"""

from __future__ import annotations

import dataclasses
import random

from faker import Faker

# Sales region code -> (region name, department code, provinces with real cities).
REGIONS: dict[str, tuple[str, str, dict[str, tuple[str, ...]]]] = {
    "EC": ("华东", "EAST", {
        "上海市": ("上海市",),
        "江苏省": ("南京市", "苏州市", "无锡市", "南通市", "常州市", "扬州市"),
        "浙江省": ("杭州市", "宁波市", "温州市", "嘉兴市", "绍兴市", "金华市"),
        "安徽省": ("合肥市", "芜湖市", "蚌埠市"),
        "山东省": ("济南市", "青岛市", "烟台市", "潍坊市"),
        "福建省": ("福州市", "厦门市", "泉州市"),
    }),
    "NC": ("华北", "EAST", {
        "北京市": ("北京市",),
        "天津市": ("天津市",),
        "河北省": ("石家庄市", "唐山市", "保定市"),
    }),
    "SC": ("华南", "SOUTH", {
        "广东省": ("广州市", "深圳市", "东莞市", "佛山市", "珠海市", "中山市", "汕头市"),
        "广西壮族自治区": ("南宁市", "柳州市", "桂林市"),
        "海南省": ("海口市", "三亚市"),
    }),
    "CC": ("华中", "SOUTH", {
        "湖南省": ("长沙市", "株洲市", "岳阳市"),
        "湖北省": ("武汉市", "宜昌市", "襄阳市"),
        "河南省": ("郑州市", "洛阳市"),
    }),
    "SW": ("西南", "SOUTH", {
        "四川省": ("成都市", "绵阳市"),
        "重庆市": ("重庆市",),
        "云南省": ("昆明市", "大理市"),
        "贵州省": ("贵阳市", "遵义市"),
    }),
}
REGION_WEIGHTS = {"EC": 40, "NC": 12, "SC": 28, "CC": 11, "SW": 9}

TRADES = ("商贸", "贸易", "食品", "百货", "超市", "副食品", "餐饮管理", "供应链", "酒业", "日用品", "便利店", "粮油")
LEGAL_FORMS = ("有限公司", "有限责任公司", "商行", "经营部", "股份有限公司")

# Customer category code -> weight among the Chinese customers.
CATEGORY_WEIGHTS = {"WHOLESALE": 45, "RETAIL": 30, "CATERING": 15, "KEY": 10}

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclasses.dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    title: str
    is_primary: bool


@dataclasses.dataclass(frozen=True)
class Address:
    label: str
    recipient: str
    phone: str
    province: str
    city: str
    street: str
    is_default: bool

    @property
    def text(self) -> str:
        city = "" if self.city == self.province else self.city
        return f"{self.province}{city}{self.street}"


@dataclasses.dataclass(frozen=True)
class ChineseCustomer:
    code: str
    name: str
    region_code: str
    department_code: str
    category_code: str
    phone: str
    uscc: str | None
    contacts: tuple[Contact, ...]
    addresses: tuple[Address, ...]


def organization_code(rng: random.Random) -> str:
    """Return a 9-character organisation code (8 digits and its check character)."""
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, ORG_CODE_WEIGHTS)) % 11
    check_char = {10: "X", 11: "0"}.get(check, str(check))
    return "".join(str(d) for d in digits) + check_char


def make_uscc(rng: random.Random) -> str:
    """Return a unified social credit code with valid check characters.

    Layout: authority "9" (industry and commerce), type "1" (enterprise),
    6-digit division code, 9-character organisation code, check character.
    """
    division = f"{rng.choice((31, 32, 33, 44, 11, 42, 51)):02d}{rng.randrange(100, 10000):04d}"
    body = "91" + division + organization_code(rng)
    total = sum(USCC_CHARSET.index(char) * weight for char, weight in zip(body, USCC_WEIGHTS))
    check = (31 - total % 31) % 31
    return body + USCC_CHARSET[check]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


class _UniquePhones:
    def __init__(self, faker: Faker) -> None:
        self.faker = faker
        self.seen: set[str] = set()

    def next(self) -> str:
        while True:
            phone = self.faker.phone_number()
            if phone not in self.seen:
                self.seen.add(phone)
                return phone


def generate_customers(count: int, seed: int) -> list[ChineseCustomer]:
    """Return `count` customers with unique names and phones, the same for the same seed."""
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    rng = random.Random(f"customers-{seed}")
    phones = _UniquePhones(faker)
    names: set[str] = set()
    customers = []
    for index in range(count):
        region_code = _weighted(rng, REGION_WEIGHTS)
        _, department_code, provinces = REGIONS[region_code]
        province = rng.choice(sorted(provinces))
        city = rng.choice(provinces[province])
        while True:
            name = f"{city.removesuffix('市')}{faker.company_prefix()}{rng.choice(TRADES)}{rng.choice(LEGAL_FORMS)}"
            if name not in names:
                names.add(name)
                break
        contacts = []
        for position in range(rng.choices((1, 2, 3), weights=(55, 35, 10))[0]):
            contacts.append(
                Contact(
                    name=faker.name(),
                    phone=phones.next(),
                    title=("老板", "采购", "财务", "店长")[position if position else rng.choice((0, 1))],
                    is_primary=position == 0,
                )
            )
        addresses = []
        for position in range(rng.choices((1, 2), weights=(75, 25))[0]):
            recipient = contacts[min(position, len(contacts) - 1)]
            addresses.append(
                Address(
                    label=("总店", "仓库", "分店")[position],
                    recipient=recipient.name,
                    phone=recipient.phone,
                    province=province,
                    city=city,
                    street=f"{faker.street_name()}{rng.randrange(1, 999)}号",
                    is_default=position == 0,
                )
            )
        customers.append(
            ChineseCustomer(
                code=f"C{index + 1:05d}",
                name=name,
                region_code=region_code,
                department_code=department_code,
                category_code=_weighted(rng, CATEGORY_WEIGHTS),
                phone=contacts[0].phone,
                uscc=make_uscc(rng) if rng.random() < 0.6 else None,
                contacts=tuple(contacts),
                addresses=tuple(addresses),
            )
        )
    return customers
