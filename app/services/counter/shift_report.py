"""X and Z reports: the shift's figures as a stored body and a receipt-width layout.

`report_body` is what `shift_reports.body_json` keeps (money in fen); `report_ops` lays it
out as receipt operations (`app.domain.receipt`) for 58 mm (32 columns) or 80 mm (48),
counting a Chinese character as two columns (`app.domain.text_columns`), so the printer
and the stored text (`report_text`) show exactly the same lines. Printed in Chinese, like
receipts.
"""
from __future__ import annotations

from datetime import datetime, timezone

from app.domain import text_columns as tc
from app.domain.money import format_money
from app.domain.receipt import (COLUMNS, TENDER_LABELS, Cut, Feed, Op, Text, UnknownPaperWidth,
                                preview)
from app.services.counter.shift_figures import DENOMINATIONS, ShiftTotals, denomination_name

TITLES = {"X": "X 报表（班中，未交班）", "Z": "Z 报表（交班）"}


def local_text(utc: datetime) -> str:
    return utc.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def report_body(kind: str, *, store: str, terminal: str, shift, opened_by: str,
                totals: ShiftTotals, at: datetime, by: str, moves: list[dict],
                counts: dict[int, int] | None = None, approved_by: str = "") -> dict:
    """The report's content. `shift` is the `Shift` row; `counts` (pieces per denomination)
    only for a Z report."""
    body = {"kind": kind, "store": store, "terminal": terminal, "shift": shift.uuid,
            "seq": shift.seq, "opened_by": opened_by, "opened_at": local_text(shift.opened_at),
            "at": local_text(at), "by": by, "float_fen": totals.float_fen,
            "sales_count": totals.sales_count, "sales_fen": totals.sales_fen,
            "returns_count": totals.returns_count, "returns_fen": totals.returns_fen,
            "net_fen": totals.net_fen, "taken": totals.taken, "refunded": totals.refunded,
            "cash_in_fen": totals.cash_in_fen, "cash_out_fen": totals.cash_out_fen,
            "expected": totals.expected, "moves": moves}
    if counts is not None:
        counted = sum(d * n for d, n in counts.items())
        body.update(counts={format_money(d): n for d, n in counts.items() if n},
                    counted_fen=counted, over_short_fen=counted - totals.expected_cash_fen,
                    approved_by=approved_by)
    return body


def report_ops(body: dict, width_mm: int) -> list[Op]:
    if width_mm not in COLUMNS:
        raise UnknownPaperWidth(width=width_mm)
    cols = COLUMNS[width_mm]
    rule = Text("-" * cols)
    ops: list[Op] = [_store_name(body["store"], cols),
                     Text(TITLES[body["kind"]], "center", bold=True)]
    ops += [Text(tc.truncate(f"{label}: {value}", cols)) for label, value in (
        ("班次", f"第 {body['seq']} 班"), ("终端", body["terminal"]), ("开班", body["opened_at"]),
        ("开班人", body["opened_by"]), ("交班" if body["kind"] == "Z" else "打印", body["at"]),
        ("操作人", body["by"])) if value]
    ops += [rule, *_sales(body, cols), rule, *_tenders(body, cols), rule, *_cash(body, cols)]
    if "counts" in body:
        ops += [rule, *_count(body, cols)]
    if body["moves"]:
        ops += [rule, *_moves(body["moves"], cols)]
    ops += [rule, Text("收银员签字："), Feed(1), Text("主管签字："), Feed(3), Cut()]
    return ops


def report_text(body: dict, width_mm: int) -> str:
    return "\n".join(line.rstrip() for line in preview(report_ops(body, width_mm), width_mm))


def _store_name(name: str, cols: int) -> Text:
    name = tc.clean(name)
    if tc.width(name) <= cols // 2:
        return Text(name, "center", bold=True, double=True)
    return Text(tc.truncate(name, cols), "center", bold=True)


def _row(label: str, fen: int, cols: int, sign: bool = False) -> Text:
    figure = format_money(fen)
    return Text(tc.spread(label, f"+{figure}" if sign and fen > 0 else figure, cols))


def _sales(body: dict, cols: int) -> list[Op]:
    return [_row(f"销售 {body['sales_count']} 笔", body["sales_fen"], cols),
            _row(f"退货 {body['returns_count']} 笔", -body["returns_fen"], cols),
            Text(tc.spread("净销售额", format_money(body["net_fen"]), cols), bold=True)]


def _tenders(body: dict, cols: int) -> list[Op]:
    ops: list[Op] = [Text("按付款方式（收款 - 退款）")]
    for method in body["expected"]:
        net = body["taken"].get(method, 0) - body["refunded"].get(method, 0)
        ops.append(_row(TENDER_LABELS.get(method, method), net, cols))
    return ops


def _cash(body: dict, cols: int) -> list[Op]:
    cash = "cash"
    return [Text("现金"), _row("备用金", body["float_fen"], cols),
            _row("现金收款", body["taken"].get(cash, 0), cols, sign=True),
            _row("现金退款", -body["refunded"].get(cash, 0), cols),
            _row("存入", body["cash_in_fen"], cols, sign=True),
            _row("取出", -body["cash_out_fen"], cols),
            Text(tc.spread("应有现金", format_money(body["expected"][cash]), cols), bold=True)]


def _count(body: dict, cols: int) -> list[Op]:
    ops: list[Op] = [Text("点钞")]
    for d in DENOMINATIONS:
        pieces = body["counts"].get(format_money(d), 0)
        if pieces:
            ops.append(_row(f"{denomination_name(d)} x {pieces}", d * pieces, cols))
    over_short = body["over_short_fen"]
    label = "长款" if over_short > 0 else ("短款" if over_short < 0 else "长短款")
    ops += [Text(tc.spread("实点现金", format_money(body["counted_fen"]), cols), bold=True),
            Text(tc.spread(label, ("+" if over_short > 0 else "") + format_money(over_short),
                           cols), bold=True)]
    if body.get("approved_by"):
        ops.append(Text(tc.truncate(f"授权: {body['approved_by']}", cols)))
    return ops


def _moves(moves: list[dict], cols: int) -> list[Op]:
    ops: list[Op] = [Text("存取现金明细")]
    for move in moves:
        at = local_text(datetime.fromisoformat(move["at"]))[-5:]
        kind = "存入" if move["kind"] == "in" else "取出"
        sign = 1 if move["kind"] == "in" else -1
        ops.append(_row(f"{at} {kind}", sign * move["amount_fen"], cols))
        ops += [Text("  " + line) for line in tc.wrap(move["reason"], cols - 2)]
    return ops


def cash_slip_ops(store_name: str, kind: str, amount_fen: int, reason: str, seq: int, at: str,
                  by: str, approved_by: str, width_mm: int) -> list[Op]:
    """The slip printed when cash goes into or out of the drawer (the drawer opens with it)."""
    if width_mm not in COLUMNS:
        raise UnknownPaperWidth(width=width_mm)
    cols = COLUMNS[width_mm]
    ops: list[Op] = [_store_name(store_name, cols),
                     Text("存入现金" if kind == "in" else "取出现金", "center", bold=True)]
    ops += [Text(tc.truncate(f"{label}: {value}", cols)) for label, value in (
        ("班次", f"第 {seq} 班"), ("时间", at), ("操作人", by),
        ("授权", approved_by if approved_by != by else "")) if value]
    ops += [Text("-" * cols),
            Text(tc.spread("金额", format_money(amount_fen), cols // 2), bold=True, double=True),
            Text("原因:"), *[Text("  " + line) for line in tc.wrap(reason, cols - 2)],
            Text("-" * cols), Text("签字："), Feed(3), Cut()]
    return ops
