"""Unit tests for the small building blocks: lexicon phrase syntax (inflect.py, slots.py), sentence
segmentation, entity detection, line/column positions, placeholders and the public lint() API."""
from __future__ import annotations

import pytest

from complint.entities import find_entities
from complint.inflect import _slots, expand_phrase, inflections
from complint.positions import LineIndex
from complint.segment import sentence_spans
from complint.slots import SlotMatcher, compile_phrase
from complint.source.placeholders import placeholder_spans


@pytest.fixture(scope="module")
def tokenize():
    from complint.nlp import blank

    nlp = blank("en")
    return lambda text: tuple(t.lower_ for t in nlp.tokenizer(text))


def matcher_for(tokenize, **phrases):
    m = SlotMatcher()
    for concept, phrase in phrases.items():
        for sp in compile_phrase(concept, phrase, tokenize):
            m.add(sp)

    def run(text):
        toks = list(tokenize(text))
        return {(c, " ".join(toks[s:e])) for c, s, e in m(toks)}

    return run


# ------------------------------------------------------------------------------- inflections
@pytest.mark.parametrize("word,forms", [
    ("leave", {"leave", "leaves", "leaving", "left"}),
    ("write", {"write", "writes", "writing", "wrote", "written"}),
    ("reply", {"reply", "replies", "replied", "replying"}),
    ("refund", {"refund", "refunds", "refunded", "refunding"}),
    ("stop", {"stop", "stops", "stopped", "stopping"}),
    ("fix", {"fix", "fixes", "fixed", "fixing"}),
    ("rate", {"rate", "rates", "rated", "rating"}),
    ("agree", {"agree", "agrees", "agreed", "agreeing"}),
    ("buy", {"buy", "buys", "buying", "bought"}),
    ("Review", {"review", "reviews", "reviewed", "reviewing"}),
])
def test_inflections_cover_the_real_forms(word, forms):
    got = set(inflections(word))
    assert forms <= got, forms - got
    assert word.lower() in got


def test_inflections_do_not_wander():
    # a superset is fine, but it must stay anchored on the word
    assert all(f.startswith("revie") for f in inflections("review"))
    assert "reviewer" not in inflections("review")


# ----------------------------------------------------------------------------- expand_phrase
def test_top_level_bar_separates_whole_alternatives():
    assert expand_phrase("a b|c d") == ["a b", "c d"]


def test_slot_with_empty_option():
    assert sorted(expand_phrase("(please|kindly|_) call")) == ["call", "kindly call", "please call"]


def test_slot_and_inflection_combine():
    got = set(expand_phrase("(please|_) remove~ (your|the) review"))
    assert {"please remove your review", "removed the review", "removing your review"} <= got
    assert "please remove review" not in got
    assert len(got) == 2 * len(inflections("remove")) * 2


def test_multi_word_slot_option():
    assert set(expand_phrase("(would you|could you) help")) == {"would you help", "could you help"}


def test_nested_slots_expand_like_the_matcher():
    # `(a|(b|c) d) e` is accepted by the slot matcher (see test_slot_matcher_nested_groups);
    # the documented expansion must agree with it.
    assert sorted(expand_phrase("(a|(b|c) d) e")) == ["a e", "b d e", "c d e"]


def test_unbalanced_parentheses_are_rejected():
    with pytest.raises(ValueError, match="unbalanced"):
        _slots("(please|kindly call")
    with pytest.raises(ValueError):
        expand_phrase("(please|kindly call")


def test_expansion_limit():
    with pytest.raises(ValueError, match="more than"):
        expand_phrase(" ".join(["(a|b|c|d)"] * 8), limit=2000)


# ------------------------------------------------------------------------------ slot matcher
def test_slot_matcher_optional_slot_and_inflection(tokenize):
    run = matcher_for(tokenize, REMOVAL="(please|kindly|_) (remove~|delete~|take down) (your|the) review~")
    assert ("REMOVAL", "please delete the reviews") in run("Could you please delete the reviews?")
    assert ("REMOVAL", "removed your review") in run("He removed your review yesterday")
    assert ("REMOVAL", "take down the review") in run("TAKE DOWN the review")       # case-insensitive
    assert run("remove the item") == set()
    assert run("please your review") == set()                                       # required slot missing


def test_slot_matcher_uses_the_same_tokenizer_for_contractions(tokenize):
    run = matcher_for(tokenize, NEG="don't (leave~|write~) (a|_) (bad|negative) review~")
    assert ("NEG", "do n't leave a bad review") in run("Please don't leave a bad review")
    assert ("NEG", "do n't write negative reviews") in run("don't write negative reviews")
    assert run("do leave a bad review") == set()


def test_slot_matcher_nested_groups(tokenize):
    run = matcher_for(tokenize, NEST="(a|(b|c) d) e")
    assert run("b d e") == {("NEST", "b d e")}
    assert run("c d e") == {("NEST", "c d e")}
    assert run("a e") == {("NEST", "a e")}
    assert run("d e") == set()


def test_slot_matcher_top_level_alternatives(tokenize):
    run = matcher_for(tokenize, GIFT="gift card~|(free|complimentary) (gift|sample~)")
    assert run("a free gift card") == {("GIFT", "free gift"), ("GIFT", "gift card")}
    assert run("free samples") == {("GIFT", "free samples")}
    assert run("a card") == set()


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it"])
def test_phrase_tokenizer_agrees_with_spacy(lang):
    """Lexicon words the phrase tokenizer answers without spaCy are tokenized exactly as spaCy does."""
    import regex
    from pathlib import Path

    from complint.lexicon import phrase_tokenizer
    from complint.nlp import blank

    nlp = blank(lang)
    text = (Path(__file__).resolve().parents[1] / "rules" / "lexicons" / f"{lang}.yaml").read_text(encoding="utf-8")
    words = {w for word in regex.findall(r"\p{L}+", text) for w in (word, word.lower(), word.upper())}
    words |= {"cannot", "dont", "EE", "UU", "gonna", "l", "qu", "del", "zum", "Mr"}
    tokenize = phrase_tokenizer(nlp)
    wrong = [w for w in sorted(words) if tokenize(w) != tuple(t.lower_ for t in nlp.tokenizer(w))]
    assert not wrong, wrong[:20]


def test_slot_matcher_reports_the_longest_match_of_a_phrase(tokenize):
    run = matcher_for(tokenize, GIFT="gift (card~|_) (balance|_)")
    assert run("your gift card balance") == {("GIFT", "gift card balance")}
    assert run("your gift") == {("GIFT", "gift")}


# ------------------------------------------------------------------------------ segmentation
def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text,expected", [
    ("Hi {{name}}\nThanks for your order\n", ["Hi {{name}}", "Thanks for your order"]),
    ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
    ("Wow!! Great stuff.  Really?", ["Wow!!", "Great stuff.", "Really?"]),
    ("e.g. this one. Next", ["e.g. this one.", "Next"]),
    ("It costs $1.50. Thanks!", ["It costs $1.50.", "Thanks!"]),
    ('He said "no." Then left.', ['He said "no."', "Then left."]),
    ("Line one\r\nLine two", ["Line one", "Line two"]),
    ("ありがとう。また来てね！", ["ありがとう。", "また来てね！"]),
    ("  \n\n ", []),
    ("", []),
])
def test_sentence_spans(text, expected):
    assert sentences(text) == expected


def test_sentence_spans_are_trimmed_and_ordered():
    text = "  First one.   Second one!\n\n\t Third  \n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# -------------------------------------------------------------------------------- entities
def entities(text):
    return [(e.kind, e.value) for e in find_entities(text)]


@pytest.mark.parametrize("text,expected", [
    ("Visit www.example.com/shop today.", [("url", "www.example.com/shop")]),
    ("See https://example.com/x.", [("url", "https://example.com/x")]),
    ("Details at brewline.shop/manual", [("url", "brewline.shop/manual")]),
    ("Email support@sunnyhome.com.", [("email", "support@sunnyhome.com")]),
    ("write to help (at) brewline (dot) com", [("email", "help (at) brewline (dot) com")]),
    ("Call (555) 014-2298 now", [("phone", "(555) 014-2298")]),
    ("WhatsApp +86 138 1234 5678 please", [("phone", "+86 138 1234 5678")]),
    ("UK office: +44 20 7946 0958", [("phone", "+44 20 7946 0958")]),
    ("Follow @sunny_home on Instagram", [("handle", "@sunny_home")]),
    ("Your order 113-2233445-5566778 shipped", [("order_id", "113-2233445-5566778")]),
])
def test_entities_found(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize("text", [
    "Part number 4471-22-019 fits the 2019 model.",
    "Model SKU B07XJ8C8F5, batch 20240512001.",
    "The price is $1,299.99 including tax.",
    "It costs 1299.99 in total.",
    "Delivered on 12/05/2024 at 14:30.",
    "Delivered on 2024-05-12.",
    "We shipped 1000000 units last year.",
    "Order #1234567 is on its way.",
    "Tracking number 1Z999AA10123456784.",
    "See the manual, e.g. page 4 of setup.pdf.",
    "Thanks, it works fine now.",
    "The caliper fits the 2012-2018 Ford Focus rear axle.",
    "Fits models 1998 - 2004 and 2005–2011.",
    "Our phone line is open 0900-1700 daily.",
])
def test_numbers_that_are_not_phones_or_links(text):
    assert entities(text) == []


@pytest.mark.parametrize("text", ["Ring 6123-4567 today.", "Call 020 7946 0958.", "Text 555-010-1234."])
def test_eight_and_ten_digit_phones_are_still_phones(text):
    assert [k for k, _ in entities(text)] == ["phone"]


def test_order_id_is_not_also_a_phone():
    kinds = [k for k, _ in entities("Order 113-2233445-5566778, call 555-014-2298.")]
    assert kinds == ["order_id", "phone"]


def test_entity_offsets_and_domain():
    text = "Write to Support@SunnyHome.com or see https://www.sunnyhome.com/help?x=1."
    found = find_entities(text)
    assert [text[e.start:e.end] for e in found] == [e.value for e in found]
    assert [e.domain for e in found] == ["sunnyhome.com", "www.sunnyhome.com"]


# -------------------------------------------------------------------------------- positions
def test_line_index():
    text = "ab\ncd\n\nef"
    idx = LineIndex(text)
    assert idx.line_col(0) == (1, 1)
    assert idx.line_col(1) == (1, 2)
    assert idx.line_col(2) == (1, 3)      # the newline itself ends line 1
    assert idx.line_col(3) == (2, 1)
    assert idx.line_col(6) == (3, 1)
    assert idx.line_col(7) == (4, 1)
    assert idx.line_col(9) == (4, 3)      # end of text: exclusive end column


def test_line_index_counts_code_points():
    text = "Grüße 👋\nzebra"
    idx = LineIndex(text)
    assert idx.line_col(text.index("👋")) == (1, 7)
    assert idx.line_col(text.index("zebra")) == (2, 1)


def test_line_index_empty_text():
    assert LineIndex("").line_col(0) == (1, 1)


# ------------------------------------------------------------------------------ placeholders
@pytest.mark.parametrize("text,expected", [
    ("Hi {{buyer_name}},", ["{{buyer_name}}"]),
    ("{% if coupon %}x{% endif %}", ["{% if coupon %}", "{% endif %}"]),
    ("Hello ${first_name}", ["${first_name}"]),
    ("ASIN %ASIN% order {order_id}", ["%ASIN%", "{order_id}"]),
    ("Dear [Buyer Name], your [Product Name]", ["[Buyer Name]", "[Product Name]"]),
    ("[Important] Please read", []),            # a literal subject flag, not a variable
    ("Plain text, no templates.", []),
    ("Costs 50% less [see below]", []),
])
def test_placeholder_spans(text, expected):
    assert [text[s:e] for s, e, _ in placeholder_spans(text)] == expected


# ------------------------------------------------------------------------------ public API
def test_public_lint_api(engine):
    import complint

    text = "Leave a 5-star review and get a $10 gift card!"
    findings = complint.lint(text, engine=engine)
    assert any(f.rule == "AMZ-REV-INCENTIVE" for f in findings)
    assert all(text[f.start:f.end] == f.text for f in findings)
    with pytest.raises(ValueError):
        complint.lint(text, channel="sms", engine=engine)


def test_rule_selection_by_prefix_category_and_all(pack):
    from complint.engine import Engine

    ids = {r.id for r in Engine(pack, select=("AMZ-REV",)).rules}
    assert ids and all(i.startswith("AMZ-REV") for i in ids)
    cats = {r.category for r in Engine(pack, select=("review-gating",)).rules}
    assert cats == {"review-gating"}
    assert len(Engine(pack, select=("ALL",)).rules) == len(pack.rules)
    assert Engine(pack, select=("ALL",), ignore=("ALL",)).rules == []


def test_placeholders_are_not_read_as_prose(lint):
    # the placeholder name says "review" and "5 stars", but it is a variable, not a request
    findings = lint("Hi {{buyer_name}}, here is your manual: {{five_star_review_link}}.")
    assert not [f for f in findings if f.category == "positive-review-request"]
