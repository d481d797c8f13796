"""Chinese texts of the lowest-price warning and the stock shortage, from the .ts in the checkout."""

from __future__ import annotations

from desktop.messages import message_for
from desktop.models.order_models import OrderLinesModel
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders.test_line_discounts import TEA, enter_line


def test_lowest_price_names_net_price(qapp, tmp_path):
    model = OrderLinesModel()
    row = enter_line(model, TEA, "2")
    # 2 × 88.50 − 17.02 = 159.98, so 79.99 a 饼 after the discount, below the lowest price 80.00.
    assert model.setData(model.index(row, OrderLinesModel.DISCOUNT), "17.02")
    assert model.line(row).below_lowest
    assert model.line(row).net_base_price == model.line(row).amount / 2
    with chinese_from_ts(tmp_path):
        warning = model.line_warning(row)
    assert warning == "第 1 行：折后单价 79.99（每饼）低于最低售价 80.00，订单需要经理审批。"
    english = model.line_warning(row)
    assert english.startswith("Line 1: the net price 79.99 per 饼 after the line discount is below the lowest price 80.00")


def test_shortage_with_unit_in_chinese(qapp, tmp_path):
    params = {"product_code": "JSH1004", "requested": "100.000", "available": "22.000", "unit": "个"}
    with chinese_from_ts(tmp_path):
        text = message_for("insufficient_stock", params)
    assert text == "JSH1004 库存不足：需要 100个，可用 22个"


def test_discount_limit_in_chinese(qapp, tmp_path):
    with chinese_from_ts(tmp_path):
        text = message_for("discount_above_limit", {"product_code": "P001", "discount_percent": "0.1",
                                                    "max_discount_percent": "0.05"})
    assert "10%" in text
    assert "5%" in text
    assert " %" not in text
