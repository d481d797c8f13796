"""Every text a default print template prints is marked for translation and translated into Chinese."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.printing.template_texts import TEMPLATE_TEXTS
from domain.print_templates import all_default_templates

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "kaidan_zh_CN.ts"
# Texts the engine and the document builders translate themselves, besides the templates' own.
ENGINE_TEXTS = (
    "Page subtotal: ¥{page_subtotal}", "Total (in capitals): {total_capitals}", "Total: ¥{total}",
    "Continued on the next page", "{product} (gift)", "Freight: ¥{amount}", "Document discount: −¥{amount}",
)
ONLY_PLACEHOLDERS = re.compile(r"^(\{\w+\}\s*)+$")


def _template_texts() -> set[str]:
    texts = set()
    for template in all_default_templates():
        texts.update(field["text"] for field in template["fields"] if field.get("text"))
        texts.update(column["title"] for column in template["columns"] if column.get("title"))
    return {text for text in texts if not ONLY_PLACEHOLDERS.match(text)}


def test_every_template_text_is_marked():
    missing = (_template_texts() | set(ENGINE_TEXTS)) - set(TEMPLATE_TEXTS)
    assert missing == set(), f"add these to desktop/printing/template_texts.py: {sorted(missing)}"


def test_every_marked_text_has_chinese():
    root = ET.parse(TS_FILE).getroot()
    translated = {}
    for context in root.iter("context"):
        if context.findtext("name") != "PrintTemplate":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                translated[message.findtext("source")] = translation.text
    untranslated = [text for text in TEMPLATE_TEXTS if text not in translated]
    assert untranslated == []
    assert translated["Delivery note"] == "送货单"
