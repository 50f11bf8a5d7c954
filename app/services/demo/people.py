"""Demo suppliers and members: Chinese company names, people's names, phones, addresses.

Everything comes from the seeded `random.Random` given by the caller. Member phones and
card numbers are unique by construction (a seeded permutation of the number space), so no
set of a million strings is ever held.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterator

from app.services.demo.codes import coprime_multiplier

# Surnames in rough order of frequency; weights fall off with rank.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
            "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
            "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAME_WEIGHTS = tuple(1.0 / (rank + 4) for rank in range(len(SURNAMES)))
MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳晨亮成东志文建国峰海斌嘉睿博"
FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲婷雪慧莹晶颖倩琳洁欣怡佳悦璐蕾薇梅兰红萍丹妍曦雨涵琪瑶婧"
GIVEN_NAMES = ("子涵 欣怡 梓涵 晨曦 浩然 宇轩 俊杰 思远 雨欣 佳怡 一诺 子轩 皓轩 诗涵 梓萱 建华 建国 "
               "秀英 桂英 玉兰 志强 海燕 丽娟 文博 明轩 雅琪 佳琪 梦瑶 天佑 家豪 国庆 红梅 春燕 "
               "晓明 晓东 丽华 淑珍 美玲 振华 立新").split()

# City, area code, districts.
CITIES = tuple((c, a, tuple(d.split(","))) for c, a, d in (
    ("上海", "021", "浦东新区,闵行区,嘉定区,宝山区"), ("北京", "010", "朝阳区,丰台区,大兴区,通州区"),
    ("广州", "020", "白云区,天河区,番禺区"), ("深圳", "0755", "宝安区,龙岗区,南山区"),
    ("杭州", "0571", "余杭区,萧山区,拱墅区"), ("成都", "028", "武侯区,成华区,新都区"),
    ("武汉", "027", "江汉区,洪山区,东西湖区"), ("郑州", "0371", "金水区,中原区,管城回族区"),
    ("济南", "0531", "历下区,天桥区,槐荫区"), ("青岛", "0532", "李沧区,城阳区,黄岛区"),
    ("南京", "025", "江宁区,栖霞区,鼓楼区"), ("苏州", "0512", "吴中区,相城区,工业园区"),
    ("厦门", "0592", "湖里区,集美区,思明区"), ("长沙", "0731", "雨花区,岳麓区,开福区"),
    ("西安", "029", "雁塔区,未央区,长安区"), ("天津", "022", "西青区,东丽区,北辰区"),
    ("重庆", "023", "渝北区,九龙坡区,沙坪坝区"), ("合肥", "0551", "蜀山区,包河区,瑶海区"),
    ("福州", "0591", "仓山区,晋安区,鼓楼区"), ("昆明", "0871", "官渡区,五华区,盘龙区"),
    ("沈阳", "024", "铁西区,皇姑区,浑南区"), ("哈尔滨", "0451", "南岗区,道里区,香坊区"),
    ("石家庄", "0311", "长安区,裕华区,桥西区"), ("南昌", "0791", "青山湖区,红谷滩区,西湖区"),
    ("南宁", "0771", "青秀区,西乡塘区,江南区"), ("佛山", "0757", "南海区,顺德区,禅城区"),
    ("东莞", "0769", "南城街道,长安镇,虎门镇"), ("宁波", "0574", "鄞州区,海曙区,北仑区"),
    ("无锡", "0510", "滨湖区,梁溪区,新吴区"), ("温州", "0577", "鹿城区,瓯海区,龙湾区"),
    ("泉州", "0595", "丰泽区,鲤城区,晋江市"), ("贵阳", "0851", "南明区,云岩区,观山湖区"),
    ("太原", "0351", "小店区,迎泽区,万柏林区"), ("兰州", "0931", "城关区,七里河区,安宁区"),
    ("乌鲁木齐", "0991", "天山区,沙依巴克区,新市区"), ("呼和浩特", "0471", "新城区,赛罕区,回民区"),
    ("大连", "0411", "甘井子区,沙河口区,金州区"), ("烟台", "0535", "芝罘区,莱山区,福山区"),
    ("潍坊", "0536", "奎文区,潍城区,寿光市"), ("徐州", "0516", "云龙区,鼓楼区,泉山区"),
))
TRADE_NAMES = ("鑫源 恒达 华联 金盛 永兴 瑞丰 宏图 嘉禾 盛世 天润 佳美 联华 百川 汇通 鼎盛 富华 新隆 信达 "
               "和顺 泰和 荣昌 顺发 万家 德隆 同福 广源 利民 兴旺 龙腾 宝丰 正泰 金穗 绿源 康达 优品 "
               "乐购 天天 四季 丰收 福满 诚信 东方 海悦 锦绣 祥和 众鑫 久盛 合力 新希 永辉 明达 惠民 "
               "佳禾 安泰 隆鑫 华润 星辰 远航 中盛 春晖").split()
ROADS = ("人民路 解放路 中山路 建设路 和平路 工业大道 科技路 新华路 长江路 黄河路 滨江路 友谊路 "
         "文化路 胜利路 光明路 复兴路 朝阳路 迎宾大道 物流园路 商贸城路").split()
MOBILE_PREFIXES = ("130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
                   "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 195 198 "
                   "199 147").split()
LEVELS = (("普通会员", 62, 0, 2000), ("银卡会员", 23, 1000, 8000), ("金卡会员", 12, 5000, 30000),
          ("钻石会员", 3, 20000, 120000))
TAGS = ("学生 夜猫子 宝妈 附近小区 上班族 老顾客 烟酒客 早餐客 周末客 团购 外卖 企业采购 健身 "
        "养宠物 老人 夜班司机").split()


def person_name(rng: random.Random) -> str:
    surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
    roll = rng.random()
    if roll < 0.35:
        return surname + rng.choice(GIVEN_NAMES)
    chars = MALE_CHARS if roll < 0.68 else FEMALE_CHARS
    if rng.random() < 0.3:
        return surname + rng.choice(chars)
    return surname + rng.choice(chars) + rng.choice(chars)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


# ---- suppliers ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SupplierRow:
    code: str
    name: str
    contact: str
    phone: str
    address: str
    group: int  # index of the category group it mainly supplies


def supplier_count(products: int) -> int:
    return min(2000, max(20, products // 100))


def suppliers(rng: random.Random, count: int,
              groups: list[tuple[float, tuple[str, ...]]]) -> list[SupplierRow]:
    """`groups`: (weight, supplier kinds) per category group; weight 0 gets no supplier."""
    places = len(CITIES) * len(TRADE_NAMES)
    a, b = coprime_multiplier(rng, places), rng.randrange(places)
    active = [i for i, (w, _) in enumerate(groups) if w > 0]
    weights = [groups[i][0] for i in active]
    rows = []
    for n in range(count):
        city, area, districts = CITIES[((a * n + b) % places) // len(TRADE_NAMES)]
        trade = TRADE_NAMES[((a * n + b) % places) % len(TRADE_NAMES)]
        group = active[n] if n < len(active) else rng.choices(active, weights)[0]
        kind = rng.choice(groups[group][1])
        roll = rng.random()
        if roll < 0.08:
            name = f"{trade}{kind}（中国）有限公司"
        elif roll < 0.18:
            name = f"{city}{trade}{kind}商行"
        else:
            name = f"{city}{trade}{kind}有限公司"
        contact = person_name(rng)
        if rng.random() < 0.3:
            contact = contact[0] + rng.choice(("经理", "总", "主管"))
        phone = (f"{area}-{rng.randrange(2, 9)}{rng.randrange(10**7):07d}"
                 if rng.random() < 0.55 else mobile(rng))
        address = (f"{city}市{rng.choice(districts)}{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
                   + (f"{rng.randrange(1, 12)}栋" if rng.random() < 0.3 else ""))
        rows.append(SupplierRow(f"G{n + 1:05d}", name, contact, phone, address, group))
    return rows


# ---- members -----------------------------------------------------------------------------

MEMBER_COLUMNS = ("id", "code", "name", "phone", "card_no", "level", "tags", "points",
                  "birthday", "created_at")


def member_count(products: int) -> int:
    return min(200_000, max(50, products // 10))


def members(rng: random.Random, first_id: int, count: int,
            now: datetime) -> Iterator[tuple[object, ...]]:
    """Rows in MEMBER_COLUMNS order; birthday and created_at as date/datetime."""
    phone_space = len(MOBILE_PREFIXES) * 10**8
    pa, pb = coprime_multiplier(rng, phone_space), rng.randrange(phone_space)
    card_space = 10**11
    ca, cb = coprime_multiplier(rng, card_space), rng.randrange(card_space)
    level_weights = [w for _, w, _, _ in LEVELS]
    for n in range(count):
        prefix, rest = divmod((pa * n + pb) % phone_space, 10**8)
        phone = f"{MOBILE_PREFIXES[prefix]}{rest:08d}"
        card = f"8{(ca * n + cb) % card_space:011d}" if rng.random() < 0.8 else None
        name = person_name(rng)
        if rng.random() < 0.08:
            name = name[0] + rng.choice(("先生", "女士"))
        level, _, lo, hi = rng.choices(LEVELS, level_weights)[0]
        tags = ",".join(rng.sample(TAGS, rng.choices((0, 1, 2, 3), (35, 40, 20, 5))[0]))
        birthday = None
        if rng.random() < 0.85:
            year = int(rng.triangular(1950, 2008, 1988))
            birthday = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        joined = now - timedelta(days=rng.randrange(1, 3 * 365), seconds=rng.randrange(86_400))
        yield (first_id + n, f"M{n + 1:06d}", name, phone, card, level, tags,
               rng.randrange(lo, hi), birthday, joined)
