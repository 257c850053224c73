"""Reproducible generator of realistic seller texts for benchmarks and audit tests.

Every text is assembled from sentence banks (greetings, order updates, care instructions,
return/refund service, review requests, sign-offs) plus, for a share of texts, one or two
violating sentences (incentives, gating, removal requests, off-platform contact, marketing,
pressure, privacy, hygiene). Texts carry template placeholders ({{buyer_name}}, {order_id},
${first_name}, [Product Name], %ASIN%) the way real template repositories do. The same seed always
gives the same texts, so numbers from different runs and machines compare the same workload.

    python benchmarks/generate.py --count 20000 --out /tmp/msgs.jsonl            # JSONL, one text a line
    python benchmarks/generate.py --count 500 --folder /tmp/templates            # one .txt file each
    python benchmarks/generate.py --archive --count 1000000 --out /tmp/arch.jsonl  # sent-message archive
    python benchmarks/generate.py --archive --count 5000 --csv --out /tmp/arch.csv

Archive records look like a helpdesk export: id, sent_at (ISO date over one year), channel,
template (the template the message came from) and text (placeholders mostly filled in).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
from datetime import date, timedelta
from typing import Iterator

CHANNELS = ("message", "review-reply", "insert-card")
CHANNEL_WEIGHTS = (0.6, 0.25, 0.15)
VIOLATING_SHARE = 0.35

PRODUCTS = [
    "KitchenPro 12-piece knife block", "TrailLite headlamp", "LED strip lights", "bamboo cutting board set",
    "stainless steel water bottle", "memory foam pillow", "wireless earbuds", "yoga mat", "cast iron skillet",
    "baby bottle warmer", "garden hose nozzle", "phone tripod", "electric kettle", "dog harness",
    "ceramic planter", "USB-C charging cable", "air fryer liners", "hiking backpack", "desk lamp",
    "silk pillowcase", "camping hammock", "coffee grinder", "bathroom scale", "kids' art set",
]
BRANDS = ["BrightHome", "Vexa Audio", "KitchenPro", "TrailLite", "DesertRose Beauty", "PawPal", "GreenThumb",
          "NordicNest", "UrbanGear", "Lumen & Co", "AquaPure", "Oak & Ember"]
NAMES = ["Anna", "James", "Priya", "Carlos", "Mei", "Tom", "Fatima", "Lukas", "Sofia", "David", "Aisha", "Ken"]
AGENTS = ["Amira", "Jonas", "Lena", "Marco", "Sarah", "Wei", "Olivia", "Raj"]

GREETINGS = ["Hi {{buyer_name}},", "Hello ${first_name},", "Dear {buyer_name},", "Hi there,", "Hello,",
             "Dear customer,", "Hi {{ customer.first_name }},", "Good morning,"]
SIGNOFFS = ["Best regards,\n{brand} Customer Care", "Kind regards,\n{agent} | {brand}", "Thanks,\nThe {brand} Team",
            "Warm wishes,\n{agent}\n{brand} Support", "Sincerely,\n{brand}", "Cheers,\n{agent} from {brand}"]

# clean sentences, by what a message is about
ORDER_UPDATE = [
    "Thank you for ordering the {product} (order {order_id}).",
    "Your order {{order_id}} of the {product} has shipped and should arrive by {{delivery_date}}.",
    "We wanted to let you know that your {product} left our warehouse this morning.",
    "The carrier shows your package as delivered on Tuesday afternoon.",
    "You can follow the parcel in Your Orders on Amazon at any time.",
    "Because of the holiday weekend, delivery may take one or two extra days.",
    "Your replacement {product} is on its way and the tracking number is in Your Orders.",
    "We packed the {product} in a padded box so it arrives in perfect condition.",
    "Please check that the seal on the box is intact when it arrives.",
    "If the parcel has not arrived by Friday, just reply to this message and we will look into it.",
]
CARE = [
    "Before the first use, rinse the {product} with warm water and let it dry completely.",
    "To keep the {product} in good shape, avoid the dishwasher and store it somewhere dry.",
    "The quick start guide in the box explains the setup in five short steps.",
    "A printable manual is also available on the product detail page under Product guides and documents.",
    "Charge the {product} fully before using it for the first time, which takes about two hours.",
    "If the {product} feels stiff at first, it loosens up after a few days of normal use.",
    "Most questions are answered in the troubleshooting section of the manual.",
    "Keep the {product} out of direct sunlight to avoid fading.",
    "The battery lasts around eight hours on the medium setting.",
    "Wipe it with a soft damp cloth; no special cleaner is needed.",
]
SERVICE = [
    "If anything is not right with your order, please contact us through Amazon Buyer-Seller Messaging.",
    "You can request a return through Your Orders within 30 days of delivery.",
    "We have issued a full refund to your original payment method; it may take 3-5 business days to appear.",
    "We are sorry the {product} arrived damaged, and a replacement has been sent at no cost to you.",
    "There is no need to send the faulty item back.",
    "Our support team answers messages within 24 hours, seven days a week.",
    "We are sorry for the trouble and thank you for your patience while we sorted this out.",
    "Could you tell us which size you ordered so we can check the stock for an exchange?",
    "The warranty covers manufacturing defects for 12 months from the date of purchase.",
    "If the item stops working within the warranty period, we will replace it.",
]
REVIEW_NEUTRAL = [
    "If you have a moment, we would appreciate it if you could share your experience on Amazon.",
    "Your honest feedback helps other shoppers decide, so please consider leaving a review.",
    "Amazon may also send you a request to review this purchase.",
]
REPLY_CLEAN = [
    "Thank you for taking the time to share your thoughts on the {product}.",
    "We're sorry the {product} did not meet your expectations.",
    "We appreciate the detailed feedback about the lid; our product team is reviewing the design.",
    "Please reach out through Amazon messaging and we'll make it right.",
    "We're glad the {product} has been useful on your trips.",
    "The sizing chart on the listing has been updated based on comments like yours.",
    "Units made after March have a reinforced hinge.",
]
INSERT_CLEAN = [
    "Thank you for choosing {brand}!",
    "Need help? Contact us through Your Orders on Amazon.",
    "Scan the QR code on the back for the setup video.",
    "Please recycle the packaging.",
    "Enjoy your new {product}.",
    "Questions about setup? Message us through Amazon and we'll reply within a day.",
]

# violating sentences, by category
VIOLATIONS = {
    "review-incentive": [
        "Once your review is live, send us a screenshot and we'll post you a free {gift} as a thank-you.",
        "Leave a review and we will refund the full price of your order.",
        "Everyone who writes a review gets a $15 Amazon gift card.",
        "After you post your review, we will send you a free sample of our new {product}.",
    ],
    "positive-review-request": [
        "If you love the {product}, please leave us a 5-star review!",
        "A five star rating would mean the world to us.",
        "Please only leave positive feedback so other buyers trust us.",
    ],
    "review-gating": [
        "If you are happy with your purchase, please leave a review; if not, contact us first.",
        "Not satisfied? Please message us before leaving a review so we can fix it.",
        "Happy customers leave reviews, unhappy customers please email us first.",
    ],
    "review-removal-request": [
        "Could you please remove your negative review now that the issue is solved?",
        "We would be grateful if you could delete the 1-star review you left.",
        "Please update your review to 5 stars since we sent a replacement.",
    ],
    "off-platform-redirect": [
        "For faster help, visit our website at www.{site}.com/support.",
        "Message us on WhatsApp and we will reply right away.",
        "You can buy spare parts directly from our online shop at {site}.shop for less.",
        "Follow the link https://{site}.com/register to activate your warranty.",
    ],
    "contact-info": [
        "You can email us at support@{site}.com any time.",
        "Call our hotline at (555) 010-1234 between 9am and 5pm.",
        "Find us on Instagram @{site}official.",
    ],
    "marketing": [
        "Use code SAVE20 for 20% off your next order!",
        "Don't miss our Black Friday sale: all kitchen tools are up to 40% off.",
        "Check out our new collection of {product}s, now available in five colours.",
    ],
    "pressure-or-harassment": [
        "As a small family business, a bad review could put us out of business.",
        "We will take legal action if the false review is not removed.",
        "This is our third reminder: please leave your review today.",
    ],
    "customer-privacy": [
        "Please send us a photo of your ID and your home address so we can verify the order.",
        "Could you share your phone number and date of birth with us?",
    ],
    "message-hygiene": [
        "Thanks again!!! 😀😀🎉",
        "Reply STOP to unsubscribe from these messages.",
    ],
}
REPLY_VIOLATIONS = [
    "Hi {name}, we checked your order {order_num} and it was delivered to 12 Oak Street.",
    "You clearly did not read the instructions before using it.",
]
GIFTS = ["ceramic honing rod", "phone stand", "set of coasters", "travel pouch", "cleaning kit"]
SITES = ["brighthome", "vexaaudio", "kitchenpro", "traillite", "pawpal-store", "greenthumbco"]
FILL = {"{{buyer_name}}": NAMES, "${first_name}": NAMES, "{buyer_name}": NAMES, "{{ customer.first_name }}": NAMES}


def _fmt(rng: random.Random, s: str) -> str:
    return (s.replace("{product}", rng.choice(PRODUCTS)).replace("{brand}", rng.choice(BRANDS))
             .replace("{agent}", rng.choice(AGENTS)).replace("{gift}", rng.choice(GIFTS))
             .replace("{site}", rng.choice(SITES)).replace("{name}", rng.choice(NAMES))
             .replace("{order_num}", f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}"))


def _paragraph(rng: random.Random, banks: list[list[str]], n: int) -> list[str]:
    pool = [s for bank in banks for s in bank]
    return [_fmt(rng, s) for s in rng.sample(pool, min(n, len(pool)))]


def make_text(rng: random.Random, channel: str, violating: bool) -> tuple[str, list[str]]:
    """One text and the categories of the violating sentences planted in it."""
    planted: list[str] = []
    if channel == "message":
        body = _paragraph(rng, [ORDER_UPDATE, CARE, SERVICE], rng.randint(5, 8))
        if rng.random() < 0.3:
            body.append(_fmt(rng, rng.choice(REVIEW_NEUTRAL)))
        head, tail = rng.choice(GREETINGS), _fmt(rng, rng.choice(SIGNOFFS))
    elif channel == "review-reply":
        body = _paragraph(rng, [REPLY_CLEAN, SERVICE, CARE], rng.randint(4, 7))
        head, tail = rng.choice(["", "Hi there,", "Hello,", "Dear reviewer,"]), _fmt(rng, rng.choice(SIGNOFFS))
    else:
        body = _paragraph(rng, [INSERT_CLEAN, CARE], rng.randint(4, 7))
        head, tail = rng.choice(["THANK YOU!", "Welcome to the {brand} family!", ""]).replace("{brand}", rng.choice(BRANDS)), ""
    if violating:
        for _ in range(1 if rng.random() < 0.7 else 2):
            cat = rng.choice(list(VIOLATIONS))
            pool = VIOLATIONS[cat] + (REPLY_VIOLATIONS if channel == "review-reply" else [])
            planted.append(cat)
            body.insert(rng.randint(0, len(body)), _fmt(rng, rng.choice(pool)))
    paras, i = [], 0
    while i < len(body):
        k = rng.randint(2, 3)
        paras.append(" ".join(body[i:i + k]))
        i += k
    parts = ([head] if head else []) + paras + ([tail] if tail else [])
    if rng.random() < 0.15:
        parts.insert(1 if head else 0, "Product: [Product Name] (ASIN %ASIN%)")
    return "\n\n".join(parts) + ("\n" if rng.random() < 0.5 else ""), planted


def generate(count: int, seed: int = 42) -> Iterator[dict]:
    """Yield `count` template records {id, channel, lang, text, planted}; same seed, same texts."""
    rng = random.Random(seed)
    for i in range(count):
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        text, planted = make_text(rng, channel, rng.random() < VIOLATING_SHARE)
        yield {"id": f"gen-{i:07d}", "channel": channel, "lang": "en", "text": text, "planted": planted}


def generate_archive(count: int, seed: int = 7, templates: int = 400, start: date = date(2025, 1, 1)) -> Iterator[dict]:
    """A year of sent messages: each is one of `templates` templates, placeholders mostly filled in."""
    pool = list(generate(templates, seed))
    rng = random.Random(seed + 1)
    weights = [1.0 / (k + 1) for k in range(templates)]          # a few templates are sent far more often
    for i in range(count):
        t = rng.choices(pool, weights)[0]
        text = t["text"]
        if rng.random() < 0.8:
            for ph, values in FILL.items():
                if ph in text:
                    text = text.replace(ph, rng.choice(values))
        day = start + timedelta(days=int(365 * i / max(count, 1)))
        yield {"id": f"msg-{i:08d}", "sent_at": day.isoformat(), "channel": t["channel"], "template": t["id"], "text": text}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", help="JSONL (or CSV with --csv) output file; default stdout")
    ap.add_argument("--folder", help="write one .txt file per template into this folder instead")
    ap.add_argument("--archive", action="store_true", help="sent-message archive records (id, sent_at, channel, template, text)")
    ap.add_argument("--csv", action="store_true", help="CSV instead of JSONL")
    args = ap.parse_args(argv)
    records = generate_archive(args.count, args.seed) if args.archive else generate(args.count, args.seed)
    if args.folder:
        os.makedirs(args.folder, exist_ok=True)
        for r in records:
            with open(os.path.join(args.folder, f"{r['id']}.txt"), "w", encoding="utf-8") as fh:
                fh.write(r["text"])
        return
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        if args.csv:
            writer = None
            for r in records:
                r = {k: (",".join(v) if isinstance(v, list) else v) for k, v in r.items()}
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(r))
                    writer.writeheader()
                writer.writerow(r)
        else:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
