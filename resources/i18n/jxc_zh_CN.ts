<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>optional, 4-6 digits</source>
        <translation>可选，4-6 位数字</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>PIN(&amp;I)：</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>&amp;Users and roles</source>
        <translation>用户与角色(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>审计日志(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Backups</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Health</source>
        <translation>健康检查(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Custom &amp;fields</source>
        <translation>自定义字段(&amp;F)</translation>
    </message>
</context>
<context>
    <name>AdminTexts</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>good</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>bad</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>bad (interrupted)</source>
        <translation>失败（中断）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>ApprovalsTab</name>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Supplier / customer</source>
        <translation>供应商/客户</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>制单人</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Comment (needed to reject)</source>
        <translation>意见（驳回时必填）</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>驳回(&amp;J)</translation>
    </message>
    <message>
        <source>Only my decisions</source>
        <translation>只看我的审批</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>Waiting for your decision (double-click to see the document):</source>
        <translation>等待您审批的单据（双击查看单据）：</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>审批记录</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Choose a document first.</source>
        <translation>请先选择一张单据。</translation>
    </message>
    <message>
        <source>Say why you reject it, so the author knows what to change.</source>
        <translation>请写明驳回原因，方便制单人修改。</translation>
    </message>
    <message>
        <source>Rejected %1: it went back to its author.</source>
        <translation>已驳回 %1：单据已退回制单人。</translation>
    </message>
    <message>
        <source>Approved and posted: %1.</source>
        <translation>已同意并过账：%1。</translation>
    </message>
    <message>
        <source>Approved %1: it now waits for the next level.</source>
        <translation>已同意 %1：等待下一级审批。</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Terminal:</source>
        <translation>终端：</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>&lt; &amp;Previous</source>
        <translation>&lt; 上一页(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一页(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>导出(&amp;X)...</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验审计链(&amp;V)</translation>
    </message>
    <message>
        <source>Page %1 of %2 · %3 entries</source>
        <translation>第 %1 / %2 页 · 共 %3 条</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 entries exported to %2.</source>
        <translation>已导出 %1 条到 %2。</translation>
    </message>
    <message>
        <source>Checking the audit chain...</source>
        <translation>正在校验审计链...</translation>
    </message>
    <message>
        <source>The audit chain is intact: %1 entries of %2 terminal(s) checked.</source>
        <translation>审计链完整：已校验 %2 台终端的 %1 条记录。</translation>
    </message>
    <message>
        <source>The audit chain is broken: %1 problem(s) in %2 entries. Tell head office.</source>
        <translation>审计链已被破坏：%2 条记录中发现 %1 个问题。请通知总部。</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Next nightly backup:</source>
        <translation>下次夜间备份：</translation>
    </message>
    <message>
        <source>Kept:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <source>Off-site copy:</source>
        <translation>异地副本：</translation>
    </message>
    <message>
        <source>Backup key escrowed:</source>
        <translation>备份密钥托管：</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <source>Off-site</source>
        <translation>异地</translation>
    </message>
    <message>
        <source>Backup / problem</source>
        <translation>备份 / 问题</translation>
    </message>
    <message>
        <source>Restoring on a new PC</source>
        <translation>在新电脑上恢复</translation>
    </message>
    <message>
        <source>1. Install JXC. Copy the backup file (backups\&lt;id&gt;.jxcbak in the data folder, or from the S3 bucket with jxc backup fetch).</source>
        <translation>1. 安装 JXC。复制备份文件（数据目录下的 backups\&lt;id&gt;.jxcbak，或用 jxc backup fetch 从 S3 存储桶下载）。</translation>
    </message>
    <message>
        <source>2. Ask head office for the store&apos;s backup key (escrowed automatically), saved as a file, e.g. S001-key.json.</source>
        <translation>2. 向总部索取本店的备份密钥（已自动托管），保存为文件，例如 S001-key.json。</translation>
    </message>
    <message>
        <source>3. Run: jxc restore S001.jxcbak --data-dir D:\JXC\S001 --backup-key-file S001-key.json</source>
        <translation>3. 运行：jxc restore S001.jxcbak --data-dir D:\JXC\S001 --backup-key-file S001-key.json</translation>
    </message>
    <message>
        <source>The restore checks everything before it counts. Never run two copies of one store.</source>
        <translation>恢复会先全部校验通过才生效。同一门店切勿同时运行两个副本。</translation>
    </message>
    <message>
        <source> (due now)</source>
        <translation>（现在应备份）</translation>
    </message>
    <message>
        <source>the newest of each of the last %1 days, %2 weeks, %3 months</source>
        <translation>最近 %1 天、%2 周、%3 个月各保留最新一份</translation>
    </message>
    <message>
        <source>not set up (backup.json)</source>
        <translation>未设置（backup.json）</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未托管</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Backing up...</source>
        <translation>正在备份...</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>数据库快照</translation>
    </message>
    <message>
        <source>Compress + encrypt</source>
        <translation>压缩加密</translation>
    </message>
    <message>
        <source>Trial restore</source>
        <translation>试恢复</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>%1 (%2 of 4)</source>
        <translation>%1（第 %2 步，共 4 步）</translation>
    </message>
    <message>
        <source>Backup %1 is good (proved by a trial restore).</source>
        <translation>备份 %1 可用（已通过试恢复验证）。</translation>
    </message>
</context>
<context>
    <name>BriefTab</name>
    <message>
        <source>Send yesterday&apos;s brief at:</source>
        <translation>每天发送前一日晨报的时间：</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Send yesterday&apos;s brief now</source>
        <translation>立即发送昨日晨报</translation>
    </message>
    <message>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>发送方式</translation>
    </message>
    <message>
        <source>Sent at (UTC)</source>
        <translation>发送时间（UTC）</translation>
    </message>
    <message>
        <source>Briefs sent</source>
        <translation>已发送的晨报</translation>
    </message>
    <message>
        <source>E-mail (PDF attached)</source>
        <translation>邮件（附 PDF）</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>通过邮件发送</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL</source>
        <translation>SSL</translation>
    </message>
    <message>
        <source>None (local server only)</source>
        <translation>不加密（仅限本机或内网服务器）</translation>
    </message>
    <message>
        <source>boss@example.com, manager@example.com</source>
        <translation>boss@example.com, manager@example.com</translation>
    </message>
    <message>
        <source>SMTP server:</source>
        <translation>发信服务器（SMTP）：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>加密方式：</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Group robot (markdown message)</source>
        <translation>群机器人（Markdown 消息）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>Robot:</source>
        <translation>机器人：</translation>
    </message>
    <message>
        <source>Webhook address:</source>
        <translation>Webhook 地址：</translation>
    </message>
    <message>
        <source>Signing secret (DingTalk):</source>
        <translation>加签密钥（钉钉）：</translation>
    </message>
    <message>
        <source>Addresses and secrets are kept in the system keyring; leave a field empty to keep what is stored.</source>
        <translation>地址和密钥保存在系统钥匙串中；留空表示保留已保存的内容。</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>already sent</source>
        <translation>此前已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>BuilderTab</name>
    <message>
        <source>Dimensions (drag into the right list, up to 3)</source>
        <translation>维度（拖到右侧列表，最多 3 个）</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Name to save as</source>
        <translation>保存名称</translation>
    </message>
    <message>
        <source>Share with all stores</source>
        <translation>共享给所有门店</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Saved reports:</source>
        <translation>已保存的报表：</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>柱状图</translation>
    </message>
    <message>
        <source>Line chart</source>
        <translation>折线图</translation>
    </message>
    <message>
        <source>Pie chart</source>
        <translation>饼图</translation>
    </message>
    <message>
        <source>Table only</source>
        <translation>仅表格</translation>
    </message>
    <message>
        <source>Run (Ctrl+Enter)</source>
        <translation>运行 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source> (head office)</source>
        <translation>（总部）</translation>
    </message>
    <message>
        <source> (shared)</source>
        <translation>（已共享）</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Delete saved report</source>
        <translation>删除自定义报表</translation>
    </message>
    <message>
        <source>Delete the saved report “%1”?</source>
        <translation>删除自定义报表“%1”？</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>%1  [near expiry -%2%, use by %3]</source>
        <translation>%1  【临期 -%2%，%3 到期】</translation>
    </message>
    <message>
        <source>Member price</source>
        <translation>会员价</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>已改价</translation>
    </message>
    <message>
        <source>Price from the scale label</source>
        <translation>按秤码标签金额</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>零售价</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Put cash into the drawer</source>
        <translation>把现金放入钱箱</translation>
    </message>
    <message>
        <source>Take cash out of the drawer</source>
        <translation>从钱箱取出现金</translation>
    </message>
    <message>
        <source>e.g. change from the bank, paid a supplier</source>
        <translation>例如：从银行换的零钱、付给供应商</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Enter: next field, then confirm · Esc: cancel</source>
        <translation>Enter：下一项，最后确认 · Esc：取消</translation>
    </message>
</context>
<context>
    <name>ChooseProduct</name>
    <message>
        <source>Choose a product</source>
        <translation>选择商品</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close shift %1 (Z report)</source>
        <translation>交班：第 %1 班（Z 报表）</translation>
    </message>
    <message>
        <source>Shift %1, opened by %2 at %3, float %4</source>
        <translation>第 %1 班，%2 于 %3 开班，备用金 %4</translation>
    </message>
    <message>
        <source>Type the pieces of each note and coin · Enter or ↓: next · ↑: previous · F12: close the shift and print the Z report · Esc: cancel</source>
        <translation>输入每种面额的张数或枚数 · Enter 或 ↓：下一项 · ↑：上一项 · F12：交班并打印 Z 报表 · Esc：取消</translation>
    </message>
    <message>
        <source>Note / coin</source>
        <translation>面额</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>%1 sales, %2 returns, net %3</source>
        <translation>销售 %1 笔，退货 %2 笔，净额 %3</translation>
    </message>
    <message>
        <source>Cash expected</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
</context>
<context>
    <name>CounterController</name>
    <message>
        <source>Added %1: near expiry (use by %2), %3% off</source>
        <translation>已添加 %1：临期（%2 到期），减 %3%</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>已添加：%1</translation>
    </message>
    <message>
        <source>Member removed: retail prices apply.</source>
        <translation>已取消会员，按零售价计价。</translation>
    </message>
    <message>
        <source>Member %1 (%2): member prices apply.</source>
        <translation>会员 %1（%2）：按会员价计价。</translation>
    </message>
    <message>
        <source>Payments were taken for this sale: finish it or remove them first.</source>
        <translation>这笔销售已收过款：请先完成结账，或先撤销已收的款项。</translation>
    </message>
    <message>
        <source>Sale held (%1 lines, %2). Recall it with F7.</source>
        <translation>已挂单（%1 行，%2）。按 F7 取单。</translation>
    </message>
    <message>
        <source>Held sale recalled.</source>
        <translation>已取回挂单。</translation>
    </message>
    <message>
        <source>Your PIN was set.</source>
        <translation>您的授权 PIN 已设置。</translation>
    </message>
</context>
<context>
    <name>CounterKeys</name>
    <message>
        <source>Show or hide this list of keys</source>
        <translation>显示或隐藏本按键列表</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Quantity or weight of the selected line</source>
        <translation>修改选中行的数量或重量</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Search products (name, pinyin initials, SKU)</source>
        <translation>搜索商品（名称、拼音首字母、编码）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Member by phone or card number</source>
        <translation>按手机号或卡号输入会员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Return goods: scan the receipt&apos;s barcode (退货)</source>
        <translation>退货：扫描小票上的条码</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Hold this sale (挂单)</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Recall a held sale (取单)</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Discount on the selected line</source>
        <translation>选中行优惠</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>单品优惠</translation>
    </message>
    <message>
        <source>Discount on the whole sale</source>
        <translation>整单优惠</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>整单优惠</translation>
    </message>
    <message>
        <source>Change the price of the selected line</source>
        <translation>修改选中行的单价</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Put cash into the drawer, with a reason (存入现金)</source>
        <translation>存入现金（需填写原因）</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Take cash out of the drawer, with a reason (取出现金)</source>
        <translation>取出现金（需填写原因）</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Print an X report: the shift so far</source>
        <translation>打印 X 报表（本班至今）</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Open the shift, or close it: count the cash, Z report</source>
        <translation>开班；或交班：点钞并打印 Z 报表</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>开班/交班</translation>
    </message>
    <message>
        <source>Top up the member&apos;s stored value with cash (储值充值)</source>
        <translation>用现金为会员储值充值</translation>
    </message>
    <message>
        <source>Devices: printer, cash drawer, scanner, with tests</source>
        <translation>设备：打印机、钱箱、扫码枪，可逐一测试</translation>
    </message>
    <message>
        <source>Set my authorisation PIN</source>
        <translation>设置我的授权 PIN</translation>
    </message>
    <message>
        <source>Pay (also Enter when the input is empty)</source>
        <translation>结账（输入框为空时也可按回车）</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add the scanned or typed code, or the highlighted result</source>
        <translation>添加扫描或输入的条码，或选中的搜索结果</translation>
    </message>
    <message>
        <source>Type a quantity and * before a code to add that many</source>
        <translation>在条码前输入“数量*”可一次添加多件</translation>
    </message>
    <message>
        <source>3*code</source>
        <translation>3*条码</translation>
    </message>
    <message>
        <source>Move through the search results or the lines of the sale</source>
        <translation>在搜索结果或销售行之间移动</translation>
    </message>
    <message>
        <source>Void the selected line (when the input is empty)</source>
        <translation>删除选中行（输入框为空时）</translation>
    </message>
    <message>
        <source>Close the search or clear the input; twice on an empty input cancels the sale</source>
        <translation>关闭搜索或清空输入；输入框为空时连按两次取消整单</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Scan a barcode, or type a name, pinyin initials or SKU · F1 keys</source>
        <translation>扫描条码，或输入商品名称、拼音首字母、商品编码 · F1 查看按键</translation>
    </message>
    <message>
        <source>Serial scanner ready.</source>
        <translation>串口扫码枪已就绪。</translation>
    </message>
    <message>
        <source>Scan ignored while a dialog is open: %1</source>
        <translation>有窗口打开时不接受扫码：%1</translation>
    </message>
    <message>
        <source>Several products match: pick one with ↑ ↓ and Enter.</source>
        <translation>有多个商品符合：用 ↑ ↓ 选择后按回车。</translation>
    </message>
    <message>
        <source>Press Esc again to cancel the whole sale.</source>
        <translation>再按一次 Esc 取消整单。</translation>
    </message>
</context>
<context>
    <name>CounterTexts</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
</context>
<context>
    <name>CustomFieldsPage</name>
    <message>
        <source>No custom fields are defined for this kind of record.</source>
        <translation>这类记录还没有定义自定义字段。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>CustomListControls</name>
    <message>
        <source>Any custom field</source>
        <translation>自定义字段（不筛选）</translation>
    </message>
    <message>
        <source>equals…</source>
        <translation>等于…</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Welcome to %1</source>
        <translation>欢迎光临%1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Your purchase</source>
        <translation>您购买的商品</translation>
    </message>
    <message>
        <source>… and %1 more lines</source>
        <translation>…… 另有 %1 行</translation>
    </message>
    <message>
        <source>  (near expiry -%1%)</source>
        <translation>  （临期 -%1%）</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <source>Paid %1 · still to pay %2</source>
        <translation>已付 %1 · 还需付 %2</translation>
    </message>
    <message>
        <source>Thank you! Welcome back.</source>
        <translation>谢谢惠顾，欢迎再来！</translation>
    </message>
    <message>
        <source>Paid %1 · change %2</source>
        <translation>实收 %1 · 找零 %2</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Net sales, last 30 days</source>
        <translation>近 30 天净销售额</translation>
    </message>
    <message>
        <source>Top 10 sellers, last 30 days</source>
        <translation>近 30 天畅销前 10</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock value</source>
        <translation>库存金额</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Slow movers: in stock, unsold for 30 days</source>
        <translation>滞销商品：有库存、30 天未售</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Net sales today</source>
        <translation>今日净销售额</translation>
    </message>
    <message>
        <source>Same weekday last week</source>
        <translation>上周同日</translation>
    </message>
    <message>
        <source>Same day last year</source>
        <translation>去年同日</translation>
    </message>
    <message>
        <source>Gross margin this month</source>
        <translation>本月毛利率</translation>
    </message>
    <message>
        <source>The dashboard could not be loaded.</source>
        <translation>经营看板无法加载。</translation>
    </message>
    <message>
        <source>Business day %1</source>
        <translation>营业日 %1</translation>
    </message>
    <message>
        <source>Tickets: %1</source>
        <translation>单数：%1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2：%1</translation>
    </message>
    <message>
        <source>Gross profit %1</source>
        <translation>毛利 %1</translation>
    </message>
    <message>
        <source>at cost, now</source>
        <translation>按成本，当前</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Start with your own product list, with demo data to try JXC out, or with nothing.</source>
        <translation>可以导入自己的商品清单，也可以用演示数据试用 JXC，或者先不导入。</translation>
    </message>
    <message>
        <source>Start &amp;empty (add products later)</source>
        <translation>先不导入，以后再添加商品(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import products from Excel or CSV</source>
        <translation>从 Excel 或 CSV 导入商品(&amp;I)</translation>
    </message>
    <message>
        <source>Fill with &amp;demo data (for training, not for a real shop)</source>
        <translation>填入演示数据（用于培训，不用于真实门店）(&amp;D)</translation>
    </message>
    <message>
        <source>columns: sku, name, barcode, unit, retail_price, category, costing, shelf_life_days</source>
        <translation>列：sku, name, barcode, unit, retail_price, category, costing, shelf_life_days（也可用中文列名）</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>浏览(&amp;B)...</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>商品数：</translation>
    </message>
    <message>
        <source>Days of sales history:</source>
        <translation>销售历史天数：</translation>
    </message>
    <message>
        <source>Product list</source>
        <translation>商品清单</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.xlsm *.csv *.txt)</source>
        <translation>Excel 或 CSV (*.xlsx *.xlsm *.csv *.txt)</translation>
    </message>
    <message>
        <source>Choose the product file to import.</source>
        <translation>请选择要导入的商品文件。</translation>
    </message>
    <message>
        <source>Imported %1 products from %2 (%3 new, %4 updated).</source>
        <translation>已从 %2 导入 %1 个商品（新建 %3 个，更新 %4 个）。</translation>
    </message>
    <message>
        <source>Demo data: %1 products, %2 suppliers, %3 members.</source>
        <translation>演示数据：%1 个商品、%2 个供应商、%3 个会员。</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Ctrl+1 test printer · Ctrl+2 test drawer · Ctrl+3 test scanner · Ctrl+S save · Esc close</source>
        <translation>Ctrl+1 测试打印机 · Ctrl+2 测试钱箱 · Ctrl+3 测试扫码枪 · Ctrl+S 保存 · Esc 关闭</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>不使用打印机</translation>
    </message>
    <message>
        <source>Network (TCP 9100)</source>
        <translation>网络（TCP 9100）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <source>File (raw ESC/POS)</source>
        <translation>文件（原始 ESC/POS 数据）</translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation>%1 毫米</translation>
    </message>
    <message>
        <source>Print a &amp;test page</source>
        <translation>打印测试页(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接方式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>Paper &amp;width</source>
        <translation>纸宽(&amp;W)</translation>
    </message>
    <message>
        <source>Cash drawer (through the printer)</source>
        <translation>钱箱（接在打印机上）</translation>
    </message>
    <message>
        <source>Pin %1</source>
        <translation>引脚 %1</translation>
    </message>
    <message>
        <source>&amp;Open the drawer</source>
        <translation>打开钱箱(&amp;O)</translation>
    </message>
    <message>
        <source>Drawer &amp;pin</source>
        <translation>钱箱引脚(&amp;P)</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Keyboard wedge (USB keyboard mode)</source>
        <translation>键盘模式（USB 键盘）</translation>
    </message>
    <message>
        <source>/dev/ttyACM0 or COM3</source>
        <translation>/dev/ttyACM0 或 COM3</translation>
    </message>
    <message>
        <source>Scan a barcode into this field</source>
        <translation>在这里扫一个条码</translation>
    </message>
    <message>
        <source>Test the sca&amp;nner</source>
        <translation>测试扫码枪(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>Po&amp;rt</source>
        <translation>端口(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Baud rate</source>
        <translation>波特率(&amp;B)</translation>
    </message>
    <message>
        <source>Wedge test</source>
        <translation>键盘模式测试</translation>
    </message>
    <message>
        <source>Test page sent; the printer reports ready.</source>
        <translation>测试页已发送，打印机状态正常。</translation>
    </message>
    <message>
        <source>Test page sent; paper is running out.</source>
        <translation>测试页已发送，打印纸快用完了。</translation>
    </message>
    <message>
        <source>Test page sent (this connection reports no status).</source>
        <translation>测试页已发送（这种连接读不到打印机状态）。</translation>
    </message>
    <message>
        <source>Pulse sent on pin %1: did the drawer open?</source>
        <translation>已向引脚 %1 发出开钱箱信号：钱箱打开了吗？</translation>
    </message>
    <message>
        <source>Scan a barcode now: it appears in the field.</source>
        <translation>请现在扫一个条码，它会显示在输入框里。</translation>
    </message>
    <message>
        <source>Waiting up to %1 s for a scan…</source>
        <translation>正在等待扫码，最多 %1 秒……</translation>
    </message>
    <message>
        <source>Read %1.</source>
        <translation>读到 %1。</translation>
    </message>
    <message>
        <source>No scan arrived within the time: check the port and the baud rate.</source>
        <translation>规定时间内没有收到扫码：请检查端口和波特率。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Counter devices</source>
        <translation>收银设备</translation>
    </message>
    <message>
        <source>Connect the devices now and test each one. You may leave the printer empty and set it up later.</source>
        <translation>现在连接设备并逐一测试。打印机也可以留空，以后再设置。</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>&amp;Test print</source>
        <translation>打印测试页(&amp;T)</translation>
    </message>
    <message>
        <source>Paper (mm):</source>
        <translation>纸宽（毫米）：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Network tcp://IP:9100 · USB usb://vendor:product · serial serial://COM3?baudrate=9600 · Windows printer win32://name</source>
        <translation>网口 tcp://IP:9100 · USB usb://厂商:产品 · 串口 serial://COM3?baudrate=9600 · Windows 打印机 win32://名称</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>A cash drawer is plugged into the receipt printer</source>
        <translation>钱箱接在小票打印机上</translation>
    </message>
    <message>
        <source>&amp;Open drawer</source>
        <translation>打开钱箱(&amp;O)</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Click here, then scan any product&apos;s barcode</source>
        <translation>点击这里，然后扫描任意商品条码</translation>
    </message>
    <message>
        <source>Enter the printer&apos;s address first.</source>
        <translation>请先填写打印机地址。</translation>
    </message>
    <message>
        <source>Printing...</source>
        <translation>正在打印...</translation>
    </message>
    <message>
        <source>Test page sent; the printer says: %1.</source>
        <translation>测试页已发送；打印机状态：%1。</translation>
    </message>
    <message>
        <source>The drawer opens through the printer: enter the printer&apos;s address first.</source>
        <translation>钱箱通过打印机打开：请先填写打印机地址。</translation>
    </message>
    <message>
        <source>Pulse sent: the drawer should open.</source>
        <translation>已发送开箱信号：钱箱应当弹开。</translation>
    </message>
    <message>
        <source>The scanner works: read %1.</source>
        <translation>扫码枪正常：读到 %1。</translation>
    </message>
    <message>
        <source>%1 was typed, not scanned. Set the scanner to keyboard mode (USB HID) with Enter after each code, then scan again.</source>
        <translation>%1 是手工输入的，不是扫描的。请把扫码枪设为键盘模式（USB HID），每个条码后加回车，然后再扫一次。</translation>
    </message>
    <message>
        <source>Receipt printer: %1 (%2 mm).</source>
        <translation>小票打印机：%1（%2 毫米）。</translation>
    </message>
    <message>
        <source>No receipt printer yet (set it under Settings later).</source>
        <translation>暂未设置小票打印机（以后可在设置中添加）。</translation>
    </message>
</context>
<context>
    <name>DocHead</name>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <source>&amp;Supplier</source>
        <translation>供应商(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Warehouse</source>
        <translation>仓库(&amp;W)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>(choose a supplier)</source>
        <translation>（请选择供应商）</translation>
    </message>
</context>
<context>
    <name>DocLabels</name>
    <message>
        <source>Purchase order</source>
        <translation>采购订单</translation>
    </message>
    <message>
        <source>Purchase receipt</source>
        <translation>采购入库单</translation>
    </message>
    <message>
        <source>Return to supplier</source>
        <translation>采购退货单</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售单</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>销售退货单</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>调拨出库单</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>调拨入库单</translation>
    </message>
    <message>
        <source>Transfer delivered</source>
        <translation>调拨结算</translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation>报损单</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Assembly</source>
        <translation>组装单</translation>
    </message>
    <message>
        <source>Disassembly</source>
        <translation>拆卸单</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未到货</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>部分到货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已到货</translation>
    </message>
</context>
<context>
    <name>DocListModel</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Supplier / customer</source>
        <translation>供应商/客户</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>制单人</translation>
    </message>
    <message>
        <source>(no number yet)</source>
        <translation>（尚无单号）</translation>
    </message>
</context>
<context>
    <name>DocumentDetail</name>
    <message>
        <source>Choose a document in the list.</source>
        <translation>请在列表中选择单据。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>By</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation>明细(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Moves</source>
        <translation>库存流水(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Voucher</source>
        <translation>凭证(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Approvals</source>
        <translation>审批(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Print PDF...</source>
        <translation>打印 PDF(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Reverse...</source>
        <translation>冲销(&amp;R)...</translation>
    </message>
    <message>
        <source>La&amp;bels...</source>
        <translation>标签(&amp;B)...</translation>
    </message>
    <message>
        <source>Shelf labels or price tags for everything this document brought in</source>
        <translation>为本单据入库的全部商品打印货架标签或价签</translation>
    </message>
    <message>
        <source>Issue a %1 prefilled from this document</source>
        <translation>按本单开具%1</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Warehouse %1</source>
        <translation>仓库 %1</translation>
    </message>
    <message>
        <source>Total ¥%1</source>
        <translation>合计 ¥%1</translation>
    </message>
    <message>
        <source>Prepared by %1</source>
        <translation>制单人 %1</translation>
    </message>
    <message>
        <source>Refers to %1</source>
        <translation>原单 %1</translation>
    </message>
    <message>
        <source>Reversed by %1</source>
        <translation>已被 %1 冲销</translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation>订单：%1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>COGS</source>
        <translation>销售成本</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已到货</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未到货</translation>
    </message>
    <message>
        <source>Save the document as PDF</source>
        <translation>将单据保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF...</source>
        <translation>正在生成 PDF...</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <source>Line no.</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price (cost on stock documents)</source>
        <translation>单价（库存单据为成本）</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>COGS (cost viewers only)</source>
        <translation>销售成本（仅限可看成本者）</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Document PDF template</source>
        <translation>单据 PDF 模板</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>单据预览</translation>
    </message>
    <message>
        <source>Tick the columns to print; drag to change the order.</source>
        <translation>勾选要打印的列；拖动调整顺序。</translation>
    </message>
    <message>
        <source>Choose logo...</source>
        <translation>选择标志...</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>移除标志</translation>
    </message>
    <message>
        <source>Voucher (cost viewers only)</source>
        <translation>记账凭证（仅限可看成本者）</translation>
    </message>
    <message>
        <source>Signature line</source>
        <translation>签字栏</translation>
    </message>
    <message>
        <source>empty: 制单 / 审核 / 经手</source>
        <translation>留空：制单 / 审核 / 经手</translation>
    </message>
    <message>
        <source>QR code of the document number</source>
        <translation>单号二维码</translation>
    </message>
    <message>
        <source>May wrap {number} in a link; fields {number} {store} {date}.</source>
        <translation>可把 {number} 放进网址；可用字段 {number} {store} {date}。</translation>
    </message>
    <message>
        <source>a document number; empty: a sample sale</source>
        <translation>单号；留空：示例销售单</translation>
    </message>
    <message>
        <source>Columns (drag to order):</source>
        <translation>列（拖动排序）：</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>页眉：</translation>
    </message>
    <message>
        <source>Footer:</source>
        <translation>页脚：</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>标志：</translation>
    </message>
    <message>
        <source>Signature text:</source>
        <translation>签字栏文字：</translation>
    </message>
    <message>
        <source>QR content:</source>
        <translation>二维码内容：</translation>
    </message>
    <message>
        <source>Preview with:</source>
        <translation>预览单据：</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>&amp;Documents</source>
        <translation>单据(&amp;D)</translation>
    </message>
    <message>
        <source>A&amp;pprovals</source>
        <translation>审批(&amp;P)</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation>（向下滚动查看更多）</translation>
    </message>
    <message>
        <source>%1 document(s) shown%2</source>
        <translation>显示 %1 张单据%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>JXC is set up. Press Finish, then sign in as admin.</source>
        <translation>JXC 已设置好。点击“完成”，然后用 admin 登录。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An internal error occurred, so the action was not completed. The details were written to the log file; please report them to your support contact.</source>
        <translation>程序内部出错，操作未完成。详细信息已写入日志文件，请将其提供给您的技术支持人员。</translation>
    </message>
    <message>
        <source>JXC error</source>
        <translation>JXC 出错</translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 rows written to %2</source>
        <translation>已将 %1 行写入 %2</translation>
    </message>
</context>
<context>
    <name>FieldDialog</name>
    <message>
        <source>Add a custom field</source>
        <translation>添加自定义字段</translation>
    </message>
    <message>
        <source>Custom field %1</source>
        <translation>自定义字段 %1</translation>
    </message>
    <message>
        <source>a-z, 0-9 and _, e.g. origin</source>
        <translation>小写字母、数字和下划线，例如 origin</translation>
    </message>
    <message>
        <source>A value is &amp;required</source>
        <translation>必须填写(&amp;R)</translation>
    </message>
    <message>
        <source>one per line, or separated by commas</source>
        <translation>每行一个，或用逗号分隔</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>代码(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Chinese label:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;English label:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <source>K&amp;ind:</source>
        <translation>类型(&amp;I)：</translation>
    </message>
    <message>
        <source>C&amp;hoices:</source>
        <translation>选项(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Minimum:</source>
        <translation>最小值(&amp;M)：</translation>
    </message>
    <message>
        <source>Ma&amp;ximum:</source>
        <translation>最大值(&amp;X)：</translation>
    </message>
    <message>
        <source>Maximum &amp;length:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Position:</source>
        <translation>顺序(&amp;P)：</translation>
    </message>
    <message>
        <source>The key is fixed once the field exists.</source>
        <translation>字段建立后代码不能更改。</translation>
    </message>
    <message>
        <source>Head office manages this field: it can only be changed there.</source>
        <translation>此字段由总部管理，只能在总部修改。</translation>
    </message>
    <message>
        <source>The minimum and the maximum must be numbers, e.g. 12.5.</source>
        <translation>最小值和最大值应为数字，例如 12.5。</translation>
    </message>
</context>
<context>
    <name>FieldKinds</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
</context>
<context>
    <name>FieldsTab</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customers / members</source>
        <translation>客户/会员</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chinese label</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English label</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Fields &amp;of:</source>
        <translation>字段所属(&amp;O)：</translation>
    </message>
    <message>
        <source>Add &amp;new...</source>
        <translation>新增(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>修改(&amp;E)...</translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation>隐藏(&amp;D)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>this store</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>不小于 %1</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>不大于 %1</translation>
    </message>
    <message>
        <source>up to %1 characters</source>
        <translation>最长 %1 个字</translation>
    </message>
    <message>
        <source>&amp;View...</source>
        <translation>查看(&amp;V)...</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>Head office manages this field: it can only be changed there.</source>
        <translation>此字段由总部管理，只能在总部修改。</translation>
    </message>
    <message>
        <source>The field %1 comes from head office, which manages it: it cannot be changed in this store.</source>
        <translation>字段 %1 来自总部，由总部管理，不能在本店修改。</translation>
    </message>
    <message>
        <source>A field with the key %1 already exists: choose it in the list and use Edit.</source>
        <translation>代码为 %1 的字段已存在：请在列表中选中它，然后点“修改”。</translation>
    </message>
    <message>
        <source>Field %1 saved.</source>
        <translation>字段 %1 已保存。</translation>
    </message>
    <message>
        <source>Field %1 is shown again.</source>
        <translation>字段 %1 已重新显示。</translation>
    </message>
    <message>
        <source>Field %1 is hidden; its values are kept.</source>
        <translation>字段 %1 已隐藏，已填写的值仍保留。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Purchasing (order, receipt, return)</source>
        <translation>采购（订单、入库、退货）</translation>
    </message>
    <message>
        <source>Sales and customer returns</source>
        <translation>销售及销售退货</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Number or part of it</source>
        <translation>单号（可输入部分）</translation>
    </message>
    <message>
        <source>Supplier or customer: code, name, phone</source>
        <translation>供应商或客户：编码、名称、手机号</translation>
    </message>
    <message>
        <source>Warehouse code</source>
        <translation>仓库编码</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>FiltersForm</name>
    <message>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <source>Category code</source>
        <translation>分类编码</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Cashier (user name)</source>
        <translation>收银员（用户名）</translation>
    </message>
    <message>
        <source>Customer code or phone</source>
        <translation>客户编码或手机号</translation>
    </message>
    <message>
        <source>Supplier code</source>
        <translation>供应商编码</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up JXC</source>
        <translation>设置 JXC</translation>
    </message>
</context>
<context>
    <name>HeadOfficePage</name>
    <message>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Other stores&apos; stock</source>
        <translation>其他门店库存</translation>
    </message>
</context>
<context>
    <name>HeadOfficeTexts</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline: head office cannot be reached</source>
        <translation>离线：无法连接总部</translation>
    </message>
    <message>
        <source>Sync disabled</source>
        <translation>同步已停用</translation>
    </message>
    <message>
        <source>Head office refused the last request</source>
        <translation>总部拒绝了上一次请求</translation>
    </message>
    <message>
        <source>Not enrolled with head office</source>
        <translation>尚未在总部注册</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>慢于</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>快于</translation>
    </message>
    <message>
        <source>%1 %2 head office</source>
        <translation>比总部%2 %1</translation>
    </message>
    <message>
        <source> (flagged since %1: correct this PC&apos;s date and time)</source>
        <translation>（自 %1 起已标记：请校正本机日期和时间）</translation>
    </message>
    <message>
        <source> (within %1 s)</source>
        <translation>（在 %1 秒以内）</translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Ledger and stock</source>
        <translation>库存账与流水</translation>
    </message>
    <message>
        <source>Audit chain</source>
        <translation>审计链</translation>
    </message>
    <message>
        <source>Sync queue</source>
        <translation>同步队列</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation>立即检查(&amp;C)</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What it says</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>正在检查...</translation>
    </message>
    <message>
        <source>%1 · checked %2</source>
        <translation>%1 · 检查于 %2</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keys of the sale screen</source>
        <translation>收银台按键一览</translation>
    </message>
    <message>
        <source>Press F1 or Esc to close.</source>
        <translation>按 F1 或 Esc 关闭。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Welcome, %1</source>
        <translation>欢迎，%1</translation>
    </message>
    <message>
        <source>Signed in as %1 · role: %2</source>
        <translation>当前用户：%1 · 角色：%2</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>This store</source>
        <translation>本门店</translation>
    </message>
    <message>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Database version</source>
        <translation>数据库版本</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Encrypted: SQLCipher %1</source>
        <translation>已加密：SQLCipher %1</translation>
    </message>
</context>
<context>
    <name>ImageBox</name>
    <message>
        <source>No image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <source>This file cannot be shown</source>
        <translation>此文件无法显示</translation>
    </message>
    <message>
        <source>Choose a product image</source>
        <translation>选择商品图片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品资料</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Price changes</source>
        <translation>调价</translation>
    </message>
    <message>
        <source>Purchase receipts</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <source>A .xlsx or .csv file</source>
        <translation>.xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>What to import:</source>
        <translation>导入内容：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Nothing is written unless every row of the file is valid. A refused file gets a copy with each bad cell marked in red.</source>
        <translation>只有文件中每一行都正确才会写入。被拒绝的文件会生成一份副本，错误的单元格标为红色。</translation>
    </message>
    <message>
        <source>Open marked copy</source>
        <translation>打开标注副本</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.xlsm *.csv *.txt)</source>
        <translation>Excel 或 CSV (*.xlsx *.xlsm *.csv *.txt)</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>LabelEditor</name>
    <message>
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Custom field</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>零售价</translation>
    </message>
    <message>
        <source>Member price</source>
        <translation>会员价</translation>
    </message>
    <message>
        <source>Barcode / QR code</source>
        <translation>条码 / 二维码</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Label template</source>
        <translation>标签模板</translation>
    </message>
    <message>
        <source>Label preview</source>
        <translation>标签预览</translation>
    </message>
    <message>
        <source>Tick what prints; drag to change the order of the name, specification, unit and custom field.</source>
        <translation>勾选要打印的字段；拖动可调整名称、规格、单位和自定义字段的顺序。</translation>
    </message>
    <message>
        <source>e.g. {store} (the store&apos;s name)</source>
        <translation>例如 {store}（门店名称）</translation>
    </message>
    <message>
        <source>Automatic (EAN-13 when the barcode is one)</source>
        <translation>自动（条码为 EAN-13 时用 EAN-13）</translation>
    </message>
    <message>
        <source>Barcode (CODE128)</source>
        <translation>一维码（CODE128）</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>{barcode} or {sku}; a QR code may wrap them in a link, e.g. https://m.example.cn/p/{sku}</source>
        <translation>{barcode} 或 {sku}；二维码可把它们放进网址，例如 https://m.example.cn/p/{sku}</translation>
    </message>
    <message>
        <source>a SKU; empty: a sample product</source>
        <translation>商品编码；留空：示例商品</translation>
    </message>
    <message>
        <source>Fields (drag to order):</source>
        <translation>字段（拖动排序）：</translation>
    </message>
    <message>
        <source>Custom field:</source>
        <translation>自定义字段：</translation>
    </message>
    <message>
        <source>Price size:</source>
        <translation>价格字号：</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>标题行：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>条码：</translation>
    </message>
    <message>
        <source>Code content:</source>
        <translation>条码内容：</translation>
    </message>
    <message>
        <source>Preview paper:</source>
        <translation>预览纸张：</translation>
    </message>
    <message>
        <source>Preview kind:</source>
        <translation>预览类型：</translation>
    </message>
    <message>
        <source>Preview with:</source>
        <translation>预览商品：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Used positions to skip</source>
        <translation>跳过已用的位置数</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>将标签保存为 PDF</translation>
    </message>
    <message>
        <source>Making the labels…</source>
        <translation>正在生成标签…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Finish or hold the sale at the counter first, then change the language.</source>
        <translation>请先完成或挂起收银台上的这笔销售，再切换语言。</translation>
    </message>
</context>
<context>
    <name>LineActions</name>
    <message>
        <source>Done: %1, authorised by %2.</source>
        <translation>已完成：%1，授权人 %2。</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <source>Scan or type a barcode or SKU, then Enter</source>
        <translation>扫描或输入条码/商品编码，然后按回车</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Qty:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>The quantity must be above 0.</source>
        <translation>数量必须大于 0。</translation>
    </message>
    <message>
        <source>Scan a barcode or type SKU, name or pinyin initials, then Enter (3*code adds three)</source>
        <translation>扫描条码或输入编码、名称、拼音首字母后回车（3*条码 表示加 3 件）</translation>
    </message>
    <message>
        <source>The quantity before * must be more than 0.</source>
        <translation>* 前的数量必须大于 0。</translation>
    </message>
    <message>
        <source>Nothing matches &apos;%1&apos;.</source>
        <translation>没有与“%1”匹配的商品。</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>%1 line(s)</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 line(s) · total %2</source>
        <translation>%1 行 · 合计 %2</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Last cost</source>
        <translation>上次进价</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已到货</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未到货</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Type the expiry (2027-06-30), or P and the production date (P2026-03-01): the shelf life (%1 days) is added.</source>
        <translation>输入有效期（2027-06-30），或输入 P 加生产日期（P2026-03-01），系统按保质期（%1 天）推算。</translation>
    </message>
    <message>
        <source>More than is still open on the order.</source>
        <translation>超出订单未到货数量。</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <source>%1 was away. Type your password or PIN to go on.</source>
        <translation>%1 已离开。请输入密码或 PIN 继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>换其他用户登录(&amp;S)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in - JXC</source>
        <translation>登录 - JXC 进销存</translation>
    </message>
    <message>
        <source>Store code: %1</source>
        <translation>门店编码：%1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>再输一次新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>登录错误</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The two new passwords differ. Type them again.</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>&amp;Set password and sign in</source>
        <translation>设置密码并登录(&amp;S)</translation>
    </message>
</context>
<context>
    <name>LowStockTab</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Short by</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Suggested order</source>
        <translation>建议补货</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) below their minimum</source>
        <translation>
            <numerusform>%n 个商品低于库存下限</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;System</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>注销登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Receipt template...</source>
        <translation>小票模板(&amp;R)...</translation>
    </message>
    <message>
        <source>User: %1 · %2</source>
        <translation>用户：%1 · %2</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>The store database is encrypted with SQLCipher; its key is kept in the operating system&apos;s keyring.</source>
        <translation>门店数据库已用 SQLCipher 加密，密钥保存在操作系统的钥匙串中。</translation>
    </message>
    <message>
        <source>&amp;Label template...</source>
        <translation>标签模板(&amp;L)...</translation>
    </message>
    <message>
        <source>&amp;Document PDF template...</source>
        <translation>单据 PDF 模板(&amp;D)...</translation>
    </message>
</context>
<context>
    <name>MaintenanceStatus</name>
    <message>
        <source>Backing up...</source>
        <translation>正在备份...</translation>
    </message>
    <message>
        <source>Backup good</source>
        <translation>备份可用</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>健康：%1</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>所有检查均通过。</translation>
    </message>
</context>
<context>
    <name>MemberActions</name>
    <message>
        <source>%1 topped up %2: stored value now %3. Put the cash in the drawer.</source>
        <translation>%1 已充值 %2，储值余额 %3。请把现金放入钱箱。</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>Welcome to JXC</source>
        <translation>欢迎使用 JXC</translation>
    </message>
    <message>
        <source>This PC has no store yet. How will it be used?</source>
        <translation>这台电脑还没有门店。它将如何使用？</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;New standalone store</source>
        <translation>新建独立门店(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Join head office (with an enrollment code)</source>
        <translation>加入总部（使用注册码）(&amp;J)</translation>
    </message>
    <message>
        <source>One shop on its own: its products, prices and users are managed here.</source>
        <translation>单店经营：商品、价格和用户都在本机管理。</translation>
    </message>
    <message>
        <source>A shop of a chain: head office gives you its address and a one-time code for this PC.</source>
        <translation>连锁门店：总部会提供服务器地址和这台电脑的一次性注册码。</translation>
    </message>
</context>
<context>
    <name>NavList</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>NearExpiryTab</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>零售价</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Suggested price</source>
        <translation>建议售价</translation>
    </message>
    <message>
        <source>days:percent off, e.g. 7:50,15:30,30:10 — the tightest rule a batch meets applies</source>
        <translation>天数:折扣百分比，例如 7:50,15:30,30:10 —— 按批次满足的最严格规则执行</translation>
    </message>
    <message>
        <source>Markdown rules:</source>
        <translation>促销规则：</translation>
    </message>
    <message>
        <source>remove from sale</source>
        <translation>下架</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es)</source>
        <translation>
            <numerusform>%n 个批次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open a shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>No shift is open on this till. Count the float (备用金) in the drawer and enter it to start selling.</source>
        <translation>这台收银机还没有开班。请清点钱箱里的备用金并输入，然后开始收银。</translation>
    </message>
    <message>
        <source>Enter: open the shift · Esc: not now (selling stays refused)</source>
        <translation>Enter：开班 · Esc：暂不开班（不能收款）</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>no comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <source>month on month</source>
        <translation>环比（上月）</translation>
    </message>
    <message>
        <source>year on year</source>
        <translation>同比（去年）</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Compare:</source>
        <translation>对比：</translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation>提前天数：</translation>
    </message>
    <message>
        <source>Slow above days of cover:</source>
        <translation>可售天数超过即为滞销：</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>(no number yet)</source>
        <translation>（尚无单号）</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>&amp;New order</source>
        <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
        <source>S&amp;uggest...</source>
        <translation>建议采购(&amp;U)...</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>保存草稿(&amp;D)</translation>
    </message>
    <message>
        <source>Su&amp;bmit</source>
        <translation>提交(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Receive selected</source>
        <translation>对所选订单收货(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Enter: post the order, or send it for approval when a rule asks for one</source>
        <translation>Ctrl+Enter：过账订单；如审批规则要求，则送审</translation>
    </message>
    <message>
        <source>Orders (double-click: edit a draft, receive a posted order)</source>
        <translation>采购订单（双击：编辑草稿，或对已过账订单收货）</translation>
    </message>
    <message>
        <source>This order is waiting for approval; it can be edited only if it is rejected.</source>
        <translation>此订单正在审批中，只有被驳回后才能修改。</translation>
    </message>
    <message>
        <source>Choose a posted order to receive.</source>
        <translation>请选择一张已过账的订单进行收货。</translation>
    </message>
    <message>
        <source>Products no longer found, left out: %1</source>
        <translation>以下商品已找不到，已略去：%1</translation>
    </message>
    <message>
        <source>Draft opened.</source>
        <translation>已打开草稿。</translation>
    </message>
    <message>
        <source>Purchase order %1 · %2</source>
        <translation>采购订单 %1 · %2</translation>
    </message>
    <message>
        <source>Choose the supplier first.</source>
        <translation>请先选择供应商。</translation>
    </message>
    <message>
        <source>Add at least one line with a quantity.</source>
        <translation>请至少添加一行有数量的商品。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Order %1 is waiting for approval.</source>
        <translation>订单 %1 等待审批。</translation>
    </message>
    <message>
        <source>Order %1 posted (%2).</source>
        <translation>订单 %1 已过账（%2）。</translation>
    </message>
    <message>
        <source>Choose the supplier first: suggestions are per supplier.</source>
        <translation>请先选择供应商：采购建议按供应商生成。</translation>
    </message>
    <message>
        <source>%1 suggested line(s) added.</source>
        <translation>已添加 %1 行建议采购。</translation>
    </message>
</context>
<context>
    <name>Paying</name>
    <message>
        <source>Refund %1 to the customer on the payment device (reference %2).</source>
        <translation>请在收款设备上向顾客退还 %1（参考号 %2）。</translation>
    </message>
    <message>
        <source>Sale %1 is saved, but its receipt could not be queued: %2</source>
        <translation>销售 %1 已保存，但小票未能加入打印队列：%2</translation>
    </message>
    <message>
        <source>Sale %1 saved. Change: %2</source>
        <translation>销售 %1 已保存。找零：%2</translation>
    </message>
    <message>
        <source>Sale cancelled.</source>
        <translation>已取消整单。</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Enter: take payment · Del: remove the last payment · Esc: back to the sale</source>
        <translation>回车：收款 · Del：撤销上一笔收款 · Esc：返回销售</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation>待收</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat / Alipay</source>
        <translation>微信 / 支付宝</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Look up the member first (F4 on the sale screen).</source>
        <translation>请先查找会员（在收银界面按 F4）。</translation>
    </message>
    <message>
        <source>Terminal reference</source>
        <translation>刷卡参考号</translation>
    </message>
    <message>
        <source>Payment code (scan)</source>
        <translation>付款码（扫描）</translation>
    </message>
    <message>
        <source>Member %1: stored value %2 · %3 points</source>
        <translation>会员 %1：储值 %2 · 积分 %3</translation>
    </message>
    <message>
        <source>(type points: 100 points pay %1)</source>
        <translation>（输入积分数：100 积分抵 %1）</translation>
    </message>
    <message>
        <source>Sale %1 saved. Give %2 change. Enter: next sale.</source>
        <translation>销售 %1 已保存。请找零 %2。回车：下一单。</translation>
    </message>
</context>
<context>
    <name>PickLists</name>
    <message>
        <source>Add (Enter)</source>
        <translation>添加 (Enter)</translation>
    </message>
    <message>
        <source>Remove (Enter)</source>
        <translation>移除 (Enter)</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Manager authorisation</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Manager user name:</source>
        <translation>授权人用户名：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <source>PIN of %1</source>
        <translation>%1 的 PIN</translation>
    </message>
    <message>
        <source>&amp;No PIN (clear it)</source>
        <translation>不设 PIN（清除）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;PIN (4-6 digits):</source>
        <translation>PIN（4-6 位数字）(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>再次输入 PIN(&amp;A)：</translation>
    </message>
    <message>
        <source>Your pass&amp;word:</source>
        <translation>您的密码(&amp;W)：</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>PriceConfirmDialog</name>
    <message>
        <source>Check these purchase prices</source>
        <translation>请核对这些进价</translation>
    </message>
    <message>
        <source>These prices are more than %1% away from the last purchase price. Check them against the supplier&apos;s invoice. Confirm only if they are right: the confirmation is recorded on each line.</source>
        <translation>以下进价与上次进价相差超过 %1%。请对照供应商发票核对，确认无误后再确认；确认会记录在每一行上。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Last price</source>
        <translation>上次进价</translation>
    </message>
    <message>
        <source>This price</source>
        <translation>本次进价</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Prices are right: &amp;post</source>
        <translation>进价无误，过账(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Go back and correct</source>
        <translation>返回修改(&amp;G)</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>FIFO (first in, first out)</source>
        <translation>先进先出</translation>
    </message>
    <message>
        <source>Moving average</source>
        <translation>移动加权平均</translation>
    </message>
    <message>
        <source>One barcode per line; the first is the primary one</source>
        <translation>每行一个条码，第一个为主条码</translation>
    </message>
    <message>
        <source>Stock is tracked (clear for a service item)</source>
        <translation>管理库存（服务类商品请取消）</translation>
    </message>
    <message>
        <source>Active (may be sold and bought)</source>
        <translation>启用（可销售和采购）</translation>
    </message>
    <message>
        <source>Basics</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Prices and costs</source>
        <translation>价格与成本</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>e.g. 6901234 or COLA-500</source>
        <translation>例如 6901234 或 COLA-500</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>e.g. 500ml</source>
        <translation>例如 500ml</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Tax rate (%)</source>
        <translation>税率（%）</translation>
    </message>
    <message>
        <source>Retail price (yuan)</source>
        <translation>零售价（元）</translation>
    </message>
    <message>
        <source>Member price</source>
        <translation>会员价</translation>
    </message>
    <message>
        <source>empty: the retail price</source>
        <translation>留空：同零售价</translation>
    </message>
    <message>
        <source>Wholesale price</source>
        <translation>批发价</translation>
    </message>
    <message>
        <source>Purchase price</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>Freight per unit</source>
        <translation>单位运费</translation>
    </message>
    <message>
        <source>Packaging per unit</source>
        <translation>单位包装费</translation>
    </message>
    <message>
        <source>Storage rate (% of cost)</source>
        <translation>仓储费率（占成本 %）</translation>
    </message>
    <message>
        <source>Cost fields are shown only to roles that see costs.</source>
        <translation>成本字段只对可查看成本的角色显示。</translation>
    </message>
    <message>
        <source>Shelf location</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>e.g. A-03-2 (aisle-shelf-level)</source>
        <translation>例如 A-03-2（通道-货架-层）</translation>
    </message>
    <message>
        <source>Shelf life (days)</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <source>empty: no expiry</source>
        <translation>留空：无保质期</translation>
    </message>
    <message>
        <source>Minimum stock</source>
        <translation>最低库存</translation>
    </message>
    <message>
        <source>Maximum stock</source>
        <translation>最高库存</translation>
    </message>
    <message>
        <source>Costing method</source>
        <translation>成本方法</translation>
    </message>
</context>
<context>
    <name>ProductTexts</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Any stock</source>
        <translation>全部库存状态</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>有库存</translation>
    </message>
    <message>
        <source>Low (below minimum)</source>
        <translation>库存不足（低于最低库存）</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>负库存</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>零售价</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Purchase price</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>Landed cost</source>
        <translation>到岸成本</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message>
        <source>Search: name, pinyin initials (kkkl), SKU or barcode; several words narrow it down</source>
        <translation>搜索：名称、拼音首字母（kkkl）、编码或条码；多个词逐步缩小范围</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>显示停用</translation>
    </message>
    <message>
        <source>New product (Ctrl+N)</source>
        <translation>新建商品 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>打开 (Enter)</translation>
    </message>
    <message>
        <source>Labels… (Ctrl+L)</source>
        <translation>打印标签… (Ctrl+L)</translation>
    </message>
    <message>
        <source>Export… (Ctrl+E)</source>
        <translation>导出…（Ctrl+E）</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>All brands</source>
        <translation>全部品牌</translation>
    </message>
    <message>
        <source>All suppliers</source>
        <translation>全部供应商</translation>
    </message>
    <message>
        <source>%1 products</source>
        <translation>共 %1 个商品</translation>
    </message>
    <message>
        <source>%1 found so far, searching…</source>
        <translation>已找到 %1 个，正在搜索…</translation>
    </message>
    <message>
        <source>%1 shown, more as you scroll</source>
        <translation>已显示 %1 个，向下滚动加载更多</translation>
    </message>
    <message>
        <source>%1 products written to %2</source>
        <translation>已将 %1 个商品写入 %2</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Weight of %1 in %2:</source>
        <translation>%1 的重量（%2）：</translation>
    </message>
    <message>
        <source>For example 0.455</source>
        <translation>例如 0.455</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Quantity of %1 (%2):</source>
        <translation>%1 的数量（%2）：</translation>
    </message>
    <message>
        <source>Fewer than before counts as a void and may need a manager.</source>
        <translation>减少数量视同删除商品，可能需要主管授权。</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Member phone or card number (empty: no member):</source>
        <translation>会员手机号或卡号（留空：不用会员）：</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>单品优惠</translation>
    </message>
    <message>
        <source>Discount on %1 (%2):</source>
        <translation>%1 的优惠（%2）：</translation>
    </message>
    <message>
        <source>5.00 = ¥5 off · 10% = 10% off · 9折 = pay 90%</source>
        <translation>5.00 = 减 ¥5 · 10% = 减 10% · 9折 = 按九折收</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>整单优惠</translation>
    </message>
    <message>
        <source>Discount on the whole sale (%1):</source>
        <translation>整单优惠（%1）：</translation>
    </message>
    <message>
        <source>Change price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>New unit price of %1:</source>
        <translation>%1 的新单价：</translation>
    </message>
    <message>
        <source>Needs a manager unless you are one.</source>
        <translation>需要主管授权（主管本人除外）。</translation>
    </message>
    <message>
        <source>There are no held sales.</source>
        <translation>没有挂单。</translation>
    </message>
    <message>
        <source>Look up the member first (F4), then top up with Ctrl+T.</source>
        <translation>请先查找会员（F4），再按 Ctrl+T 充值。</translation>
    </message>
    <message>
        <source>Top up stored value</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>Cash to put on %1&apos;s stored value (now %2):</source>
        <translation>为 %1 充值的现金金额（当前储值 %2）：</translation>
    </message>
    <message>
        <source>The cash goes into the drawer; a slip prints.</source>
        <translation>现金放入钱箱，并打印充值凭条。</translation>
    </message>
    <message>
        <source>Rounded down to the jiao (抹零).</source>
        <translation>已抹零到角。</translation>
    </message>
    <message>
        <source>Rounded down to the yuan (抹零).</source>
        <translation>已抹零到元。</translation>
    </message>
</context>
<context>
    <name>PurchasingPage</name>
    <message>
        <source>&amp;Orders</source>
        <translation>采购订单(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Receiving</source>
        <translation>收货入库(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;turns to supplier</source>
        <translation>采购退货(&amp;T)</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Recall a held sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>挂单时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>ReceiptEditor</name>
    <message>
        <source>Logo</source>
        <translation>标志图片</translation>
    </message>
    <message>
        <source>Header text</source>
        <translation>页眉文字</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Number, time, cashier, member</source>
        <translation>单号、时间、收银员、会员</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <source>Totals and payments</source>
        <translation>合计与付款</translation>
    </message>
    <message>
        <source>Footer text</source>
        <translation>页脚文字</translation>
    </message>
    <message>
        <source>Receipt code</source>
        <translation>小票条码</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Receipt template</source>
        <translation>小票模板</translation>
    </message>
    <message>
        <source>Tick what prints; drag to change the order.</source>
        <translation>勾选要打印的区块，拖动调整顺序。</translation>
    </message>
    <message>
        <source>Blocks (drag to order):</source>
        <translation>区块（拖动排序）：</translation>
    </message>
    <message>
        <source>Info lines:</source>
        <translation>信息行：</translation>
    </message>
    <message>
        <source>empty: 销售小票 / 退货小票</source>
        <translation>留空：销售小票 / 退货小票</translation>
    </message>
    <message>
        <source>Automatic (QR on 58 mm, barcode on 80 mm)</source>
        <translation>自动（58 毫米用二维码，80 毫米用条码）</translation>
    </message>
    <message>
        <source>Barcode (CODE128)</source>
        <translation>条码（CODE128）</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不打印</translation>
    </message>
    <message>
        <source>QR only: may wrap {number} in a link; fields {number} {store} {total} {date}.</source>
        <translation>仅二维码：可把 {number} 放进网址；可用字段 {number} {store} {total} {date}。</translation>
    </message>
    <message>
        <source>Discount line under discounted items</source>
        <translation>打折商品下方显示折扣行</translation>
    </message>
    <message>
        <source>Payment reference numbers</source>
        <translation>显示支付参考号</translation>
    </message>
    <message>
        <source>a receipt number; empty: a sample sale</source>
        <translation>输入小票单号；留空用示例销售</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Receipt code:</source>
        <translation>小票条码：</translation>
    </message>
    <message>
        <source>Code content:</source>
        <translation>条码内容：</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>页眉：</translation>
    </message>
    <message>
        <source>Footer:</source>
        <translation>页脚：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸宽：</translation>
    </message>
    <message>
        <source>Preview with:</source>
        <translation>预览单据：</translation>
    </message>
    <message>
        <source>Receipt preview</source>
        <translation>小票预览</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>Lines printed above and below every receipt, e.g. the address and telephone, opening hours, a thank-you.</source>
        <translation>每张小票顶部和底部打印的文字，例如地址电话、营业时间、致谢语。</translation>
    </message>
    <message>
        <source>e.g. 人民路 88 号  电话 0571-88888888</source>
        <translation>例如：人民路 88 号  电话 0571-88888888</translation>
    </message>
    <message>
        <source>&amp;Header:</source>
        <translation>页眉(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Footer:</source>
        <translation>页脚(&amp;F)：</translation>
    </message>
    <message>
        <source>Receipt header and footer saved.</source>
        <translation>小票页眉和页脚已保存。</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive transfer %1</source>
        <translation>调拨收货 %1</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短少</translation>
    </message>
    <message>
        <source>Enter what arrived in the Received column.</source>
        <translation>请在“实收”列填写实际到货数量。</translation>
    </message>
    <message>
        <source>Post receipt</source>
        <translation>确认收货</translation>
    </message>
</context>
<context>
    <name>ReceiveTab</name>
    <message>
        <source>Scan or type the order number, Enter</source>
        <translation>扫描或输入订单号后回车</translation>
    </message>
    <message>
        <source>Receipt &amp;without order</source>
        <translation>无订单入库(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Freight</source>
        <translation>运费(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Packaging</source>
        <translation>包装费(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Post receipt (Ctrl+Enter)</source>
        <translation>过账入库单(&amp;P)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>未到货订单（%1）</translation>
    </message>
    <message>
        <source>Receiving against order %1 · %2 · %3</source>
        <translation>按订单 %1 收货 · %2 · %3</translation>
    </message>
    <message>
        <source>Scan the goods as they are unpacked.</source>
        <translation>拆箱时逐件扫描商品。</translation>
    </message>
    <message>
        <source>Receipt without an order: choose the supplier, then scan.</source>
        <translation>无订单入库：先选择供应商，再扫描商品。</translation>
    </message>
    <message>
        <source>%1 is not on order %2 (or fully received). Receive extra goods on a receipt without an order.</source>
        <translation>%1 不在订单 %2 中（或已全部到货）。多到的货请用无订单入库。</translation>
    </message>
    <message>
        <source>Choose the supplier first.</source>
        <translation>请先选择供应商。</translation>
    </message>
    <message>
        <source>Nothing counted yet: scan the goods or type the quantities.</source>
        <translation>尚未清点：请扫描商品或输入数量。</translation>
    </message>
    <message>
        <source>Enter the expiry date of %1 (dated goods are sold earliest expiry first).</source>
        <translation>请填写 %1 的有效期（有保质期的商品按有效期先到先出）。</translation>
    </message>
    <message>
        <source>Every line needs a unit cost.</source>
        <translation>每一行都需要进价。</translation>
    </message>
    <message>
        <source>Not posted: correct the prices, or post again and confirm them.</source>
        <translation>未过账：请修改进价，或再次过账并确认。</translation>
    </message>
    <message>
        <source>Receipt %1 is waiting for approval: stock moves once it is approved.</source>
        <translation>入库单 %1 等待审批：审批通过后才入库。</translation>
    </message>
    <message>
        <source>Receipt %1 posted (%2).</source>
        <translation>入库单 %1 已过账（%2）。</translation>
    </message>
</context>
<context>
    <name>RecipeTable</name>
    <message>
        <source>Component SKU</source>
        <translation>原料编码</translation>
    </message>
    <message>
        <source>Quantity per yield</source>
        <translation>每份产出用量</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>One yield is</source>
        <translation>一份产出为</translation>
    </message>
    <message>
        <source>A product with a recipe (a dish, a gift box) uses its components when it is assembled or sold.</source>
        <translation>有配方的商品（菜品、礼盒）在组装或销售时消耗其原料。</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶级）</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>打开 (Enter)</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>已显示 %1 条</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Enter or Esc: close</source>
        <translation>Enter 或 Esc：关闭</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Dashboard</source>
        <translation>经营看板</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Report builder</source>
        <translation>自定义报表</translation>
    </message>
    <message>
        <source>Morning brief</source>
        <translation>晨报</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <source>A temporary password: the user must set their own at the next sign-in. This also ends a lockout.</source>
        <translation>临时密码：该用户下次登录时须设置自己的密码。重置同时解除账户锁定。</translation>
    </message>
    <message>
        <source>&amp;Temporary password:</source>
        <translation>临时密码(&amp;T)：</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Save PDF (Ctrl+P)</source>
        <translation>保存 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save Excel (Ctrl+E)</source>
        <translation>保存 Excel (Ctrl+E)</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>保存 CSV</translation>
    </message>
    <message>
        <source>Save chart PNG</source>
        <translation>保存图表 PNG</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>ReturnActions</name>
    <message>
        <source>Finish, hold or cancel the current sale before a return.</source>
        <translation>请先完成、挂起或取消当前销售，再办理退货。</translation>
    </message>
    <message>
        <source>Return %1 saved: refund %2.</source>
        <translation>退货单 %1 已保存：退款 %2。</translation>
    </message>
    <message>
        <source>Give back %1 in cash.</source>
        <translation>请退给顾客现金 %1。</translation>
    </message>
    <message>
        <source>Refund %1 on the card terminal (reference %2).</source>
        <translation>请在银行卡终端上退款 %1（参考号 %2）。</translation>
    </message>
    <message>
        <source>Refund %1 by %3 on the payment device (reference %2).</source>
        <translation>请在收款设备上通过%3退款 %1（参考号 %2）。</translation>
    </message>
    <message>
        <source>Its receipt could not be queued: %1</source>
        <translation>退货小票未能加入打印队列：%1</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return (退货)</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Scan the barcode on the receipt, or type its number</source>
        <translation>扫描小票上的条码，或输入小票单号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Can return</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Enter: find the sale · ↑ ↓: pick a line · digits: the quantity to return (Backspace corrects, Space: all or none) · F12: refund · Esc: cancel</source>
        <translation>Enter：查找原单 · ↑ ↓：选择商品行 · 数字：退货数量（Backspace 修改，空格：全退或不退） · F12：退款 · Esc：取消</translation>
    </message>
    <message>
        <source>Sale %1 · %2 · cashier %3 · total %4</source>
        <translation>销售单 %1 · %2 · 收银员 %3 · 合计 %4</translation>
    </message>
    <message>
        <source>Everything on this sale was returned already.</source>
        <translation>这张销售单的商品已全部退货。</translation>
    </message>
    <message>
        <source>At most %1 of %2 can be returned.</source>
        <translation>“%2”最多可退 %1。</translation>
    </message>
    <message>
        <source>Pick the lines to return.</source>
        <translation>请选择要退的商品。</translation>
    </message>
    <message>
        <source>Refund %1: %2</source>
        <translation>退款 %1：%2</translation>
    </message>
</context>
<context>
    <name>ReturnsTab</name>
    <message>
        <source>Scan the goods going back to the supplier. To return what a receipt brought, open the receipt in Documents and choose Reverse.</source>
        <translation>扫描要退回供应商的商品。如要按入库单退货，请在“单据”中打开该入库单并选择“冲销”。</translation>
    </message>
    <message>
        <source>&amp;Post return (Ctrl+Enter)</source>
        <translation>过账退货单(&amp;P)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Return of receipt %1: check the quantities, then post.</source>
        <translation>入库单 %1 退货：请核对数量后过账。</translation>
    </message>
    <message>
        <source>Choose the supplier first.</source>
        <translation>请先选择供应商。</translation>
    </message>
    <message>
        <source>Add at least one line with a quantity.</source>
        <translation>请至少添加一行有数量的商品。</translation>
    </message>
    <message>
        <source>Return %1 is waiting for approval.</source>
        <translation>退货单 %1 等待审批。</translation>
    </message>
    <message>
        <source>Return %1 posted (%2 at cost).</source>
        <translation>退货单 %1 已过账（成本 %2）。</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>%1 for %2</source>
        <translation>%2 的%1</translation>
    </message>
    <message>
        <source>A %1 reverses %2. Lower the quantities to reverse only part of it, then post.</source>
        <translation>用%1冲销 %2。只冲销部分时请减少数量，然后过账。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>过账(&amp;P)</translation>
    </message>
    <message>
        <source>Line %1: at most %2.</source>
        <translation>第 %1 行：最多 %2。</translation>
    </message>
    <message>
        <source>Every quantity is 0: nothing to post.</source>
        <translation>所有数量都是 0，没有可过账的内容。</translation>
    </message>
    <message>
        <source>%1 %2 is waiting for approval.</source>
        <translation>%1 %2 等待审批。</translation>
    </message>
    <message>
        <source>%1 %2 posted (%3).</source>
        <translation>%1 %2 已过账（%3）。</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Shift lead</source>
        <translation>值班主管</translation>
    </message>
    <message>
        <source>Store manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Warehouse clerk</source>
        <translation>仓管员</translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation>会计</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>RunnerTab</name>
    <message>
        <source>Run (Ctrl+Enter)</source>
        <translation>运行 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>零售价</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>采购</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>%1 arrives in a later version of JXC.</source>
        <translation>“%1”将在 JXC 的后续版本中推出。</translation>
    </message>
</context>
<context>
    <name>SetPinDialog</name>
    <message>
        <source>Set my PIN</source>
        <translation>设置我的 PIN</translation>
    </message>
    <message>
        <source>Managers and shift leads authorise voids, price changes and large discounts with this PIN (4 to 6 digits).</source>
        <translation>店长和值班主管用此 PIN（4 到 6 位数字，不能是 1111、1234 这类）授权删除商品、改价和超额折扣。</translation>
    </message>
    <message>
        <source>My password:</source>
        <translation>我的密码：</translation>
    </message>
    <message>
        <source>New PIN:</source>
        <translation>新 PIN：</translation>
    </message>
    <message>
        <source>New PIN again:</source>
        <translation>再次输入新 PIN：</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 不一致。</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Reload (F5)</source>
        <translation>重新读取（F5）</translation>
    </message>
    <message>
        <source>Saved %1 = %2.</source>
        <translation>已保存 %1 = %2。</translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation>审批规则</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>单据类型</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>审批级别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>e.g. store_manager|admin (one level per |)</source>
        <translation>例如 store_manager|admin（用 | 分隔各级）</translation>
    </message>
    <message>
        <source>amount from, e.g. 5000.00</source>
        <translation>金额门槛，例如 5000.00</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Disable selected</source>
        <translation>停用所选(&amp;D)</translation>
    </message>
    <message>
        <source>Document type:</source>
        <translation>单据类型：</translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation>审批级别：</translation>
    </message>
    <message>
        <source>Amount from:</source>
        <translation>金额门槛：</translation>
    </message>
    <message>
        <source>qty %1</source>
        <translation>数量 %1</translation>
    </message>
    <message>
        <source>Rule added.</source>
        <translation>规则已添加。</translation>
    </message>
    <message>
        <source>Choose a rule first.</source>
        <translation>请先选择一条规则。</translation>
    </message>
    <message>
        <source>Rule disabled.</source>
        <translation>规则已停用。</translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <source>No shift is open: open one with its float to start selling (Shift+F11).</source>
        <translation>还没有开班：请输入备用金开班后再收银（Shift+F11）。</translation>
    </message>
    <message>
        <source>Shift %1 opened with a float of %2.</source>
        <translation>第 %1 班已开班，备用金 %2。</translation>
    </message>
    <message>
        <source>Cash in: %1 (%2). The drawer should hold %3.</source>
        <translation>已存入现金 %1（%2）。钱箱应有现金 %3。</translation>
    </message>
    <message>
        <source>Cash out: %1 (%2). The drawer should hold %3.</source>
        <translation>已取出现金 %1（%2）。钱箱应有现金 %3。</translation>
    </message>
    <message>
        <source>X report of shift %1 saved and sent to the printer.</source>
        <translation>第 %1 班的 X 报表已保存并发送到打印机。</translation>
    </message>
    <message>
        <source>Finish, hold or cancel the current sale before closing the shift.</source>
        <translation>请先完成、挂起或取消当前销售，再交班。</translation>
    </message>
    <message>
        <source>Shift %1 closed: cash counted %2, over/short %3. The Z report was sent to the printer.</source>
        <translation>第 %1 班已交班：实点现金 %2，长短款 %3。Z 报表已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>ShiftDialogs</name>
    <message>
        <source>No shift open</source>
        <translation>未开班</translation>
    </message>
    <message>
        <source>Shift %1 · %2 · since %3 · float %4</source>
        <translation>第 %1 班 · %2 · %3 开班 · 备用金 %4</translation>
    </message>
</context>
<context>
    <name>ShiftPrompts</name>
    <message>
        <source>X report, shift %1</source>
        <translation>X 报表：第 %1 班</translation>
    </message>
    <message>
        <source>The shift so far (it stays open). Sent to the receipt printer.</source>
        <translation>本班至今的数据（班次仍未结束）。已发送到小票打印机。</translation>
    </message>
    <message>
        <source>Z report, shift %1</source>
        <translation>Z 报表：第 %1 班</translation>
    </message>
    <message>
        <source>Shift closed. Cash counted %1, expected %2, over/short %3. Sent to the receipt printer.</source>
        <translation>已交班。实点现金 %1，应有 %2，长短款 %3。已发送到小票打印机。</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Status unavailable</source>
        <translation>状态无法读取</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Sync disabled</source>
        <translation>同步已停用</translation>
    </message>
    <message>
        <source>Standalone (no head office)</source>
        <translation>单店运行（未连接总部）</translation>
    </message>
    <message>
        <source>Connection unknown</source>
        <translation>连接状态未知</translation>
    </message>
    <message>
        <source>Queued events: %1</source>
        <translation>待上传：%1 条</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>被拒：%1 条</translation>
    </message>
    <message>
        <source>Training mode: unknown</source>
        <translation>培训模式：未知</translation>
    </message>
    <message>
        <source>TRAINING MODE</source>
        <translation>培训模式</translation>
    </message>
    <message>
        <source>Live sales</source>
        <translation>正式销售</translation>
    </message>
    <message>
        <source>Nothing reports a training mode yet.</source>
        <translation>目前还没有功能报告培训模式状态。</translation>
    </message>
    <message>
        <source>Printer: not set up</source>
        <translation>打印机：未设置</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>打印机：就绪</translation>
    </message>
    <message>
        <source>Printer: printing…</source>
        <translation>打印机：打印中…</translation>
    </message>
    <message>
        <source>Printer: FAILED</source>
        <translation>打印机：打印失败</translation>
    </message>
    <message>
        <source>Printer: unknown</source>
        <translation>打印机：未知</translation>
    </message>
    <message>
        <source>Scanner: no scan yet</source>
        <translation>扫描枪：尚未扫描</translation>
    </message>
    <message>
        <source>Scanner: last scan %1</source>
        <translation>扫描枪：最近扫描 %1</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Near expiry</source>
        <translation>临期</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>Import from Excel… (Ctrl+I)</source>
        <translation>从 Excel 导入…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Export… (Ctrl+E)</source>
        <translation>导出…（Ctrl+E）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Stock by batch</source>
        <translation>批次库存</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Write-offs</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Near expiry</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>低库存</translation>
    </message>
    <message>
        <source>Your role has no stock work; ask a store manager.</source>
        <translation>您的角色没有库存作业权限，请联系店长。</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>SKU, name or pinyin initials</source>
        <translation>商品编码、名称或拼音首字母</translation>
    </message>
    <message>
        <source>All stock</source>
        <translation>全部库存</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Expired or near expiry</source>
        <translation>已过期或临期</translation>
    </message>
    <message>
        <source>With an expiry date</source>
        <translation>有到期日的</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Batches expiring within this many days are amber</source>
        <translation>在这么多天内到期的批次显示为琥珀色</translation>
    </message>
    <message>
        <source>Near expiry:</source>
        <translation>临期天数：</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#ffcdd2&apos;&gt;&amp;nbsp;expired&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#ffe0b2&apos;&gt;&amp;nbsp;near expiry&amp;nbsp;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:#ffcdd2&apos;&gt;&amp;nbsp;已过期&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#ffe0b2&apos;&gt;&amp;nbsp;临期&amp;nbsp;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 of %2 rows loaded</source>
        <translation>已载入 %1 / %2 行</translation>
    </message>
</context>
<context>
    <name>StocktakeTab</name>
    <message>
        <source>Whole warehouse</source>
        <translation>整个仓库</translation>
    </message>
    <message>
        <source>One category</source>
        <translation>一个分类</translation>
    </message>
    <message>
        <source>By location</source>
        <translation>按货位</translation>
    </message>
    <message>
        <source>Location, e.g. A-03</source>
        <translation>货位，例如 A-03</translation>
    </message>
    <message>
        <source>Every product whose shelf location begins with this (A-03 takes A-03-1, A-03-2 …; case does not matter)</source>
        <translation>货位以此开头的所有商品（A-03 包括 A-03-1、A-03-2 …；不分大小写）</translation>
    </message>
    <message>
        <source>Start stocktake</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>In progress:</source>
        <translation>进行中：</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>新建：</translation>
    </message>
    <message>
        <source>Scan each item (Enter adds the quantity)</source>
        <translation>逐件扫描（回车累加数量）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <source>Import data collector file…</source>
        <translation>导入盘点机文件…</translation>
    </message>
    <message>
        <source>Variance report…</source>
        <translation>盘点差异表…</translation>
    </message>
    <message>
        <source>Products not counted count as zero</source>
        <translation>未盘到的商品按 0 计</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Qty:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>Counting (blind: only counted quantities are shown)</source>
        <translation>清点（盲盘：只显示已盘数量）</translation>
    </message>
    <message>
        <source>location %1</source>
        <translation>货位 %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Stocktake started; snapshot at %1.</source>
        <translation>盘点已开始，库存快照时间 %1。</translation>
    </message>
    <message>
        <source>Data collector file</source>
        <translation>盘点机文件</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv *.dat)</source>
        <translation>文本文件 (*.txt *.csv *.dat)</translation>
    </message>
    <message>
        <source>%1 lines added for %2 products.</source>
        <translation>已加入 %1 行，共 %2 种商品。</translation>
    </message>
    <message>
        <source>%1 lines were not used (%2); they are kept in %3.</source>
        <translation>有 %1 行未使用（%2），已保存在 %3。</translation>
    </message>
    <message>
        <source>Stocktake %1 posted.</source>
        <translation>盘点单 %1 已过账。</translation>
    </message>
    <message>
        <source>Stocktake %1 is waiting for approval.</source>
        <translation>盘点单 %1 等待审批。</translation>
    </message>
    <message>
        <source>Stocktake discarded.</source>
        <translation>已放弃本次盘点。</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <source>Your store</source>
        <translation>您的门店</translation>
    </message>
    <message>
        <source>e.g. S001</source>
        <translation>例如：S001</translation>
    </message>
    <message>
        <source>e.g. 人民路便利店</source>
        <translation>例如：人民路便利店</translation>
    </message>
    <message>
        <source>Store &amp;code:</source>
        <translation>门店编码(&amp;C)：</translation>
    </message>
    <message>
        <source>Store &amp;name:</source>
        <translation>门店名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Administrator &amp;password:</source>
        <translation>管理员密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
        <source>The administrator signs in as admin with this password.</source>
        <translation>管理员用户名为 admin，使用这个密码登录。</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>only for a private certificate authority</source>
        <translation>仅在使用私有证书机构时填写</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Enrollment code:</source>
        <translation>注册码(&amp;E)：</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>The store code must be the one head office registered for this store.</source>
        <translation>门店编码必须与总部为本店登记的编码一致。</translation>
    </message>
    <message>
        <source>Head office&apos;s store code, this store&apos;s name and the administrator.</source>
        <translation>填写总部登记的门店编码、本店名称和管理员密码。</translation>
    </message>
    <message>
        <source>A short code, the store&apos;s name and the administrator&apos;s password.</source>
        <translation>填写简短的门店编码、门店名称和管理员密码。</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Enter the store code and the store name.</source>
        <translation>请填写门店编码和门店名称。</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <source>Enter head office&apos;s address and the enrollment code.</source>
        <translation>请填写总部地址和注册码。</translation>
    </message>
    <message>
        <source>Store %1 %2 created; the administrator signs in as admin.</source>
        <translation>已创建门店 %1 %2；管理员用 admin 登录。</translation>
    </message>
    <message>
        <source>Joined head office as terminal %1 of store %2.</source>
        <translation>已加入总部：门店 %2 的终端 %1。</translation>
    </message>
</context>
<context>
    <name>StoresTab</name>
    <message>
        <source>Choose a store to see its stock.</source>
        <translation>请选择门店查看其库存。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Filter by SKU (Ctrl+F)</source>
        <translation>按商品编码筛选 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show stock (Enter)</source>
        <translation>查看库存 (Enter)</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>门店：</translation>
    </message>
    <message>
        <source>The list of stores is not available (%1). Type a store code.</source>
        <translation>门店列表暂不可用（%1）。请直接输入门店编码。</translation>
    </message>
    <message>
        <source>Asking head office for %1 …</source>
        <translation>正在向总部查询 %1 …</translation>
    </message>
    <message>
        <source>No stock to show: %1</source>
        <translation>没有可显示的库存：%1</translation>
    </message>
    <message>
        <source>Live from head office: store %1, as of its newest event %2.</source>
        <translation>总部实时数据：门店 %1，截至其最新记录 %2。</translation>
    </message>
    <message>
        <source>Offline: the last snapshot of store %1, read %2 (%3 old).</source>
        <translation>离线：门店 %1 的最近快照，读取于 %2（已过 %3）。</translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message>
        <source>Suggested order · %1</source>
        <translation>建议采购 · %1</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> 周</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Only products that need ordering</source>
        <translation>只显示需要采购的商品</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>生成建议(&amp;S)</translation>
    </message>
    <message>
        <source>Sales of the last</source>
        <translation>参考最近销量</translation>
    </message>
    <message>
        <source>Order to cover</source>
        <translation>采购覆盖</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>On order</source>
        <translation>在途订货</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Order qty</source>
        <translation>建议采购量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>A product is suggested when its stock plus what is on order would fall below its minimum within the days covered, at the daily sales of the weeks looked at; it is ordered up to its maximum, or to the minimum plus those days&apos; sales if more.</source>
        <translation>按所选周数的日均销量，若库存加在途订货在覆盖天数内会低于库存下限，则建议采购；采购到库存上限，或到“下限 + 覆盖天数销量”（取较大者）。</translation>
    </message>
    <message>
        <source>&amp;Add to order</source>
        <translation>加入订单(&amp;A)</translation>
    </message>
    <message>
        <source>Working out the suggestion...</source>
        <translation>正在计算采购建议...</translation>
    </message>
    <message>
        <source>%1 product(s) suggested.</source>
        <translation>建议采购 %1 种商品。</translation>
    </message>
    <message>
        <source>Nothing needs ordering from this supplier.</source>
        <translation>此供应商的商品暂无需采购。</translation>
    </message>
    <message>
        <source>Quantities not understood, left out: %1</source>
        <translation>以下数量无法识别，已略去：%1</translation>
    </message>
</context>
<context>
    <name>SupervisorFields</name>
    <message>
        <source>A shift lead or manager must authorise this:</source>
        <translation>此操作需要值班主管或店长授权：</translation>
    </message>
    <message>
        <source>Supervisor user name:</source>
        <translation>授权人用户名：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Sync with head office</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Events waiting to be sent</source>
        <translation>待发送记录</translation>
    </message>
    <message>
        <source>Events sent</source>
        <translation>已发送记录</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <source>Documents of the store&apos;s other terminals</source>
        <translation>本店其他终端的单据</translation>
    </message>
    <message>
        <source>This PC&apos;s clock</source>
        <translation>本机时钟</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Events head office refused</source>
        <translation>总部拒绝的记录</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Send refused events again (Ctrl+R)</source>
        <translation>重新发送被拒记录 (Ctrl+R)</translation>
    </message>
    <message>
        <source>%1 (oldest from %2)</source>
        <translation>%1（最早一条产生于 %2）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not enrolled (jxc enroll URL CODE)</source>
        <translation>未注册（jxc enroll 总部地址 注册码）</translation>
    </message>
    <message>
        <source>%1 applied here, %2 set aside</source>
        <translation>已在本机入账 %1 张，搁置 %2 张</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>原价合计</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Rounding (抹零)</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应收金额</translation>
    </message>
    <message>
        <source>No member (F4)</source>
        <translation>非会员（F4 输入会员）</translation>
    </message>
    <message>
        <source>Member: %1 · %2
points %3 · stored value %4</source>
        <translation>会员：%1 · %2
积分 %3 · 储值 %4</translation>
    </message>
    <message>
        <source>Last sale %1
paid %2 · change %3</source>
        <translation>上一单 %1
实收 %2 · 找零 %3</translation>
    </message>
</context>
<context>
    <name>TransfersTab</name>
    <message>
        <source>Send transfer</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>调出仓：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>调入仓：</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>调拨出库</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>调出仓</translation>
    </message>
    <message>
        <source>To</source>
        <translation>调入仓</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>In transit: receive what arrived</source>
        <translation>在途：按实际到货收货</translation>
    </message>
    <message>
        <source>Transfer %1 sent.</source>
        <translation>调拨单 %1 已调出。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>The two %1 entries differ.</source>
        <translation>两次输入的%1不一致。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>须改密码</translation>
    </message>
    <message>
        <source>&amp;Add...</source>
        <translation>新增(&amp;A)...</translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation>修改角色(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Reset pass&amp;word...</source>
        <translation>重置密码(&amp;W)...</translation>
    </message>
    <message>
        <source>Set P&amp;IN...</source>
        <translation>设置 PIN(&amp;I)...</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>已新增用户 %1。</translation>
    </message>
    <message>
        <source>The role of %1 was changed.</source>
        <translation>已修改 %1 的角色。</translation>
    </message>
    <message>
        <source>%1 has a temporary password and must set a new one.</source>
        <translation>%1 已获得临时密码，须设置新密码。</translation>
    </message>
    <message>
        <source>The PIN of %1 was changed.</source>
        <translation>已修改 %1 的 PIN。</translation>
    </message>
    <message>
        <source>%1 was disabled.</source>
        <translation>已停用 %1。</translation>
    </message>
    <message>
        <source>%1 was enabled.</source>
        <translation>已启用 %1。</translation>
    </message>
    <message>
        <source>%1 was unlocked.</source>
        <translation>已解锁 %1。</translation>
    </message>
</context>
<context>
    <name>VarianceDialog</name>
    <message>
        <source>Stocktake variance</source>
        <translation>盘点差异</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>System (snapshot)</source>
        <translation>账面（快照）</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>只看有差异的</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>未盘</translation>
    </message>
    <message>
        <source>Gains %1 · losses %2 · net %3 · %4 counted, %5 not counted</source>
        <translation>盘盈 %1 · 盘亏 %2 · 净额 %3 · 已盘 %4，未盘 %5</translation>
    </message>
</context>
<context>
    <name>WriteOffTab</name>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Post write-off</source>
        <translation>报损过账</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Write-off %1 posted.</source>
        <translation>报损单 %1 已过账。</translation>
    </message>
    <message>
        <source>Write-off %1 is waiting for approval.</source>
        <translation>报损单 %1 等待审批。</translation>
    </message>
</context>
</TS>
