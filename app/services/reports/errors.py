"""Errors a report request can cause (bad names and options); each says what to do."""
from __future__ import annotations

from app.domain.errors import DomainError


class UnknownReport(DomainError):
    code = "report_unknown"
    zh = "没有名为“{name}”的报表。可用的报表：{names}。"
    en = "There is no report '{name}'. Reports: {names}."


class BadOption(DomainError):
    code = "report_bad_option"
    zh = "{option} 的值“{value}”无效。可用：{allowed}。"
    en = "'{value}' is not valid for {option}. Use one of: {allowed}."


class OptionNotApplicable(DomainError):
    code = "report_option_not_applicable"
    zh = "报表“{report}”不支持 {option}。它支持：{allowed}。"
    en = "Report '{report}' does not take {option}. It takes: {allowed}."


class BadExportFormat(DomainError):
    code = "report_bad_format"
    zh = "导出格式“{value}”无效：可用 {allowed}。{hint_zh}"
    en = "Export format '{value}' is not valid: use {allowed}. {hint_en}"
