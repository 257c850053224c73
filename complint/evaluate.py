"""`complint eval`: precision / recall / F1 per category on a labelled JSONL corpus.

A finding of severity error or warning is a predicted label; info is advice and does not count.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from .errors import ComplintError
from .model import CATEGORIES, CHANNELS, Document
from .source.placeholders import placeholder_spans


@dataclass
class Item:
    id: str
    channel: str
    lang: str
    text: str
    labels: set
    source: str


@dataclass
class Scores:
    tp: dict = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    fp: dict = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    fn: dict = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    clean: int = 0
    clean_flagged: int = 0
    items: int = 0
    errors: list = field(default_factory=list)   # (item, missing, extra, findings)


def read_corpus(paths: list[str]) -> list[Item]:
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".jsonl")]
        elif os.path.exists(p):
            files.append(p)
        else:
            raise ComplintError(f"{p}: no such file or directory")
    items = []
    for f in sorted(files):
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                    labels = set(obj.get("labels") or [])
                    bad = labels - set(CATEGORIES)
                    if bad or obj.get("channel", "message") not in CHANNELS or not isinstance(obj["text"], str):
                        raise ValueError(f"unknown label(s) {sorted(bad)}" if bad else "bad channel or text")
                    items.append(Item(str(obj.get("id", f"{f}:{n}")), obj.get("channel", "message"),
                                      obj.get("lang", "en"), obj["text"], labels, f"{f}:{n}"))
                except (ValueError, KeyError, TypeError) as exc:
                    raise ComplintError(f"{f}:{n}: invalid corpus line ({exc})") from None
    return items


def predict(engine, item: Item):
    doc = Document(text=item.text, path=item.id, channel=item.channel, lang=item.lang,
                   source_text=item.text, masked=placeholder_spans(item.text))
    findings = engine.lint(doc)
    labels = {f.category for f in findings if f.severity in ("error", "warning")}
    return labels, findings


def evaluate(engine, items: list[Item]) -> Scores:
    s = Scores()
    for item in items:
        predicted, findings = predict(engine, item)
        s.items += 1
        if not item.labels:
            s.clean += 1
            s.clean_flagged += bool(predicted)
        for c in CATEGORIES:
            if c in predicted and c in item.labels:
                s.tp[c] += 1
            elif c in predicted:
                s.fp[c] += 1
            elif c in item.labels:
                s.fn[c] += 1
        if predicted != item.labels:
            s.errors.append((item, item.labels - predicted, predicted - item.labels, findings))
    return s


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summary_dict(s: Scores) -> dict:
    cats = {}
    for c in CATEGORIES:
        p, r, f = prf(s.tp[c], s.fp[c], s.fn[c])
        cats[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                   "support": s.tp[c] + s.fn[c], "tp": s.tp[c], "fp": s.fp[c], "fn": s.fn[c]}
    mp, mr, mf = prf(sum(s.tp.values()), sum(s.fp.values()), sum(s.fn.values()))
    return {"items": s.items, "categories": cats, "micro": {"precision": round(mp, 4), "recall": round(mr, 4), "f1": round(mf, 4)},
            "clean_items": s.clean, "clean_flagged": s.clean_flagged,
            "clean_fpr": round(s.clean_flagged / s.clean, 4) if s.clean else 0.0}


def render_table(d: dict) -> str:
    lines = [f"{'category':<26}{'precision':>10}{'recall':>9}{'f1':>8}{'support':>9}{'fp':>5}{'fn':>5}"]
    for c, v in d["categories"].items():
        lines.append(f"{c:<26}{v['precision']:>10.3f}{v['recall']:>9.3f}{v['f1']:>8.3f}{v['support']:>9}{v['fp']:>5}{v['fn']:>5}")
    m = d["micro"]
    lines.append(f"{'micro':<26}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}")
    lines.append(f"items: {d['items']}   clean: {d['clean_items']}   clean FPR: {d['clean_fpr']:.3f} ({d['clean_flagged']} clean item(s) flagged)")
    return "\n".join(lines)
