"""The words that decide whether tagged words are a person's name: tags a given name may
carry, what may not end a name, titles and kin words after one, measure words, verbs of
speech and the words that make a name part of a thing's or a body's name."""

from __future__ import annotations

import re

GIVEN_TAGS = frozenset(("n", "nr", "nrt", "nrfg", "ng", "a", "nz", "t", "ns", "b", "j", "an"))
HAN = re.compile("[\u4e00-\u9fff]+")
NOT_NAME_END = set(
    "性化值率者家们型式界业区市县省州路街村镇乡山河湖江海港站队部局委厂店馆楼门主尖科雨杯书证台官传原阁宫院所乐朝籍"
)
NAME_SUFFIXES = ("理论", "思想", "同志", "主席", "总理", "先生", "女士", "时代", "故居", "夫人", "纪念馆")
PLACE_NEXT = set("村乡镇县路街巷里庄屯寨沟湾河")
MEASURES = frozenset("张条位名项件支门只座")
COUNTING = frozenset("这那哪每几一二两三四五六七八九十百千万")
JOINS = frozenset(("和", "与", "及", "同", "、"))
PLACE_WORDS = frozenset(("小镇", "小城", "城市", "地区", "山区", "一带", "附近", "境内", "郊区", "市区", "当地"))
LONG_FOREIGN = 4  # transliteration letters in a dictionary word that is a foreign name without context
MAX_NAME_FREQ = 1000  # a two-character dictionary word seen more often is a word (卫星, 明白), not a name
TITLE_TAILS = frozenset(
    [
        "先生",
        "小姐",
        "女士",
        "老师",
        "师傅",
        "老",
        "某",
        "家",
        "氏",
        "总",
        "大爷",
        "大妈",
        "阿姨",
        "书记",
        "主任",
        "局长",
        "县长",
        "市长",
        "省长",
        "部长",
        *("大娘", "大婶", "大嫂", "大姐", "大哥", "大叔", "大伯", "奶奶", "爷爷", "婆婆", "老汉", "老伯", "伯伯"),
        *("叔叔", "嫂", "姐", "哥", "叔", "婶", "伯", "妈", "爷", "婆", "姨", "嫂子", "老太", "老太太"),
    ]
)
NEVER_GIVEN = set("而的了着们吗呢吧但被把或")  # particles and conjunctions: 广而博 is no name
# Rare surnames that are first of all common function words (就连金融家, 向学昭女士, 管起了):
# a name starting with one needs a title or a list beside it.
FUNCTION_SURNAMES = set("连向管付解从能通都相后别充满空国文广东全成时应益养公将把")
BODY_END = frozenset("县省市州区村镇乡报社")  # 伍德县法官, 光明日报总编辑: a place or paper before a title
SPEECH = frozenset(("说", "表示", "指出", "认为", "强调", "介绍", "透露", "宣布", "回忆", "告诉"))
ASPECT = frozenset(("了", "着", "过"))
# Things named after someone or somewhere (厄尔尼诺现象, 布雷顿森林体系, 切尔诺贝利核电站)
EPONYMS = (
    "现象",
    "事件",
    "效应",
    "体系",
    "公约",
    "条约",
    "协定",
    "定律",
    "方程",
    "核电站",
    "电站",
    "机组",
    "山脉",
    "大街",
)
PLACE_AFTER = frozenset(("省", "州", "县", "市", "区", "大区", "岛", "港", "湾", "河", "城", "地区"))
BODY_AFTER = ("公司", "集团", "药业", "汽车", "牌", "银行", "航空", "商店", "饭店", "酒店", "宾馆", *EPONYMS)
THING_MEASURES = frozenset("部辆台架只条件种瓶盒包袋块枚颗粒片亩吨斤克")
GLUED_TAIL = set("说是去在和等对向把被也都就还又将以过籍猜人")
VERBS = frozenset(
    [
        "说",
        "表示",
        "指出",
        "认为",
        "强调",
        "介绍",
        "告诉",
        "宣布",
        "会见",
        "会晤",
        "主持",
        "出席",
        "致辞",
        "回忆",
        "透露",
        "笑",
        "问",
        "答",
        "等人",
        "一行",
    ]
)
