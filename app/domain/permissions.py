"""Who may do what: one table, command name -> roles; deny by default.

Every service entry point (a public function of `app/services` that opens the store) names
its command here and calls `check(actor.role, command)` before it reads or changes
anything. A command missing from the table, or a role missing from its row, is refused.
`tests/services/test_permission_matrix.py` calls every command as every role, compares the
outcome with this table, and fails when an entry point appears that is not declared.
`docs/security.md` carries `policy_markdown()`; a test keeps the two equal.
"""
from __future__ import annotations

import dataclasses

from app.domain.documents import DocType
from app.domain.errors import DomainError

# The roles of issue 6.
ROLES = frozenset({"cashier", "shift_lead", "store_manager", "warehouse_clerk", "accountant",
                   "admin", "head_office"})
EVERYONE = ROLES
STAFF = ROLES - {"cashier"}  # everyone but the cashier: back-office reading
COUNTER = frozenset({"cashier", "shift_lead", "store_manager", "admin"})
SUPERVISORS = frozenset({"shift_lead", "store_manager", "admin"})
STOCK_ROOM = frozenset({"warehouse_clerk", "store_manager", "admin"})
MANAGERS = frozenset({"store_manager", "admin"})
FINANCE = frozenset({"accountant", "store_manager", "admin", "head_office"})
ACCOUNTS = frozenset({"accountant", "admin"})
PLANNERS = STOCK_ROOM | {"head_office"}
ADMIN = frozenset({"admin"})
# Who sees cost prices, stock values, COGS and margins. Cashiers and shift leads do not:
# a command they may run returns its output without those fields (`without_costs`).
COST_VIEWERS = frozenset({"store_manager", "warehouse_clerk", "accountant", "admin",
                          "head_office"})
# Roles that see only their own sales (a report filter is narrowed to the user).
OWN_SALES_ONLY = frozenset({"cashier"})
# Store managers manage the accounts of these roles only; administrators manage all.
MANAGER_MANAGES = frozenset({"cashier", "shift_lead"})

POST_PERMISSION: dict[DocType, frozenset[str]] = {
    DocType.SALE: COUNTER,
    DocType.CUSTOMER_RETURN: COUNTER,
    DocType.PURCHASE_ORDER: STOCK_ROOM,
    DocType.PURCHASE_RECEIPT: STOCK_ROOM,
    DocType.PURCHASE_RETURN: STOCK_ROOM,
    DocType.TRANSFER_OUT: STOCK_ROOM,
    DocType.TRANSFER_IN: STOCK_ROOM,
    DocType.TRANSFER_SETTLE: STOCK_ROOM,
    DocType.WRITE_OFF: STOCK_ROOM,
    DocType.STOCKTAKE: STOCK_ROOM,
    DocType.ASSEMBLY: STOCK_ROOM,
    DocType.DISASSEMBLY: STOCK_ROOM,
    DocType.OPENING_STOCK: MANAGERS,
}
ANY_DOCUMENT = frozenset().union(*POST_PERMISSION.values())
REPAIR_PROJECTION = ADMIN
# Opening the cash drawer without a sale ("no sale"), and voiding or re-pricing a line at the
# counter: a cashier needs a shift lead's or a manager's PIN for these (audited).
NO_SALE = SUPERVISORS
COUNTER_OVERRIDE = SUPERVISORS
# The largest discount (basis points) each counter role gives without a manager's PIN;
# a store changes them with the settings counter.discount_limit.<role>.
DEFAULT_DISCOUNT_LIMIT_BP = {"cashier": 1000, "shift_lead": 2000, "store_manager": 10_000,
                             "admin": 10_000}

# Rows: (command, roles, what in Chinese, what in English, note). The command is the
# function's path below `app.services`; `post.<type>` rows hold the per-type rule that
# post_document, save_draft and submit apply. A note says where a finer rule applies.
_ROWS: list[tuple[str, frozenset[str], str, str, str]] = [
    *[(f"post.{t.value}", roles, f"过账{t.value}单据", f"post a {t.value} document", "")
      for t, roles in POST_PERMISSION.items()],
    ("inventory.posting.post_document", ANY_DOCUMENT, "过账单据", "post a document",
     "by document type: post.<type>"),
    ("inventory.lifecycle.save_draft", ANY_DOCUMENT, "保存草稿", "save a draft",
     "by document type: post.<type>"),
    ("inventory.lifecycle.submit", ANY_DOCUMENT, "提交单据", "submit a document",
     "by document type: post.<type>"),
    ("inventory.lifecycle.approve", EVERYONE, "审批单据", "approve a document",
     "the document's approval rule names the role of each level"),
    ("inventory.lifecycle.reject", EVERYONE, "驳回单据", "reject a document",
     "the document's approval rule names the role of each level"),
    ("inventory.lifecycle.inbox", EVERYONE, "查看待审批单据", "see documents to approve",
     "lists only the levels the role may decide"),
    ("inventory.lifecycle.history", STAFF, "查看审批记录", "see approval history", ""),
    ("inventory.queries.stock", EVERYONE, "查看库存", "see stock", "values: cost viewers only"),
    ("inventory.queries.document", STAFF, "查看单据", "show a document",
     "costs: cost viewers only"),
    ("inventory.verify.verify", FINANCE, "核对账实", "verify the books", ""),
    ("inventory.verify.rebuild_projection", REPAIR_PROJECTION, "重建库存投影",
     "rebuild the stock projection", ""),
    ("inventory.approval_rules.add_rule", MANAGERS, "修改审批规则", "change approval rules", ""),
    ("inventory.approval_rules.disable_rule", MANAGERS, "修改审批规则",
     "change approval rules", ""),
    ("inventory.approval_rules.list_rules", STAFF, "查看审批规则", "see approval rules", ""),
    ("inventory.posting_rules.show", FINANCE, "查看记账规则", "see posting rules", ""),
    ("inventory.posting_rules.replace", ACCOUNTS, "修改记账规则", "change posting rules", ""),
    ("inventory.posting_rules.reset", ACCOUNTS, "修改记账规则", "change posting rules", ""),
    ("settings.all_settings", STAFF, "查看门店设置", "see store settings", ""),
    ("settings.change", MANAGERS, "修改门店设置", "change store settings", ""),
    ("warehouses.add_warehouse", MANAGERS, "新增仓库", "add a warehouse", ""),
    ("warehouses.list_warehouses", EVERYONE, "查看仓库", "see warehouses", ""),
    ("transfers.send_transfer", STOCK_ROOM, "调拨到其他门店", "send a transfer to another store",
     "posts a transfer out: post.transfer_out"),
    ("transfers.incoming_transfers", STOCK_ROOM, "查看调入门店的调拨",
     "see transfers on their way here", ""),
    ("transfers.receive_transfer", STOCK_ROOM, "接收门店调拨", "receive a transfer from a store",
     "posts a purchase receipt: post.purchase_receipt"),
    ("catalog_sync.sync_overview", STAFF, "查看同步状态", "see the sync status", ""),
    ("catalog_sync.retry_failed_events", MANAGERS, "重发被拒记录",
     "queue refused sync events again", ""),
    ("catalog_sync.hq_store_list", EVERYONE, "查看门店列表", "see the list of stores", ""),
    ("catalog_sync.other_store_stock", EVERYONE, "查看其他门店库存", "see other stores' stock",
     "values: cost viewers only"),
    ("recipes.set_recipe", STOCK_ROOM, "设置配方", "set a recipe", ""),
    ("products.listing.list_products", STAFF, "查看商品列表", "list products",
     "costs: cost viewers only"),
    ("products.export.export_products", STAFF, "导出商品列表", "export the product list",
     "costs: cost viewers only"),
    ("products.editing.load_product", STAFF, "查看商品资料", "open a product",
     "costs: cost viewers only"),
    ("products.editing.save_product", MANAGERS, "修改商品资料", "change a product", ""),
    ("products.masters.choices", STAFF, "查看商品基础资料", "see product master data", ""),
    ("products.masters.list_units", STAFF, "查看单位", "see units", ""),
    ("products.masters.save_unit", MANAGERS, "修改单位", "change units", ""),
    ("products.masters.list_categories", STAFF, "查看商品分类", "see categories", ""),
    ("products.masters.save_category", MANAGERS, "修改商品分类", "change categories", ""),
    ("products.masters.list_brands", STAFF, "查看品牌", "see brands", ""),
    ("products.masters.save_brand", MANAGERS, "修改品牌", "change brands", ""),
    ("products.masters.list_suppliers", STAFF, "查看供应商", "see suppliers", ""),
    ("products.masters.save_supplier", MANAGERS, "修改供应商", "change suppliers", ""),
    ("products.members.list_members", EVERYONE, "查看会员", "see members", ""),
    ("products.members.save_member", MANAGERS, "修改会员资料", "change members", ""),
    ("labels.document_items", STAFF, "按单据打印标签", "labels for a received document", ""),
    ("labels.label_pdf", STAFF, "打印价签", "print shelf labels and price tags", ""),
    ("labels.templates.label_template", EVERYONE, "查看标签模板", "see the label template", ""),
    ("labels.templates.save_label_template", MANAGERS, "修改标签模板",
     "change the label template", ""),
    ("labels.templates.preview_label", STAFF, "预览标签模板", "preview the label template", ""),
    ("catalog_import.import_products", MANAGERS, "导入商品", "import products", ""),
    ("excel.product_import.import_products", MANAGERS, "从 Excel 导入商品",
     "import products from Excel", ""),
    ("excel.stock_import.import_stock", MANAGERS, "从 Excel 导入期初库存",
     "import opening stock from Excel", "posts opening_stock: post.opening_stock"),
    ("excel.price_import.import_prices", MANAGERS, "从 Excel 导入调价",
     "import price changes from Excel", ""),
    ("excel.receipt_import.import_receipts", STOCK_ROOM, "从 Excel 导入采购入库",
     "import purchase receipts from Excel", "posts purchase_receipt: post.purchase_receipt"),
    ("stock_work.stock_list.stock_page", STAFF, "查看批次库存", "see stock by batch",
     "values: cost viewers only"),
    ("stock_work.stock_list.stock_count", STAFF, "查看批次库存", "see stock by batch", ""),
    ("stock_work.common.lookup_item", STAFF, "按条码查找商品", "look up a product by code", ""),
    ("stock_work.write_offs.write_off", STOCK_ROOM, "报损", "write off stock",
     "posts write_off: post.write_off"),
    ("stock_work.transfers.send_transfer", STOCK_ROOM, "调拨出库", "send a transfer",
     "posts transfer_out: post.transfer_out"),
    ("stock_work.transfers.open_transfers", STOCK_ROOM, "查看在途调拨", "see transfers in transit",
     ""),
    ("stock_work.transfers.receive_transfer", STOCK_ROOM, "调拨入库", "receive a transfer",
     "posts transfer_in: post.transfer_in"),
    ("stock_work.stocktakes.start_stocktake", STOCK_ROOM, "开始盘点", "start a stocktake", ""),
    ("stock_work.stocktakes.open_stocktakes", STOCK_ROOM, "查看进行中的盘点",
     "see stocktakes in progress", ""),
    ("stock_work.stocktakes.count_item", STOCK_ROOM, "盲盘计数", "count for a stocktake",
     "blind: counted quantities only"),
    ("stock_work.stocktakes.counted_lines", STOCK_ROOM, "查看已盘数量", "see counted quantities",
     "blind: counted quantities only"),
    ("stock_work.stocktakes.discard_stocktake", STOCK_ROOM, "放弃盘点", "discard a stocktake", ""),
    ("stock_work.stocktakes.submit_stocktake", STOCK_ROOM, "提交盘点", "submit a stocktake",
     "saves and submits a stocktake: post.stocktake"),
    ("stock_work.stocktakes.categories", STAFF, "查看分类", "see categories", ""),
    ("stock_work.handheld.import_counts", STOCK_ROOM, "导入盘点机数据",
     "import data collector counts", ""),
    ("stock_work.variance.stocktake_variance", MANAGERS | {"accountant"}, "盘点差异（盘盈盘亏）",
     "the stocktake variance (gains and losses)", "shows system quantities: not for counters"),
    ("stock_work.expiry.near_expiry_list", STAFF, "临期商品与促销建议",
     "near expiry with markdowns", "values: cost viewers only"),
    ("custom_fields.define", ADMIN | {"head_office"}, "定义自定义字段", "define custom fields", ""),
    ("custom_fields.set_active", ADMIN | {"head_office"}, "停用或启用自定义字段",
     "hide or show custom fields", ""),
    ("custom_fields.definitions", EVERYONE, "查看自定义字段", "see custom fields", ""),
    ("custom_fields.set_values", STOCK_ROOM | MANAGERS, "填写自定义字段",
     "fill in custom fields", ""),
    ("custom_fields.values", EVERYONE, "查看自定义字段的值", "see custom field values", ""),
    ("demand_plan.plan", PLANNERS, "按配方计划采购", "plan purchases from recipes", ""),
    ("demand_plan.requisition", STOCK_ROOM, "厨房领料", "requisition to the kitchen",
     "posts a transfer out and in: post.transfer_out"),
    ("purchasing.find_products", STAFF, "采购查找商品", "look up products for purchasing",
     "last purchase prices: cost viewers only"),
    ("purchasing.product_infos", STAFF, "读取采购商品信息", "read products for purchasing",
     "last purchase prices: cost viewers only"),
    ("purchasing.suppliers", STAFF, "查看供应商", "see suppliers", ""),
    ("purchasing.default_supplier", STAFF, "查看默认供应商", "see the default supplier", ""),
    ("purchasing.suggest_order", PLANNERS, "建议采购量", "suggest order quantities", ""),
    ("purchasing.open_orders", STAFF, "查看未到货采购订单", "see open purchase orders", ""),
    ("purchasing.order_for_receiving", STOCK_ROOM, "按采购订单收货",
     "receive against a purchase order", "costs: cost viewers only"),
    ("purchasing.price_check", STOCK_ROOM, "核对进价", "check purchase prices", ""),
    ("documents.list_documents", STAFF, "查看单据列表", "list documents", ""),
    ("documents.document_detail", STAFF, "查看单据详情", "show a document in full",
     "costs: cost viewers only"),
    ("documents.draft_body", ANY_DOCUMENT, "编辑草稿", "edit a draft",
     "by document type: post.<type>"),
    ("documents.inbox", EVERYONE, "查看待审批单据", "see documents to approve",
     "lists only the levels the role may decide"),
    ("documents.decision_history", STAFF, "查看审批记录", "see approval decisions", ""),
    ("documents.reversal_draft", STAFF, "准备冲销单", "prepare a reversal",
     "posting it: post.<type>"),
    ("document_pdf.document_pdf", STAFF, "打印单据 PDF", "print a document as PDF",
     "costs: cost viewers only"),
    ("finance.export.export_vouchers", FINANCE, "导出凭证", "export vouchers", ""),
    ("overview.store_overview", EVERYONE, "查看门店概况", "see the store overview", ""),
    ("health.check_health", EVERYONE, "健康检查", "check health", ""),
    ("backup.create.run_backup", MANAGERS | {"head_office"}, "备份", "back up the store", ""),
    ("scheduler.backup_plan", EVERYONE, "查看备份计划", "see the backup schedule", ""),
    ("scheduler.take_backup", MANAGERS | {"head_office"}, "备份", "back up the store",
     "the app's nightly run acts as the local operator"),
    ("scheduler.escrow_backup_key", MANAGERS | {"head_office"}, "备份密钥交总部托管",
     "escrow the backup key at head office", ""),
    ("scheduler.run_health_check", EVERYONE, "健康检查", "check health",
     "problems are reported to head office"),
    ("scheduler.last_health", EVERYONE, "查看健康检查结果", "see the last health check", ""),
    ("audit_view.audit_choices", FINANCE, "查看审计日志", "see the audit log", ""),
    ("audit_view.audit_page", FINANCE, "查看审计日志", "see the audit log", ""),
    ("audit_view.export_audit", FINANCE, "导出审计日志", "export the audit log", "audited"),
    ("audit_view.verify_audit_chain", FINANCE, "校验审计链", "verify the audit chain",
     "audited"),
    ("session_lock.lock_minutes", EVERYONE, "读取锁屏时间", "read the idle lock time", ""),
    ("session_lock.lock_session", EVERYONE, "锁屏", "lock the screen", ""),
    ("counter.checkout.checkout", COUNTER, "收银结账", "check out a sale", ""),
    ("counter.held.hold", COUNTER, "挂单", "hold a sale", ""),
    ("counter.held.held_sales", COUNTER, "查看挂单", "see held sales", ""),
    ("counter.held.recall", COUNTER, "取单", "recall a held sale", ""),
    ("counter.lookup.find_code", COUNTER, "收银查找商品", "look up a product at the counter", ""),
    ("counter.lookup.search", COUNTER, "收银搜索商品", "search products at the counter", ""),
    ("counter.lookup.find_member", COUNTER, "查找会员", "look up a member", ""),
    ("counter.lookup.resolve_entry", COUNTER, "收银录入", "enter a product at the counter", ""),
    ("counter.config.load_config", COUNTER, "读取收银设置", "read the counter settings", ""),
    ("counter.status.till_status", COUNTER, "查看收银台状态", "see the till status", ""),
    ("counter.receipts.receipt_printer", COUNTER, "使用小票打印机", "use the receipt printer", ""),
    ("counter.authorise.approve", COUNTER, "收银授权操作", "a supervised counter action",
     "the action's own rule, or a supervisor's PIN"),
    ("counter.authorise.set_pin", EVERYONE, "设置自己的 PIN", "set one's own PIN",
     "own account, confirmed by password"),
    ("counter.shifts.current_shift", COUNTER, "查看当前班次", "see the open shift", ""),
    ("counter.shifts.shift_totals", COUNTER, "查看班次金额", "see the shift's figures", ""),
    ("counter.shifts.open_shift", COUNTER, "开班", "open a shift", ""),
    ("counter.shifts.cash_move", COUNTER, "现金存取", "put cash in or take it out",
     "out above counter.cash_out_limit: a supervisor or their PIN"),
    ("counter.shifts.x_report", COUNTER, "打印 X 报表", "print an X report", ""),
    ("counter.shifts.close_shift", COUNTER, "交班", "close a shift",
     "another's shift, or over/short beyond the limit: a supervisor or their PIN"),
    ("counter.returns.find_sale", COUNTER, "查找原销售单", "find a sale to return", ""),
    ("counter.returns.post_return", COUNTER, "退货退款", "return goods and refund them",
     "a supervisor or their PIN (counter action refund)"),
    ("counter.topup.top_up", COUNTER, "会员储值充值", "top up a member's stored value",
     "cash into the drawer of the open shift"),
    ("counter.devices.print_test_page", COUNTER, "测试小票打印机", "test the receipt printer", ""),
    ("counter.devices.kick_drawer", NO_SALE, "测试钱箱", "test the cash drawer",
     "opens the drawer: audited like a no sale"),
    ("counter.devices.read_one_scan", COUNTER, "测试扫码枪", "test the barcode scanner", ""),
    ("counter.scanning.start_scanner", COUNTER, "使用串口扫码枪", "sell with a serial scanner",
     ""),
    ("printing.receipts.receipt_data", COUNTER, "读取小票", "read a receipt", ""),
    ("printing.receipts.enqueue_receipt", COUNTER, "打印小票", "print a receipt", ""),
    ("printing.receipts.print_receipt", COUNTER, "打印小票", "print a receipt", ""),
    ("printing.receipts.set_receipt_texts", MANAGERS, "设置小票页眉页脚",
     "set the receipt header and footer", ""),
    ("printing.templates.receipt_setup", EVERYONE, "查看小票模板", "see the receipt template", ""),
    ("printing.templates.save_receipt_setup", MANAGERS, "修改小票模板",
     "change the receipt template", ""),
    ("printing.templates.preview_receipt", STAFF, "预览小票模板", "preview the receipt template",
     ""),
    ("printing.document_templates.document_setup", EVERYONE, "查看单据模板",
     "see the document PDF template", ""),
    ("printing.document_templates.save_document_setup", MANAGERS, "修改单据模板",
     "change the document PDF template and logo", ""),
    ("printing.document_templates.preview_document", STAFF, "预览单据模板",
     "preview the document PDF template", "costs: cost viewers only"),
    ("printing.queue.enqueue", COUNTER, "加入打印队列", "queue a print job", ""),
    ("printing.queue.drain", COUNTER, "发送打印任务", "send print jobs", ""),
    ("printing.queue.retry", COUNTER, "重试打印", "retry a print job", ""),
    ("printing.queue.jobs", COUNTER, "查看打印队列", "see the print queue", ""),
    ("reports.catalog.run_report", EVERYONE, "运行报表", "run a report",
     "by report: the row of the report's function"),
    ("reports.sales.sales", EVERYONE, "销售报表", "the sales report", "cashiers: own sales only"),
    ("reports.alerts_sales.sales_decline", STAFF, "销量连降预警", "the sales decline alert", ""),
    ("reports.alerts_stock.low_stock", STAFF, "低库存预警", "the low stock alert", ""),
    ("reports.profit.gross_profit", COST_VIEWERS, "毛利报表", "the gross profit report", ""),
    ("reports.customers.customer_ranking", COST_VIEWERS, "客户贡献排名",
     "the customer ranking", ""),
    ("reports.cashiers.cashier_performance", COST_VIEWERS, "收银员业绩",
     "the cashier performance report", ""),
    ("reports.stock.stock_valuation", COST_VIEWERS, "库存估值", "the stock valuation", ""),
    ("reports.stock.near_expiry", COST_VIEWERS, "临期商品", "the near-expiry report", ""),
    ("reports.movement.slow_movers", COST_VIEWERS, "滞销商品", "the slow movers report", ""),
    ("reports.movement.turnover", COST_VIEWERS, "库存周转", "the turnover report", ""),
    ("reports.stocktake.stocktake_variance", COST_VIEWERS, "盘点差异",
     "the stocktake variance", ""),
    ("reports.purchases.purchase_price_trend", COST_VIEWERS, "进价走势",
     "the purchase price trend", ""),
    ("reports.alerts_stock.negative_stock", COST_VIEWERS, "负库存预警",
     "the negative stock alert", ""),
    ("reports.alerts_sales.price_anomalies", COST_VIEWERS, "进价异常", "the price anomalies", ""),
    ("reports.alerts_stock.all_alerts", COST_VIEWERS, "预警汇总", "all alerts", ""),
    ("reports.export.export_file", EVERYONE, "导出报表文件", "save a report as a file",
     "PDF and Excel in the store's language"),
    ("reports.dashboard.dashboard", EVERYONE, "查看经营看板", "see the dashboard",
     "costs, stock value, slow movers: cost viewers; alerts: staff; cashiers: own sales only"),
    ("report_builder.run_builder", EVERYONE, "运行自定义报表", "run a custom report",
     "cost measures: cost viewers only; cashiers: own sales only"),
    ("report_builder.dimension_choices", EVERYONE, "查看自定义报表的维度",
     "see the custom report's dimensions", "includes the store's active custom fields"),
    ("reports.definitions.save_definition", FINANCE, "保存自定义报表", "save a custom report", ""),
    ("reports.definitions.list_definitions", EVERYONE, "查看自定义报表", "see saved custom reports",
     ""),
    ("reports.definitions.delete_definition", FINANCE, "删除自定义报表", "delete a custom report",
     ""),
    ("reports.definitions.export_definition", EVERYONE, "导出自定义报表定义",
     "export a custom report's definition", "the file head office publishes to the stores"),
    ("brief.config.load_brief_config", MANAGERS | {"head_office"}, "查看晨报设置",
     "see the morning brief settings", ""),
    ("brief.config.save_brief_config", MANAGERS | {"head_office"}, "修改晨报设置",
     "change the morning brief settings", ""),
    ("brief.sending.send_brief", MANAGERS | {"head_office"}, "发送晨报", "send the morning brief",
     ""),
    ("brief.sending.brief_history", MANAGERS | {"head_office"}, "查看晨报发送记录",
     "see the morning briefs sent", ""),
    ("users.add_user", MANAGERS, "新增用户", "add a user", "store managers: cashiers and shift leads"),
    ("users.list_users", MANAGERS, "查看用户", "list users", ""),
    ("users.change_role", MANAGERS, "修改用户角色", "change a user's role",
     "store managers: cashiers and shift leads"),
    ("users.disable_user", MANAGERS, "停用用户", "disable a user",
     "store managers: cashiers and shift leads"),
    ("users.enable_user", MANAGERS, "启用用户", "enable a user",
     "store managers: cashiers and shift leads"),
    ("users.unlock_user", MANAGERS, "解锁用户", "unlock a user",
     "store managers: cashiers and shift leads"),
    ("users.reset_password", MANAGERS, "重置密码", "reset a password",
     "store managers: cashiers and shift leads"),
    ("users.set_pin", EVERYONE, "设置 PIN", "set a PIN",
     "own PIN with the password; others' as for reset_password"),
]

POLICY: dict[str, frozenset[str]] = {name: frozenset(roles) for name, roles, *_ in _ROWS}
LABELS: dict[str, tuple[str, str]] = {name: (zh, en) for name, _, zh, en, _ in _ROWS}
NOTES: dict[str, str] = {name: note for name, *_, note in _ROWS if note}
# Entry points that need no signed-in user, and why.
NO_SIGN_IN: dict[str, str] = {
    "auth.sign_in": "proves who is at the keyboard",
    "users.change_password": "proves the user by the current password (also when a reset "
                             "forces a new one before sign-in)",
    "setup.initialize_store": "creates the store and its first administrator",
    "first_run.create_store": "the first-run wizard's setup.initialize_store",
    "first_run.enroll_terminal": "proves the administrator by password, then enrolls the "
                                 "terminal with head office (as jxc enroll on this PC)",
    "auth.check_pin": "proves a supervisor at the counter by their PIN",
    "auth.attempt": "the secret check under the lockout that the entries above share",
    "session_lock.unlock_session": "proves the locked screen's user again by password or "
                                   "PIN, under the lockout",
}
# Entry points that act for no user at all, and why. Anything else that opens the store
# must be in POLICY: the matrix test fails on an undeclared one.
WITHOUT_USER: dict[str, str] = {
    "reports.common.reading": "the read transaction of a report command that has checked",
    "backup.restore.restore_backup": "restores backup files into a new data directory, "
                                     "before any store is open; needs the backup key",
    "catalog_sync.apply_changes": "applies head office's feed in the downlink's transaction",
    "catalog_sync.sync_parts": "builds the till's sync worker",
    "catalog_sync.start_background_sync": "starts the till's sync worker",
    "catalog_sync.apply_peer_event": "posts another terminal's document of this store, "
                                     "checked where it was made, as `peer:<terminal>`",
    "catalog_sync.peer_link": "builds the till's puller of its store's other terminals",
    "transfers.ensure_holding": "the holding warehouse a checked transfer to a store names",
    "transfers.ensure_supplier": "the store supplier a checked transfer receipt names",
    "demo.generator.populate_demo": "synthetic data for a store made for it (jxc demo, bench)",
    "demo.history.post_history": "synthetic history; posts through post_document, checked",
    "demo.history.relaxed_durability": "a setting of the synthetic-history writer",
    "demo.history_model.load_assortment": "reads the catalog for the synthetic history",
    "brief.schedule.send_due_briefs": "the morning brief at its set time (and one missed "
                                      "while the PC was off), as the store's own scheduler",
    "brief.content.build_brief": "the figures of a brief that brief.sending.send_brief "
                                 "(checked) or the scheduler sends, as the store's operator",
}


class PermissionDenied(DomainError):
    """Raised as PermissionDenied(role=, action=) or, from the table, with the action named
    in each language (action_zh=, action_en=)."""

    code = "permission_denied"
    zh = "当前用户（角色：{role}）无权执行“{action}”。请让有权限的人员操作，或由店长授权。"
    en = ("The current user (role: {role}) may not do '{action}'. Ask someone with the right, "
          "or a store manager, to do it.")

    def message(self, lang: str = "zh_CN") -> str:
        zh, params = lang.startswith("zh"), self.params
        if "action" not in params and "action_zh" in params:
            params = {**params, "action": params["action_zh" if zh else "action_en"]}
        try:
            return (self.zh if zh else self.en).format(**params)
        except (KeyError, IndexError):
            return self.zh if zh else self.en


def require(role: str, allowed: set[str] | frozenset[str], action: str) -> None:
    if role not in allowed:
        raise PermissionDenied(role=role, action=action)


def is_allowed(role: str, command: str) -> bool:
    return role in POLICY.get(command, ())


def check(role: str, command: str) -> None:
    """Refuse unless the table lists `role` for `command` (an unknown command: nobody)."""
    if not is_allowed(role, command):
        zh, en = LABELS.get(command, (command, command))
        raise PermissionDenied(role=role, action_zh=zh, action_en=en)


def check_post(role: str, kind: DocType) -> None:
    check(role, f"post.{kind.value}")


def sees_costs(role: str) -> bool:
    return role in COST_VIEWERS


# Keys that carry a cost, a stock value or a margin, wherever they appear in a read model.
COST_KEYS = frozenset({"unit_cost", "cogs", "final_cogs", "value", "voucher", "unit_cost_fen",
                       "cogs_fen",
                       "value_fen", "profit_fen", "margin_bp", "landed_cost_fen"})


def without_costs(data):
    """`data` (dicts and lists) with every cost key removed, at any depth."""
    if isinstance(data, dict):
        return {k: without_costs(v) for k, v in data.items() if k not in COST_KEYS}
    if isinstance(data, list):
        return [without_costs(v) for v in data]
    return data


def own_sales_filter(role: str, username: str, f):
    """A report filter (a dataclass with a `cashier` field) narrowed to the user's own sales
    when the role sees only those; asking for another cashier's is refused."""
    if role not in OWN_SALES_ONLY:
        return f
    if f.cashier and f.cashier != username:
        raise PermissionDenied(role=role, action_zh="查看其他收银员的销售",
                               action_en="see other cashiers' sales")
    return dataclasses.replace(f, cashier=username)


ROLE_ORDER = ("cashier", "shift_lead", "store_manager", "warehouse_clerk", "accountant",
              "admin", "head_office")


def policy_markdown() -> str:
    """The table as Markdown, one row per command, a ✓ per allowed role (docs/security.md)."""
    head = "| command | " + " | ".join(ROLE_ORDER) + " | note |"
    lines = [head, "|---|" + "---|" * (len(ROLE_ORDER) + 1)]
    for name, roles in POLICY.items():
        marks = " | ".join("✓" if r in roles else "" for r in ROLE_ORDER)
        lines.append(f"| `{name}` | {marks} | {NOTES.get(name, '')} |")
    return "\n".join(lines) + "\n"
