"""What the till refuses, each with a message that tells the cashier what to do next."""
from __future__ import annotations

from app.domain.errors import DomainError


class ProductNotFound(DomainError):
    code = "counter_product_not_found"
    zh = "找不到商品“{text}”。请检查条码，或输入商品名称、拼音首字母或商品编码搜索。"
    en = ("No product matches '{text}'. Check the barcode, or search by name, pinyin "
          "initials or SKU.")


class ProductInactive(DomainError):
    code = "counter_product_inactive"
    zh = "商品“{name}”（{sku}）已停用，不能销售。请联系店长。"
    en = "Product '{name}' ({sku}) is deactivated and cannot be sold. Ask a store manager."


class MemberNotFound(DomainError):
    code = "counter_member_not_found"
    zh = "找不到手机号或会员卡号为“{ref}”的会员。请核对后重新输入。"
    en = "No member has the phone or card number '{ref}'. Check it and try again."


class BadQuantity(DomainError):
    code = "counter_bad_quantity"
    zh = "数量“{value}”无效：{why_zh}"
    en = "Quantity '{value}' is not valid: {why_en}"


class BadDiscount(DomainError):
    code = "counter_bad_discount"
    zh = "折扣“{value}”无效：{why_zh}"
    en = "Discount '{value}' is not valid: {why_en}"


class NoLineSelected(DomainError):
    code = "counter_no_line"
    zh = "购物车里没有选中的商品行。请先扫描商品，或用上下方向键选择一行。"
    en = "No line is selected. Scan a product first, or pick a line with the arrow keys."


class EmptyCart(DomainError):
    code = "counter_empty_cart"
    zh = "购物车是空的，没有可以{action_zh}的内容。"
    en = "The cart is empty: there is nothing to {action_en}."


class AuthorisationNeeded(DomainError):
    code = "counter_authorisation_needed"
    zh = "“{action_zh}”需要店长或值班主管授权，请输入授权人的用户名和 PIN。"
    en = "'{action_en}' needs a store manager or shift lead: enter their user name and PIN."


class WrongPin(DomainError):
    code = "counter_wrong_pin"
    zh = "授权失败：用户名或 PIN 不正确，或该用户无权授权“{action_zh}”。"
    en = ("Authorisation refused: wrong user name or PIN, or that user may not authorise "
          "'{action_en}'.")


class HeldCartMissing(DomainError):
    code = "counter_held_missing"
    zh = "挂单 {ref} 已不存在（可能已被取走）。请刷新挂单列表。"
    en = "Held sale {ref} is no longer there (it may have been recalled). Refresh the list."


class NotPaid(DomainError):
    code = "counter_not_paid"
    zh = "还差 {remaining} 元未付。请继续收款。"
    en = "{remaining} is still to be paid. Take another payment."


class TenderTooLarge(DomainError):
    code = "counter_tender_too_large"
    zh = "{method_zh}金额 {amount} 元超过待付的 {remaining} 元。只有现金可以找零。"
    en = "The {method_en} amount {amount} exceeds the {remaining} still due. Only cash gives change."


class BadReference(DomainError):
    code = "counter_bad_reference"
    zh = "请输入银行卡终端打印的参考号（1 到 64 个字母或数字），不要输入卡号。"
    en = ("Enter the reference number printed by the card terminal (1 to 64 letters or "
          "digits), never the card number.")


class SaleNotPosted(DomainError):
    code = "counter_sale_pending"
    zh = "这笔销售需要审批（单据 {id}），尚未过账，没有打印小票。请联系店长。"
    en = ("This sale needs an approval (document {id}); it is not posted and nothing printed. "
          "Ask a manager.")


class BadCounterSetting(DomainError):
    code = "counter_bad_setting"
    zh = "收银设置“{key}”的值“{value}”无效：{why_zh}"
    en = "Counter setting '{key}' has the invalid value '{value}': {why_en}"


# -- shifts -------------------------------------------------------------------------------
class NoOpenShift(DomainError):
    code = "counter_no_open_shift"
    zh = "这台收银机还没有开班，不能收款或退货。请先开班并输入备用金。"
    en = ("No shift is open on this till, so it cannot take payments or give refunds. Open "
          "a shift with its float first.")


class ShiftAlreadyOpen(DomainError):
    code = "counter_shift_already_open"
    zh = "这台收银机的第 {seq} 班（{by}，{at} 开班）还没有交班。请先交班，再开新班。"
    en = ("Shift {seq} ({by}, opened {at}) is still open on this till. Close it before "
          "opening another.")


class BadCashAmount(DomainError):
    code = "counter_bad_cash_amount"
    zh = "金额“{value}”无效：{why_zh}"
    en = "Amount '{value}' is not valid: {why_en}"


class ReasonNeeded(DomainError):
    code = "counter_cash_reason_needed"
    zh = "存入或取出现金必须填写原因（1 到 200 个字）。"
    en = "Putting cash in or taking it out needs a reason (1 to 200 characters)."


class CashOutTooLarge(DomainError):
    code = "counter_cash_out_too_large"
    zh = "钱箱里应有现金 {expected} 元，不能取出 {amount} 元。请核对金额。"
    en = "The drawer should hold {expected} in cash; {amount} cannot be taken out. Check the amount."


class BadCount(DomainError):
    code = "counter_bad_count"
    zh = "点钞数据无效：{what_zh}"
    en = "The cash count is not valid: {what_en}"


# -- returns ------------------------------------------------------------------------------
class SaleNotFound(DomainError):
    code = "counter_sale_not_found"
    zh = "找不到单号为“{ref}”的已过账销售单。请扫描小票下方的条码，或输入小票上的单号。"
    en = ("No posted sale has the number '{ref}'. Scan the barcode at the bottom of the "
          "receipt, or type the number printed on it.")


class NothingToReturn(DomainError):
    code = "counter_nothing_to_return"
    zh = "没有选择要退的商品。请至少给一行填写大于 0 的退货数量。"
    en = "Nothing is picked to return. Enter a quantity above 0 on at least one line."


class ReturnNotPosted(DomainError):
    code = "counter_return_pending"
    zh = "这笔退货需要审批（单据 {id}），尚未过账，没有退款。请联系店长。"
    en = ("This return needs an approval (document {id}); it is not posted and nothing was "
          "refunded. Ask a manager.")


class WalletRefundOffline(DomainError):
    code = "counter_wallet_refund_offline"
    zh = "收银机离线，无法通过{gateway}退回微信/支付宝付款。请恢复联网后再办理退货。"
    en = ("The till is offline, so {gateway} cannot refund WeChat Pay or Alipay. Process the "
          "return once the till is back online.")


class NotEnoughStoredValue(DomainError):
    code = "counter_not_enough_stored_value"
    zh = "会员“{member}”的储值余额只有 {balance} 元，不能支付 {amount} 元。请改用其他付款方式支付差额，或先充值。"
    en = ("Member '{member}' has only {balance} of stored value and cannot pay {amount}. "
          "Pay the rest another way, or top up first.")


class NotEnoughPoints(DomainError):
    code = "counter_not_enough_points"
    zh = "会员“{member}”只有 {balance} 积分，不能使用 {points} 积分。"
    en = "Member '{member}' has only {balance} points and cannot use {points}."


class MemberNeeded(DomainError):
    code = "counter_member_needed"
    zh = "{what_zh}需要先指定会员（F4）。"
    en = "{what_en} needs a member first (F4)."


class PointsNotRedeemable(DomainError):
    code = "counter_points_not_redeemable"
    zh = "积分抵现不可用：{why_zh}"
    en = "Points cannot pay: {why_en}"


class ExpiredStock(DomainError):
    code = "counter_expired_stock"
    zh = ("“{name}”（{sku}）未过期的库存只有 {fresh}，其余已过期（最近到期 {expiry}），过期商品不能销售。"
          "请把过期的货下架报损，换一件未过期的。")
    en = ("'{name}' ({sku}) has only {fresh} in unexpired stock; the rest expired (latest "
          "{expiry}) and cannot be sold. Take the expired goods off the shelf and write them "
          "off; give the customer an unexpired one.")


class BadPoints(DomainError):
    code = "counter_bad_points"
    zh = "“{value}”不是积分数。请输入要使用的积分（整数）。"
    en = "'{value}' is not a number of points. Type the points to use (a whole number)."


class NoPrinterSet(DomainError):
    code = "counter_no_printer"
    zh = "还没有填写打印机地址。请先选择连接方式并填写地址，例如 tcp://192.168.1.50:9100。"
    en = "No printer address yet. Choose a connection and fill in its address, e.g. tcp://192.168.1.50:9100."
