"""Detect URLs, e-mail addresses, phone numbers, social handles and order ids in a text.

Phones are confirmed by `phonenumbers` (Google's libphonenumber port); it costs about 1 ms a call,
so it only runs on digit runs that a cheap regex already found. URLs use a regex with a TLD list:
`urlextract` was measured at 1.9 ms per 100-word message, 20x our whole per-message budget.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from .prefilter import fold, shape

_TLDS = (
    "com net org info biz io co ai app dev shop store online site website xyz top club me tv us uk de fr es it "
    "nl be at ch se no dk fi pl cz pt ie jp cn hk tw kr sg in au nz ca mx br ar cl ru ua tr ae sa eg za "
    "eu asia blog gmbh ly gl gg to cc la fm gd ee lt lv sk si hr hu ro bg gr rs ba mk al tn ma ng ke gh pk bd lk vn th my ph id il ir iq kz by ge md "
    "pe co ve ec uy py bo cr pa do gt hn sv ni cu pr jm tt is lu li mc mt cy ws nu io ai sh ac"
).split()
_TLD = "|".join(sorted(_TLDS, key=len, reverse=True))
# Japanese (and Chinese) text runs straight into e-mails, links and numbers ("support@x.jpまで",
# "注文503-…の商品"): a CJK character next to one counts as a boundary. English matching is unchanged.
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}ー々"
_B_START = rf"(?:(?<=[{_CJK}])|\b)"
_B_END = rf"(?:\b|(?=[{_CJK}]))"
_URL_CHARS = rf"[^\s<>\"'“”{_CJK}、。「」『』（）【】！？：；，　]"

URL_RE = regex.compile(
    rf"""(?ix)
    (?:{_B_START}(?:https?|ftp)://{_URL_CHARS}+                               # with a scheme
      |{_B_START}www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/{_URL_CHARS}*)?          # www.
      |(?:(?<=[{_CJK}])|(?<![@\w.-]))[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD}){_B_END}(?![@-])(?:/{_URL_CHARS}*)?  # bare domain
    )""")
SPELLED_URL_RE = regex.compile(rf"(?i)\b[a-z0-9][a-z0-9-]{{2,}}\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*(?:{_TLD})\b")
_DOT = r"(?:\.|\s*[(\[]dot[)\]]\s*|\s+dot\s+)"
_SPELLED_DOT = r"(?:\s*[(\[]dot[)\]]\s*|\s+dot\s+)"
EMAIL_RE = regex.compile(
    r"(?i)" + _B_START + r"[a-z0-9._%+-]+"
    r"(?:@[a-z0-9-]+(?:" + _DOT + r"[a-z0-9-]+)*" + _DOT + r"[a-z]{2,}"            # name@host.tld
    r"|(?:\s*[(\[]at[)\]]\s*|\s+at\s+)[a-z0-9-]+(?:" + _SPELLED_DOT + r"[a-z0-9-]+)*" + _SPELLED_DOT + r"[a-z]{2,})" + _B_END)
ORDER_ID_RE = regex.compile(_B_START + r"\d{3}-\d{7}-\d{7}" + _B_END)
PHONE_CANDIDATE_RE = regex.compile(rf"(?:(?<=[{_CJK}])|(?<![\w-]))[+＋]?\(?\d[\d\s().\-/－‐（）]{{5,}}\d(?:(?=[{_CJK}])|(?![\w-]))")
VANITY_PHONE_RE = regex.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?\(?8[0-8]{2}\)?[\s.-][A-Z0-9]{3}[\s.-]?[A-Z0-9]{4}(?![\w-])")
HANDLE_RE = regex.compile(r"(?:(?<=[" + _CJK + r"])|(?<![\w.@/]))@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])?" + _B_END)

SHORT_HOSTS = {"t.me", "wa.me", "m.me", "fb.me", "bit.ly", "goo.gl", "t.co", "ow.ly", "x.co", "qr.co", "g.page", "g.co", "lnkd.in", "tinyurl.com"}
_NOT_PHONE_CONTEXT = regex.compile(
    r"(?i)\b(?:serial|s/n|sn|part|model|sku|item|ref|reference|order|invoice|tracking|code|batch|lot|isbn|asin|ean|upc|no\.|nr\.?|#)\s*(?:number|no\.?|num|#|id)?\s*[:#]?\s*$")
_TRAILING = ".,;:!?)]}'\"”’"


@dataclass(frozen=True)
class Entity:
    kind: str    # url | email | phone | handle | order_id
    start: int
    end: int
    value: str

    @property
    def domain(self) -> str:
        v = self.value.lower()
        v = regex.sub(r"^[a-z]+://", "", v)
        v = v.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return v.split("@")[-1].split(":")[0]


def find_entities(text: str, region: str = "US", views=None) -> list[Entity]:
    """Entities in document order. `views` (prefilter.Views of `text`) lets a caller share the
    case-folded and shape views it already computed."""
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(kind, start, end):
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(Entity(kind, start, end, text[start:end]))

    # Exact gates in front of the costly regexes (each scans the whole text, ~0.2-0.4 ms): an e-mail
    # needs "@" or a spelled "dot"; a URL needs "://" or a "." between [a-z0-9-] characters.
    folded = fold(text) if views is None else views.get("f")
    if ("@" in text or " at " in text or "(at)" in text or "[at]" in text) and ("@" in text or "dot" in folded):
        for m in EMAIL_RE.finditer(text, timeout=0.5):
            add("email", m.start(), m.end())
    if "." in text and ("://" in text or _dotted(folded)):
        # a URL match never contains whitespace, so only the space-delimited chunks around a "://"
        # or a domain-like dot are scanned (the regex's CJK lookarounds make it ~0.4 ms per message)
        for start, end in _url_chunks(text, folded):
            for m in URL_RE.finditer(text, pos=start, endpos=end, timeout=0.5):
                if _looks_like_url(m.group()):
                    add("url", m.start(), m.end())
    if " dot " in text.lower() or "(dot)" in text or "[dot]" in text:
        for m in SPELLED_URL_RE.finditer(text, timeout=0.5):
            add("url", m.start(), m.end())
    if "-" in text and "0000000" in (shape(text) if views is None else views.get("s")):  # \d{7}
        for m in ORDER_ID_RE.finditer(text, timeout=0.5):
            add("order_id", m.start(), m.end())
    if "@" in text:
        for m in HANDLE_RE.finditer(text, timeout=0.5):
            add("handle", m.start(), m.end())
    shaped = shape(text) if views is None else views.get("s")
    phones = PHONE_CANDIDATE_RE.finditer(text, timeout=0.5) if "00" in shaped and _PHONE_SCREEN.search(text, timeout=0.5) else ()
    for m in phones:
        if _NOT_PHONE_CONTEXT.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _is_phone(unicodedata.normalize("NFKC", m.group()), region):   # full-width ０３－１２３４…
            add("phone", m.start(), m.end())
    for m in VANITY_PHONE_RE.finditer(text, timeout=0.5) if "000" in shaped else ():
        if any(c.isalpha() for c in m.group()):
            add("phone", m.start(), m.end())
    out.sort(key=lambda e: e.start)
    return out


_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
# What every PHONE_CANDIDATE_RE match contains, without its costly lookarounds (an exact screen);
# VANITY_PHONE_RE needs three ASCII digits in a row ("000" in the shape view).
_PHONE_SCREEN = regex.compile(r"\d[\d\s().\-/－‐（）]{5,}\d")


def _url_chunks(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans between ASCII blanks around each "://" and each domain-like dot (see _dotted)."""
    spots = []
    i = folded.find(".", 1)
    n = len(folded)
    while i != -1:
        if folded[i - 1] in _DOMAIN_CHARS and i + 1 < n and folded[i + 1] in _DOMAIN_CHARS:
            spots.append(i)
        i = folded.find(".", i + 1)
    i = text.find("://")
    while i != -1:
        spots.append(i)
        i = text.find("://", i + 1)
    chunks = set()
    for i in spots:
        start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i), text.rfind("\t", 0, i)) + 1
        ends = [e for e in (text.find(" ", i), text.find("\n", i), text.find("\t", i)) if e != -1]
        chunks.add((start, min(ends) if ends else n))
    return sorted(chunks)


def _dotted(folded: str) -> bool:
    """A "." with a character of [a-z0-9-] (case-insensitive, as URL_RE reads it) on both sides."""
    i = folded.find(".", 1)
    while i != -1:
        if folded[i - 1] in _DOMAIN_CHARS and i + 1 < len(folded) and folded[i + 1] in _DOMAIN_CHARS:
            return True
        i = folded.find(".", i + 1)
    return False


def _looks_like_url(s: str) -> bool:
    low = s.lower()
    if "://" in low or low.startswith("www."):
        return True
    host = low.split("/", 1)[0]
    if host in SHORT_HOSTS:
        return "/" in low
    tld = s.split("/", 1)[0].rsplit(".", 1)[-1]
    if not tld.islower():            # "Thanks.It works" is a missing space, not a domain
        return False
    labels = host.split(".")
    # "e.g", "i.e", "no.1", file names like setup.pdf are excluded by the TLD list; reject pure numbers
    return not all(lbl.isdigit() for lbl in labels[:-1]) and len(labels[0]) >= 2


_RANGE = regex.compile(r"(\d{4})\s?[-–]\s?(\d{4})")


def _year_or_time_range(c: str) -> bool:
    """"2012-2018" (model years) or "0900-1700" (opening hours): eight digits that phonenumbers
    accepts as a possible number in several regions, but that product texts use as ranges."""
    m = _RANGE.fullmatch(c)
    if not m:
        return False
    a, b = int(m[1]), int(m[2])
    if 1900 <= a <= b <= 2099:
        return True
    return all(x // 100 <= 24 and x % 100 < 60 for x in (a, b)) and m[1][0] in "012" and a < b


def _is_phone(candidate: str, region: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if digits < 7 or digits > 15:
        return False
    c = candidate.strip()
    if regex.fullmatch(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}", c):      # a date
        return False
    if _year_or_time_range(c):
        return False
    if regex.fullmatch(r"\d+(?:[.,]\d+)?", c) and not c.startswith("0"):  # plain number, price, quantity
        return digits >= 10 and c.startswith(("1", "+"))
    import phonenumbers  # deferred: the metadata import costs ~40 ms

    if c.startswith("00"):
        c = "+" + c[2:]
    try:
        for reg in dict.fromkeys((region, "US", "GB", "DE", "IN", "AU")):
            for m in phonenumbers.PhoneNumberMatcher(c, reg, leniency=phonenumbers.Leniency.POSSIBLE):
                if m.end - m.start >= len(c) - 2:
                    return True
        if c.startswith("+"):
            return phonenumbers.is_possible_number(phonenumbers.parse(c, None))
    except phonenumbers.NumberParseException:
        return False
    # shapes phonenumbers rejects as impossible but that are printed as phones: (555) 010-1234, 555-010-1234
    return bool(regex.fullmatch(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|0\d{2,4}[\s/-]?\d{3,4}[\s-]?\d{3,4}|[6-9]\d{4}\s\d{5}", c))
