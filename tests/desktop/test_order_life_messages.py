"""Rejections of returns, verifications and company settings read as sentences in both languages."""

from __future__ import annotations

from desktop.messages import command_label, message_for

OVER_RETURN = {"line_no": 1, "delivery_number": "DN-A3-20261204-0001", "product_code": "P001", "unit_name": "袋",
               "delivered": "10.000", "returned": "6.000", "requested": "6.000"}


def test_over_return_in_chinese(chinese):
    assert message_for("return_exceeds_delivered", OVER_RETURN) == (
        "第 1 行：P001 退货 6.000 袋，超过送货单 DN-A3-20261204-0001 可退的数量（已发货 10.000，已退 6.000）"
    )


def test_over_return_in_english(english):
    assert message_for("return_exceeds_delivered", OVER_RETURN) == (
        "Line 1: 6.000 袋 of P001 is more than delivery DN-A3-20261204-0001 has left to return "
        "(10.000 delivered, 6.000 already returned)"
    )


def test_verification_codes_in_chinese(chinese):
    assert message_for("order_not_completed", {"number": "SO-1", "status": "approved"}) == (
        "订单 SO-1 尚未完成（状态：已审核），只有已完成的订单才能核准"
    )
    assert message_for("verification_no_change", {"number": "SO-1"}) == (
        "订单 SO-1 的核准没有修改任何数量或价格，请至少修改一行"
    )


def test_setting_codes_in_chinese(chinese):
    assert message_for("unknown_setting", {"key": "colour"}) == "未知的公司设置 colour"
    assert message_for("company_name_blank", {}) == "公司名称不能为空，请填写印在单据上的名称"
    assert message_for("invalid_choice", {"field": "credit_check", "value": "strict",
                                          "choices": "approval, warn, off"}) == (
        "信用检查 不能为 strict，请从 approval, warn, off 中选择"
    )
    assert message_for("value_out_of_range", {"field": "max_discount_percent", "value": "1.5",
                                              "minimum": "0", "maximum": "1"}).startswith("单行折扣上限")


def test_new_command_labels_in_chinese(chinese):
    assert command_label("order.send_back", "SO-1", "上海华联超市") == "将订单 SO-1（客户：上海华联超市）退回开单员"
    assert command_label("order.verify", "SO-1") == "核准订单 SO-1"
    assert command_label("sales_return.post", "SR-1", "上海华联超市") == "销售退货单 SR-1 过账（客户：上海华联超市）"
    assert command_label("company_setting.set", "max_discount_percent") == "修改公司设置 max_discount_percent"


def test_discount_limit_as_percent(chinese):
    text = message_for("discount_above_limit", {
        "product_code": "P001", "discount_percent": "0.2500", "max_discount_percent": "0.2"})
    assert "25%" in text
    assert "20%" in text
    assert " %" not in text
    assert "0.25" not in text


def test_shortage_quantities_without_zeros(chinese):
    text = message_for("insufficient_stock", {"product_code": "JSH1004", "requested": "100.000", "available": "22.500"})
    assert text == "JSH1004 库存不足：需要 100，可用 22.5"


def test_shortage_with_unit_in_english(english):
    text = message_for("insufficient_stock", {"product_code": "JSH1004", "requested": "100.000",
                                              "available": "22.000", "unit": "个"})
    assert text == "Not enough stock of JSH1004: 100 个 requested, 22 个 available"


def test_shortage_without_unit_in_english(english):
    text = message_for("insufficient_stock", {"product_code": "JSH1004", "requested": "100.000", "available": "0.000"})
    assert text == "Not enough stock of JSH1004: 100 requested, 0 available"


def test_order_state_translated(chinese):
    text = message_for("order_not_completed", {"number": "SO-1", "status": "partly_delivered"})
    assert "部分发货" in text or "部分送货" in text
    assert "partly_delivered" not in text



def test_prices_shown_with_two_decimals(chinese):
    text = message_for("price_below_lowest", {"product_code": "JSH1006", "unit_price": "1.0000", "lowest_price": "30.0000"})
    assert "1.00" in text
    assert "30.00" in text
    assert "30.0000" not in text


def test_line_count_in_quotation_form(chinese):
    from desktop.models.order_format import line_count_text

    # The order form and the quotation form (its subclass) show the same count.
    assert line_count_text(3) == "共 3 行"


def test_over_billed_return_in_english(english):
    params = {"line_no": 2, "product_code": "P001", "unit_name": "饼", "billed": "4.000", "returned": "1.000",
              "requested": "5.000"}
    assert message_for("return_exceeds_billed", params) == (
        "Line 2: 5.000 饼 of P001 is more than the verified order line has left to return "
        "(4.000 billed after verification, 1.000 already returned)"
    )
