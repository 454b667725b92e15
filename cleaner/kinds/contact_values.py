"""What contact data looks like: phone numbers, e-mail and web addresses,
postcodes, addresses, messenger accounts, opening hours.

The shapes `contact-block` tells a field line by, whatever its label says;
all match folded text (`cleaner.text.fold`).
"""

from __future__ import annotations

import regex

PHONE = regex.compile(r"(?:\+?\d[\d\s\-－—–()（）]{5,}\d)")
EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = regex.compile(r"(?:https?://|www\.)\S+")
POSTCODE = regex.compile(r"^\d{6}$")
LEAD = regex.compile(r"^[\s\p{P}\p{S}]{0,4}")
# 9:00-18:00, 上午8:30至下午5:30, 早上 9:00~ 晚上 11:00
HOURS = regex.compile(r"\d{1,2}[:：]\d{2}\s*(?:am|pm)?\s*[-–—~～至到]\s*(?:\p{Han}{1,3}\s*)?\d{1,2}[:：]\d{2}")
# any short label, then a value: the value, not the label's wording, says it is contact data
ANY_LABEL = regex.compile(
    r"^((?:\d{1,3})?[\p{L}()（）/][\p{L}()（）/ ]{0,11}?)\s*(?:[:：]\s*|\s+|(?=[+(（]?\d))(\S.{0,58})$"
)
PHONES = regex.compile(r"^(?:\+?\d[\d\s\-()（）]{5,}\d)(?:\s*[/、,，或]\s*\+?\d[\d\s\-()（）]{5,}\d)*$")
NUMBER_SEP = regex.compile(r"[/、,，或]")
PERSON = r"\p{Han}(?:经理|先生|小姐|女士|老师|总|工)"  # 林经理, 张先生, 李工: how a contact is named
VALUE_NAME = regex.compile(rf"^(?:\p{{Han}}{{0,4}}{PERSON}|\p{{Han}}{{1,6}}\s+)\s*(?=[+(（\d])")
# a name after the number (林经理), or a note on reaching it: （同微信）, （9:00-21:00）, （请注明来意）
VALUE_NOTE = regex.compile(
    rf"(?:\s*{PERSON}|\s+\p{{Han}}{{2,3}}|\s*[(（](?=[^()（）]*(?:微信|同号|转|注明|\d))[^()（）]{{1,12}}[)）])+$"
)
VALUE_MESSENGER = regex.compile(r"^(?:微信|wechat|qq|line|whatsapp|telegram|skype)(?:号|id)?\s*[:：]?\s*")
QQ_ID = regex.compile(r"(?:qq|微信|wechat|line|whatsapp|skype|msn|telegram)(?:号|号码|id)?$")
MESSENGER_ACCOUNT = regex.compile(r"^(?:\d{5,12}|@?[a-z][\w.\-]{3,30})$")
DATE_VALUE = regex.compile(r"^(?:19|20)\d\d\s*[-/.年]|^\d{1,4}\s*[-/.]\s*(?:19|20)\d\d\b|(?:19|20)\d\d-\d\d-\d\d")
COLON = regex.compile(r"^\s*[:：]?\s*")
# an address line: ends like an address, names a place, and has a number
ADDRESS = regex.compile(
    r"^(?!.*(?:位于|举行|举办|参观|组织|开展|召开|前往|来到|走进|考察|调研|成立))"  # a sentence about a place
    r"(?=.*(?:省|市|区|县|镇|乡|路|街|道|巷|弄|村|大厦|信箱))(?=.*\d)"
    r"[\p{Han}\d\s·.•\-()（）a-z#,，/]{2,60}(?:号|室|楼|层|座|栋|单元|大厦|广场|房|区|铺)$"
)
# a Japanese address: prefecture, city or ward, block numbers (大阪府大阪市北区梅田1-2-3)
JP_ADDRESS = regex.compile(
    r"^\p{Han}{2,3}[都道府县県]\p{Han}{1,6}?[市区町村郡][^\s，。,;；!?！？]{0,40}\d(?:[-−]\d+)*$"
)
PO_BOX = regex.compile(r"^p\.?\s?o\.?\s?box\s*\d+")
ORG = regex.compile(
    r"(?:公司|集团|中心|事务所|工作室|协会|学会|医院|学校|商行|门市部|办事处|委员会|研究院|研究所|学院|大学|银行"
    r"|署|局|处|厂|co\.?,?\s*ltd\.?|limited|inc\.?)$"
)
# an address glued to its label: starts with a place, holds a road or building and a number
GLUED_ADDRESS = regex.compile(
    r"^\p{Han}{1,10}?(?:省|市|区|县|州)"
    r"(?=.*\d)(?=.*(?:路|街|道|巷|弄|号|楼|大厦|室|村))[^，。,;；!?！？]{2,80}$"
)
VERB = regex.compile(r"^(?:位于|在|是|为|迁|设|已|变|搬|仍|将)")  # 公司地址位于…: a sentence, not a field
GLOSS = regex.compile(r"\([a-z]{1,6}\)")  # (dong): a pinyin gloss left in the text
# a numbered list entry: 【1】中西区, 1. …, (2) …, ③ …, 四、…
ENTRY = regex.compile(
    r"^\s*(?:【\d{1,3}】|\[\d{1,3}\]|[(（]\d{1,3}[)）]|\d{1,3}[.、)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*\S"
)
MESSENGERS = regex.compile(r"\b(?:whatsapp|telegram|skype|wechat|line|viber|kakao(?:talk)?)\b|카카오톡|微信|qq")
MESSENGER_ID = regex.compile(r"[:：]\s*(?:\+?[\d\s\-]{5,}|@?[a-z][\w.\-]{3,30})\s*$")
# WhatsApp / Line / Telegram … take a number or an id, never a sentence
LATIN_MESSENGER = regex.compile(r"^(?:whatsapp|telegram|skype|line|viber|kakao(?:talk)?)\b")
MESSENGER_VALUE = regex.compile(r"^(?:\+?[\d\s\-()]{5,}|@?[a-z][\w.\-]{3,30})$")
DATA_HINT = regex.compile(r"\d|@|www|http")
HIDDEN_MAIL = "[email protected]"  # Cloudflare's stand-in for an address it hides
POSTMARK = regex.compile(r"^〒\s*\d{3}-?\d{4}")
LABEL_SUFFIX = regex.compile(r"^[\p{Han}()（）/]{1,6}[:：]\s*")  # 電話預約：, 手机(微信同号)：
LABEL_PREFIX = regex.compile(r"^\p{Han}{1,4}$")  # 全国免费服务热线, 本店电话
PUNCT_ONLY = regex.compile(r"^[\p{P}\p{S}\s]+$")
LABEL_SEP = regex.compile(r"^[\s/|、,,·•]*$")
PHONE_START = regex.compile(r"^[\s(（+]*\d")
BODY_PUNCT = regex.compile(r"[。，,!?！？；;]")
SENTENCE_STOP = regex.compile(r"[。！？!?]|\.(?:\s|$)")
CLAUSE = regex.compile(r"[，,；;、]")
ADDRESS_STOP = regex.compile(r"[，。,;；!?！？]")
HOURS_STOP = regex.compile(r"[，。;；!?！？]")
END_STOP = regex.compile(r"[。！？!?]$")
LABEL_END = regex.compile(r"[:：]")
DIGIT = regex.compile(r"\d")
NUMBER_GROUP = regex.compile(r"\d+")


def by_value(line: str) -> str | None:
    """A field under a label no list holds (订房专线, 旅游咨询, MSN …), told by its value:
    phone numbers, an e-mail or web address, a messenger account, opening hours;
    a short labelled line of other data (网站名称: 某某旅行社) can only join a block."""
    m = ANY_LABEL.match(line)
    if m is None or SENTENCE_STOP.search(line):
        return None
    label, value = m.group(1).strip(), m.group(2).strip()
    if not label or label.isdigit():
        return None
    value = bare_value(value)
    messenger = VALUE_MESSENGER.match(value)  # 微信 xiaochu_ameow: the messenger named in the value
    if messenger and MESSENGER_ACCOUNT.match(value[messenger.end() :].strip()):
        return "messenger"
    if PHONES.match(value) and not DATE_VALUE.search(value) and not counts_or_years(value):
        # 8 to 13 digits a number: not a date, a standard's number or a bank account
        if all(8 <= digits(n) <= 13 for n in NUMBER_SEP.split(value)):
            return "phone"
    if EMAIL.fullmatch(value) or value == HIDDEN_MAIL:
        return "e-mail"
    if URL.fullmatch(value):
        return "web address"
    if QQ_ID.search(label) and MESSENGER_ACCOUNT.match(value):
        return "messenger"
    if HOURS.search(value) and not HOURS_STOP.search(value):
        return "hours"
    if LABEL_END.search(line) and len(label) <= 6 and len(value) <= 40 and not CLAUSE.search(value):
        return "labelled"
    return None


def bare_value(value: str) -> str:
    """The value without a person or a note around its number: 农技站李工 189…（同微信）,
    0933-026-859 林经理 (the value itself when nothing is left)."""
    return VALUE_NOTE.sub("", VALUE_NAME.sub("", value)) or value


def counts_or_years(value: str) -> bool:
    """Numbers that only look like a phone: a row of counts (``30 21 5 4 68``, a league
    table) or a span of years (``1127-1279``, a dynasty)."""
    groups = NUMBER_GROUP.findall(value)
    if not value.lstrip().startswith("+") and len(groups) >= 4 and sum(len(g) <= 2 for g in groups) >= 2:
        return True  # a phone's groups are 3 or 4 digits long, a country or area code aside
    if len(groups) == 2 and all(len(g) == 4 and g[0] != "0" for g in groups):
        return 1000 <= int(groups[0]) < int(groups[1]) <= 2100
    return False


def mail(text: str) -> bool:
    """An @, or the placeholder a mail-obfuscating proxy leaves in scraped pages."""
    return "@" in text or HIDDEN_MAIL in text


def address(value: str) -> bool:
    return ADDRESS.match(value) is not None or JP_ADDRESS.match(value) is not None


def digits(text: str) -> int:
    """How many characters of ``text`` are digits (``str.isdigit``)."""
    return sum(map(str.isdigit, text))
