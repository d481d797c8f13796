"""Template texts are translated before their values are filled in, and a text typed in Chinese prints as typed."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from PySide6.QtCore import QSizeF

from desktop.printing.capitals import amount_in_capitals
from desktop.printing.output import pdf_page_texts, write_pdf
from desktop.printing.template_model import template_from_dict
from domain.print_templates import default_template
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents

HALF_MM = QSizeF(241, 139.7)


def test_default_template_prints_chinese_labels(qapp, tmp_path):
    note = sample_documents.delivery_note(3, freight=Decimal("8.00"), reprint_mark="补打 第2次")
    note = dataclasses.replace(note, total=note.total + 8)
    path = tmp_path / "zh.pdf"
    with chinese_from_ts(tmp_path):
        write_pdf(note, path, HALF_MM)
    text = pdf_page_texts(path)[0]

    for expected in ("送货单", "客户：" + note.customer_name, "单号：" + note.number, "序号", "商品", "金额",
                     "本页小计：¥", "运费：¥8.00", "合计金额（大写）：" + amount_in_capitals(note.total),
                     "发货人：", "第 1 页，共 1 页", "补打 第2次"):
        assert expected in text, expected
    assert "Delivery note" not in text


def test_typed_text_prints_as_written(qapp, tmp_path):
    data = json.loads(json.dumps(default_template("delivery_note", "continuous_half")))
    for field in data["fields"]:
        if field["name"] == "title":
            field["text"] = "销售出库单 {第二联"
        if field["name"] == "signature_1":
            field["text"] = "仓管：{unknown_value}签字"
    note = dataclasses.replace(sample_documents.delivery_note(2), template=template_from_dict(data))
    path = tmp_path / "typed.pdf"
    write_pdf(note, path)
    text = pdf_page_texts(path)[0]

    assert "销售出库单 {第二联" in text
    assert "仓管：签字" in text
