"""Downloadable Excel templates: a data sheet with bilingual headers and data validation,
and an instructions sheet that explains every column in Chinese and English.

The data sheet comes first, because the importers read the first worksheet. It holds no
example row (a forgotten example would be imported); the examples are on the
instructions sheet. The products template gains a column per active product custom field
given (`fields`), after the standard ones, explained on the instructions sheet too.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from app.domain.custom_fields import FieldDef
from app.domain.errors import DomainError

from .columns import (CHOICE, DATE, FLAG, INT, KINDS, MONEY, QTY, SPECS, TITLES, Column)

VALIDATED_ROWS = 100_000  # rows below the header that carry the data validation
REQUIRED_FILL, HEADER_FILL = "FFF2CC", "DDEBF7"

GENERAL_ZH = (
    "第一张工作表“数据”的第一行是表头，请从第二行开始填写，每行一条。",
    "黄色表头的列必须填写；其他列可以留空。",
    "金额以元为单位，最多两位小数；数量最多三位小数；日期写成 2026-12-01。",
    "导入时会先检查整个文件：只要有一处错误就不会写入任何数据，"
    "并生成一份标出错误单元格（红色，带批注）并加了“错误”列的副本。",
    "不要在单元格里写公式；以 = + - @ 开头的编码会被拒绝。",
)
GENERAL_EN = (
    "Row 1 of the first sheet ('Data') is the header; fill in one record per row from row 2.",
    "Columns with a yellow header must have a value; the others may stay empty.",
    "Money in yuan with at most two decimals; quantities at most three; dates as 2026-12-01.",
    "The whole file is checked first: on any problem nothing is written, and you get a copy "
    "with each bad cell marked (red, with a comment) and an 'Errors' column.",
    "Do not put formulas in cells; codes starting with = + - @ are refused.",
)
KIND_NAMES = {MONEY: ("金额", "money"), QTY: ("数量", "quantity"), DATE: ("日期", "date"),
              INT: ("整数", "whole number"), FLAG: ("是/否", "yes/no"),
              CHOICE: ("选项", "choice")}


class UnknownTemplate(DomainError):
    code = "unknown_template"
    zh = "没有名为“{name}”的模板，可用：{known}。"
    en = "There is no template '{name}'; choose one of {known}."


def template_bytes(kind: str, fields: Sequence[FieldDef] = ()) -> bytes:
    """The template workbook of `kind` (products, stock, prices, receipts) as .xlsx bytes;
    `fields`: the product custom fields to add to the products template."""
    from openpyxl import Workbook

    if kind not in SPECS:
        raise UnknownTemplate(name=kind, known=", ".join(KINDS))
    columns = SPECS[kind] + (tuple(custom_column(fd) for fd in fields)
                             if kind == "products" else ())
    wb = Workbook()
    _data_sheet(wb.active, columns)
    _instructions(wb.create_sheet("说明 Instructions"), kind, columns)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_template(kind: str, path: Path, fields: Sequence[FieldDef] = ()) -> Path:
    data = template_bytes(kind, fields)
    path = Path(path)
    path.write_bytes(data)
    return path


_CUSTOM_KIND = {"text": ("文字", "text"), "number": ("数字", "number"),
                "money": ("金额（元）", "money (yuan)"), "date": ("日期，如 2026-11-22",
                                                         "date, e.g. 2026-11-22"),
                "choice": ("选项", "choice"), "bool": ("是/否", "yes/no")}


def custom_column(fd: FieldDef) -> Column:
    """A product custom field as a template column (header "中文\nEnglish" like the others;
    the import also knows it by its key)."""
    kind_zh, kind_en = _CUSTOM_KIND[fd.kind]
    low, high = fd.minimum, fd.maximum
    bounds_zh = "" if low is None and high is None else \
        f"，{'' if low is None else low} 到 {'' if high is None else high}"
    bounds_en = "" if low is None and high is None else \
        f", {'' if low is None else low} to {'' if high is None else high}"
    choices = fd.choices if fd.kind == "choice" else ("是", "否") if fd.kind == "bool" else ()
    return Column(fd.key, fd.label_zh, fd.label_en, CHOICE if choices else "text",
                  required=False, help_zh=f"自定义字段：{kind_zh}{bounds_zh}"
                  + ("；新商品必须填写" if fd.required else ""),
                  help_en=f"custom field: {kind_en}{bounds_en}"
                  + ("; required for a new product" if fd.required else ""),
                  example=choices[0] if choices else "", choices=choices)


def _data_sheet(ws, columns: tuple[Column, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.title = "数据 Data"
    for i, column in enumerate(columns, 1):
        cell = ws.cell(1, i, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        colour = REQUIRED_FILL if column.required else HEADER_FILL
        cell.fill = PatternFill("solid", fgColor=colour)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(column.en) + 4)
        if column.kind not in (MONEY, QTY, DATE, INT):
            ws.column_dimensions[letter].number_format = "@"  # codes stay text: 0012 keeps its 0s
        _validate(ws, letter, column)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def _validate(ws, letter: str, column: Column) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    area = f"{letter}2:{letter}{VALIDATED_ROWS + 1}"
    rule = None
    if column.kind in (MONEY, QTY):
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif column.kind == INT:
        rule = DataValidation(type="whole", operator="between", formula1="0", formula2="36500")
    elif column.kind == DATE:
        rule = DataValidation(type="date", operator="between", formula1="36526",  # 2000-01-01
                              formula2="73050")  # 2099-12-31
    elif column.choices:
        rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"')
    if rule is None:
        return
    rule.allow_blank = not column.required
    rule.showErrorMessage = True
    rule.errorTitle = "输入有误 Invalid entry"
    rule.error = f"{column.help_zh}\n{column.help_en}"[:255]
    rule.promptTitle = column.zh[:32]
    rule.prompt = f"{column.help_zh}\n{column.help_en}"[:255]
    rule.showInputMessage = True
    rule.add(area)
    ws.add_data_validation(rule)


def _instructions(ws, kind: str, columns: tuple[Column, ...]) -> None:
    from openpyxl.styles import Alignment, Font

    zh, en = TITLES[kind]
    ws.cell(1, 1, f"{zh}导入模板 · {en} import template").font = Font(bold=True, size=14)
    row = 3
    for text_zh, text_en in zip(GENERAL_ZH, GENERAL_EN):
        ws.cell(row, 1, text_zh)
        ws.cell(row + 1, 1, text_en).font = Font(italic=True, color="555555")
        row += 2
    row += 1
    heads = ("列（中文）", "Column (English)", "必填 Required", "类型 Kind", "说明", "Notes",
             "示例 Example")
    for i, text in enumerate(heads, 1):
        ws.cell(row, i, text).font = Font(bold=True)
    for column in columns:
        row += 1
        kind_zh, kind_en = KIND_NAMES.get(column.kind, ("文字", "text"))
        values = (column.zh, column.en, "是 yes" if column.required else "", f"{kind_zh} {kind_en}",
                  column.help_zh, column.help_en, column.example)
        for i, value in enumerate(values, 1):
            cell = ws.cell(row, i)
            cell.value = value
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (16, 18, 12, 14, 36, 40, 18)):
        ws.column_dimensions[letter].width = width
