"""Remove the site's contact block: a heading and the contact-field lines under it.

A *field line* starts with a contact label from the ``fields`` word list
(地址, 电话, 手机, 传真, 邮编, 邮箱, QQ, 微信, 联系人, Tel, Address, …; labels are
matched on folded text, so ``電 話`` and ``聯絡人`` count) followed by a value
of the right shape (a phone field needs digits, a mail field an ``@``), or is a
bare phone number, e-mail, web address, postcode, or an address line
(``中國 · 天津市河西區南京路35號亞太大廈1403室``).  A *heading* is a short line
made of an entry of the ``headings`` list (联系方式, 联系我们, Contact us, …).

Removed: a heading followed (blank and separator lines aside) by at least
one field line, together with those field lines and the organisation name
lines among them (``某某有限公司``), stopping at the first line that is not a
field; a line holding two or more labelled fields is a block by itself;
opening hours alone are not a block; a line of labels alone (``電話 Tel``)
or a label with nothing after its colon (``免費咨詢熱線:``) is a field whose
value follows; a messenger field (WhatsApp, Line, Telegram, Skype, 微信, QQ …)
with its id is a block by itself; and a run of ``min_run`` or more field
lines without a heading.  A *note* line made of the ``notes`` word list
(``(주말, 공휴일 휴무 / 수신자부담)``, ``定休日:日曜・祝日``, 节假日休息) joins a
block but never starts or makes one.  An address label glued to its value
(``公司地址山東濟南市…路1567號``) is a field.  Field lines right under a
numbered list entry (``【2】東區``, ``3. 某某门诊部``) are a directory the
article lists, and stay.  A phone number or an address inside an article sentence is not a field line, so it
stays.  A label no list holds (订房专线, 旅游咨询, MSN, 销售经理 王先生 QQ) makes a
field when its *value* is contact data: phone numbers (8 to 13 digits each,
not a date, a standard's number or a bank account), an e-mail or web address,
a messenger account, opening hours (``上午8:30至下午5:30``); under a heading,
other short labelled lines (网站名称: …) join the block, and a short line right
above a headless block is taken as its heading whatever it says (服务资讯).
Removed text is stored redacted in the audit by default (digits masked).

Options:
  headings, fields (word-list paths, required)
  notes (word-list paths, []): hours, holiday and toll-free phrases
  min_run (int, 2): field lines needed without a heading
  max_field_chars (int, 120): longer lines are never field lines
  max_heading_chars (int, 24)
  body_min_chars (int, 25): a line this long with sentence punctuation is
    article body; a lone phone/e-mail/address line above the first or below
    the last body line is the site's header or footer contact and goes too.
A contact field glued after a line's last stop or a wide space (``…运行安全可靠。
欢迎来电咨询：13906868213 张经理``) is cut, the text before it kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import regex

from cleaner.kinds.base import FILES, Kind
from cleaner.kinds.contact_values import (
    ADDRESS_STOP,
    CLAUSE,
    COLON,
    DATA_HINT,
    DATE_VALUE,
    DIGIT,
    EMAIL,
    END_STOP,
    ENTRY,
    GLOSS,
    GLUED_ADDRESS,
    HIDDEN_MAIL,
    HOURS,
    HOURS_STOP,
    LABEL_END,
    LABEL_PREFIX,
    LABEL_SEP,
    LABEL_SUFFIX,
    LATIN_MESSENGER,
    LEAD,
    MESSENGER_ID,
    MESSENGER_VALUE,
    MESSENGERS,
    ORG,
    PHONE,
    PHONE_START,
    PO_BOX,
    POSTCODE,
    POSTMARK,
    PUNCT_ONLY,
    SENTENCE_STOP,
    URL,
    VERB,
    address,
    bare_value,
    by_value,
    counts_or_years,
    digits,
    mail,
)
from cleaner.model import DocContext, LineEdit, Outcome
from cleaner.text.fold import fold_text
from cleaner.text.lexicon import Hit, Lexicon, covered

HOURS_LABELS = ("时间", "hours", "営業時間")  # 开放时间, 营业时间, business hours: labels of hours
MAX_UNLISTED_HEADING = 8  # 服务资讯, 订购方式: the short line above a headless block

# what a field's value must look like, by label family
_NEEDS_DIGITS = (
    "电话",
    "手机",
    "传真",
    "热线",
    "座机",
    "tel",
    "fax",
    "phone",
    "mobile",
    "qq",
    "邮编",
    "邮政编码",
    "whatsapp",
    "전화",
    "팩스",
    "휴대폰",
    "핸드폰",
    "번호",
    "고객센터",
)
_ADDRESS_LABELS = ("地址", "address", "住所", "厂址", "所在地", "주소")
# call-to-action labels: a lone one at the page's edge is the site's, even with its number gone
_CALL_LABELS = ("热线", "咨询", "客服", "专线", "hotline", "预约", "订购", "상담", "문의", "问い合わせ", "问合せ")
_NEEDS_AT = ("邮箱", "email", "e-mail", "电子邮件", "电子邮箱", "mail", "电邮", "메일")
_STRONG_LABELS = _NEEDS_DIGITS + _NEEDS_AT + _ADDRESS_LABELS
_DATA_LABELS = _NEEDS_DIGITS + _NEEDS_AT


@dataclass(frozen=True)
class ContactOptions:
    headings: Annotated[list[str], FILES]
    fields: Annotated[list[str], FILES]
    notes: Annotated[list[str], FILES] = field(default_factory=list)
    min_run: int = 2
    max_field_chars: int = 120
    max_heading_chars: int = 24
    body_min_chars: int = 25


class ContactBlock(Kind):
    """Remove contact blocks (heading + address/phone/postcode/mail lines)."""

    name = "contact-block"
    Options = ContactOptions
    default_audit = "redacted"

    def __init__(self, rule_id: str, options: ContactOptions, base_dir: Path) -> None:
        super().__init__(rule_id, options, base_dir)
        self.headings = tuple(sorted({fold_text(h).strip() for h in options.headings}))
        self.fields = Lexicon.of(options.fields, "field")
        self.notes = Lexicon.of(options.notes, "note")

    def apply(self, lines: list[str], ctx: DocContext) -> Outcome:
        folded = ctx.fold(lines)
        kinds = ctx.per_line((self.rule_id, "kind"), lines, lambda new: self._kinds(new, ctx))
        listed = _under_entry(lines, kinds)
        edits: list[LineEdit] = []
        i = 0
        while i < len(lines):
            block = self._block_at(kinds, i, listed, folded)
            if block:
                head = _unlisted_heading(kinds, folded, block[0])
                if head is not None:
                    edits.append(LineEdit(head, None, "contact block: its heading", {"field": "heading"}))
                for j in block:
                    edits.append(LineEdit(j, None, f"contact block: {kinds[j]}", {"field": kinds[j]}))
                i = block[-1] + 1
            else:
                i += 1
        taken = {e.index for e in edits}
        # judged on what stays, so a second pass finds the same span (idempotence)
        first, last = body_span([("" if j in taken else ln) for j, ln in enumerate(lines)], self.options.body_min_chars)
        for j, kind in enumerate(kinds):
            outside = j < first or j > last
            if j in taken or not outside or j in listed or kind is None:
                continue
            if not (_strong(kind) or (_is_field(kind) and _has_number(lines[j]))):  # 联系人：张先生 138…
                continue
            if _has_data(kind, lines[j]) or _empty_call(kind, folded[j]):
                edits.append(LineEdit(j, None, f"contact line outside the article: {kind}", {"field": kind}))
        taken = {e.index for e in edits}
        for j, line in enumerate(lines):
            if j not in taken and kinds[j] in (None, "labelled"):  # 最大加工长度：450mm　洽询专线 04-…
                tail = self._tail(line)
                if tail is not None:
                    edits.append(LineEdit(j, tail[0], tail[1], {"field": tail[2]}))
        return Outcome(sorted(edits, key=lambda e: e.index))

    def _tail(self, line: str) -> tuple[str, str, str] | None:
        """``…运行安全可靠。欢迎来电咨询：13906868213 张经理``: a contact field glued after the
        line's last stop (or a wide space) goes, the content before it stays."""
        offset = max(0, len(line) - MAX_TAIL_CHARS - 1)  # the tail is short: look at the end only
        m = TAIL_START.search(line, offset)
        if m is None:
            return None
        head, tail = line[: m.end()].rstrip(), line[m.end() :].strip()
        if len(head) < MIN_HEAD_CHARS or not tail or len(tail) > MAX_TAIL_CHARS or not _has_number(tail):
            return None
        kind = self.classify(TAIL_NOTE.sub("", tail))
        if kind is None or not _is_field(kind) or not (_strong(kind) or _has_data(kind, tail)):
            return None
        return head, f"contact field glued after the text: {kind}", kind

    def _kinds(self, lines: list[str], ctx: DocContext) -> list[str | None]:
        """``classify`` of each line on its own."""
        folded = ctx.fold(lines)
        labelled = self.fields.by_line(folded)  # one scan of the document: most lines hold no label
        return [self.classify(ln, f, i in labelled, note=False) for i, (ln, f) in enumerate(zip(lines, folded))]

    def _block_at(self, kinds: list[str | None], i: int, listed: set[int], folded: list[str]) -> list[int]:
        heading = kinds[i] == "heading"
        if not heading and not _is_field(kinds[i]) and kinds[i] != "organisation":
            return []
        if i in listed:
            return []
        members = [i]
        j = i + 1
        while j < len(kinds):
            if kinds[j] == "blank":
                j += 1
                continue
            if kinds[j] is None and self._is_note(folded[j].strip()):
                kinds[j] = "note"  # looked at only here: a note matters only inside a block
            # a number with words joins under a heading or a bare label (服务专线 / 1999（外县市请拨…）)
            under_label = heading or (_is_field(kinds[members[-1]]) and _bare_label(folded[members[-1]]))
            joins = kinds[j] in ("organisation", "note") or (heading and kinds[j] == "labelled")
            joins = joins or (under_label and kinds[j] == "number")
            if not _is_field(kinds[j]) and not joins:  # other labelled data joins only under a heading
                break
            members.append(j)
            j += 1
        while members and kinds[members[-1]] in ("organisation", "labelled"):  # a name ends no block
            members.pop()
        fields = sum(_is_field(kinds[m]) for m in members) + sum(kinds[m] == "fields" for m in members)
        fields += sum(kinds[m] == "number" for m in members)  # only a heading or a bare label lets them in
        if all(_hours(kinds[m]) or kinds[m] in ("heading", "organisation", "note", "labelled") for m in members):
            fields = 0  # opening hours alone, under 开放时间 or not, are an article's content
        messenger = any(_messenger(kinds[m], folded[m]) for m in members)
        need = 1 if heading or messenger else self.options.min_run
        return members if members and fields >= need else []

    def classify(self, line: str, folded: str | None = None, label: bool = True, note: bool = True) -> str | None:
        """'blank', 'heading', a field name, or None for any other line.

        ``label`` / ``note``: False when a scan found no field label / notes word in the line.
        """
        folded = (fold_text(line) if folded is None else folded).strip()
        if len(folded) > self.options.max_field_chars:
            return None
        if not folded or PUNCT_ONLY.match(folded):
            return "blank"  # separators between fields do not end a block
        core = folded.strip(" :：-—*#•·【】[]<>《》()（）")
        if len(folded) <= self.options.max_heading_chars and core.startswith(self.headings):
            return "phone" if _has_data(None, folded) else "heading"  # 고객센터 1588-1234: data on the heading
        if len(core) <= 30 and ORG.search(core):
            return "organisation"
        if not label and not DATA_HINT.search(folded):
            # no label, no digit, no @, no web address: not a field, at most a line that joins a block
            kind = by_value(folded) if LABEL_END.search(folded) else None
        else:
            kind = self._field(folded, label)
        if kind is None and note and self._is_note(folded):
            return "note"
        return kind

    def _is_note(self, folded: str) -> bool:
        """Hours, holidays, toll-free: the notes words make up most of the line's letters."""
        if len(folded) > 40:
            return False
        hits = self.notes.longest(folded)
        if not hits or SENTENCE_STOP.search(folded):
            return False
        return covered(hits) >= 0.6 * sum(map(str.isalpha, folded))

    def _only_labels(self, body: str, hits: list[Hit], offset: int = 0) -> bool:
        rest = list(body)
        for h in hits:
            rest[max(h.start - offset, 0) : h.end - offset] = [" "] * (h.end - max(h.start, offset))
        return bool(LABEL_SEP.match("".join(rest)))

    def _field(self, folded: str, has_label: bool = True) -> str | None:
        lead = LEAD.match(folded)
        body = folded[lead.end() if lead else 0 :]
        hits = self.fields.longest(body) if has_label else []  # no label in the line: none in a part of it
        labelled = {h.word for h in hits if body[h.end : h.end + 1] in (":", "：")}
        if len(labelled) >= 2 and hits[0].start == 0:
            return "fields"  # several labelled fields on one line: a block by itself
        if hits and _at_start(body, hits[0]) and self._only_labels(body[hits[0].start :], hits, hits[0].start):
            return hits[0].word  # a label whose value sits on the next line: 電話 Tel
        if POSTMARK.match(folded):
            return "address"  # 〒100-0005 東京都…
        for hit in hits:
            if not _at_start(body, hit):
                break
            value = COLON.sub("", body[hit.end :], count=1)
            labelled_colon = body[hit.end : hit.end + 1] in (":", "：")
            suffix = LABEL_SUFFIX.match(body[hit.end :]) if _needs_data(hit.word) else None
            if suffix and not labelled_colon:  # 電話預約：…, 手机(微信同号)：…
                value, labelled_colon = body[hit.end + suffix.end() :].lstrip(), True
            if _value_fits(hit.word, bare_value(value), labelled_colon) or (address(value) and not VERB.match(value)):
                return hit.word
            glued = GLOSS.sub("", value)
            if any(k in hit.word for k in _ADDRESS_LABELS) and GLUED_ADDRESS.match(glued) and not VERB.match(glued):
                return hit.word  # 公司地址山东济南市…路1567号: the label glued to the address
        label, colon, value = body.partition(":")
        if colon and len(label) <= 8 and address(value.strip()):
            return "address"
        bare = body.strip()
        if len(bare) <= 40 and any(
            _strong(h.word) and PHONE_START.match(body[h.end :].lstrip(":：")) and _has_data(h.word, body[h.end :])
            for h in hits
        ):
            return "phone"  # 申请试用、咨询电话:400-… : a short call to action ending in a number
        if EMAIL.fullmatch(bare) or folded.strip() == HIDDEN_MAIL:
            return "e-mail"
        if URL.fullmatch(bare):
            return "web address"
        if PO_BOX.match(bare):
            return "post box"
        if POSTCODE.match(bare):
            return "postcode"
        if PHONE.fullmatch(bare) and digits(bare) >= 7 and not DATE_VALUE.search(bare) and not counts_or_years(bare):
            return "phone"
        told = bool(hits) and hits[0].start == 0 and VERB.match(body[hits[0].end :]) is not None  # 地址在…
        if address(bare) and not told and not ADDRESS_STOP.search(bare):
            return "address"
        if HOURS.search(bare) and len(bare) <= 40 and not HOURS_STOP.search(bare):
            return "hours"
        if len(bare) <= MAX_CALL_CHARS and CALL.search(bare) and _phone_inside(bare):
            return "phone"  # 民宿訂房請致電0912-345-678或加LINE：abc123: a call to ring a number
        found = by_value(bare)
        if found is None and len(bare) <= MAX_NUMBER_CHARS and _phone_inside(bare):
            return "number"  # 1999（外县市请拨02-27208889）: a number with words, a field under a heading only
        return found


MAX_NUMBER_CHARS = 30
MAX_CALL_CHARS = 40
CALL = regex.compile(r"致电|拨打|请?来电|请?联系|加\s*(?:line|微信|qq|whatsapp)")
MIN_HEAD_CHARS, MAX_TAIL_CHARS = 6, 40
# where a glued tail starts: after the last stop, or after a wide space
TAIL_START = regex.compile(r"(?:[。！？!?]|\u3000+|\s{2,})(?=[^。！？!?\u3000]*$)")
TAIL_NOTE = regex.compile(r"(?:\s+\p{Han}{2,3}|[(（][^()（）]{1,12}[)）])+$")  # 张经理, 林經理, (9:00-21:00)


def _unlisted_heading(kinds: list[str | None], folded: list[str], first: int) -> int | None:
    """The short line right above a headless block (服务资讯, 订购方式): its heading, under any name."""
    if kinds[first] == "heading":
        return None
    j = first - 1
    while j >= 0 and kinds[j] == "blank":
        j -= 1
    if j < 0 or kinds[j] is not None:
        return None
    text = folded[j].strip(" :：-—*#•·【】[]<>《》()（）")
    if 2 <= len(text) <= MAX_UNLISTED_HEADING and text.isalpha() and ENTRY.match(folded[j]) is None:
        return j
    return None


def body_span(lines: list[str], min_chars: int) -> tuple[int, int]:
    """First and last line of the article body (long lines with sentence punctuation)."""
    body = [i for i, ln in enumerate(lines) if len(ln.strip()) >= min_chars and _prose(ln)]
    return (body[0], body[-1]) if body else (len(lines), -1)


def _prose(line: str) -> bool:
    """A sentence ends in it, or clauses run on: not a footer's one-comma notice."""
    return bool(SENTENCE_STOP.search(line)) or len(CLAUSE.findall(line)) >= 2


@lru_cache(maxsize=4096)  # kinds are field names and list words: a small set
def _strong(kind: str | None) -> bool:
    """A field that is contact data on its own: a number, a mail, an address."""
    if kind in ("phone", "e-mail", "address", "fields", "post box"):
        return True
    return kind is not None and any(k in kind for k in _STRONG_LABELS)


def _has_data(kind: str | None, line: str) -> bool:
    """A lone line must carry the data itself: a number, a mail, a numbered address."""
    if kind is not None and any(k in kind for k in _ADDRESS_LABELS):
        return DIGIT.search(line) is not None
    return mail(line) or digits(line) >= 7


def _empty_call(kind: str | None, folded: str) -> bool:
    """免费咨询热线: with its number gone (an image): a hotline label, not a record's 地址: field."""
    return kind is not None and any(k in kind for k in _CALL_LABELS) and folded.rstrip().endswith((":", "："))


@lru_cache(maxsize=4096)
def _needs_data(label: str) -> bool:
    return any(k in label for k in _DATA_LABELS)


def _at_start(body: str, hit: Hit) -> bool:
    """The label opens the line, or a phone/mail label follows a short Han prefix (全国免费服务热线)."""
    return hit.start == 0 or (_needs_data(hit.word) and LABEL_PREFIX.match(body[: hit.start]) is not None)


def _has_number(line: str) -> bool:
    """A phone number (7+ digits, not a time range) or a mail address."""
    return mail(line) or any(digits(m.group()) >= 7 for m in PHONE.finditer(line))


def _is_field(kind: str | None) -> bool:
    return kind not in (None, "blank", "heading", "organisation", "note", "labelled", "number")


def _bare_label(folded: str) -> bool:
    """A field line that is its label alone (服务专线), its value on the next line."""
    text = folded.strip().rstrip(":：")
    return 0 < len(text) <= MAX_UNLISTED_HEADING and DIGIT.search(text) is None


def _phone_inside(text: str) -> bool:
    """A phone number inside a short line of words (not a date, counts or a span of years)."""
    m = PHONE.search(text)
    return m is not None and digits(m.group()) >= 7 and not DATE_VALUE.search(text) and not counts_or_years(m.group())


def _messenger(kind: str | None, folded: str) -> bool:
    """WhatsApp: 9317 2736 — a messenger id on a line of its own is the site's contact."""
    label = LABEL_END.split(folded, maxsplit=1)[0][:30]  # Tel/WhatsApp: …
    return _is_field(kind) and MESSENGERS.search(label) is not None and MESSENGER_ID.search(folded) is not None


def _under_entry(lines: list[str], kinds: list[str | None]) -> set[int]:
    """Field lines right under numbered list entries: a directory in the article.

    Two or more entries must head fields: one numbered line that happens to end
    an article's list above the site's footer block makes no directory.
    """
    out: set[int] = set()
    entries = 0
    anchor: int | None = None  # the last line that is neither blank nor a field
    listed = False
    for j, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if not _is_field(kind):
            anchor, listed = j, False
            continue
        if anchor is not None:  # the first field under the anchor: is the anchor an entry?
            entry = lines[anchor]
            listed = kinds[anchor] in (None, "organisation") and len(entry.strip()) <= 40
            listed = listed and ENTRY.match(entry) is not None
            entries += listed
            if listed and kinds[anchor] == "organisation":
                out.add(anchor)  # 2. 协和医院: an entry naming the place, not the site's company
            anchor = None
        if listed:
            out.add(j)
    return out if entries >= 2 else set()


def _value_fits(label: str, value: str, has_colon: bool) -> bool:
    if not value and has_colon:
        return True
    if LATIN_MESSENGER.match(label):
        return MESSENGER_VALUE.match(value.strip()) is not None and (has_colon or value[:1].isdigit())
    if any(k in label for k in _NEEDS_DIGITS):
        # 电话:022… or 电话 022…, not a sentence that starts with the word 电话
        return (has_colon or PHONE_START.match(value) is not None) and digits(value) >= 5
    if any(k in label for k in _NEEDS_AT):
        return mail(value) or " at " in value or "#" in value
    if not value:
        return has_colon  # 免费咨询热线: — the value follows on the next line (or was an image)
    if PHONE.fullmatch(value.strip()) and digits(value) >= 7:
        return True  # 문의 02-123-4567, 总部 0755-…: a bare phone number after any label
    # other labels (地址, 联系人, 网址, 微信 …) need a colon and a short value
    return has_colon and len(value) <= 80 and not END_STOP.search(value)


def _hours(kind: str | None) -> bool:
    """Opening hours, or the label of hours (开放时间, 营业时间, business hours)."""
    return kind is not None and (kind == "hours" or kind.endswith(HOURS_LABELS))
