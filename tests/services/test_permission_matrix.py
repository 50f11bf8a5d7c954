"""Every service command called as every role, compared with the declared table.

A call "is allowed" when it does not raise PermissionDenied: a business rule may still
refuse it (an unknown document, an empty cart), which proves the permission gate let it
through. Any other exception fails the test, so each call below is a well-formed request.
The test also finds every entry point of app/services (a public function that opens the
store) and fails when one is neither in the table nor listed as acting for no user.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from datetime import date
from pathlib import Path

import pytest

from app.domain.documents import DocType
from app.domain.errors import JxcError
from app.domain.permissions import (COST_KEYS, COST_VIEWERS, NO_SIGN_IN, POLICY, ROLE_ORDER,
                                    ROLES, WITHOUT_USER, PermissionDenied, policy_markdown,
                                    sees_costs)
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.domain.custom_fields import FieldDef
from app.services import audit_view, catalog_sync, scheduler, session_lock
from app.services import transfers as transfers_between
from app.services.audit_view import AuditFilter
from app.services import document_pdf, documents, labels, purchasing, report_builder
from app.domain.label_template import DEFAULT_LABEL_TEMPLATE
from app.services.labels import templates as label_templates
from app.domain.document_template import DEFAULT_DOCUMENT_TEMPLATE
from app.services.printing import document_templates
from app.services import products as prod
from app.services.products.export import export_products
from app.services.brief import config as brief_config, sending as brief_sending
from app.services.counter import devices as counter_devices, scanning, topup
from app.services.reports import dashboard as report_dashboard, definitions as report_definitions
from app.services.reports import export as report_export
from app.domain.report_model import ReportResult
from app.services.documents import DocFilter
from app.services.purchasing import SuggestParams
from app.services import counter, custom_fields, health, overview, recipes, settings, users, warehouses
from app.services.backup.create import run_backup
from app.services.catalog_import import import_products
from app.services.excel import IMPORTERS
from app.services.stock_work import (common as sw_common, expiry, handheld, stock_list,
                                     stocktakes, transfers, variance, write_offs)
from app.services.counter import returns, shifts
from app.services.demand_plan import plan, requisition
from app.services.finance.export import export_vouchers, load_layout
from app.services.inventory import approval_rules, lifecycle, posting_rules, queries, verify
from app.services.inventory.posting import post_document
from app.domain.receipt_template import DEFAULT_TEMPLATE
from app.services.printing import queue, receipts, templates
from app.services.records import Actor, local_date, utc_now
from app.services.reports import catalog as report_catalog
from app.services.reports.filters import ReportFilter
from app.services.reports.sales import sales
from helpers import ADMIN_PASSWORD, ROOT, add_catalog

PASSWORD = "Matrix-pass-1"
DAY = date(2026, 3, 31)
# The seven roles and one the table never names: deny by default must refuse it everywhere,
# also where every real role is allowed.
CALLERS = (*ROLE_ORDER, "nobody")


def _docs(sale_number: str) -> dict[str, dict]:
    cola = {"sku": "COLA", "qty": "1"}
    return {
        "opening_stock": {"lines": [{**cola, "unit_cost": "1.00"}]},
        "purchase_order": {"supplier": "S01", "lines": [{**cola, "unit_cost": "1.00"}]},
        "purchase_receipt": {"supplier": "S01",
                             "lines": [{**cola, "unit_cost": "1.00", "confirm_price": True}]},
        "purchase_return": {"supplier": "S01", "lines": [cola]},
        "sale": {"lines": [cola], "payments": [{"method": "cash", "amount": "3.50"}]},
        "customer_return": {"original": sale_number, "lines": [cola]},
        "write_off": {"lines": [{**cola, "reason": "破损"}]},
        "stocktake": {"lines": [{"sku": "COLA", "counted": "50"}]},
        "transfer_out": {"to_warehouse": "W2", "lines": [cola]},
        "transfer_in": {"original": "tr-out", "lines": [cola]},
        "transfer_settle": {"original": "tr-store", "lines": [cola]},
        "assembly": {"lines": [cola]},
        "disassembly": {"lines": [cola]},
    }


class Env:
    def __init__(self, store, tmp: Path) -> None:
        self.store, self.tmp, self.n = store, tmp, 0
        admin = Actor(1, "admin", "admin")
        add_catalog(store)
        post_document(store, admin, {"type": "purchase_receipt", "id": "in-1", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "100", "unit_cost": "1.00"}]})
        self.sale = post_document(store, admin, {"id": "sale-1", **_docs("")["sale"],
                                                 "type": "sale"}).number
        post_document(store, admin, {"type": "transfer_out", "id": "tr-out",
                                     **_docs("")["transfer_out"]})
        transfers_between.send_transfer(store, admin, "S002", [{"sku": "COLA", "qty": "1"}],
                                          transfer_id="tr-store")
        self.docs = _docs(self.sale)
        self.actors = {}
        for role in ROLE_ORDER:
            info = users.add_user(store, admin, f"u_{role}", role, role, PASSWORD)
            self.actors[role] = Actor(info.id, info.username, role)
        self.actors["nobody"] = Actor(None, "nobody", "nobody")
        users.add_user(store, admin, "target", "收银员", "cashier", PASSWORD)
        custom_fields.define(store, admin, FieldDef("product", "origin", "产地", "Origin", "text"))
        self.csv = tmp / "p.csv"
        self.csv.write_text("sku,name,unit,retail_price\nNEW1,新品,个,1.00\n", encoding="utf-8")

    def unique(self) -> int:
        self.n += 1
        return self.n

    def drafts(self, kind: str) -> dict[str, str]:
        """A fresh draft of `kind` per role (submit needs one that nobody posted yet)."""
        admin = Actor(1, "admin", "admin")
        out = {}
        for role in CALLERS:
            ref = f"draft-{kind}-{role}"
            lifecycle.save_draft(self.store, admin, {"type": kind, "id": ref, **self.docs[kind]})
            out[role] = ref
        return out


class _NoKey:
    def __init__(self) -> None:
        self.keys = {}

    def get(self, uuid):
        return self.keys.get(uuid)

    def put(self, uuid, key):
        self.keys[uuid] = key


def _f(**kw) -> ReportFilter:
    return ReportFilter(date(2026, 3, 1), DAY, **kw)


_SPEC = report_builder.BuilderSpec(("product",), ("sales",))


def _sheet(e, name, text):
    path = e.tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _report(fn):
    return lambda e, a: fn(e.store, _f(), actor=a)


CALLS = {
    "inventory.lifecycle.approve": lambda e, a: lifecycle.approve(e.store, a, "none"),
    "inventory.lifecycle.reject": lambda e, a: lifecycle.reject(e.store, a, "none", "不行"),
    "inventory.lifecycle.inbox": lambda e, a: lifecycle.inbox(e.store, a),
    "inventory.lifecycle.history": lambda e, a: lifecycle.history(e.store, "sale-1", actor=a),
    "inventory.queries.stock": lambda e, a: queries.stock(e.store, actor=a),
    "inventory.queries.document": lambda e, a: queries.document(e.store, "sale-1", actor=a),
    "inventory.verify.verify": lambda e, a: verify.verify(e.store, actor=a),
    "inventory.verify.rebuild_projection": lambda e, a: verify.rebuild_projection(e.store, a),
    "inventory.approval_rules.add_rule": lambda e, a: approval_rules.add_rule(
        e.store, a, DocType.WRITE_OFF, "admin", 100_000_00, None),
    "inventory.approval_rules.disable_rule": lambda e, a: approval_rules.disable_rule(
        e.store, a, 1),
    "inventory.approval_rules.list_rules": lambda e, a: approval_rules.list_rules(
        e.store, actor=a),
    "inventory.posting_rules.show": lambda e, a: posting_rules.show(e.store, actor=a),
    "inventory.posting_rules.replace": lambda e, a: posting_rules.replace(
        e.store, a, DocType.WRITE_OFF, posting_rules.parse_entries(
            [{"side": "debit", "account": "5711", "amount": "value"},
             {"side": "credit", "account": "1405", "amount": "value"}])),
    "inventory.posting_rules.reset": lambda e, a: posting_rules.reset(
        e.store, a, DocType.WRITE_OFF),
    "settings.all_settings": lambda e, a: settings.all_settings(e.store, actor=a),
    "settings.change": lambda e, a: settings.change(e.store, a, "counter.rounding", "jiao"),
    "warehouses.add_warehouse": lambda e, a: warehouses.add_warehouse(
        e.store, a, f"X{e.unique()}", "仓"),
    "warehouses.list_warehouses": lambda e, a: warehouses.list_warehouses(e.store, actor=a),
    "recipes.set_recipe": lambda e, a: recipes.set_recipe(e.store, a, "RICE", "1",
                                                          [("COLA", "2")]),
    "catalog_import.import_products": lambda e, a: import_products(e.store, a, e.csv),
    "products.listing.list_products": lambda e, a: prod.list_products(
        e.store, prod.ProductFilter(), actor=a),
    "products.export.export_products": lambda e, a: export_products(
        e.store, a, e.tmp / f"p{e.unique()}.xlsx", prod.ProductFilter()),
    "products.editing.load_product": lambda e, a: prod.load_product(e.store, 1, actor=a),
    "products.editing.save_product": lambda e, a: prod.save_product(e.store, a, prod.ProductForm()),
    "products.masters.choices": lambda e, a: prod.choices(e.store, actor=a),
    "products.masters.list_units": lambda e, a: prod.list_units(e.store, actor=a),
    "products.masters.save_unit": lambda e, a: prod.save_unit(e.store, a, prod.UnitForm()),
    "products.masters.list_categories": lambda e, a: prod.list_categories(e.store, actor=a),
    "products.masters.save_category": lambda e, a: prod.save_category(
        e.store, a, prod.CategoryForm()),
    "products.masters.list_brands": lambda e, a: prod.list_brands(e.store, actor=a),
    "products.masters.save_brand": lambda e, a: prod.save_brand(e.store, a, prod.BrandForm()),
    "products.masters.list_suppliers": lambda e, a: prod.list_suppliers(e.store, actor=a),
    "products.masters.save_supplier": lambda e, a: prod.save_supplier(
        e.store, a, prod.SupplierForm()),
    "products.members.list_members": lambda e, a: prod.list_members(e.store, actor=a),
    "products.members.save_member": lambda e, a: prod.save_member(e.store, a, prod.MemberForm()),
    "labels.label_pdf": lambda e, a: labels.label_pdf(e.store, [(1, 1)], actor=a),
    "labels.document_items": lambda e, a: labels.document_items(e.store, "in-1", actor=a),
    "labels.templates.label_template": lambda e, a: label_templates.label_template(
        e.store, actor=a),
    "labels.templates.save_label_template": lambda e, a: label_templates.save_label_template(
        e.store, a, DEFAULT_LABEL_TEMPLATE),
    "labels.templates.preview_label": lambda e, a: label_templates.preview_label(
        e.store, DEFAULT_LABEL_TEMPLATE, "roll_40x30", "shelf", actor=a),
    "counter.topup.top_up": lambda e, a: topup.top_up(e.store, a, "M001", 100,
                                                      counter.CounterConfig(),
                                                      top_up_id=f"tu-{e.unique()}"),
    "counter.devices.print_test_page": lambda e, a: counter_devices.print_test_page(
        e.store, a, "", 80),
    "counter.devices.kick_drawer": lambda e, a: counter_devices.kick_drawer(e.store, a, "", 2),
    "counter.scanning.start_scanner": lambda e, a: scanning.start_scanner(
        e.store, a, "loop://", print, print).stop(),
    "counter.devices.read_one_scan": lambda e, a: counter_devices.read_one_scan(
        e.store, a, "loop://", 0.01),
    "reports.dashboard.dashboard": lambda e, a: report_dashboard.dashboard(e.store, actor=a,
                                                                          today=DAY),
    "reports.export.export_file": lambda e, a: report_export.export_file(
        e.store, ReportResult("empty", "空", "Empty", (), []), "pdf", "en", actor=a),
    "report_builder.run_builder": lambda e, a: report_builder.run_builder(e.store, a, _SPEC,
                                                                          _f()),
    "report_builder.dimension_choices": lambda e, a: report_builder.dimension_choices(
        e.store, actor=a),
    "reports.definitions.save_definition": lambda e, a: report_definitions.save_definition(
        e.store, a, f"def{e.unique()}", _SPEC),
    "reports.definitions.list_definitions": lambda e, a: report_definitions.list_definitions(
        e.store, actor=a),
    "reports.definitions.delete_definition": lambda e, a: report_definitions.delete_definition(
        e.store, a, "none"),
    "reports.definitions.export_definition": lambda e, a: report_definitions.export_definition(
        e.store, "none", actor=a),
    "brief.config.load_brief_config": lambda e, a: brief_config.load_brief_config(e.store,
                                                                                 actor=a),
    "brief.config.save_brief_config": lambda e, a: brief_config.save_brief_config(
        e.store, a, {"brief.time": "09:00"}),
    "brief.sending.send_brief": lambda e, a: brief_sending.send_brief(e.store, a, DAY),
    "brief.sending.brief_history": lambda e, a: brief_sending.brief_history(e.store, actor=a),
    "scheduler.backup_plan": lambda e, a: scheduler.backup_plan(e.store, actor=a),
    "scheduler.take_backup": lambda e, a: scheduler.take_backup(e.store, _NoKey(), _NoKey(),
                                                                actor=a),
    "scheduler.escrow_backup_key": lambda e, a: scheduler.escrow_backup_key(e.store, _NoKey(),
                                                                            actor=a),
    "scheduler.run_health_check": lambda e, a: scheduler.run_health_check(e.store, actor=a),
    "scheduler.last_health": lambda e, a: scheduler.last_health(e.store, actor=a),
    "audit_view.audit_choices": lambda e, a: audit_view.audit_choices(e.store, a),
    "audit_view.audit_page": lambda e, a: audit_view.audit_page(e.store, a, AuditFilter()),
    "audit_view.export_audit": lambda e, a: audit_view.export_audit(
        e.store, a, AuditFilter(), e.tmp / f"a{e.unique()}.csv"),
    "audit_view.verify_audit_chain": lambda e, a: audit_view.verify_audit_chain(e.store, a),
    "session_lock.lock_minutes": lambda e, a: session_lock.lock_minutes(e.store, actor=a),
    "session_lock.lock_session": lambda e, a: session_lock.lock_session(e.store, a, 300),
    "transfers.send_transfer": lambda e, a: transfers_between.send_transfer(
        e.store, a, "S999", [{"sku": "COLA", "qty": "1"}]),
    "transfers.incoming_transfers": lambda e, a: transfers_between.incoming_transfers(e.store, a),
    "transfers.receive_transfer": lambda e, a: transfers_between.receive_transfer(
        e.store, a, {"transfer_id": f"t{e.unique()}", "from_store": "S998",
                     "lines": [{"sku": "COLA", "qty_milli": 1000, "value_fen": 100}]},
        {"COLA": "1"}),
    "catalog_sync.sync_overview": lambda e, a: catalog_sync.sync_overview(e.store, a),
    "catalog_sync.retry_failed_events": lambda e, a: catalog_sync.retry_failed_events(e.store, a),
    "catalog_sync.hq_store_list": lambda e, a: catalog_sync.hq_store_list(e.store, a),
    "catalog_sync.other_store_stock": lambda e, a: catalog_sync.other_store_stock(
        e.store, a, "S002"),
    "purchasing.find_products": lambda e, a: purchasing.find_products(e.store, a, "COLA"),
    "purchasing.product_infos": lambda e, a: purchasing.product_infos(e.store, a, ["COLA"]),
    "purchasing.suppliers": lambda e, a: purchasing.suppliers(e.store, actor=a),
    "purchasing.default_supplier": lambda e, a: purchasing.default_supplier(e.store, actor=a),
    "purchasing.suggest_order": lambda e, a: purchasing.suggest_order(
        e.store, a, SuggestParams(supplier="S01")),
    "purchasing.open_orders": lambda e, a: purchasing.open_orders(e.store, actor=a),
    "purchasing.order_for_receiving": lambda e, a: purchasing.order_for_receiving(
        e.store, a, "none"),
    "purchasing.price_check": lambda e, a: purchasing.price_check(e.store, a, [("COLA", 100)]),
    "documents.list_documents": lambda e, a: documents.list_documents(e.store, a, DocFilter()),
    "documents.document_detail": lambda e, a: documents.document_detail(e.store, a, "sale-1"),
    "documents.draft_body": lambda e, a: documents.draft_body(e.store, a, "none"),
    "documents.inbox": lambda e, a: documents.inbox(e.store, a),
    "documents.decision_history": lambda e, a: documents.decision_history(e.store, a),
    "documents.reversal_draft": lambda e, a: documents.reversal_draft(e.store, a, "sale-1"),
    "document_pdf.document_pdf": lambda e, a: document_pdf.document_pdf(e.store, a, "sale-1"),
    "excel.product_import.import_products": lambda e, a: IMPORTERS["products"](e.store, a, e.csv),
    "excel.stock_import.import_stock": lambda e, a: IMPORTERS["stock"](
        e.store, a, _sheet(e, "s.csv", "sku,qty,unit_cost\nCOLA,1,1.00\n")),
    "excel.price_import.import_prices": lambda e, a: IMPORTERS["prices"](
        e.store, a, _sheet(e, "pr.csv", "sku,retail_price\nCOLA,3.50\n")),
    "excel.receipt_import.import_receipts": lambda e, a: IMPORTERS["receipts"](
        e.store, a, _sheet(e, "r.csv", "receipt_no,supplier,sku,qty,unit_cost,confirm_price\n"
                                       "M1,S01,COLA,1,1.00,是\n")),
    "stock_work.stock_list.stock_page": lambda e, a: stock_list.stock_page(
        e.store, a, stock_list.StockQuery()),
    "stock_work.stock_list.stock_count": lambda e, a: stock_list.stock_count(
        e.store, a, stock_list.StockQuery()),
    "stock_work.common.lookup_item": lambda e, a: sw_common.lookup_item(e.store, a, "COLA"),
    "stock_work.write_offs.write_off": lambda e, a: write_offs.write_off(
        e.store, a, "MAIN", [write_offs.WriteOffLine("COLA", 1000, "damaged")]),
    "stock_work.transfers.send_transfer": lambda e, a: transfers.send_transfer(
        e.store, a, "MAIN", "W2", [("COLA", 1000)]),
    "stock_work.transfers.open_transfers": lambda e, a: transfers.open_transfers(e.store, a),
    "stock_work.transfers.receive_transfer": lambda e, a: transfers.receive_transfer(
        e.store, a, transfers.OpenTransfer("none", "", "", "", "", ()), {"COLA": 1000}),
    "stock_work.stocktakes.start_stocktake": lambda e, a: stocktakes.start_stocktake(
        e.store, a, "MAIN"),
    "stock_work.stocktakes.open_stocktakes": lambda e, a: stocktakes.open_stocktakes(e.store, a),
    "stock_work.stocktakes.count_item": lambda e, a: stocktakes.count_item(
        e.store, a, "none", "COLA"),
    "stock_work.stocktakes.counted_lines": lambda e, a: stocktakes.counted_lines(
        e.store, a, "none"),
    "stock_work.stocktakes.discard_stocktake": lambda e, a: stocktakes.discard_stocktake(
        e.store, a, "none"),
    "stock_work.stocktakes.submit_stocktake": lambda e, a: stocktakes.submit_stocktake(
        e.store, a, "none"),
    "stock_work.stocktakes.categories": lambda e, a: stocktakes.categories(e.store, a),
    "stock_work.handheld.import_counts": lambda e, a: handheld.import_counts(
        e.store, a, "none", _sheet(e, "pdj.txt", "COLA,1\n")),
    "stock_work.variance.stocktake_variance": lambda e, a: variance.stocktake_variance(
        e.store, a, "none"),
    "stock_work.expiry.near_expiry_list": lambda e, a: expiry.near_expiry_list(e.store, a),
    "custom_fields.define": lambda e, a: custom_fields.define(e.store, a, FieldDef(
        "product", f"f{e.unique()}", "产地", "Origin", "text")),
    "custom_fields.set_active": lambda e, a: custom_fields.set_active(
        e.store, a, "product", "origin", False),
    "custom_fields.definitions": lambda e, a: custom_fields.definitions(
        e.store, "product", actor=a),
    "custom_fields.set_values": lambda e, a: custom_fields.set_values(
        e.store, a, "product", "COLA", {"origin": "广州"}),
    "custom_fields.values": lambda e, a: custom_fields.values(e.store, "product", ["COLA"],
                                                              actor=a),
    "demand_plan.plan": lambda e, a: plan(e.store, a, today=DAY),
    "demand_plan.requisition": lambda e, a: requisition(
        e.store, a, f"req-{e.unique()}", [("COLA", "1")], to_wh="W2"),
    "finance.export.export_vouchers": lambda e, a: export_vouchers(
        e.store, a, DAY, DAY, load_layout("generic"), e.tmp / f"v{e.unique()}.csv"),
    "overview.store_overview": lambda e, a: overview.store_overview(e.store, actor=a),
    "health.check_health": lambda e, a: health.check_health(e.store, actor=a),
    "backup.create.run_backup": lambda e, a: run_backup(e.store, _NoKey(), _NoKey(), actor=a),
    "counter.checkout.checkout": lambda e, a: counter.checkout(e.store, a, counter.Cart(), []),
    "counter.held.hold": lambda e, a: counter.hold(e.store, a, counter.Cart()),
    "counter.held.held_sales": lambda e, a: counter.held_sales(e.store, actor=a),
    "counter.held.recall": lambda e, a: counter.recall(e.store, "none", actor=a),
    "counter.lookup.find_code": lambda e, a: counter.find_code(e.store, "COLA", actor=a),
    "counter.lookup.search": lambda e, a: counter.search(e.store, "可口", actor=a),
    "counter.lookup.find_member": lambda e, a: counter.find_member(e.store, "M001", actor=a),
    "counter.lookup.resolve_entry": lambda e, a: counter.resolve_entry(e.store, "COLA", actor=a),
    "counter.config.load_config": lambda e, a: counter.load_config(e.store, actor=a),
    "counter.status.till_status": lambda e, a: counter.till_status(e.store, actor=a),
    "counter.receipts.receipt_printer": lambda e, a: counter.receipt_printer(
        e.store, counter.load_config(e.store), actor=a),
    "counter.authorise.approve": lambda e, a: counter.approve(
        e.store, a, "discount", "sale-x", {}, counter.load_config(e.store), discount_bp=0),
    "counter.authorise.set_pin": lambda e, a: counter.set_pin(e.store, a, PASSWORD, "2580"),
    "counter.shifts.current_shift": lambda e, a: shifts.current_shift(e.store, actor=a),
    "counter.shifts.shift_totals": lambda e, a: shifts.shift_totals(e.store, actor=a),
    "counter.shifts.open_shift": lambda e, a: shifts.open_shift(e.store, a, 0),
    "counter.shifts.cash_move": lambda e, a: shifts.cash_move(
        e.store, a, "in", 100, "找零", counter.load_config(e.store)),
    "counter.shifts.x_report": lambda e, a: shifts.x_report(e.store, a,
                                                            counter.load_config(e.store)),
    "counter.shifts.close_shift": lambda e, a: shifts.close_shift(
        e.store, a, {3: 1}, counter.load_config(e.store)),  # no 3-fen coin: refused unchanged
    "counter.returns.find_sale": lambda e, a: returns.find_sale(e.store, "sale-1", actor=a),
    "counter.returns.post_return": lambda e, a: returns.post_return(
        e.store, a, "sale-1", {}, counter.load_config(e.store), return_id=f"r{e.unique()}"),
    "printing.receipts.receipt_data": lambda e, a: receipts.receipt_data(
        e.store, "sale-1", actor=a),
    "printing.receipts.enqueue_receipt": lambda e, a: receipts.enqueue_receipt(
        e.store, "sale-1", "tcp://127.0.0.1:9", actor=a),
    "printing.receipts.print_receipt": lambda e, a: receipts.print_receipt(
        e.store, "sale-1", "nowhere://x", actor=a),
    "printing.receipts.set_receipt_texts": lambda e, a: receipts.set_receipt_texts(
        e.store, a, "欢迎", "谢谢"),
    "printing.templates.receipt_setup": lambda e, a: templates.receipt_setup(e.store, actor=a),
    "printing.templates.save_receipt_setup": lambda e, a: templates.save_receipt_setup(
        e.store, a, templates.ReceiptSetup(DEFAULT_TEMPLATE, "欢迎", "谢谢")),
    "printing.templates.preview_receipt": lambda e, a: templates.preview_receipt(
        e.store, templates.ReceiptSetup(DEFAULT_TEMPLATE, "", ""), 58, actor=a),
    "printing.document_templates.document_setup": lambda e, a:
        document_templates.document_setup(e.store, actor=a),
    "printing.document_templates.save_document_setup": lambda e, a:
        document_templates.save_document_setup(
            e.store, a, document_templates.DocumentSetup(DEFAULT_DOCUMENT_TEMPLATE)),
    "printing.document_templates.preview_document": lambda e, a:
        document_templates.preview_document(
            e.store, document_templates.DocumentSetup(DEFAULT_DOCUMENT_TEMPLATE), actor=a),
    "printing.queue.enqueue": lambda e, a: queue.enqueue(
        e.store, kind="test", printer="tcp://127.0.0.1:9", payload=b"x", actor=a),
    "printing.queue.drain": lambda e, a: queue.drain(e.store, job_ids=[], actor=a),
    "printing.queue.retry": lambda e, a: queue.retry(e.store, 10_000, actor=a),
    "printing.queue.jobs": lambda e, a: queue.jobs(e.store, actor=a),
    "users.add_user": lambda e, a: users.add_user(e.store, a, f"new{e.unique()}", "新人",
                                                  "cashier", PASSWORD),
    "users.list_users": lambda e, a: users.list_users(e.store, a),
    "users.change_role": lambda e, a: users.change_role(e.store, a, "target", "shift_lead"),
    "users.disable_user": lambda e, a: users.disable_user(e.store, a, "target"),
    "users.enable_user": lambda e, a: users.enable_user(e.store, a, "target"),
    "users.unlock_user": lambda e, a: users.unlock_user(e.store, a, "target"),
    "users.reset_password": lambda e, a: users.reset_password(e.store, a, "target", PASSWORD),
    "users.set_pin": lambda e, a: users.set_pin(e.store, a, a.username, "2580",
                                                password=PASSWORD),
    "reports.catalog.run_report": None,  # per report below
}
REPORTS = {f"reports.{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}": fn
           for fn in (s.run for s in report_catalog.SPECS.values())}
BY_TYPE = ("inventory.posting.post_document", "inventory.lifecycle.save_draft",
           "inventory.lifecycle.submit")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    from app.services.setup import initialize_store

    tmp = tmp_path_factory.mktemp("matrix")
    store = initialize_store(DataDir(tmp / "store"), KeyringKeyStore(), "S001", "矩阵店",
                             ADMIN_PASSWORD)
    yield Env(store, tmp)
    store.close()


def allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    except JxcError:
        return True  # past the gate; a business rule refused the request
    return True


def entry_points() -> set[str]:
    """Public functions of app/services that take the store (not a session)."""
    import app.services as package

    found = set()
    for info in pkgutil.walk_packages(package.__path__, "app.services."):
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) \
                    or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters.values())
            if params and params[0].name in ("s", "session", "conn", "uow"):
                continue  # runs inside a command's transaction
            if any(any(t in str(p.annotation) for t in ("LocalStore", "DataDir", "Engine"))
                   or (p.name in ("store", "layout", "engine")
                       and p.annotation is inspect.Parameter.empty) for p in params):
                found.add(f"{info.name[len('app.services.'):]}.{name}")
    return found


def test_every_entry_point_is_declared_and_every_declaration_exists():
    commands = {c for c in POLICY if not c.startswith("post.")}
    points = entry_points()
    assert points - commands - set(NO_SIGN_IN) - set(WITHOUT_USER) == set(), \
        "declare these in app/domain/permissions.py"
    assert commands - points == set()
    assert set(NO_SIGN_IN) | set(WITHOUT_USER) <= points
    assert set(CALLS) | set(REPORTS) | set(BY_TYPE) == commands
    assert {f"post.{t.value}" for t in DocType} <= set(POLICY)
    assert all(POLICY[c] <= ROLES for c in POLICY)


@pytest.mark.parametrize("command", sorted(c for c in CALLS if CALLS[c]))
def test_command_as_every_role(env, command):
    got = {role for role in CALLERS
           if allowed(lambda: CALLS[command](env, env.actors[role]))}
    assert got == POLICY[command]


@pytest.mark.parametrize("command", sorted(REPORTS))
def test_report_as_every_role_directly_and_by_name(env, command):
    fn = REPORTS[command]
    name = next(n for n, s in report_catalog.SPECS.items() if s.run is fn)
    direct = {r for r in CALLERS if allowed(lambda: fn(env.store, _f(), actor=env.actors[r]))}
    by_name = {r for r in CALLERS if allowed(lambda: report_catalog.run_report(
        env.store, name, _f(), actor=env.actors[r]))}
    assert direct == by_name == POLICY[command]


@pytest.mark.parametrize("kind", [t.value for t in DocType])
def test_documents_by_type_as_every_role(env, kind):
    rule = POLICY[f"post.{kind}"]
    posted = {r for r in CALLERS if allowed(lambda: post_document(
        env.store, env.actors[r], {"type": kind, "id": f"m-{kind}-{r}", **env.docs[kind]}))}
    drafted = {r for r in CALLERS if allowed(lambda: lifecycle.save_draft(
        env.store, env.actors[r], {"type": kind, "id": f"md-{kind}-{r}", **env.docs[kind]}))}
    drafts = env.drafts(kind)
    submitted = {r for r in CALLERS if allowed(lambda: lifecycle.submit(
        env.store, env.actors[r], drafts[r]))}
    assert posted == drafted == submitted == rule
    assert rule <= POLICY["inventory.posting.post_document"]


def test_docs_security_md_carries_the_table_of_the_code():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert policy_markdown() in text
    assert all(f"`{name}`" in text for name in (*NO_SIGN_IN, *WITHOUT_USER))


# -- cashiers never see cost prices; they see only their own sales ------------------------

def _keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def test_stock_and_documents_show_costs_only_to_cost_viewers(env):
    for role in ROLE_ORDER:
        actor = env.actors[role]
        stock = queries.stock(env.store, sku="COLA", actor=actor)
        assert stock and ("value" in stock[0]) == sees_costs(role), role
        if role == "cashier":
            with pytest.raises(PermissionDenied):
                queries.document(env.store, "sale-1", actor=actor)
            continue
        shown = queries.document(env.store, "sale-1", actor=actor)
        assert shown["lines"][0]["sku"] == "COLA" and shown["total"] == "3.50"
        if sees_costs(role):
            assert {"unit_cost", "cogs", "value", "voucher"} <= _keys(shown)
        else:
            assert _keys(shown) & COST_KEYS == set(), role


@pytest.mark.parametrize("name", sorted(report_catalog.SPECS))
def test_no_report_shows_a_cost_column_to_whom_costs_are_hidden(env, name):
    for role in sorted(ROLES - COST_VIEWERS):
        try:
            result = report_catalog.run_report(env.store, name, _f(), actor=env.actors[role])
        except PermissionDenied:
            continue
        assert {c.key for c in result.columns} & COST_KEYS == set(), (name, role)
        assert set(result.totals) & COST_KEYS == set(), (name, role)


def test_a_cashier_sees_only_their_own_sales(env):
    cashier = env.actors["cashier"]
    post_document(env.store, cashier, {"type": "sale", "id": "own-1", **env.docs["sale"]})
    today = local_date(utc_now())
    mine = sales(env.store, ReportFilter(today, today), actor=cashier)
    theirs = sales(env.store, ReportFilter(today, today, cashier=cashier.username))
    everyone = sales(env.store, ReportFilter(today, today))
    assert mine.totals["gross_fen"] == theirs.totals["gross_fen"] >= 350
    assert everyone.totals["gross_fen"] > mine.totals["gross_fen"]
    with pytest.raises(PermissionDenied) as denied:
        sales(env.store, ReportFilter(today, today, cashier="u_shift_lead"), actor=cashier)
    assert "其他收银员" in denied.value.message("zh_CN")
    assert "other cashiers" in denied.value.message("en")


def test_receipts_carry_no_cost(env):
    _, data = receipts.receipt_data(env.store, "sale-1", actor=env.actors["cashier"])
    names = {f.name for f in dataclasses.fields(data)} | {
        f.name for f in dataclasses.fields(data.items[0])}
    assert not any("cost" in n or "cogs" in n or "profit" in n for n in names)
