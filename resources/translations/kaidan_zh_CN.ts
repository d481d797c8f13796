<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminCategories</name>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Payment terms (days):</source>
        <translation>账期（天）(&amp;P)：</translation>
    </message>
    <message>
        <source>Price &amp;level:</source>
        <translation>价格等级(&amp;L)：</translation>
    </message>
    <message>
        <source>Default cre&amp;dit limit:</source>
        <translation>默认信用额度(&amp;D)：</translation>
    </message>
    <message>
        <source>New customer category</source>
        <translation>新建客户分类</translation>
    </message>
    <message>
        <source>Edit customer category {code}</source>
        <translation>编辑客户分类 {code}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Payment terms (days)</source>
        <translation>账期（天）</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>价格等级</translation>
    </message>
    <message>
        <source>Default credit limit</source>
        <translation>默认信用额度</translation>
    </message>
    <message>
        <source>Search by code, name or price level</source>
        <translation>按编码、名称或价格等级搜索</translation>
    </message>
    <message>
        <source>New category... (Ctrl+N)</source>
        <translation>新建分类……（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit... (Enter)</source>
        <translation>编辑……（Enter）</translation>
    </message>
    <message>
        <source>Categories: {count}</source>
        <translation>分类：{count}</translation>
    </message>
    <message>
        <source>Wholesale price</source>
        <translation>批发价</translation>
    </message>
    <message>
        <source>Retail price</source>
        <translation>零售价</translation>
    </message>
    <message>
        <source>Key account price</source>
        <translation>大客户价</translation>
    </message>
    <message>
        <source>Export price</source>
        <translation>外贸价</translation>
    </message>
    <message>
        <source>None (list prices)</source>
        <translation>无（按标准售价）</translation>
    </message>
</context>
<context>
    <name>AdminCompany</name>
    <message>
        <source>Approval required: over the limit or overdue, a manager approves</source>
        <translation>需要审批：超出信用额度或有逾期欠款时，由经理审批</translation>
    </message>
    <message>
        <source>Warn only: the order is approved with a warning</source>
        <translation>仅警告：订单照常审核通过，并给出警告</translation>
    </message>
    <message>
        <source>Off: credit is not checked</source>
        <translation>关闭：不检查信用</translation>
    </message>
    <message>
        <source>{value} is not a percentage; enter a number such as 20</source>
        <translation>{value} 不是百分比，请输入数字，例如 20</translation>
    </message>
    <message>
        <source>The discount limit must be from 0 to 100 %; {value} was entered</source>
        <translation>折扣上限必须在 0 到 100 % 之间，输入的是 {value}</translation>
    </message>
    <message>
        <source>Enter the discount limit with at most two decimal places: {value}</source>
        <translation>折扣上限最多保留两位小数：{value}</translation>
    </message>
    <message>
        <source>Company &amp;name:</source>
        <translation>公司名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Credit check:</source>
        <translation>信用检查(&amp;C)：</translation>
    </message>
    <message>
        <source>Maximum line &amp;discount:</source>
        <translation>单行折扣上限(&amp;D)：</translation>
    </message>
    <message>
        <source>Printed at the top of delivery notes, quotations and return notes</source>
        <translation>打印在送货单、报价单和退货单的抬头</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>A confirmed order goes to a manager&apos;s approval queue when a line&apos;s discount is above the maximum, or, with the credit check requiring approval, when the customer is over the credit limit or has overdue receivables. Leave the discount empty for no limit.</source>
        <translation>确认的订单在以下情况下进入经理的待审批列表：某行折扣超过上限；或信用检查设为“需要审批”时，客户超出信用额度或有逾期应收款。折扣上限留空表示不限。</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Enter the company name; it is printed on documents.</source>
        <translation>请填写公司名称，它会打印在单据上。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
    <message>
        <source>Saving the company settings...</source>
        <translation>正在保存公司设置……</translation>
    </message>
</context>
<context>
    <name>AdminDepartments</name>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Parent department:</source>
        <translation>上级部门(&amp;P)：</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>启用(&amp;V)</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <source>Edit department {code}</source>
        <translation>编辑部门 {code}</translation>
    </message>
    <message>
        <source>(none: top level)</source>
        <translation>（无：顶级部门）</translation>
    </message>
    <message>
        <source>Moving a department changes what the users of the departments above it may see. Their computers download their data again at the next sync. Save anyway?</source>
        <translation>移动部门会改变其上级部门用户可见的数据。这些用户的电脑会在下次同步时重新下载数据。仍要保存吗？</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Parent department</source>
        <translation>上级部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search by code or name</source>
        <translation>按编码或名称搜索</translation>
    </message>
    <message>
        <source>New department... (Ctrl+N)</source>
        <translation>新建部门……（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit... (Enter)</source>
        <translation>编辑……（Enter）</translation>
    </message>
    <message>
        <source>Departments: {count}</source>
        <translation>部门：{count}</translation>
    </message>
</context>
<context>
    <name>AdminForm</name>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>AdminList</name>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Add a new entry (Ctrl+N or Insert)</source>
        <translation>新增一条（Ctrl+N 或 Insert）</translation>
    </message>
    <message>
        <source>Open the selected entry (Enter)</source>
        <translation>打开选中的条目（Enter）</translation>
    </message>
    <message>
        <source>Activate (Ctrl+D)</source>
        <translation>启用（Ctrl+D）</translation>
    </message>
    <message>
        <source>Make the selected entry usable again</source>
        <translation>让选中的条目重新可用</translation>
    </message>
    <message>
        <source>Deactivate (Ctrl+D)</source>
        <translation>停用（Ctrl+D）</translation>
    </message>
    <message>
        <source>Hide the selected entry from new documents; existing documents keep it</source>
        <translation>新单据不再能选用选中的条目；已有单据保持不变</translation>
    </message>
    <message>
        <source>Saved. The server applies it at the next sync.</source>
        <translation>已保存，下次同步时提交服务器后生效。</translation>
    </message>
    <message>
        <source>{entry} is active again.</source>
        <translation>{entry} 已重新启用。</translation>
    </message>
    <message>
        <source>{entry} is inactive.</source>
        <translation>{entry} 已停用。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>The search hid {entry}, so it was cleared.</source>
        <translation>{entry} 被搜索条件隐藏，已清除搜索。</translation>
    </message>
    <message>
        <source>Saved. The server has applied it.</source>
        <translation>已保存。服务器已应用。</translation>
    </message>
    <message>
        <source>Saved on this computer, but the server did not apply it. Sync problems shows why.</source>
        <translation>已保存在本机，但服务器未应用。原因见“同步问题”。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Print templates</source>
        <translation>打印模板</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Customer categories</source>
        <translation>客户分类</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Company settings</source>
        <translation>公司设置</translation>
    </message>
</context>
<context>
    <name>AdminPassword</name>
    <message>
        <source>{username} ({display_name})</source>
        <translation>{username}（{display_name}）</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>At least {minimum} characters</source>
        <translation>至少 {minimum} 个字符</translation>
    </message>
    <message>
        <source>Set password of {username}</source>
        <translation>设置 {username} 的密码</translation>
    </message>
    <message>
        <source>The new password takes effect on the server at once, and every computer of this user must sign in again. This needs a connection to the server.</source>
        <translation>新密码在服务器上立即生效，该用户的每台电脑都须重新登录。此操作需要连接服务器。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <source>The two entries differ; type the password again.</source>
        <translation>两次输入不一致，请重新输入密码。</translation>
    </message>
    <message>
        <source>Setting the password...</source>
        <translation>正在设置密码……</translation>
    </message>
    <message>
        <source>The server does not know this user yet. Sync first (F5), then set the password.</source>
        <translation>服务器上还没有这个用户。请先同步（F5），再设置密码。</translation>
    </message>
    <message>
        <source>The last attempt to reach the server failed. Click Set password to try again now, or cancel and set the password when this computer is connected.</source>
        <translation>上次连接服务器失败。可点击“设置密码”立即重试，或取消，待本机连上服务器后再设置密码。</translation>
    </message>
    <message>
        <source>The server could not be reached, so the password was not changed. Your entries are kept: check the network connection and click Set password again, or cancel and try later.</source>
        <translation>无法连接服务器，密码未修改。已输入的内容仍保留：请检查网络连接后再次点击“设置密码”，或取消，稍后再试。</translation>
    </message>
</context>
<context>
    <name>AdminPermissions</name>
    <message>
        <source>The discount limit must be a percentage from 0 to 100; {value} was entered</source>
        <translation>折扣上限须为 0 到 100 之间的百分比；输入的是 {value}</translation>
    </message>
    <message>
        <source>The discount limit has more than 2 decimal places: {value}</source>
        <translation>折扣上限的小数超过 2 位：{value}</translation>
    </message>
    <message>
        <source>The permissions could not be loaded.</source>
        <translation>无法加载权限。</translation>
    </message>
    <message>
        <source>Administrators always keep this command, so nobody is locked out</source>
        <translation>管理员始终保留此命令，以免无人能再分配权限</translation>
    </message>
    <message>
        <source>Changed, not saved yet</source>
        <translation>已修改，尚未保存</translation>
    </message>
    <message>
        <source>The command&apos;s default for this role</source>
        <translation>此命令对该角色的默认设置</translation>
    </message>
    <message>
        <source>Set by an administrator</source>
        <translation>由管理员设置</translation>
    </message>
    <message>
        <source>{role}: {error}</source>
        <translation>{role}：{error}</translation>
    </message>
    <message>
        <source>Unsaved changes: {count}</source>
        <translation>未保存的修改：{count}</translation>
    </message>
    <message>
        <source>Saved {count} changes. The server applies them at the next sync.</source>
        <translation>已保存 {count} 项修改。服务器在下次同步时生效。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Tick what each role may do. The server checks every change against these rights. Changed cells are marked until you save them.</source>
        <translation>勾选每个角色可以执行的操作。服务器按这些权限检查每一项修改。修改过的格子在保存前会标出。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Role profiles</source>
        <translation>角色设置</translation>
    </message>
    <message>
        <source>Sees cost and purchase prices</source>
        <translation>可见成本和进价</translation>
    </message>
    <message>
        <source>Discount limit (%)</source>
        <translation>折扣上限（%）</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司设置</translation>
    </message>
    <message>
        <source>Largest line discount this role may give without approval, in percent; blank uses the company setting</source>
        <translation>该角色无需审批可给的最大单行折扣（百分比）；留空则用公司设置</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <source>The password of {username} is set; it works now.</source>
        <translation>已为 {username} 设置新密码，立即生效。</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Deactivate {user}? The user can no longer sign in.</source>
        <translation>停用 {user}？停用后该用户将无法登录。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>姓名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>D&amp;epartment:</source>
        <translation>部门(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Acti&amp;ve (may sign in)</source>
        <translation>启用（可以登录）(&amp;V)</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Edit user {username}</source>
        <translation>编辑用户 {username}</translation>
    </message>
    <message>
        <source>(none; administrators only)</source>
        <translation>（无；仅限管理员）</translation>
    </message>
    <message>
        <source>A new role or department changes what {username} may see. Their computer downloads its data again at the next sync. Save anyway?</source>
        <translation>更改角色或部门会改变 {username} 可见的数据。其电脑会在下次同步时重新下载数据。仍要保存吗？</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search by user name, name, role or department</source>
        <translation>按用户名、姓名、角色或部门搜索</translation>
    </message>
    <message>
        <source>New user... (Ctrl+N)</source>
        <translation>新建用户……（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit... (Enter)</source>
        <translation>编辑……（Enter）</translation>
    </message>
    <message>
        <source>Users: {count}</source>
        <translation>用户：{count}</translation>
    </message>
    <message>
        <source>Set password...</source>
        <translation>设置密码……</translation>
    </message>
    <message>
        <source>Give the selected user a new password; needs a connection to the server</source>
        <translation>为选中的用户设置新密码；需要连接服务器</translation>
    </message>
</context>
<context>
    <name>AdminWarehouses</name>
    <message>
        <source>Block: orders beyond the stock are rejected</source>
        <translation>禁止：超出库存的订单被拒绝</translation>
    </message>
    <message>
        <source>Warn: allowed, with a warning</source>
        <translation>警告：允许，但给出警告</translation>
    </message>
    <message>
        <source>Allow: no check</source>
        <translation>允许：不检查</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>归属部门(&amp;D)：</translation>
    </message>
    <message>
        <source>Negative &amp;stock:</source>
        <translation>负库存(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>启用(&amp;V)</translation>
    </message>
    <message>
        <source>New warehouse</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <source>Edit warehouse {code}</source>
        <translation>编辑仓库 {code}</translation>
    </message>
    <message>
        <source>(choose a department)</source>
        <translation>（请选择部门）</translation>
    </message>
    <message>
        <source>Moving the warehouse to another department changes whose computers hold its stock. The users of both departments download their data again at the next sync. Save anyway?</source>
        <translation>把仓库移到另一个部门会改变哪些电脑保存它的库存。两个部门的用户会在下次同步时重新下载数据。仍要保存吗？</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>归属部门</translation>
    </message>
    <message>
        <source>Negative stock</source>
        <translation>负库存</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Search by code, name, department or address</source>
        <translation>按编码、名称、部门或地址搜索</translation>
    </message>
    <message>
        <source>New warehouse... (Ctrl+N)</source>
        <translation>新建仓库……（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit... (Enter)</source>
        <translation>编辑……（Enter）</translation>
    </message>
    <message>
        <source>Warehouses: {count}</source>
        <translation>仓库：{count}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>No credential store (keyring) is available, so your sign-in is not saved; you will enter the password at the next start.</source>
        <translation>系统没有可用的凭据存储（keyring），登录信息不会保存；下次启动时需要重新输入密码。</translation>
    </message>
</context>
<context>
    <name>ApprovalModel</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Rule broken</source>
        <translation>违反的规则</translation>
    </message>
</context>
<context>
    <name>ApprovalsView</name>
    <message>
        <source>These orders broke a rule when they were confirmed and wait for your decision. Select one or several, then approve them or send them back to the clerk with a comment.</source>
        <translation>这些订单在确认时违反了规则，正等待您审批。选择一张或多张，然后批准，或填写意见退回给开单员。</translation>
    </message>
    <message>
        <source>No orders wait for approval.</source>
        <translation>没有待审批的订单。</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>打开（Enter）</translation>
    </message>
    <message>
        <source>Approve (Ctrl+Enter)</source>
        <translation>批准（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Approve the selected orders and reserve their stock</source>
        <translation>批准所选订单并预留库存</translation>
    </message>
    <message>
        <source>Send back... (Ctrl+B)</source>
        <translation>退回……（Ctrl+B）</translation>
    </message>
    <message>
        <source>Return the selected orders to the clerk as drafts, with your comment</source>
        <translation>将所选订单连同您的意见退回开单员，订单变回草稿</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Send back...</source>
        <translation>退回……</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message numerus="yes">
        <source>Tell the clerk what to change on the %n order(s) (Ctrl+Enter sends):</source>
        <translation>
            <numerusform>请告诉开单员这 %n 张订单需要修改什么（Ctrl+Enter 发送）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) approved.</source>
        <translation>
            <numerusform>已批准 %n 张订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) sent back to the clerk.</source>
        <translation>
            <numerusform>已将 %n 张订单退回开单员。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not decided:</source>
        <translation>未处理：</translation>
    </message>
    <message>
        <source>{number}: {reason}</source>
        <translation>{number}：{reason}</translation>
    </message>
    <message>
        <source>Saving the decisions...</source>
        <translation>正在保存审批结果……</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) wait for sync.</source>
        <translation>
            <numerusform>%n 项审批等待同步。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server has applied them.</source>
        <translation>服务器已执行这些审批。</translation>
    </message>
</context>
<context>
    <name>BatchStock</name>
    <message>
        <source>Product code</source>
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
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现存量</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>占用量</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>(no batch)</source>
        <translation>（无批号）</translation>
    </message>
    <message>
        <source>This batch expired on {date}</source>
        <translation>该批次已于 {date} 过期</translation>
    </message>
    <message>
        <source>This batch expires on {date}</source>
        <translation>该批次将于 {date} 过期</translation>
    </message>
    <message>
        <source>Search by product code, name, pinyin initials or batch (Ctrl+F)</source>
        <translation>按商品编码、名称、拼音首字母或批号搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Highlight expiry within (days):</source>
        <translation>临期提醒天数(&amp;H)：</translation>
    </message>
    <message>
        <source>Earliest expiry first. Batches within the chosen number of days are highlighted in yellow, expired ones in red. Reservations of orders are held on the &quot;(no batch)&quot; row, because an order chooses no batch.</source>
        <translation>按有效期从早到晚排列。在所选天数内到期的批次以黄色标出，已过期的以红色标出。订单占用量记在“（无批号）”一行，因为订单不指定批次。</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
</context>
<context>
    <name>BootstrapProgress</name>
    <message>
        <source>time left unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <source>about {seconds} s left</source>
        <translation>约剩 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min left</source>
        <translation>约剩 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Downloading your data: {done} of about {total} rows ({percent} %)</source>
        <translation>正在下载数据：{done} / 约 {total} 行（{percent}%）</translation>
    </message>
    <message>
        <source>Downloading your data: {done} rows ({percent} %)</source>
        <translation>正在下载数据：{done} 行（{percent}%）</translation>
    </message>
    <message>
        <source>measuring the speed...</source>
        <translation>正在测算速度……</translation>
    </message>
    <message>
        <source>{rate} rows per second</source>
        <translation>每秒 {rate} 行</translation>
    </message>
    <message>
        <source>{speed}, {time_left}</source>
        <translation>{speed}，{time_left}</translation>
    </message>
    <message>
        <source>First sync</source>
        <translation>首次同步</translation>
    </message>
    <message>
        <source>Downloading your data from the server...</source>
        <translation>正在从服务器下载数据……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping after the current page...</source>
        <translation>当前这一页完成后停止……</translation>
    </message>
    <message>
        <source>almost done</source>
        <translation>即将完成</translation>
    </message>
</context>
<context>
    <name>ButtonKeys</name>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
</context>
<context>
    <name>CliHelp</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>Kaidan (开单) client: sync and inspect the local replica.</source>
        <translation>开单客户端：同步并查看本地副本。</translation>
    </message>
    <message>
        <source>log debug messages to stderr</source>
        <translation>把调试日志输出到标准错误</translation>
    </message>
    <message>
        <source>open a replica (a temporary one unless --data-dir names one), render a delivery note to PDF, check its text and exit 0 when all of it worked</source>
        <translation>打开一个本地副本（未用 --data-dir 指定时使用临时副本），把一张送货单输出为 PDF 并检查其文字，全部成功时以 0 退出</translation>
    </message>
    <message>
        <source>push this device&apos;s queued commands, then pull the server&apos;s changes</source>
        <translation>推送本机排队的命令，然后拉取服务器的修改</translation>
    </message>
    <message>
        <source>Send the changes saved on this device to the server, then download the server&apos;s changes made since the last sync. The password is read from stdin when stdin is not a terminal; otherwise the sign-in token in the keyring is used, or the password is asked for.</source>
        <translation>把本机保存的修改发送到服务器，然后下载服务器上自上次同步以来的修改。标准输入不是终端时从标准输入读取密码；否则使用密钥环中保存的登录令牌，没有令牌时提示输入密码。</translation>
    </message>
    <message>
        <source>show the server, the unsynced changes, the last sync and the records per table</source>
        <translation>显示服务器、未同步的修改、上次同步时间和各数据表的记录数</translation>
    </message>
    <message>
        <source>print one JSON object: {&quot;server&quot;, &quot;user&quot;, &quot;device&quot;, &quot;last_sync&quot;, &quot;cursor&quot;, &quot;unsynced&quot;, &quot;refused&quot;, &quot;last_error&quot;, &quot;rows&quot;}; last_sync is ISO 8601 UTC or null</source>
        <translation>输出一个 JSON 对象：{&quot;server&quot;, &quot;user&quot;, &quot;device&quot;, &quot;last_sync&quot;, &quot;cursor&quot;, &quot;unsynced&quot;, &quot;refused&quot;, &quot;last_error&quot;, &quot;rows&quot;}；last_sync 为 ISO 8601 UTC 时间或 null</translation>
    </message>
    <message>
        <source>check that the local replica equals the server&apos;s data</source>
        <translation>检查本地副本与服务器上的数据是否一致</translation>
    </message>
    <message>
        <source>server URL, e.g. http://127.0.0.1:8765</source>
        <translation>服务器地址，例如 http://127.0.0.1:8765</translation>
    </message>
    <message>
        <source>user name to sign in as</source>
        <translation>登录用的用户名</translation>
    </message>
    <message>
        <source>folder holding the replica (created if missing)</source>
        <translation>存放本地副本的文件夹（不存在时创建）</translation>
    </message>
    <message>
        <source>language of the messages (default: the operating system&apos;s locale)</source>
        <translation>输出信息的语言（默认：操作系统的区域设置）</translation>
    </message>
    <message>
        <source>{program}: error: {message}</source>
        <translation>{program}：错误：{message}</translation>
    </message>
    <message>
        <source>the following arguments are required: {arguments}</source>
        <translation>缺少必需的参数：{arguments}</translation>
    </message>
    <message>
        <source>argument {argument}: invalid choice: {value} (choose from {choices})</source>
        <translation>参数 {argument}：无效的选择 {value}（可选：{choices}）</translation>
    </message>
    <message>
        <source>argument {argument}: expected one argument</source>
        <translation>参数 {argument}：需要一个值</translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation>无法识别的参数：{arguments}</translation>
    </message>
    <message>
        <source>Show what the local replica contains without contacting the server: the server and user it belongs to, the changes not yet accepted by the server, the time of the last sync and the records per table.</source>
        <translation>不连接服务器，显示本地副本的情况：所属的服务器和用户、服务器尚未接受的修改、上次同步时间以及各数据表的记录数。</translation>
    </message>
    <message>
        <source>Compare the replica with the server&apos;s checksums for this user&apos;s data. Exit status: 0 when they are equal; 1 when they differ although this computer has fetched every change, listing the rows that differ; 2 when the check failed; 4 when this computer has not fetched the server&apos;s latest changes yet (run `kaidan sync`, then verify again).</source>
        <translation>把本地副本与服务器上该用户数据的校验和比较。退出状态：一致时为 0；本机已获取全部修改但仍不一致时为 1，并列出不同的行；校验失败时为 2；本机尚未获取服务器的最新修改时为 4（请先运行 `kaidan sync`，再重新校验）。</translation>
    </message>
    <message>
        <source>folder holding the replica (must exist)</source>
        <translation>存放本地副本的文件夹（必须已存在）</translation>
    </message>
    <message>
        <source>{heading}:</source>
        <translation>{heading}：</translation>
    </message>
    <message>
        <source>desktop window (no COMMAND)</source>
        <translation>桌面窗口（不带 COMMAND 时）</translation>
    </message>
    <message>
        <source>server address to sign in to, e.g. http://127.0.0.1:8765 (default: the last one used)</source>
        <translation>要登录的服务器地址，例如 http://127.0.0.1:8765（默认：上次使用的地址）</translation>
    </message>
    <message>
        <source>user name to sign in as (default: the last one used)</source>
        <translation>登录用的用户名（默认：上次使用的用户名）</translation>
    </message>
    <message>
        <source>folder of the local replica (default: one folder per user and server in the user data directory)</source>
        <translation>本地副本的文件夹（默认：在用户数据目录中为每个用户和服务器各建一个文件夹）</translation>
    </message>
    <message>
        <source>language of the window, and of a COMMAND&apos;s messages (default: the operating system&apos;s locale)</source>
        <translation>窗口以及 COMMAND 输出信息的语言（默认：操作系统的区域设置）</translation>
    </message>
    <message>
        <source>read the password from the first line of stdin and sign in at once (for scripts)</source>
        <translation>从标准输入的第一行读取密码并立即登录（供脚本使用）</translation>
    </message>
</context>
<context>
    <name>CliMessages</name>
    <message>
        <source>kaidan: warning: {message}</source>
        <translation>kaidan: 警告：{message}</translation>
    </message>
    <message>
        <source>sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
    <message>
        <source>sync did not complete: {reason}</source>
        <translation>同步未完成：{reason}</translation>
    </message>
    <message>
        <source>verify failed: {reason}</source>
        <translation>校验失败：{reason}</translation>
    </message>
    <message>
        <source>Password for {user} at {server}: </source>
        <translation>{server} 上用户 {user} 的密码：</translation>
    </message>
    <message>
        <source>no password on standard input, which is not a terminal; pipe the password in as one line</source>
        <translation>标准输入不是终端，但其中没有密码；请把密码作为一行通过管道传入</translation>
    </message>
    <message numerus="yes">
        <source>pushing %n command(s)</source>
        <translation>
            <numerusform>正在推送 %n 条命令</numerusform>
        </translation>
    </message>
    <message>
        <source>pulled {done} of about {total} rows ({percent} %)</source>
        <translation>已拉取 {done} 行，共约 {total} 行（{percent} %）</translation>
    </message>
    <message>
        <source>pulled {done} rows ({percent} %)</source>
        <translation>已拉取 {done} 行（{percent} %）</translation>
    </message>
    <message>
        <source>{line}, {rate} rows/s</source>
        <translation>{line}，{rate} 行/秒</translation>
    </message>
    <message>
        <source>{line}, {time_left}</source>
        <translation>{line}，{time_left}</translation>
    </message>
    <message numerus="yes">
        <source>the server was restored from a backup; this replica was downloaded again and %n acknowledged change(s) were sent again</source>
        <translation>
            <numerusform>服务器已从备份恢复；本地副本已重新下载，并重新发送了 %n 项已被接受的修改</numerusform>
        </translation>
    </message>
    <message>
        <source>the last sync was older than the server&apos;s retention horizon, so this replica was downloaded again</source>
        <translation>上次同步早于服务器保留删除记录的期限，本地副本已重新下载</translation>
    </message>
    <message>
        <source>your access changed, so this replica was downloaded again (scope version {version})</source>
        <translation>您的权限已变更，本地副本已重新下载（权限范围版本 {version}）</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <source>nothing to push</source>
        <translation>没有待推送的命令</translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s), all accepted</source>
        <translation>
            <numerusform>推送了 %n 条命令，全部被接受</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pushed %n command(s): {accepted} accepted, {rejected} rejected, {held} held</source>
        <translation>
            <numerusform>推送了 %n 条命令：{accepted} 条被接受，{rejected} 条被拒绝，{held} 条被暂缓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pulled %Ln row(s)</source>
        <translation>
            <numerusform>拉取了 %Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln 页</numerusform>
        </translation>
    </message>
    <message>
        <source>sync finished with problems: {pushed}; {pulled} in {pages}</source>
        <translation>同步已结束，但有问题：{pushed}；{pulled}，共 {pages}</translation>
    </message>
    <message>
        <source>sync complete: {pushed}; {pulled} in {pages}</source>
        <translation>同步完成：{pushed}；{pulled}，共 {pages}</translation>
    </message>
    <message numerus="yes">
        <source>the server rejected %n command(s)</source>
        <translation>
            <numerusform>服务器拒绝了 %n 条命令</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more are held back because they depend on a rejected one</source>
        <translation>
            <numerusform>另有 %n 条命令依赖被拒绝的命令而被暂缓</numerusform>
        </translation>
    </message>
    <message>
        <source>{rejected}, and {held}</source>
        <translation>{rejected}，{held}</translation>
    </message>
    <message numerus="yes">
        <source>{counts}. None of them was applied. Open Sync problems (同步问题) in the desktop app to correct and resend or discard them.</source>
        <translation>
            <numerusform>{counts}。上述命令没有生效。请在桌面程序中打开“同步问题”，修改后重新发送，或者放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>held</source>
        <translation>被暂缓</translation>
    </message>
    <message>
        <source>{command} ({status}): {reason}</source>
        <translation>{command}（{status}）：{reason}</translation>
    </message>
    <message>
        <source>building the search index</source>
        <translation>正在建立搜索索引</translation>
    </message>
    <message>
        <source>search index: {done} of {total} records ({percent} %)</source>
        <translation>搜索索引：{done}/{total} 条记录（{percent} %）</translation>
    </message>
    <message numerus="yes">
        <source>search index built: %Ln record(s) in {seconds} s</source>
        <translation>
            <numerusform>搜索索引已建立：%Ln 条记录，用时 {seconds} 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>building the search index failed: {error}; searches work without it (more slowly), and the next sync builds it again</source>
        <translation>建立搜索索引失败：{error}；没有索引也能搜索（较慢），下次同步会重新建立</translation>
    </message>
    <message>
        <source>no replica in {folder}; run `kaidan sync` with this --data-dir first</source>
        <translation>{folder} 中没有本地副本；请先用这个 --data-dir 运行 `kaidan sync`</translation>
    </message>
    <message>
        <source>server: {server}  user: {user}  device: {device}</source>
        <translation>服务器：{server}  用户：{user}  设备：{device}</translation>
    </message>
    <message>
        <source>unsynced changes: {unsynced} ({refused} refused)  last sync: {last_sync}</source>
        <translation>未同步的修改：{unsynced}（被拒 {refused}）  上次同步：{last_sync}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>last error: {error}</source>
        <translation>上次错误：{error}</translation>
    </message>
    <message>
        <source>server restored from a backup: replica rebuilt for database {database}</source>
        <translation>服务器曾从备份恢复：已为数据库 {database} 重建本地副本</translation>
    </message>
    <message>
        <source>note: the server has newer changes than this computer; they arrive with the next sync</source>
        <translation>注意：服务器上有本机尚未获取的新修改，下次同步时会下载</translation>
    </message>
    <message numerus="yes">
        <source>verify passed: %n table(s) equal the server&apos;s</source>
        <translation>
            <numerusform>校验通过：%n 个数据表与服务器一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>differences in {table}: %Ln row(s) here, {server} on the server</source>
        <translation>
            <numerusform>{table}存在差异：本地 %Ln 行，服务器 {server} 行</numerusform>
        </translation>
    </message>
    <message>
        <source>missing here</source>
        <translation>本地缺少</translation>
    </message>
    <message>
        <source>not on the server</source>
        <translation>服务器上没有</translation>
    </message>
    <message>
        <source>different</source>
        <translation>内容不同</translation>
    </message>
    <message>
        <source>No credential store (keyring) is available, so your sign-in is not saved: the next `kaidan sync` asks for the password again (or reads it from standard input).</source>
        <translation>系统没有可用的凭据存储（keyring），登录信息不会保存：下次运行 `kaidan sync` 时会再次询问密码（或从标准输入读取）。</translation>
    </message>
    <message>
        <source>records on this computer:</source>
        <translation>本机记录：</translation>
    </message>
    <message>
        <source>{table}: {count}</source>
        <translation>{table}：{count}</translation>
    </message>
    <message numerus="yes">
        <source>other records: {rows} in %n table(s)</source>
        <translation>
            <numerusform>其他记录：{rows} 条，分布在 %n 个数据表中</numerusform>
        </translation>
    </message>
    <message>
        <source>The server has changes this computer has not fetched yet: run `kaidan sync`, then verify again.</source>
        <translation>服务器上有本机尚未获取的修改：请先运行 `kaidan sync`，再重新校验。</translation>
    </message>
    <message>
        <source>{row}: {difference}</source>
        <translation>{row}：{difference}</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>另有 {count} 行</translation>
    </message>
</context>
<context>
    <name>CommandNames</name>
    <message>
        <source>Record receipt confirmations</source>
        <translation>登记收货记录</translation>
    </message>
    <message>
        <source>Save stocktake count sheets</source>
        <translation>保存盘点表</translation>
    </message>
    <message>
        <source>Post stocktakes</source>
        <translation>过账盘点单</translation>
    </message>
    <message>
        <source>Cancel stocktakes</source>
        <translation>作废盘点单</translation>
    </message>
    <message>
        <source>Record prints and reprints of documents</source>
        <translation>记录单据打印与补打</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Create customers</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Change customers</source>
        <translation>修改客户</translation>
    </message>
    <message>
        <source>Delete customers</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <source>Merge duplicate customers</source>
        <translation>合并重复客户</translation>
    </message>
    <message>
        <source>Mark possible duplicates as different</source>
        <translation>把疑似重复标记为不同客户</translation>
    </message>
    <message>
        <source>Create customer categories</source>
        <translation>新建客户分类</translation>
    </message>
    <message>
        <source>Change customer categories</source>
        <translation>修改客户分类</translation>
    </message>
    <message>
        <source>Add customer contacts</source>
        <translation>添加客户联系人</translation>
    </message>
    <message>
        <source>Change customer contacts</source>
        <translation>修改客户联系人</translation>
    </message>
    <message>
        <source>Delete customer contacts</source>
        <translation>删除客户联系人</translation>
    </message>
    <message>
        <source>Record customer follow-ups</source>
        <translation>记录客户跟进</translation>
    </message>
    <message>
        <source>Add invoicing details</source>
        <translation>添加开票信息</translation>
    </message>
    <message>
        <source>Change invoicing details</source>
        <translation>修改开票信息</translation>
    </message>
    <message>
        <source>Delete invoicing details</source>
        <translation>删除开票信息</translation>
    </message>
    <message>
        <source>Add shipping addresses</source>
        <translation>添加收货地址</translation>
    </message>
    <message>
        <source>Change shipping addresses</source>
        <translation>修改收货地址</translation>
    </message>
    <message>
        <source>Delete shipping addresses</source>
        <translation>删除收货地址</translation>
    </message>
    <message>
        <source>Create products</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Change products</source>
        <translation>修改商品</translation>
    </message>
    <message>
        <source>Deactivate products</source>
        <translation>停用商品</translation>
    </message>
    <message>
        <source>Add product barcodes</source>
        <translation>添加商品条码</translation>
    </message>
    <message>
        <source>Remove product barcodes</source>
        <translation>移除商品条码</translation>
    </message>
    <message>
        <source>Create product categories</source>
        <translation>新建商品分类</translation>
    </message>
    <message>
        <source>Change product categories</source>
        <translation>修改商品分类</translation>
    </message>
    <message>
        <source>Set product units</source>
        <translation>设置商品单位</translation>
    </message>
    <message>
        <source>Remove product units</source>
        <translation>移除商品单位</translation>
    </message>
    <message>
        <source>Create brands</source>
        <translation>新建品牌</translation>
    </message>
    <message>
        <source>Change brands</source>
        <translation>修改品牌</translation>
    </message>
    <message>
        <source>Set agreed customer prices</source>
        <translation>设置客户协议价</translation>
    </message>
    <message>
        <source>End agreed customer prices</source>
        <translation>终止客户协议价</translation>
    </message>
    <message>
        <source>Set customer category prices</source>
        <translation>设置客户分类价</translation>
    </message>
    <message>
        <source>Enter price adjustments</source>
        <translation>录入调价单</translation>
    </message>
    <message>
        <source>Approve price adjustments</source>
        <translation>审核调价单</translation>
    </message>
    <message>
        <source>Apply due price adjustments</source>
        <translation>执行到期的调价单</translation>
    </message>
    <message>
        <source>Enter sales orders</source>
        <translation>录入销售订单</translation>
    </message>
    <message>
        <source>Change sales orders</source>
        <translation>修改销售订单</translation>
    </message>
    <message>
        <source>Confirm sales orders</source>
        <translation>确认销售订单</translation>
    </message>
    <message>
        <source>Approve sales orders</source>
        <translation>审批销售订单</translation>
    </message>
    <message>
        <source>Cancel sales orders</source>
        <translation>作废销售订单</translation>
    </message>
    <message>
        <source>Send sales orders back for correction</source>
        <translation>退回销售订单修改</translation>
    </message>
    <message>
        <source>Verify completed sales orders</source>
        <translation>核准已完成的销售订单</translation>
    </message>
    <message>
        <source>Post sales returns</source>
        <translation>过账销售退货单（退单）</translation>
    </message>
    <message>
        <source>Ship delivery notes</source>
        <translation>发货（送货单）</translation>
    </message>
    <message>
        <source>Post goods receipts</source>
        <translation>过账入库单</translation>
    </message>
    <message>
        <source>Post stock transfers</source>
        <translation>过账调拨单</translation>
    </message>
    <message>
        <source>Record customer payments</source>
        <translation>登记客户收款</translation>
    </message>
    <message>
        <source>Create suppliers</source>
        <translation>新建供应商</translation>
    </message>
    <message>
        <source>Change suppliers</source>
        <translation>修改供应商</translation>
    </message>
    <message>
        <source>Add supplier contacts</source>
        <translation>添加供应商联系人</translation>
    </message>
    <message>
        <source>Change supplier contacts</source>
        <translation>修改供应商联系人</translation>
    </message>
    <message>
        <source>Delete supplier contacts</source>
        <translation>删除供应商联系人</translation>
    </message>
    <message>
        <source>Create departments</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <source>Change departments</source>
        <translation>修改部门</translation>
    </message>
    <message>
        <source>Create users</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Change users</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>Create warehouses</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <source>Change warehouses</source>
        <translation>修改仓库</translation>
    </message>
    <message>
        <source>Change role permissions</source>
        <translation>修改角色权限</translation>
    </message>
    <message>
        <source>Change cost visibility and discount limits</source>
        <translation>修改成本可见性和折扣上限</translation>
    </message>
    <message>
        <source>Resolve flags</source>
        <translation>处理异常</translation>
    </message>
    <message>
        <source>Change the discount limit and credit check</source>
        <translation>修改折扣上限和信用检查</translation>
    </message>
    <message>
        <source>Edit print templates</source>
        <translation>编辑打印模板</translation>
    </message>
    <message>
        <source>Create promotions</source>
        <translation>新建促销</translation>
    </message>
    <message>
        <source>Change promotions</source>
        <translation>修改促销</translation>
    </message>
    <message>
        <source>End promotions</source>
        <translation>结束促销</translation>
    </message>
    <message>
        <source>Enter quotations</source>
        <translation>录入报价单</translation>
    </message>
    <message>
        <source>Change quotations</source>
        <translation>修改报价单</translation>
    </message>
    <message>
        <source>Mark quotations as sent</source>
        <translation>将报价单标记为已发送</translation>
    </message>
    <message>
        <source>Cancel quotations</source>
        <translation>取消报价单</translation>
    </message>
    <message>
        <source>Mark quotations as lost</source>
        <translation>将报价单标记为未成交</translation>
    </message>
    <message>
        <source>Turn quotations into orders</source>
        <translation>报价单转订单</translation>
    </message>
    <message>
        <source>Set reorder points</source>
        <translation>设置补货点</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Your value is back</source>
        <translation>已恢复您的值</translation>
    </message>
    <message>
        <source>Record deleted</source>
        <translation>记录已删除</translation>
    </message>
    <message>
        <source>Not applied again</source>
        <translation>尚未重新应用</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Payment terms (days)</source>
        <translation>账期（天）</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Mnemonic</source>
        <translation>助记码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>You and another user changed the same field while one of you was offline. The server kept the later change; your value is listed here so you can apply it again.</source>
        <translation>您和另一位用户在有人离线时修改了同一字段。服务器保留了较晚的修改；您的值列在这里，可以重新应用。</translation>
    </message>
    <message>
        <source>No conflicts: none of your changes was replaced.</source>
        <translation>没有冲突：您的修改都没有被覆盖。</translation>
    </message>
    <message>
        <source>Apply mine again</source>
        <translation>重新应用我的值</translation>
    </message>
    <message>
        <source>Set the field back to your value; the change syncs like any other</source>
        <translation>把字段改回您的值；这项修改和其他修改一样同步</translation>
    </message>
    <message>
        <source>{field} of {record} is set back to your value.</source>
        <translation>{record} 的{field}已改回您的值。</translation>
    </message>
    <message>
        <source>Applying your value...</source>
        <translation>正在应用您的值……</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
</context>
<context>
    <name>CustomerActions</name>
    <message>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Edit... (Ctrl+E)</source>
        <translation>编辑……（Ctrl+E）</translation>
    </message>
    <message>
        <source>Change this customer&apos;s master data (Ctrl+E)</source>
        <translation>修改该客户的基本资料（Ctrl+E）</translation>
    </message>
    <message>
        <source>Add contact... (Ctrl+Shift+C)</source>
        <translation>添加联系人……（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Add a contact person (Ctrl+Shift+C)</source>
        <translation>添加一位联系人（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Add address... (Ctrl+Shift+A)</source>
        <translation>添加地址……（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Add a shipping address (Ctrl+Shift+A)</source>
        <translation>添加收货地址（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Invoicing details... (Ctrl+Shift+I)</source>
        <translation>开票信息……（Ctrl+Shift+I）</translation>
    </message>
    <message>
        <source>Enter or change the invoicing details (Ctrl+Shift+I)</source>
        <translation>填写或修改开票信息（Ctrl+Shift+I）</translation>
    </message>
    <message>
        <source>Add follow-up... (Ctrl+Shift+F)</source>
        <translation>添加跟进……（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>Log a call, visit or message (Ctrl+Shift+F)</source>
        <translation>记录一次电话、拜访或消息（Ctrl+Shift+F）</translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已转订单</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已丢单</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已冲销</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
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
        <source>Acceptance bill</source>
        <translation>承兑汇票</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>VAT special invoice</source>
        <translation>增值税专用发票</translation>
    </message>
    <message>
        <source>VAT general invoice</source>
        <translation>增值税普通发票</translation>
    </message>
    <message>
        <source>Electronic VAT special invoice</source>
        <translation>增值税电子专用发票</translation>
    </message>
    <message>
        <source>Electronic VAT general invoice</source>
        <translation>增值税电子普通发票</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Shipping addresses</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Province / city / district</source>
        <translation>省 / 市 / 区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Invoicing details</source>
        <translation>开票信息</translation>
    </message>
    <message>
        <source>Invoice title</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Invoice type</source>
        <translation>发票类型</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>By</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Quotations</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Wanted by</source>
        <translation>要求交货日</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收款方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>分类：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>应收余额：</translation>
    </message>
    <message>
        <source>Credit limit:</source>
        <translation>信用额度：</translation>
    </message>
    <message>
        <source>Credit used:</source>
        <translation>已用额度：</translation>
    </message>
    <message>
        <source>Overdue:</source>
        <translation>逾期金额：</translation>
    </message>
    <message>
        <source>What the customer owes; a negative amount is a prepayment</source>
        <translation>客户欠款；负数为预收款</translation>
    </message>
    <message>
        <source>The balance plus the undelivered amount of approved orders, as the credit check counts it</source>
        <translation>应收余额加已审核订单的未发货金额，与信用检查的算法相同</translation>
    </message>
    <message>
        <source>The unpaid amount of deliveries past their due date</source>
        <translation>已过到期日的送货单未收金额</translation>
    </message>
    <message>
        <source>Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs</source>
        <translation>Ctrl+Tab 和 Ctrl+Shift+Tab 切换标签页</translation>
    </message>
    <message>
        <source>New order (Ctrl+Enter)</source>
        <translation>新建订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Open a new order for this customer (Ctrl+Enter)</source>
        <translation>为该客户新建订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the detail (Esc)</source>
        <translation>关闭详情（Esc）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Customer {code} {name}</source>
        <translation>客户 {code} {name}</translation>
    </message>
    <message>
        <source>This customer is deleted.</source>
        <translation>该客户已删除。</translation>
    </message>
    <message>
        <source>This customer is inactive.</source>
        <translation>该客户已停用。</translation>
    </message>
    <message>
        <source>This customer belongs to a department outside yours, so you can view it but not change it.</source>
        <translation>该客户属于您权限范围以外的部门，只能查看，不能修改。</translation>
    </message>
    <message>
        <source>Delete the contact {name}?</source>
        <translation>删除联系人 {name}？</translation>
    </message>
    <message>
        <source>Delete the shipping address {name}?</source>
        <translation>删除收货地址 {name}？</translation>
    </message>
    <message>
        <source>Delete the invoicing details {name}?</source>
        <translation>删除开票信息 {name}？</translation>
    </message>
    <message>
        <source>{amount} (category default)</source>
        <translation>{amount}（分类默认）</translation>
    </message>
    <message>
        <source>{name} is the primary contact of this customer. After deleting it, no contact is primary until you mark another one as primary. Delete {name}?</source>
        <translation>{name} 是该客户的主要联系人。删除后将没有主要联系人，请再将另一位联系人设为主要联系人。确定删除 {name} 吗？</translation>
    </message>
    <message>
        <source>{name} is the primary contact and the only contact of this customer. After deleting it, the customer has no contact. Delete {name}?</source>
        <translation>{name} 是该客户的主要联系人，也是唯一的联系人。删除后该客户将没有联系人。确定删除 {name} 吗？</translation>
    </message>
</context>
<context>
    <name>CustomerDetails</name>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>P&amp;osition:</source>
        <translation>职务(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Mobile:</source>
        <translation>手机(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;WeChat:</source>
        <translation>微信(&amp;W)：</translation>
    </message>
    <message>
        <source>P&amp;rimary contact:</source>
        <translation>主要联系人(&amp;R)：</translation>
    </message>
    <message>
        <source>No&amp;te:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>名称(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>收货人(&amp;R)：</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>省份(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>城市(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>区县(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>详细地址(&amp;A)：</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>邮编(&amp;O)：</translation>
    </message>
    <message>
        <source>D&amp;efault address:</source>
        <translation>默认地址(&amp;E)：</translation>
    </message>
    <message>
        <source>Add shipping address</source>
        <translation>添加收货地址</translation>
    </message>
    <message>
        <source>Edit shipping address</source>
        <translation>编辑收货地址</translation>
    </message>
    <message>
        <source>VAT general invoice</source>
        <translation>增值税普通发票</translation>
    </message>
    <message>
        <source>VAT special invoice</source>
        <translation>增值税专用发票</translation>
    </message>
    <message>
        <source>Electronic VAT general invoice</source>
        <translation>增值税电子普通发票</translation>
    </message>
    <message>
        <source>Electronic VAT special invoice</source>
        <translation>增值税电子专用发票</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Invoice &amp;title:</source>
        <translation>发票抬头(&amp;T)：</translation>
    </message>
    <message>
        <source>Ta&amp;x number:</source>
        <translation>税号(&amp;X)：</translation>
    </message>
    <message>
        <source>Invoice t&amp;ype:</source>
        <translation>发票类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Bank:</source>
        <translation>开户银行(&amp;B)：</translation>
    </message>
    <message>
        <source>Bank a&amp;ccount:</source>
        <translation>银行账号(&amp;C)：</translation>
    </message>
    <message>
        <source>D&amp;efault details:</source>
        <translation>默认开票信息(&amp;E)：</translation>
    </message>
    <message>
        <source>Add invoicing details</source>
        <translation>添加开票信息</translation>
    </message>
    <message>
        <source>Edit invoicing details</source>
        <translation>编辑开票信息</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>方式(&amp;H)：</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;What was said:</source>
        <translation>跟进内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Next follow-up:</source>
        <translation>下次跟进(&amp;N)：</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>添加跟进记录</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Mnemonic:</source>
        <translation>助记码(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Unified social credit code:</source>
        <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>分类(&amp;G)：</translation>
    </message>
    <message>
        <source>Sales &amp;region:</source>
        <translation>销售区域(&amp;R)：</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>负责人(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D)：</translation>
    </message>
    <message>
        <source>Default ware&amp;house:</source>
        <translation>默认仓库(&amp;H)：</translation>
    </message>
    <message>
        <source>Credit &amp;limit:</source>
        <translation>信用额度(&amp;L)：</translation>
    </message>
    <message>
        <source>Payment &amp;terms (days):</source>
        <translation>账期（天）(&amp;T)：</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>启用(&amp;V)</translation>
    </message>
    <message>
        <source>Inactive customers cannot receive new orders</source>
        <translation>停用的客户不能再下新订单</translation>
    </message>
    <message>
        <source>0871-65123456 or 13912345678</source>
        <translation>0871-65123456 或 13912345678</translation>
    </message>
    <message>
        <source>Filled from the name&apos;s pinyin initials</source>
        <translation>按名称的拼音首字母自动填写</translation>
    </message>
    <message>
        <source>Blank: the category&apos;s terms</source>
        <translation>留空：使用分类的账期</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Check the fields, look for duplicates and save (Enter or Ctrl+S)</source>
        <translation>检查各字段、查找重复客户后保存（Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Edit customer {code} {name}</source>
        <translation>编辑客户 {code} {name}</translation>
    </message>
    <message>
        <source>The customer could not be loaded.</source>
        <translation>无法加载该客户。</translation>
    </message>
    <message>
        <source>Looking for duplicates...</source>
        <translation>正在查找重复客户……</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Blank: the category&apos;s limit</source>
        <translation>留空：使用分类的额度</translation>
    </message>
    <message>
        <source>Blank: no credit limit</source>
        <translation>留空：不限信用额度</translation>
    </message>
    <message>
        <source>Blank: the category&apos;s {amount}</source>
        <translation>留空：使用分类的 {amount}</translation>
    </message>
</context>
<context>
    <name>CustomerFilterBar</name>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>分类(&amp;T)：</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>负责人(&amp;W)：</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>W&amp;arehouse:</source>
        <translation>仓库(&amp;A)：</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>The salesperson responsible for the customer</source>
        <translation>负责该客户的业务员</translation>
    </message>
    <message>
        <source>The customer&apos;s default warehouse</source>
        <translation>客户的默认仓库</translation>
    </message>
    <message>
        <source>No follow-up &amp;in:</source>
        <translation>未跟进(&amp;I)：</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days or more</source>
        <translation> 天及以上</translation>
    </message>
    <message>
        <source>Customers whose last follow-up is at least this many days ago, or who never had one</source>
        <translation>最近一次跟进距今至少这么多天的客户，或从未跟进的客户</translation>
    </message>
    <message>
        <source>&amp;Overdue receivables</source>
        <translation>有逾期应收(&amp;O)</translation>
    </message>
    <message>
        <source>Only customers with a delivery past its due date and not fully paid</source>
        <translation>只显示有送货单已过到期日且未收清的客户</translation>
    </message>
    <message>
        <source>Sa&amp;ved filter:</source>
        <translation>已存筛选(&amp;V)：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>保存……</translation>
    </message>
    <message>
        <source>Save the current filters under a name, on this computer</source>
        <translation>将当前筛选条件以一个名称保存在本机</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected saved filter</source>
        <translation>删除选中的已存筛选</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show all customers again</source>
        <translation>重新显示全部客户</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Name of the filter:</source>
        <translation>筛选名称：</translation>
    </message>
    <message>
        <source>Delete filter</source>
        <translation>删除筛选</translation>
    </message>
    <message>
        <source>Delete the saved filter &quot;{name}&quot;?</source>
        <translation>删除已存筛选“{name}”？</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>已存筛选</translation>
    </message>
    <message>
        <source>The filter could not be saved or deleted: {error}</source>
        <translation>筛选保存或删除失败：{error}</translation>
    </message>
</context>
<context>
    <name>CustomerModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Mnemonic code</source>
        <translation>助记码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Sales region</source>
        <translation>销售区域</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>最近跟进</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <source>New order (Ctrl+Enter)</source>
        <translation>新建订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Loading customers...</source>
        <translation>正在加载客户……</translation>
    </message>
    <message>
        <source>Search by name, code, phone, pinyin initials or mnemonic (Ctrl+F)</source>
        <translation>按名称、编码、电话、拼音首字母或助记码搜索（Ctrl+F）</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>共 %n 个客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Type part of a name, a code, a phone number, the mnemonic code or the pinyin initials of the name (any reading); Down moves to the list</source>
        <translation>输入名称的一部分、编码、电话号码、助记码或名称的拼音首字母（多音字任一读音均可）；按↓键进入列表</translation>
    </message>
    <message>
        <source>Enter opens the customer&apos;s detail, Ctrl+Enter a new order; the Menu key shows sort and columns</source>
        <translation>回车打开客户详情，Ctrl+Enter 新建订单；菜单键显示排序和列设置</translation>
    </message>
    <message>
        <source>Click a column to sort by it, click again to reverse the order and a third time for best matches first; right-click to choose columns</source>
        <translation>点击列标题按该列排序，再次点击倒序，第三次点击恢复按匹配度排序；右键选择显示的列</translation>
    </message>
    <message>
        <source>Details (Enter)</source>
        <translation>详情（Enter）</translation>
    </message>
    <message>
        <source>New customer... (Ctrl+Shift+N)</source>
        <translation>新建客户……（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Enter a new customer (Ctrl+Shift+N)</source>
        <translation>录入新客户（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Open the selected customer&apos;s detail (Enter)</source>
        <translation>打开选中客户的详情（回车）</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Open a new order for the selected customer (Ctrl+Enter)</source>
        <translation>为选中的客户新建订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>{count}+ customers</source>
        <translation>{count}+ 个客户</translation>
    </message>
    <message>
        <source>Open details</source>
        <translation>打开详情</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>显示的列</translation>
    </message>
</context>
<context>
    <name>DeliveriesView</name>
    <message>
        <source>Print selected notes as text (dot-matrix printer)...</source>
        <translation>以文本方式打印所选送货单（针式打印机）……</translation>
    </message>
    <message>
        <source>Print selected delivery notes</source>
        <translation>打印所选送货单</translation>
    </message>
    <message>
        <source>Ship and print</source>
        <translation>发货并打印</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Orders to ship (Enter or Ctrl+P ships and prints):</source>
        <translation>待发货订单（回车或 Ctrl+P 发货并打印）：</translation>
    </message>
    <message>
        <source>Orders to ship (shipping needs a warehouse keeper, manager or administrator):</source>
        <translation>待发货订单（发货需要库管、经理或管理员角色）：</translation>
    </message>
    <message>
        <source>Delivery notes (Enter previews, Ctrl+Shift+S saves a PDF, Ctrl+R returns goods):</source>
        <translation>送货单（回车预览，Ctrl+Shift+S 另存为 PDF，Ctrl+R 退货）：</translation>
    </message>
    <message>
        <source>Shipping a delivery note needs the warehouse keeper, manager or administrator role; you are signed in as {role}.</source>
        <translation>发货开送货单需要库管、经理或管理员角色；您当前的角色是{role}。</translation>
    </message>
    <message>
        <source>Recording the delivery...</source>
        <translation>正在记录发货……</translation>
    </message>
    <message>
        <source>Delivery note {number} recorded for order {order}.</source>
        <translation>已为订单 {order} 记录送货单 {number}。</translation>
    </message>
    <message>
        <source>Save delivery note as PDF</source>
        <translation>将送货单另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Return goods...</source>
        <translation>退货……</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Delivery notes</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Sales returns</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Select the delivery note the goods come back from.</source>
        <translation>请先选择退回货物所属的送货单。</translation>
    </message>
    <message>
        <source>Posting a sales return needs the warehouse keeper, manager or administrator role; you are signed in as {role}.</source>
        <translation>过账退货单需要库管、经理或管理员角色；您当前的角色是{role}。</translation>
    </message>
    <message>
        <source>Sales return {number} posted; ¥{amount} credited.</source>
        <translation>退货单 {number} 已过账，冲减应收 ¥{amount}。</translation>
    </message>
    <message>
        <source>Print the return note?</source>
        <translation>打印退货单？</translation>
    </message>
    <message>
        <source>Sales return {number} is posted. Print its return note now?</source>
        <translation>退货单 {number} 已过账。现在打印退货单吗？</translation>
    </message>
</context>
<context>
    <name>DeliveryListModel</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印次数</translation>
    </message>
</context>
<context>
    <name>DeliveryNoteOutput</name>
    <message>
        <source>Delivery note {number}</source>
        <translation>送货单 {number}</translation>
    </message>
    <message>
        <source>Print preview: delivery note {number}</source>
        <translation>打印预览：送货单 {number}</translation>
    </message>
</context>
<context>
    <name>DeliveryShipping</name>
    <message>
        <source>Ship selected orders...</source>
        <translation>发货所选订单……</translation>
    </message>
    <message>
        <source>Ship selected orders in full</source>
        <translation>所选订单全部发货</translation>
    </message>
    <message>
        <source>Record receipt...</source>
        <translation>登记收货记录……</translation>
    </message>
    <message>
        <source>Print the delivery notes?</source>
        <translation>打印送货单？</translation>
    </message>
    <message>
        <source>Delivery note {number}: received on {date} ({receipt}), lines differing: {count}; ¥{credited} credited, ¥{returned} returned.</source>
        <translation>送货单 {number}：{date} 收货（{receipt}），差异行数：{count}；冲减应收 ¥{credited}，退货 ¥{returned}。</translation>
    </message>
    <message>
        <source>Recording the delivery notes...</source>
        <translation>正在记录送货单……</translation>
    </message>
    <message>
        <source>Nothing was shipped: the selected orders have nothing left to ship.</source>
        <translation>未发货：所选订单已没有待发数量。</translation>
    </message>
    <message>
        <source>Select the delivery note the customer signed for.</source>
        <translation>请选择客户签收的送货单。</translation>
    </message>
    <message>
        <source>Delivery note {number}: no receipt recorded yet (Ctrl+Shift+R records it).</source>
        <translation>送货单 {number}：尚未登记收货（按 Ctrl+Shift+R 登记）。</translation>
    </message>
    <message>
        <source>Delivery note {number}: received in full on {date}, signed by {signed_by} ({receipt}).</source>
        <translation>送货单 {number}：{date} 全部签收，签收人 {signed_by}（{receipt}）。</translation>
    </message>
    <message>
        <source>Delivery note {number} recorded; orders: {orders}.</source>
        <translation>已记录送货单 {number}；订单：{orders}。</translation>
    </message>
    <message>
        <source>Recorded delivery notes: {numbers}. Print them now?</source>
        <translation>已记录送货单：{numbers}。现在打印吗？</translation>
    </message>
    <message>
        <source>Receipt {number} posted; ¥{credited} credited for missing goods, ¥{returned} on sales return {return_number}.</source>
        <translation>收货记录 {number} 已过账；缺少货物冲减应收 ¥{credited}，销售退货单 {return_number} 冲减 ¥{returned}。</translation>
    </message>
    <message>
        <source>Receipt {number} posted; ¥{credited} credited for missing goods.</source>
        <translation>收货记录 {number} 已过账；缺少货物冲减应收 ¥{credited}。</translation>
    </message>
    <message>
        <source>Orders {orders} were not shipped: {reason}</source>
        <translation>订单 {orders} 未发货：{reason}</translation>
    </message>
    <message>
        <source>Recording a receipt needs the warehouse keeper, manager or administrator role; you are signed in as {role}.</source>
        <translation>登记收货记录需要库管、经理或管理员角色；您当前的角色是{role}。</translation>
    </message>
</context>
<context>
    <name>DialogKeys</name>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>The changes in this form are not saved. Close it and discard them?</source>
        <translation>此表单的修改尚未保存。关闭并放弃这些修改吗？</translation>
    </message>
</context>
<context>
    <name>DocumentPrinting</name>
    <message>
        <source>Printing stopped at {number}: {printer} did not start the job. Check that the printer is on and ready, or that the file can be written, then print the rest again.</source>
        <translation>打印在 {number} 处中止：{printer} 未能开始打印任务。请检查打印机已开机并就绪，或文件可以写入，然后重新打印其余单据。</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>Select the documents to print first.</source>
        <translation>请先选择要打印的单据。</translation>
    </message>
    <message numerus="yes">
        <source>Print %n document(s)</source>
        <translation>
            <numerusform>打印 %n 张单据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printed %n document(s).</source>
        <translation>
            <numerusform>已打印 %n 张单据。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentState</name>
    <message>
        <source>Applied</source>
        <translation>已生效</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已丢单</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已转订单</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>DocumentTexts</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>共 %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateModel</name>
    <message>
        <source>Same unified social credit code: {value}</source>
        <translation>统一社会信用代码相同：{value}</translation>
    </message>
    <message>
        <source>Same phone: {value}</source>
        <translation>电话相同：{value}</translation>
    </message>
    <message>
        <source>Similar name: {value}</source>
        <translation>名称相近：{value}</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>可能重复的客户</translation>
    </message>
    <message>
        <source>Orders: {orders}, payments: {payments}, balance: {balance}</source>
        <translation>订单：{orders}，收款：{payments}，余额：{balance}</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <source>Possible duplicate customer</source>
        <translation>可能是重复客户</translation>
    </message>
    <message>
        <source>This customer may already exist. Open the existing customer, or save a new one if they are different businesses.</source>
        <translation>该客户可能已经存在。请打开已有客户；如果确实是不同的商家，再另存为新客户。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Open existing</source>
        <translation>打开已有客户(&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected customer instead of saving (Alt+O)</source>
        <translation>不保存，改为打开选中的客户（Alt+O）</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>仍然保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save as a separate customer (Alt+S)</source>
        <translation>作为另一个客户保存（Alt+S）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Return to the form without saving (Esc)</source>
        <translation>不保存，返回表单（Esc）</translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Choose the customer to keep. The other one is deleted, and its contacts, addresses, open orders and balance move to the one you keep. This cannot be undone.</source>
        <translation>请选择要保留的客户。另一个客户将被删除，其联系人、地址、未完成的订单和余额都转到保留的客户名下。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <source>Not a duplicate</source>
        <translation>不是重复客户</translation>
    </message>
    <message>
        <source>Why are these two different businesses? The note is required.</source>
        <translation>为什么这是两个不同的商家？必须填写说明。</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>These customers may have been entered twice, often by two clerks working offline. Merge them into one, or mark them as different businesses.</source>
        <translation>这些客户可能被录入了两次，常见于两位业务员离线时各自录入。请将其合并为一个，或标记为不同的商家。</translation>
    </message>
    <message>
        <source>No possible duplicates.</source>
        <translation>没有可能重复的客户。</translation>
    </message>
    <message>
        <source>Merge... (Ctrl+M)</source>
        <translation>合并……（Ctrl+M）</translation>
    </message>
    <message>
        <source>Keep one of the two customers and fold the other into it</source>
        <translation>保留其中一个客户，把另一个并入它</translation>
    </message>
    <message>
        <source>Not a duplicate... (Ctrl+D)</source>
        <translation>不是重复……（Ctrl+D）</translation>
    </message>
    <message>
        <source>Record why the two are different businesses and close the task</source>
        <translation>记录两者为何是不同商家，并关闭此任务</translation>
    </message>
    <message>
        <source>Merged into {code} {name}.</source>
        <translation>已合并到 {code} {name}。</translation>
    </message>
    <message>
        <source>Merging...</source>
        <translation>正在合并……</translation>
    </message>
    <message>
        <source>Marked as different businesses: {reason}.</source>
        <translation>已标记为不同商家：{reason}。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This user is deactivated; ask an administrator.</source>
        <translation>此用户已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation>操作已取消。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Kaidan keeps working offline and syncs when the server is back.</source>
        <translation>无法连接服务器。开单将离线继续工作，服务器恢复后自动同步。</translation>
    </message>
    <message>
        <source>Sign in to the server once before working offline.</source>
        <translation>离线工作之前，请先登录服务器一次。</translation>
    </message>
    <message>
        <source>Sign-in failed: check the user name and password, then sign in again.</source>
        <translation>登录失败：请检查用户名和密码后重新登录。</translation>
    </message>
    <message>
        <source>No credential store (keyring) is available, so Kaidan cannot remember your sign-in. You will be asked for your password at each start.</source>
        <translation>系统没有可用的凭据存储（keyring），开单无法记住登录信息，每次启动都需要输入密码。</translation>
    </message>
    <message>
        <source>The server runs an older version of Kaidan than this computer. Ask your administrator to update the server; your changes stay queued until then.</source>
        <translation>服务器运行的 Kaidan 版本比本机旧。请联系管理员升级服务器；在此之前，您的更改会保留在待同步队列中。</translation>
    </message>
    <message>
        <source>The server needs a newer version of Kaidan. Install the update, then sign in again.</source>
        <translation>服务器需要更新版本的开单。请安装更新后重新登录。</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
    <message>
        <source>Kaidan</source>
        <translation>开单</translation>
    </message>
    <message>
        <source>Something went wrong. Your saved work is safe. Please send the details to support.</source>
        <translation>程序出错了。已保存的数据不会丢失。请把详细信息发给技术支持。</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Parent department</source>
        <translation>上级部门</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Negative stock policy</source>
        <translation>负库存策略</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Discount limit</source>
        <translation>折扣上限</translation>
    </message>
    <message>
        <source>Maximum line discount</source>
        <translation>单行折扣上限</translation>
    </message>
    <message>
        <source>Credit check</source>
        <translation>信用检查</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Payment terms (days)</source>
        <translation>账期（天）</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>价格等级</translation>
    </message>
    <message>
        <source>Default credit limit</source>
        <translation>默认信用额度</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Mnemonic</source>
        <translation>助记码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Invoice title</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Follow-up content</source>
        <translation>跟进内容</translation>
    </message>
    <message>
        <source>Next follow-up date</source>
        <translation>下次跟进日期</translation>
    </message>
</context>
<context>
    <name>FlagModel</name>
    <message>
        <source>Receipt confirmation {number}</source>
        <translation>收货记录 {number}</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Rule broken</source>
        <translation>违反的规则</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Resolved by {user}: {note}</source>
        <translation>已由{user}处理：{note}</translation>
    </message>
    <message>
        <source>Delivery note {number}</source>
        <translation>送货单 {number}</translation>
    </message>
    <message>
        <source>Goods receipt {number}</source>
        <translation>入库单 {number}</translation>
    </message>
    <message>
        <source>Payment {number}</source>
        <translation>收款单 {number}</translation>
    </message>
    <message>
        <source>Stock transfer {number}</source>
        <translation>调拨单 {number}</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>订单 {number}</translation>
    </message>
    <message>
        <source>Customer {number}</source>
        <translation>客户 {number}</translation>
    </message>
    <message>
        <source>Resolved by {user}</source>
        <translation>已由{user}处理</translation>
    </message>
</context>
<context>
    <name>FlagsView</name>
    <message>
        <source>These documents were posted although they broke a rule, because the goods or money had already moved. Deal with each one, then mark it resolved.</source>
        <translation>这些单据违反了规则，但货物或款项已经发生，所以照常过账。请逐条处理，然后标记为已处理。</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>显示已处理</translation>
    </message>
    <message>
        <source>No open flags.</source>
        <translation>没有待处理的异常。</translation>
    </message>
    <message>
        <source>Mark resolved...</source>
        <translation>标记为已处理……</translation>
    </message>
    <message>
        <source>Record what you did about this flag and close it</source>
        <translation>记录您的处理方式并关闭此异常</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <source>What did you do about the flag on {document}?</source>
        <translation>您对{document}的异常做了什么处理？</translation>
    </message>
    <message>
        <source>The flag on {document} is resolved.</source>
        <translation>{document}的异常已处理。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>GoodsReceiptEditor</name>
    <message>
        <source>New goods receipt</source>
        <translation>新建入库单</translation>
    </message>
    <message>
        <source>&amp;Supplier:</source>
        <translation>供应商(&amp;S)：</translation>
    </message>
    <message>
        <source>Into &amp;warehouse:</source>
        <translation>入库仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Post receipt (Ctrl+S)</source>
        <translation>入库过账(&amp;P) (Ctrl+S)</translation>
    </message>
    <message>
        <source>Type a product code, barcode or pinyin initials (F2 searches), then the quantity, unit, unit cost and, for tracked products, the batch number and expiry date; Enter moves on. Ctrl+S posts, Esc closes.</source>
        <translation>输入商品编码、条码或拼音首字母（F2 查找），再填数量、单位、单位成本；按批次或有效期管理的商品还要填批号和有效期。回车进入下一格。Ctrl+S 过账，Esc 关闭。</translation>
    </message>
    <message>
        <source>(no supplier)</source>
        <translation>（无供应商）</translation>
    </message>
    <message>
        <source>Type a product code, barcode or pinyin initials (F2 searches), then the quantity, unit and, for tracked products, the batch number and expiry date; Enter moves on. Ctrl+S posts, Esc closes. You enter no costs: the server costs the goods at the product&apos;s moving average cost in this warehouse, or at its purchase price when it has no stock cost yet.</source>
        <translation>输入商品编码、条码或拼音首字母（F2 查找），再填数量、单位；按批次或有效期管理的商品还要填批号和有效期。回车进入下一格。Ctrl+S 过账，Esc 关闭。您无需填写成本：服务器按该商品在此仓库的移动加权平均成本计价，尚无库存成本时按其进货价计价。</translation>
    </message>
    <message>
        <source>Choose the warehouse the goods come into.</source>
        <translation>请选择入库仓库。</translation>
    </message>
    <message>
        <source>Lines: {count}</source>
        <translation>行数：{count}</translation>
    </message>
    <message>
        <source>Lines: {count}    Total: ¥{amount}</source>
        <translation>行数：{count}    合计：¥{amount}</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Send the selected orders back</source>
        <translation>退回选中的订单</translation>
    </message>
    <message>
        <source>Approve the selected orders</source>
        <translation>批准选中的订单</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Print the quotation</source>
        <translation>打印报价单</translation>
    </message>
    <message>
        <source>Make an order of the quotation</source>
        <translation>由报价单生成订单</translation>
    </message>
    <message>
        <source>Quotations</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Copy the selected order</source>
        <translation>复制选中的订单</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Add the lines of the customer&apos;s last order</source>
        <translation>添加该客户上一张订单的明细</translation>
    </message>
    <message>
        <source>Take the customer&apos;s last price</source>
        <translation>采用该客户的上次价格</translation>
    </message>
    <message>
        <source>Menu key</source>
        <translation>菜单键</translation>
    </message>
    <message>
        <source>Kaidan {version}

Signed in as {user} ({role}) at {server}.
Data folder on this computer: {folder}

Chinese text uses the WenQuanYi Micro Hei font, under the Apache License 2.0. The demo data comes from the Northwind sample database and from jshERP; their licences are in resources/datasets.</source>
        <translation>开单 {version}

当前用户：{user}（{role}），服务器：{server}。
本机数据文件夹：{folder}

中文显示使用文泉驿微米黑字体，按 Apache License 2.0 授权。演示数据来自 Northwind 示例数据库和 jshERP，其授权文件位于 resources/datasets。</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>未设置服务器</translation>
    </message>
    <message>
        <source>About Kaidan</source>
        <translation>关于开单</translation>
    </message>
    <message>
        <source>&amp;About Kaidan</source>
        <translation>关于开单(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Close, asking first when changes are not saved</source>
        <translation>关闭；有未保存的修改时先询问</translation>
    </message>
    <message>
        <source>Forms and details</source>
        <translation>表单和详情</translation>
    </message>
    <message>
        <source>Confirm the order</source>
        <translation>确认订单</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>保存为草稿</translation>
    </message>
    <message>
        <source>Remove the selected line</source>
        <translation>删除选中的行</translation>
    </message>
    <message>
        <source>Next cell; after the last cell, a new line</source>
        <translation>下一个单元格；最后一格之后新增一行</translation>
    </message>
    <message>
        <source>Product list with prices and stock</source>
        <translation>打开商品列表（含价格和库存）</translation>
    </message>
    <message>
        <source>Order entry</source>
        <translation>开单</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>下一个标签页</translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Edit the master data</source>
        <translation>编辑基本资料</translation>
    </message>
    <message>
        <source>Customer and supplier details</source>
        <translation>客户和供应商详情</translation>
    </message>
    <message>
        <source>New order for the selected customer</source>
        <translation>为选中的客户新建订单</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Sort and column choices</source>
        <translation>排序和列设置</translation>
    </message>
    <message>
        <source>From the search box to the list; open the selected row</source>
        <translation>从搜索框进入列表；打开选中的行</translation>
    </message>
    <message>
        <source>Go to the search box</source>
        <translation>转到搜索框</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>显示本快捷键列表</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Switch to the page of that number</source>
        <translation>切换到对应序号的页面</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>所有页面</translation>
    </message>
    <message>
        <source>Mark the quotation sent</source>
        <translation>将报价单标记为已发送</translation>
    </message>
    <message>
        <source>Mark the quotation lost, with the reason</source>
        <translation>将报价单标记为丢单，并填写原因</translation>
    </message>
    <message>
        <source>Cancel the quotation</source>
        <translation>作废报价单</translation>
    </message>
    <message>
        <source>Show the order&apos;s history</source>
        <translation>查看订单历史</translation>
    </message>
    <message>
        <source>Verify a completed order</source>
        <translation>核准已完成的订单</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Return goods of the selected delivery note</source>
        <translation>为选中的送货单办理退货</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Set the reorder point of the current row</source>
        <translation>设置当前行的补货点</translation>
    </message>
    <message>
        <source>Ship the current order and print its delivery note; on a delivery note, preview it</source>
        <translation>发出当前订单并打印送货单；在送货单上则打开预览</translation>
    </message>
    <message>
        <source>Save the current delivery note or return note as PDF</source>
        <translation>将当前送货单或退货单另存为 PDF</translation>
    </message>
    <message>
        <source>New order (on the Quotations page: new quotation)</source>
        <translation>新建订单（在报价单页为新建报价单）</translation>
    </message>
    <message>
        <source>Freight, document discount, delivery date wanted</source>
        <translation>运费、整单折扣、要求交货日期</translation>
    </message>
    <message>
        <source>Ship the selected orders, choosing quantities and batches</source>
        <translation>发货所选订单，可选择数量和批号</translation>
    </message>
    <message>
        <source>Ship the selected orders in full</source>
        <translation>所选订单全部发货</translation>
    </message>
    <message>
        <source>Record the receipt the customer signed for the selected delivery note</source>
        <translation>为选中的送货单登记客户签收的收货记录</translation>
    </message>
    <message>
        <source>Print the selected delivery notes or return notes</source>
        <translation>打印选中的送货单或退货单</translation>
    </message>
    <message>
        <source>Print the selected delivery notes as text on a dot-matrix printer</source>
        <translation>以文本方式在针式打印机上打印选中的送货单</translation>
    </message>
    <message>
        <source>Stock: Movement detail</source>
        <translation>库存：出入库明细</translation>
    </message>
    <message>
        <source>Choose the product whose movements are shown</source>
        <translation>选择要查看出入库明细的商品</translation>
    </message>
    <message>
        <source>Stock: Goods receipts, Transfers</source>
        <translation>库存：入库单、调拨单</translation>
    </message>
    <message>
        <source>New goods receipt or transfer</source>
        <translation>新建入库单或调拨单</translation>
    </message>
    <message>
        <source>Open the selected document read-only</source>
        <translation>以只读方式打开选中的单据</translation>
    </message>
    <message>
        <source>Stock: Stocktakes</source>
        <translation>库存：盘点</translation>
    </message>
    <message>
        <source>New stocktake</source>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <source>Open the selected stocktake</source>
        <translation>打开选中的盘点单</translation>
    </message>
    <message>
        <source>Cancel the selected stocktake while it is counting</source>
        <translation>作废选中的盘点单（仅限盘点中的）</translation>
    </message>
    <message>
        <source>Goods receipt and transfer entry</source>
        <translation>入库单和调拨单录入</translation>
    </message>
    <message>
        <source>Product list</source>
        <translation>打开商品列表</translation>
    </message>
    <message>
        <source>Remove the current line</source>
        <translation>删除当前行</translation>
    </message>
    <message>
        <source>Post the document</source>
        <translation>过账单据</translation>
    </message>
    <message>
        <source>Stocktake count</source>
        <translation>盘点录入</translation>
    </message>
    <message>
        <source>Add a line for a batch the book stock does not list</source>
        <translation>为账面库存中没有的批次添加一行</translation>
    </message>
    <message>
        <source>Remove an added batch line</source>
        <translation>删除新增的批次行</translation>
    </message>
    <message>
        <source>Save the count sheet</source>
        <translation>保存盘点表</translation>
    </message>
    <message>
        <source>Post the stocktake</source>
        <translation>过账盘点单</translation>
    </message>
</context>
<context>
    <name>ListColumns</name>
    <message>
        <source>Best match</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Ascending</source>
        <translation>升序</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>降序</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Kaidan</source>
        <translation>登录开单</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>for example http://192.168.1.10:8765</source>
        <translation>例如 http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>empty: use the saved sign-in</source>
        <translation>留空：使用已保存的登录</translation>
    </message>
    <message>
        <source>Leave empty to sign in with the sign-in saved in the system&apos;s credential store</source>
        <translation>留空则使用系统凭据存储中保存的登录信息</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the server address and your user name.</source>
        <translation>请输入服务器地址和用户名。</translation>
    </message>
    <message>
        <source>Signing in...</source>
        <translation>正在登录……</translation>
    </message>
    <message>
        <source>The server cannot be reached, and this user has no data on this computer yet. Check the address and the network; the first sign-in needs the server.</source>
        <translation>无法连接服务器，且本机还没有该用户的数据。请检查地址和网络；首次登录需要连接服务器。</translation>
    </message>
    <message>
        <source>No saved sign-in for this user: enter the password.</source>
        <translation>该用户没有已保存的登录信息，请输入密码。</translation>
    </message>
    <message>
        <source>No credential store (keyring) is available on this computer, so no sign-in is saved: enter the password.</source>
        <translation>本机没有可用的凭据存储（keyring），没有保存登录信息，请输入密码。</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: {error}</source>
        <translation>登录意外失败：{error}</translation>
    </message>
</context>
<context>
    <name>LowStockModel</name>
    <message>
        <source>Product code</source>
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
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Suggested order</source>
        <translation>建议采购量</translation>
    </message>
</context>
<context>
    <name>LowStockTab</name>
    <message>
        <source>No reorder points are set yet. To set one, select a row on the Balances tab and press Ctrl+E.</source>
        <translation>尚未设置补货点。请在“库存余额”页选中一行，按 Ctrl+E 设置。</translation>
    </message>
    <message>
        <source>No product is below its reorder point.</source>
        <translation>没有低于补货点的商品。</translation>
    </message>
    <message>
        <source>Search products by name, code or barcode</source>
        <translation>按名称、编码或条码搜索商品</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Products whose available stock (on hand - reserved) is below the reorder point of the warehouse. Shortfall = reorder point - available. Ctrl+E sets the reorder point of the current row.</source>
        <translation>列出可用量（现存量 − 占用量）低于该仓库补货点的商品。缺口 = 补货点 − 可用量。按 Ctrl+E 设置当前行的补货点。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Print a test page and correct where this computer&apos;s printer puts the print on the form</source>
        <translation>打印测试页，校正本机打印机在单据纸上的打印位置</translation>
    </message>
    <message>
        <source>Printer &amp;calibration...</source>
        <translation>打印机校准(&amp;C)……</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>异常</translation>
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
        <source>Syncing...</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <source>Kaidan - {user} at {server}</source>
        <translation>开单 - {user} @ {server}</translation>
    </message>
    <message>
        <source>This page is not available in this version yet.</source>
        <translation>此版本暂未提供该页面。</translation>
    </message>
    <message>
        <source>Ctrl+1 to Ctrl+{last} switch pages</source>
        <translation>Ctrl+1 到 Ctrl+{last} 切换页面</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send your changes to the server and fetch new data (F5)</source>
        <translation>把本机的修改发送到服务器并获取新数据 (F5)</translation>
    </message>
    <message>
        <source>&amp;New order...</source>
        <translation>新建订单(&amp;N)……</translation>
    </message>
    <message>
        <source>Open the entry form of a new order (Ctrl+N)</source>
        <translation>打开新订单的录入窗口 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation>登录……</translation>
    </message>
    <message>
        <source>The server refused the saved sign-in; enter your password again</source>
        <translation>服务器拒绝了保存的登录信息，请重新输入密码</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Verify with server...</source>
        <translation>与服务器核对(&amp;V)……</translation>
    </message>
    <message>
        <source>Compare this computer&apos;s data with the server&apos;s, table by table</source>
        <translation>逐表比较本机数据与服务器数据</translation>
    </message>
    <message>
        <source>Sync &amp;problems</source>
        <translation>同步问题(&amp;P)</translation>
    </message>
    <message>
        <source>Connection to the server</source>
        <translation>与服务器的连接</translation>
    </message>
    <message>
        <source>Changes saved on this computer that the server has not accepted yet</source>
        <translation>已保存在本机、服务器尚未接收的修改</translation>
    </message>
    <message>
        <source>When this computer last synced with the server</source>
        <translation>本机上次与服务器同步的时间</translation>
    </message>
    <message>
        <source>Unsynced changes: %n</source>
        <translation>未同步修改：%n</translation>
    </message>
    <message>
        <source>{unsynced}, {refused}</source>
        <translation>{unsynced}，{refused}</translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>被拒 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server rejected or held %n change(s); click to see them</source>
        <translation>
            <numerusform>服务器拒绝或暂缓了 %n 项修改，点击查看</numerusform>
        </translation>
    </message>
    <message>
        <source>{page} ({count})</source>
        <translation>{page}（{count}）</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <source>Close this note</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复客户</translation>
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
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Quotations</source>
        <translation>报价单</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{number} was printed again (print {print_number}) without a reprint reason, because the device that printed it had not yet received the earlier print</source>
        <translation>{number} 被再次打印（第 {print_number} 次）但没有补打原因，因为打印它的设备当时尚未收到之前的打印记录</translation>
    </message>
    <message>
        <source>Ask who printed the document why it was printed again, and make sure only one copy is in use.</source>
        <translation>请询问打印人为何再次打印该单据，并确认只有一份单据在使用。</translation>
    </message>
    <message>
        <source>Line {line_no}: {missing} {unit_name} of {product_code} missing is more than delivery {delivery_number} has left to credit ({open} not yet returned or credited); correct the received quantity</source>
        <translation>第 {line_no} 行：{product_code} 缺少 {missing} {unit_name}，超过送货单 {delivery_number} 可冲减的数量（尚未退货或冲减 {open}）；请更正实收数量</translation>
    </message>
    <message>
        <source>The customer received more {product_code} than delivery {delivery_number} shipped: {received} {unit_name} of {delivered}</source>
        <translation>客户实收 {product_code} 多于送货单 {delivery_number} 的发货数量：发货 {delivered}，实收 {received} {unit_name}</translation>
    </message>
    <message>
        <source>Find where the extra goods came from; bill them on a new delivery or fetch them back.</source>
        <translation>查明多出货物的来源；开新的送货单收款，或把货物取回。</translation>
    </message>
    <message>
        <source>Record receipt {number} from {party}</source>
        <translation>登记 {party} 的收货记录 {number}</translation>
    </message>
    <message>
        <source>Record receipt {number}</source>
        <translation>登记收货记录 {number}</translation>
    </message>
    <message>
        <source>Book stock in warehouse {warehouse_code} changed between the count and the posting (lines: {count}; products: {product_codes}); posting set it to the count</source>
        <translation>仓库 {warehouse_code} 的账面库存在盘点之后、过账之前发生了变动（行数：{count}；商品：{product_codes}），过账已将其设为盘点数量</translation>
    </message>
    <message>
        <source>The stocktake of warehouse {warehouse_code} had been cancelled before it was posted</source>
        <translation>仓库 {warehouse_code} 的盘点单在过账前已被作废</translation>
    </message>
    <message>
        <source>Stocktake {number} has already been posted or cancelled and can no longer be changed; start a new stocktake</source>
        <translation>盘点单 {number} 已过账或已作废，不能再修改；请新建盘点单</translation>
    </message>
    <message>
        <source>Save stocktake {number}</source>
        <translation>保存盘点单 {number}</translation>
    </message>
    <message>
        <source>Post stocktake {number}</source>
        <translation>盘点单 {number} 过账</translation>
    </message>
    <message>
        <source>Cancel stocktake {number}</source>
        <translation>作废盘点单 {number}</translation>
    </message>
    <message>
        <source>Check the movements of those products posted after the count; if goods moved after they were counted, count those products again and post a new stocktake.</source>
        <translation>核对这些商品在盘点之后过账的出入库；如果货物在清点之后才移动，请重新清点这些商品并过账新的盘点单。</translation>
    </message>
    <message>
        <source>Ask the keeper whether the count is valid; if not, count the warehouse again and post a new stocktake.</source>
        <translation>向仓管员确认这次盘点是否有效；如果无效，请重新清点该仓库并过账新的盘点单。</translation>
    </message>
    <message>
        <source>Record a print of {number} for {party}</source>
        <translation>记录 {party} 的单据 {number} 的打印</translation>
    </message>
    <message>
        <source>Record a print of {number}</source>
        <translation>记录单据 {number} 的打印</translation>
    </message>
    <message>
        <source>Not enough stock of {product_code}: {requested} {unit} requested, {available} {unit} available</source>
        <translation>{product_code} 库存不足：需要 {requested}{unit}，可用 {available}{unit}</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters</source>
        <translation>密码至少需要 {minimum} 个字符</translation>
    </message>
    <message>
        <source>User {username} is deactivated; ask an administrator</source>
        <translation>用户 {username} 已停用，请联系管理员</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid phone number; enter a mainland number such as 0871-65123456, or a number abroad with + and its country code, such as +81 3 3555 5011</source>
        <translation>{field}：{value} 不是有效的电话号码；请输入中国大陆号码，例如 0871-65123456；国外号码请加 + 和国家代码，例如 +81 3 3555 5011</translation>
    </message>
    <message>
        <source>Department {department_code} is inactive</source>
        <translation>部门 {department_code} 已停用</translation>
    </message>
    <message>
        <source>Department {department_code} cannot be placed under itself or one of its subdepartments</source>
        <translation>部门 {department_code} 不能放在自身或其下级部门之下</translation>
    </message>
    <message>
        <source>Department {department_code} still has {users} active users and {warehouses} active warehouses; move or deactivate them first</source>
        <translation>部门 {department_code} 仍有 {users} 个在用用户和 {warehouses} 个在用仓库，请先调走或停用</translation>
    </message>
    <message>
        <source>Unknown role {role}</source>
        <translation>未知角色 {role}</translation>
    </message>
    <message>
        <source>Every role except administrator needs a department</source>
        <translation>除管理员外，每个角色都必须属于一个部门</translation>
    </message>
    <message>
        <source>The user name {value} is already in use</source>
        <translation>用户名 {value} 已被使用</translation>
    </message>
    <message>
        <source>{username} is the last active administrator; make another user an administrator first</source>
        <translation>{username} 是最后一个在用的管理员，请先把另一位用户设为管理员</translation>
    </message>
    <message>
        <source>Unknown command {command}</source>
        <translation>未知的操作 {command}</translation>
    </message>
    <message>
        <source>Administrators always keep the right to run {command}</source>
        <translation>管理员始终保留执行 {command} 的权限</translation>
    </message>
    <message>
        <source>The user was not found on the server; sync first, then set the password</source>
        <translation>服务器上找不到该用户，请先同步，再设置密码</translation>
    </message>
    <message>
        <source>Not enough stock of {product_code}: {requested} requested, {available} available</source>
        <translation>{product_code} 库存不足：需要 {requested}，可用 {available}</translation>
    </message>
    <message>
        <source>Customer {customer_code} {name} is inactive</source>
        <translation>客户 {customer_code} {name} 已停用</translation>
    </message>
    <message>
        <source>Warehouse {warehouse_code} is inactive</source>
        <translation>仓库 {warehouse_code} 已停用</translation>
    </message>
    <message>
        <source>Line {line_no}: product {product_code} is inactive</source>
        <translation>第 {line_no} 行：商品 {product_code} 已停用</translation>
    </message>
    <message>
        <source>{name} has been deleted</source>
        <translation>{name} 已被删除</translation>
    </message>
    <message>
        <source>This record already exists ({table} {id})</source>
        <translation>该记录已存在（{table} {id}）</translation>
    </message>
    <message>
        <source>The document number {number} is already in use</source>
        <translation>单号 {number} 已被使用</translation>
    </message>
    <message>
        <source>The code {value} is already in use</source>
        <translation>编码 {value} 已被使用</translation>
    </message>
    <message>
        <source>The field {field} is required</source>
        <translation>字段 {field} 为必填项</translation>
    </message>
    <message>
        <source>Order {number} is no longer a draft (state: {status})</source>
        <translation>订单 {number} 已不是草稿（状态：{status}）</translation>
    </message>
    <message>
        <source>Order {number} is not waiting for approval (state: {status})</source>
        <translation>订单 {number} 不在待审批状态（状态：{status}）</translation>
    </message>
    <message>
        <source>Order {number} is cancelled</source>
        <translation>订单 {number} 已作废</translation>
    </message>
    <message>
        <source>Order {number} has deliveries and cannot be cancelled</source>
        <translation>订单 {number} 已有发货，不能作废</translation>
    </message>
    <message>
        <source>Order {number} is not completed (state: {status}); only a completed order can be verified</source>
        <translation>订单 {number} 尚未完成（状态：{status}），只有已完成的订单才能核准</translation>
    </message>
    <message>
        <source>The verification of order {number} changes no quantity or price; change at least one line</source>
        <translation>订单 {number} 的核准没有修改任何数量或价格，请至少修改一行</translation>
    </message>
    <message>
        <source>Line {line_no}: {requested} {unit_name} of {product_code} is more than delivery {delivery_number} has left to return ({delivered} delivered, {returned} already returned)</source>
        <translation>第 {line_no} 行：{product_code} 退货 {requested} {unit_name}，超过送货单 {delivery_number} 可退的数量（已发货 {delivered}，已退 {returned}）</translation>
    </message>
    <message>
        <source>Line {line_no}: {requested} {unit_name} of {product_code} is more than the verified order line has left to return ({billed} billed after verification, {returned} already returned)</source>
        <translation>第 {line_no} 行：{product_code} 退货 {requested} {unit_name}，超过订单行核准后可退的数量（核准后应收 {billed}，已退 {returned}）</translation>
    </message>
    <message>
        <source>Line {line_no}: the discount {discount} exceeds the amount</source>
        <translation>第 {line_no} 行：折扣 {discount} 超过金额</translation>
    </message>
    <message>
        <source>Line {line_no}: {quantity} of {product_code} is below the minimum order quantity {minimum}</source>
        <translation>第 {line_no} 行：{product_code} 的数量 {quantity} 低于起订量 {minimum}</translation>
    </message>
    <message>
        <source>Line {line_no}: {quantity} of {product_code} is above the maximum order quantity {maximum}</source>
        <translation>第 {line_no} 行：{product_code} 的数量 {quantity} 超过限定量 {maximum}</translation>
    </message>
    <message>
        <source>Credit limit {credit_limit} exceeded: {credit_used} used, this order {order_amount}</source>
        <translation>超出信用额度 {credit_limit}：已用 {credit_used}，本单 {order_amount}</translation>
    </message>
    <message>
        <source>The customer has overdue receivables of {overdue_amount}</source>
        <translation>该客户有逾期应收账款 {overdue_amount}</translation>
    </message>
    <message>
        <source>The price {unit_price} of {product_code} is below its lowest price {lowest_price}</source>
        <translation>{product_code} 的单价 {unit_price} 低于最低价 {lowest_price}</translation>
    </message>
    <message>
        <source>The discount {discount_percent} on {product_code} is above the limit {max_discount_percent}</source>
        <translation>{product_code} 的折扣 {discount_percent} 超过上限 {max_discount_percent}</translation>
    </message>
    <message>
        <source>Stock of {product_code} went below zero (on hand {on_hand})</source>
        <translation>{product_code} 出现负库存（现存量 {on_hand}）</translation>
    </message>
    <message>
        <source>Customer {customer_code} {name} had been deleted</source>
        <translation>客户 {customer_code} {name} 已被删除</translation>
    </message>
    <message>
        <source>Supplier {supplier_code} {name} had been deleted</source>
        <translation>供应商 {supplier_code} {name} 已被删除</translation>
    </message>
    <message>
        <source>Line {line_no} ({product_code}) entered stock at zero cost: it was received without a unit cost, and the product had no stock cost and no purchase price</source>
        <translation>第 {line_no} 行（{product_code}）按零成本入库：入库时未填单位成本，该商品既无库存成本也无进货价</translation>
    </message>
    <message>
        <source>Order {order_number} was not approved when it shipped</source>
        <translation>订单 {order_number} 发货时尚未审核</translation>
    </message>
    <message>
        <source>Order {order_number} belongs to another customer</source>
        <translation>订单 {order_number} 属于另一个客户</translation>
    </message>
    <message>
        <source>More of {product_code} delivered than ordered on {order_number}: {delivered} of {ordered}</source>
        <translation>订单 {order_number} 的 {product_code} 发货超出订货：订 {ordered}，发 {delivered}</translation>
    </message>
    <message>
        <source>Dated {document_date} in the closed period {period}; posted on {posting_date}</source>
        <translation>单据日期 {document_date} 属于已结账期间 {period}；已于 {posting_date} 入账</translation>
    </message>
    <message>
        <source>Only {allocated} of {requested} could be allocated to delivery {delivery_number}</source>
        <translation>送货单 {delivery_number} 只能核销 {allocated}（申请 {requested}）</translation>
    </message>
    <message>
        <source>Customer {customer_code} {name} may be the same as {other_code} {other_name} (same {match_field}: {match_value})</source>
        <translation>客户 {customer_code} {name} 可能与 {other_code} {other_name} 重复（{match_field}相同：{match_value}）</translation>
    </message>
    <message>
        <source>Warehouse {warehouse_code} moved from department {from_department} to {to_department}</source>
        <translation>仓库 {warehouse_code} 已从部门 {from_department} 调至 {to_department}</translation>
    </message>
    <message>
        <source>Recorded in warehouse {warehouse_code} before it moved from {from_department} to {to_department}</source>
        <translation>在仓库 {warehouse_code} 从 {from_department} 调至 {to_department} 之前录入</translation>
    </message>
    <message>
        <source>The flag on {document_number} is already resolved</source>
        <translation>{document_number} 的异常已经处理过了</translation>
    </message>
    <message>
        <source>The unified social credit code {value} is invalid</source>
        <translation>统一社会信用代码 {value} 无效</translation>
    </message>
    <message>
        <source>The barcode {value} is invalid: its check digit is wrong</source>
        <translation>条码 {value} 无效：校验位错误</translation>
    </message>
    <message>
        <source>The barcode {value} is already used by product {product_code}</source>
        <translation>条码 {value} 已被商品 {product_code} 使用</translation>
    </message>
    <message>
        <source>Product {product_code} already has the unit {unit_name}</source>
        <translation>商品 {product_code} 已有单位 {unit_name}</translation>
    </message>
    <message>
        <source>The pack unit {unit_name} of {product_code} needs a factor other than 1; only the base unit has factor 1</source>
        <translation>商品 {product_code} 的包装单位 {unit_name} 的换算系数不能为 1；只有基本单位的系数为 1</translation>
    </message>
    <message>
        <source>Product {product_code} has no unit {unit_name}</source>
        <translation>商品 {product_code} 没有单位 {unit_name}</translation>
    </message>
    <message>
        <source>The lowest price {lowest_price} of {product_code} is above its list price {list_price}</source>
        <translation>{product_code} 的最低价 {lowest_price} 高于标准售价 {list_price}</translation>
    </message>
    <message>
        <source>The minimum order quantity {minimum} of {product_code} is above the maximum {maximum}</source>
        <translation>{product_code} 的起订量 {minimum} 大于限定量 {maximum}</translation>
    </message>
    <message>
        <source>Category {category_code} cannot be placed under itself or one of its subcategories</source>
        <translation>分类 {category_code} 不能放在自身或其下级分类之下</translation>
    </message>
    <message>
        <source>The end date {effective_to} is before the start date {effective_from}</source>
        <translation>结束日期 {effective_to} 早于开始日期 {effective_from}</translation>
    </message>
    <message>
        <source>The list price of {product_code} per {unit_name} is set by price adjustment {number}; enter a new price adjustment to change it</source>
        <translation>{product_code} 每{unit_name}的标准售价由调价单 {number} 设定；如需修改，请新建调价单</translation>
    </message>
    <message>
        <source>Price adjustment {number} is no longer a draft (state: {status})</source>
        <translation>调价单 {number} 已不是草稿（状态：{status}）</translation>
    </message>
    <message>
        <source>Product {product_code} is inactive or deleted and has no price</source>
        <translation>商品 {product_code} 已停用或已删除，没有价格</translation>
    </message>
    <message>
        <source>This record was not found ({table} {id})</source>
        <translation>找不到该记录（{table} {id}）</translation>
    </message>
    <message>
        <source>Create product {number} {party}</source>
        <translation>新建商品 {number} {party}</translation>
    </message>
    <message>
        <source>Create product {number}</source>
        <translation>新建商品 {number}</translation>
    </message>
    <message>
        <source>Change product {number} {party}</source>
        <translation>修改商品 {number} {party}</translation>
    </message>
    <message>
        <source>Change product {number}</source>
        <translation>修改商品 {number}</translation>
    </message>
    <message>
        <source>Deactivate product {number} {party}</source>
        <translation>停用商品 {number} {party}</translation>
    </message>
    <message>
        <source>Deactivate product {number}</source>
        <translation>停用商品 {number}</translation>
    </message>
    <message>
        <source>Add a barcode to product {number} {party}</source>
        <translation>为商品 {number} {party} 添加条码</translation>
    </message>
    <message>
        <source>Add a product barcode</source>
        <translation>添加商品条码</translation>
    </message>
    <message>
        <source>Remove a barcode of product {number} {party}</source>
        <translation>移除商品 {number} {party} 的条码</translation>
    </message>
    <message>
        <source>Remove a product barcode</source>
        <translation>移除商品条码</translation>
    </message>
    <message>
        <source>Set a unit of product {number} {party}</source>
        <translation>设置商品 {number} {party} 的单位</translation>
    </message>
    <message>
        <source>Set a product unit</source>
        <translation>设置商品单位</translation>
    </message>
    <message>
        <source>Remove a unit of product {number} {party}</source>
        <translation>移除商品 {number} {party} 的单位</translation>
    </message>
    <message>
        <source>Remove a product unit</source>
        <translation>移除商品单位</translation>
    </message>
    <message>
        <source>Create product category {number} {party}</source>
        <translation>新建商品分类 {number} {party}</translation>
    </message>
    <message>
        <source>Create product category {number}</source>
        <translation>新建商品分类 {number}</translation>
    </message>
    <message>
        <source>Change product category {number} {party}</source>
        <translation>修改商品分类 {number} {party}</translation>
    </message>
    <message>
        <source>Change product category {number}</source>
        <translation>修改商品分类 {number}</translation>
    </message>
    <message>
        <source>Create brand {number} {party}</source>
        <translation>新建品牌 {number} {party}</translation>
    </message>
    <message>
        <source>Create brand {number}</source>
        <translation>新建品牌 {number}</translation>
    </message>
    <message>
        <source>Change brand {number} {party}</source>
        <translation>修改品牌 {number} {party}</translation>
    </message>
    <message>
        <source>Change brand {number}</source>
        <translation>修改品牌 {number}</translation>
    </message>
    <message>
        <source>Set an agreed price for {party}</source>
        <translation>为 {party} 设置协议价</translation>
    </message>
    <message>
        <source>Set an agreed price</source>
        <translation>设置协议价</translation>
    </message>
    <message>
        <source>End an agreed price of {party}</source>
        <translation>终止 {party} 的协议价</translation>
    </message>
    <message>
        <source>End an agreed price</source>
        <translation>终止协议价</translation>
    </message>
    <message>
        <source>Set a customer category price</source>
        <translation>设置客户分类价</translation>
    </message>
    <message>
        <source>Enter price adjustment {number}</source>
        <translation>录入调价单 {number}</translation>
    </message>
    <message>
        <source>Approve price adjustment {number}</source>
        <translation>审核调价单 {number}</translation>
    </message>
    <message>
        <source>Apply the due price adjustments</source>
        <translation>执行到期的调价单</translation>
    </message>
    <message>
        <source>Create supplier {number} {party}</source>
        <translation>新建供应商 {number} {party}</translation>
    </message>
    <message>
        <source>Create supplier {number}</source>
        <translation>新建供应商 {number}</translation>
    </message>
    <message>
        <source>Change supplier {number} {party}</source>
        <translation>修改供应商 {number} {party}</translation>
    </message>
    <message>
        <source>Change supplier {number}</source>
        <translation>修改供应商 {number}</translation>
    </message>
    <message>
        <source>Add a contact to supplier {party}</source>
        <translation>为供应商 {party} 添加联系人</translation>
    </message>
    <message>
        <source>Add a supplier contact</source>
        <translation>添加供应商联系人</translation>
    </message>
    <message>
        <source>Change a contact of supplier {party}</source>
        <translation>修改供应商 {party} 的联系人</translation>
    </message>
    <message>
        <source>Change a supplier contact</source>
        <translation>修改供应商联系人</translation>
    </message>
    <message>
        <source>Delete a contact of supplier {party}</source>
        <translation>删除供应商 {party} 的联系人</translation>
    </message>
    <message>
        <source>Delete a supplier contact</source>
        <translation>删除供应商联系人</translation>
    </message>
    <message>
        <source>Create department {number} {party}</source>
        <translation>新建部门 {number} {party}</translation>
    </message>
    <message>
        <source>Create department {number}</source>
        <translation>新建部门 {number}</translation>
    </message>
    <message>
        <source>Change department {number} {party}</source>
        <translation>修改部门 {number} {party}</translation>
    </message>
    <message>
        <source>Change department {number}</source>
        <translation>修改部门 {number}</translation>
    </message>
    <message>
        <source>Create warehouse {number} {party}</source>
        <translation>新建仓库 {number} {party}</translation>
    </message>
    <message>
        <source>Create warehouse {number}</source>
        <translation>新建仓库 {number}</translation>
    </message>
    <message>
        <source>Change warehouse {number} {party}</source>
        <translation>修改仓库 {number} {party}</translation>
    </message>
    <message>
        <source>Change warehouse {number}</source>
        <translation>修改仓库 {number}</translation>
    </message>
    <message>
        <source>Create user {number} {party}</source>
        <translation>新建用户 {number} {party}</translation>
    </message>
    <message>
        <source>Create user {number}</source>
        <translation>新建用户 {number}</translation>
    </message>
    <message>
        <source>Change user {number} {party}</source>
        <translation>修改用户 {number} {party}</translation>
    </message>
    <message>
        <source>Change user {number}</source>
        <translation>修改用户 {number}</translation>
    </message>
    <message>
        <source>Change the permission {number}</source>
        <translation>修改权限 {number}</translation>
    </message>
    <message>
        <source>Change the settings of role {number}</source>
        <translation>修改角色设置 {number}</translation>
    </message>
    <message>
        <source>Change the company setting {number}</source>
        <translation>修改公司设置 {number}</translation>
    </message>
    <message>
        <source>Save the print template {number}</source>
        <translation>保存打印模板 {number}</translation>
    </message>
    <message>
        <source>Set the product&apos;s purchase price so that later receipts without a cost use it, and check the stock value of the product in that warehouse.</source>
        <translation>请设置该商品的进货价，以后未填成本的入库单将按进货价计成本；并核对该商品在该仓库的库存金额。</translation>
    </message>
    <message>
        <source>agreed price</source>
        <translation>协议价</translation>
    </message>
    <message>
        <source>category price</source>
        <translation>分类价</translation>
    </message>
    <message>
        <source>price level price</source>
        <translation>等级价</translation>
    </message>
    <message>
        <source>price adjustment</source>
        <translation>调价单</translation>
    </message>
    <message>
        <source>list price</source>
        <translation>标准售价</translation>
    </message>
    <message>
        <source>This change was saved by an older version of Kaidan (schema {schema_version}) that the server no longer accepts for {command}. Enter it again.</source>
        <translation>此修改由旧版 Kaidan（结构版本 {schema_version}）保存，服务器已不再接受此类操作（{command}）。请重新录入。</translation>
    </message>
    <message>
        <source>Your last sync is older than the server keeps deletions, so Kaidan downloads your data again.</source>
        <translation>您上次同步的时间早于服务器保留删除记录的期限，Kaidan 将重新下载您的数据。</translation>
    </message>
    <message>
        <source>Held because an earlier change it depends on was rejected</source>
        <translation>所依赖的前一项修改被拒绝，此项暂缓</translation>
    </message>
    <message>
        <source>Your role may not do this</source>
        <translation>您的角色无权执行此操作</translation>
    </message>
    <message>
        <source>This is outside your department or warehouses</source>
        <translation>超出您所在部门或仓库的范围</translation>
    </message>
    <message>
        <source>The document is incomplete or invalid</source>
        <translation>单据不完整或无效</translation>
    </message>
    <message>
        <source>The server does not know this command; update Kaidan</source>
        <translation>服务器不认识此操作，请更新开单</translation>
    </message>
    <message>
        <source>Please sign in again</source>
        <translation>请重新登录</translation>
    </message>
    <message>
        <source>You may not do this</source>
        <translation>您无权执行此操作</translation>
    </message>
    <message>
        <source>Not found on the server</source>
        <translation>服务器上找不到</translation>
    </message>
    <message>
        <source>The server failed; try again later</source>
        <translation>服务器出错，请稍后重试</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Create customer {number} {party}</source>
        <translation>新建客户 {number} {party}</translation>
    </message>
    <message>
        <source>Create customer {number}</source>
        <translation>新建客户 {number}</translation>
    </message>
    <message>
        <source>Change customer {number} {party}</source>
        <translation>修改客户 {number} {party}</translation>
    </message>
    <message>
        <source>Change customer {number}</source>
        <translation>修改客户 {number}</translation>
    </message>
    <message>
        <source>Delete customer {number} {party}</source>
        <translation>删除客户 {number} {party}</translation>
    </message>
    <message>
        <source>Delete customer {number}</source>
        <translation>删除客户 {number}</translation>
    </message>
    <message>
        <source>Enter order {number} for {party}</source>
        <translation>开订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Enter order {number}</source>
        <translation>开订单 {number}</translation>
    </message>
    <message>
        <source>Change order {number} for {party}</source>
        <translation>修改订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Change order {number}</source>
        <translation>修改订单 {number}</translation>
    </message>
    <message>
        <source>Confirm order {number} for {party}</source>
        <translation>确认订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Confirm order {number}</source>
        <translation>确认订单 {number}</translation>
    </message>
    <message>
        <source>Approve order {number} for {party}</source>
        <translation>审批订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Approve order {number}</source>
        <translation>审批订单 {number}</translation>
    </message>
    <message>
        <source>Cancel order {number} for {party}</source>
        <translation>取消订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Cancel order {number}</source>
        <translation>取消订单 {number}</translation>
    </message>
    <message>
        <source>Send order {number} for {party} back to the clerk</source>
        <translation>将订单 {number}（客户：{party}）退回开单员</translation>
    </message>
    <message>
        <source>Send order {number} back to the clerk</source>
        <translation>将订单 {number} 退回开单员</translation>
    </message>
    <message>
        <source>Verify order {number} for {party}</source>
        <translation>核准订单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Verify order {number}</source>
        <translation>核准订单 {number}</translation>
    </message>
    <message>
        <source>Post sales return {number} from {party}</source>
        <translation>销售退货单 {number} 过账（客户：{party}）</translation>
    </message>
    <message>
        <source>Post sales return {number}</source>
        <translation>销售退货单 {number} 过账</translation>
    </message>
    <message>
        <source>Ship delivery note {number} to {party}</source>
        <translation>发货：送货单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Ship delivery note {number}</source>
        <translation>发货：送货单 {number}</translation>
    </message>
    <message>
        <source>Record payment {number} from {party}</source>
        <translation>登记收款 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Record payment {number}</source>
        <translation>登记收款 {number}</translation>
    </message>
    <message>
        <source>Post goods receipt {number}</source>
        <translation>入库单 {number} 过账</translation>
    </message>
    <message>
        <source>Post stock transfer {number}</source>
        <translation>调拨单 {number} 过账</translation>
    </message>
    <message>
        <source>Resolve the flag on {number}</source>
        <translation>处理 {number} 的异常</translation>
    </message>
    <message>
        <source>Count the product in that warehouse and post the missing goods receipt or a stocktake.</source>
        <translation>清点该仓库中的这个商品，补录漏掉的入库单或做一次盘点。</translation>
    </message>
    <message>
        <source>Check whether the customer was deleted by mistake; restore it or move the document to the right customer.</source>
        <translation>检查客户是否被误删；恢复该客户，或把单据改到正确的客户名下。</translation>
    </message>
    <message>
        <source>Check whether the supplier was deleted by mistake; restore it or move the document to the right supplier.</source>
        <translation>检查供应商是否被误删；恢复该供应商，或把单据改到正确的供应商名下。</translation>
    </message>
    <message>
        <source>Review the order: approve it now, or agree with the customer how to return the goods.</source>
        <translation>审核该订单：现在审批，或与客户商定退货办法。</translation>
    </message>
    <message>
        <source>Compare the delivery note with the order and correct the customer with a return and a new delivery.</source>
        <translation>核对送货单与订单，用退货加重新发货的方式更正客户。</translation>
    </message>
    <message>
        <source>Confirm the extra quantity with the customer, or record a return for it.</source>
        <translation>与客户确认多发的数量，或为其登记退货。</translation>
    </message>
    <message>
        <source>Check the entry in the open period; the closed period&apos;s statements stay unchanged.</source>
        <translation>检查记入当前未结账期间的这笔记录；已结账期间的对账单保持不变。</translation>
    </message>
    <message>
        <source>Allocate the rest of the payment to other deliveries of the customer, or refund it.</source>
        <translation>把剩余款项分配到该客户的其他送货单，或予以退款。</translation>
    </message>
    <message>
        <source>Compare the two customers; if they are one business, merge them, otherwise mark this resolved.</source>
        <translation>请比对这两个客户：如是同一家企业，请合并；否则标记为已处理。</translation>
    </message>
    <message>
        <source>Check that the old department&apos;s keepers have synced; their replicas no longer show the warehouse.</source>
        <translation>请确认原部门的仓管员已同步；他们的本地数据中已不再显示该仓库。</translation>
    </message>
    <message>
        <source>Check the document with the keeper who recorded it; the goods moved before the warehouse changed department.</source>
        <translation>请与录入该单据的仓管员核对：货物在仓库调换部门之前已发生移动。</translation>
    </message>
    <message>
        <source>Check the document, then mark the flag resolved with what you did.</source>
        <translation>检查该单据，然后写明处理方式并标记为已处理。</translation>
    </message>
    <message>
        <source>Ask an administrator to grant you the permission, or discard the change.</source>
        <translation>请联系管理员为您开通权限，或者丢弃这项修改。</translation>
    </message>
    <message>
        <source>Correct the data it refers to first, or discard the change.</source>
        <translation>请先改正它所涉及的数据，或者丢弃这项修改。</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid mainland mobile or landline number; enter a landline with its area code, such as 0871-65123456</source>
        <translation>{field}：{value} 不是有效的中国大陆手机或固定电话号码；固定电话请带区号，例如 0871-65123456</translation>
    </message>
    <message>
        <source>{field} must be between {minimum} and {maximum}; {value} was entered</source>
        <translation>{field}必须在 {minimum} 到 {maximum} 之间，当前输入为 {value}</translation>
    </message>
    <message>
        <source>{field} must not be negative; {value} was entered</source>
        <translation>{field}不能为负数，当前输入为 {value}</translation>
    </message>
    <message>
        <source>{field} has more than {places} decimal places: {value}</source>
        <translation>{field}的小数位数超过 {places} 位：{value}</translation>
    </message>
    <message>
        <source>This duplicate task has already been resolved</source>
        <translation>该重复客户任务已处理</translation>
    </message>
    <message>
        <source>The customer to keep must be one of the two customers of the duplicate task</source>
        <translation>要保留的客户必须是该重复任务中的两个客户之一</translation>
    </message>
    <message>
        <source>This duplicate task is not about customers</source>
        <translation>该重复任务不涉及客户</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Merge duplicate customers</source>
        <translation>合并重复客户</translation>
    </message>
    <message>
        <source>Mark two customers as different businesses</source>
        <translation>将两个客户标记为不同企业</translation>
    </message>
    <message>
        <source>Add a contact to {party}</source>
        <translation>为 {party} 添加联系人</translation>
    </message>
    <message>
        <source>Add a customer contact</source>
        <translation>添加客户联系人</translation>
    </message>
    <message>
        <source>Change a contact of {party}</source>
        <translation>修改 {party} 的联系人</translation>
    </message>
    <message>
        <source>Change a customer contact</source>
        <translation>修改客户联系人</translation>
    </message>
    <message>
        <source>Delete a contact of {party}</source>
        <translation>删除 {party} 的联系人</translation>
    </message>
    <message>
        <source>Delete a customer contact</source>
        <translation>删除客户联系人</translation>
    </message>
    <message>
        <source>Create customer category {number}</source>
        <translation>新建客户分类 {number}</translation>
    </message>
    <message>
        <source>Change customer category {number}</source>
        <translation>修改客户分类 {number}</translation>
    </message>
    <message>
        <source>{field}: {value} is not a number</source>
        <translation>{field}：{value} 不是有效的数字</translation>
    </message>
    <message>
        <source>Unknown company setting {key}</source>
        <translation>未知的公司设置 {key}</translation>
    </message>
    <message>
        <source>{field} cannot be {value}; choose one of {choices}</source>
        <translation>{field} 不能为 {value}，请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>The postal code {value} is invalid; a mainland postal code has 6 digits</source>
        <translation>邮编 {value} 无效；大陆邮编为 6 位数字</translation>
    </message>
    <message>
        <source>The next follow-up date {next_follow_up_date} is before the follow-up date {follow_up_date}</source>
        <translation>下次跟进日期 {next_follow_up_date} 早于本次跟进日期 {follow_up_date}</translation>
    </message>
    <message>
        <source>{name} is not a contact of this customer</source>
        <translation>{name} 不是该客户的联系人</translation>
    </message>
    <message>
        <source>Add a follow-up to {party}</source>
        <translation>为 {party} 添加跟进记录</translation>
    </message>
    <message>
        <source>Add a customer follow-up</source>
        <translation>添加客户跟进记录</translation>
    </message>
    <message>
        <source>Add a shipping address to {party}</source>
        <translation>为 {party} 添加收货地址</translation>
    </message>
    <message>
        <source>Add a shipping address</source>
        <translation>添加收货地址</translation>
    </message>
    <message>
        <source>Change a shipping address of {party}</source>
        <translation>修改 {party} 的收货地址</translation>
    </message>
    <message>
        <source>Change a shipping address</source>
        <translation>修改收货地址</translation>
    </message>
    <message>
        <source>Delete a shipping address of {party}</source>
        <translation>删除 {party} 的收货地址</translation>
    </message>
    <message>
        <source>Delete a shipping address</source>
        <translation>删除收货地址</translation>
    </message>
    <message>
        <source>Add invoicing details to {party}</source>
        <translation>为 {party} 添加开票信息</translation>
    </message>
    <message>
        <source>Add invoicing details</source>
        <translation>添加开票信息</translation>
    </message>
    <message>
        <source>Change the invoicing details of {party}</source>
        <translation>修改 {party} 的开票信息</translation>
    </message>
    <message>
        <source>Change invoicing details</source>
        <translation>修改开票信息</translation>
    </message>
    <message>
        <source>Delete invoicing details of {party}</source>
        <translation>删除 {party} 的开票信息</translation>
    </message>
    <message>
        <source>Delete invoicing details</source>
        <translation>删除开票信息</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid phone number; enter a mainland number with its area code, such as 0871-65123456, or a number abroad with + and its country code, such as +852 2345 6789</source>
        <translation>{field}：{value} 不是有效的电话号码；请输入带区号的中国大陆号码，例如 0871-65123456；境外号码请加 + 和国家或地区代码，例如 +852 2345 6789</translation>
    </message>
    <message>
        <source>{field}: {value} is not a valid mobile number; enter a mainland mobile such as 139 1234 5678, or a number abroad with + and its country code, such as +852 9123 4567</source>
        <translation>{field}：{value} 不是有效的手机号码；请输入中国大陆手机号，例如 139 1234 5678；境外号码请加 + 和国家或地区代码，例如 +852 9123 4567</translation>
    </message>
    <message>
        <source>Quotation {number} is no longer a draft (state: {status})</source>
        <translation>报价单 {number} 已不是草稿（状态：{status}）</translation>
    </message>
    <message>
        <source>Quotation {number} is closed (state: {status})</source>
        <translation>报价单 {number} 已关闭（状态：{status}）</translation>
    </message>
    <message>
        <source>Quotation {number} has already become an order</source>
        <translation>报价单 {number} 已转为订单</translation>
    </message>
    <message>
        <source>Quotation {number} was valid until {valid_until} and cannot become an order dated {document_date}; enter a new quotation</source>
        <translation>报价单 {number} 的有效期至 {valid_until}，不能转为日期为 {document_date} 的订单；请重新报价</translation>
    </message>
    <message>
        <source>Enter quotation {number} for {party}</source>
        <translation>录入报价单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Enter quotation {number}</source>
        <translation>录入报价单 {number}</translation>
    </message>
    <message>
        <source>Change quotation {number} for {party}</source>
        <translation>修改报价单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Change quotation {number}</source>
        <translation>修改报价单 {number}</translation>
    </message>
    <message>
        <source>Mark quotation {number} for {party} as sent</source>
        <translation>将报价单 {number}（客户：{party}）标记为已发送</translation>
    </message>
    <message>
        <source>Mark quotation {number} as sent</source>
        <translation>将报价单 {number} 标记为已发送</translation>
    </message>
    <message>
        <source>Cancel quotation {number} for {party}</source>
        <translation>取消报价单 {number}（客户：{party}）</translation>
    </message>
    <message>
        <source>Cancel quotation {number}</source>
        <translation>取消报价单 {number}</translation>
    </message>
    <message>
        <source>Mark quotation {number} for {party} as lost</source>
        <translation>将报价单 {number}（客户：{party}）标记为未成交</translation>
    </message>
    <message>
        <source>Mark quotation {number} as lost</source>
        <translation>将报价单 {number} 标记为未成交</translation>
    </message>
    <message>
        <source>Turn quotation {number} for {party} into an order</source>
        <translation>报价单 {number}（客户：{party}）转为订单</translation>
    </message>
    <message>
        <source>Turn quotation {number} into an order</source>
        <translation>报价单 {number} 转为订单</translation>
    </message>
    <message>
        <source>Create promotion {number} {party}</source>
        <translation>新建促销 {number} {party}</translation>
    </message>
    <message>
        <source>Create promotion {number}</source>
        <translation>新建促销 {number}</translation>
    </message>
    <message>
        <source>Change promotion {number} {party}</source>
        <translation>修改促销 {number} {party}</translation>
    </message>
    <message>
        <source>Change promotion {number}</source>
        <translation>修改促销 {number}</translation>
    </message>
    <message>
        <source>End promotion {number} {party}</source>
        <translation>结束促销 {number} {party}</translation>
    </message>
    <message>
        <source>End promotion {number}</source>
        <translation>结束促销 {number}</translation>
    </message>
    <message>
        <source>promotion</source>
        <translation>促销价</translation>
    </message>
    <message>
        <source>Change {command} {number}</source>
        <translation>修改 {command} {number}</translation>
    </message>
    <message>
        <source>The company name cannot be blank; enter the name printed on documents</source>
        <translation>公司名称不能为空，请填写印在单据上的名称</translation>
    </message>
    <message>
        <source>A print template needs exactly one table field, but this one has {count}; keep one table</source>
        <translation>打印模板必须有且只有一个表格字段，此模板有 {count} 个，请只保留一个表格</translation>
    </message>
    <message>
        <source>The field {field} lies outside the {width} × {height} mm paper; move it onto the page</source>
        <translation>字段 {field} 超出了 {width} × {height} 毫米的纸张，请把它移回页面内</translation>
    </message>
    <message>
        <source>The table columns are wider than the {width} mm table; narrow the columns</source>
        <translation>表格各列合计宽于 {width} 毫米的表格，请调窄列宽</translation>
    </message>
    <message>
        <source>The maximum {max_quantity} of {product_code} is below its reorder point {reorder_point}; raise the maximum or leave it empty</source>
        <translation>{product_code} 的最高库存 {max_quantity} 低于补货点 {reorder_point}，请提高最高库存或留空</translation>
    </message>
    <message>
        <source>Set a reorder point</source>
        <translation>设置补货点</translation>
    </message>
    <message>
        <source>Line {line_no}: product {product_code} {name} is tracked by batch; enter its batch number</source>
        <translation>第 {line_no} 行：商品 {product_code} {name}按批次管理，请填写批号</translation>
    </message>
    <message>
        <source>Line {line_no}: product {product_code} {name} is tracked by expiry date; enter the batch&apos;s expiry date</source>
        <translation>第 {line_no} 行：商品 {product_code} {name}按有效期管理，请填写该批次的有效期</translation>
    </message>
</context>
<context>
    <name>OrderCopyTexts</name>
    <message numerus="yes">
        <source>Copied from order {number} at today&apos;s prices; %n line(s) left out because the product is no longer sold. Ctrl+S saves the new draft.</source>
        <translation>
            <numerusform>已按今天的价格复制订单 {number}；%n 行因商品已停售而未复制。按 Ctrl+S 保存新草稿。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>A manager sent this order back: {comment}</source>
        <translation>经理退回了此订单：{comment}</translation>
    </message>
    <message>
        <source>Type a customer code, name or phone, then Enter</source>
        <translation>输入客户编码、名称或电话后按回车</translation>
    </message>
    <message>
        <source>(assigned when saved)</source>
        <translation>（保存时生成）</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客户(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>单号：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>存为草稿</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Save draft (Ctrl+S)</source>
        <translation>存为草稿 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>确认 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Loading the order...</source>
        <translation>正在加载订单……</translation>
    </message>
    <message>
        <source>No single customer matches &quot;{text}&quot;; type more of the code or name.</source>
        <translation>没有唯一匹配“{text}”的客户，请多输入一些编码或名称。</translation>
    </message>
    <message>
        <source>{lines}   Total: ¥{total}</source>
        <translation>{lines}   合计：¥{total}</translation>
    </message>
    <message>
        <source>The server rejected this change: {reason}</source>
        <translation>服务器拒绝了这项修改：{reason}</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>订单 {number}</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Choose a customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
    <message>
        <source>Choose a warehouse first.</source>
        <translation>请先选择仓库。</translation>
    </message>
    <message>
        <source>Line {line_no} needs a product, a quantity above zero and a price.</source>
        <translation>第 {line_no} 行需要商品、大于零的数量和单价。</translation>
    </message>
    <message>
        <source>Add at least one line.</source>
        <translation>请至少添加一行。</translation>
    </message>
    <message>
        <source>Saving the order...</source>
        <translation>正在保存订单……</translation>
    </message>
    <message>
        <source>Saved as draft {number}.</source>
        <translation>已存为草稿 {number}。</translation>
    </message>
    <message>
        <source>Order {number} waits for a manager&apos;s approval:</source>
        <translation>订单 {number} 需要经理审批：</translation>
    </message>
    <message>
        <source>Order {number} is approved.</source>
        <translation>订单 {number} 已审核。</translation>
    </message>
    <message>
        <source>Confirming the order...</source>
        <translation>正在确认订单……</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This order has changes that are not saved. Close and lose them?</source>
        <translation>此订单有未保存的修改。关闭并丢弃这些修改吗？</translation>
    </message>
    <message>
        <source>Line {line_no}: {price} is the {rule} of {customer}.</source>
        <translation>第 {line_no} 行：{price} 是{customer}的{rule}。</translation>
    </message>
    <message>
        <source>F2 opens the product list with prices and stock; F4 takes the customer&apos;s last price</source>
        <translation>F2 打开商品列表（含价格和库存）；F4 采用该客户的上次价格</translation>
    </message>
    <message>
        <source>Take last price</source>
        <translation>采用上次价格</translation>
    </message>
    <message>
        <source>The document discount is larger than the order&apos;s amount.</source>
        <translation>整单折扣大于订单金额。</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核准</translation>
    </message>
    <message>
        <source>Verify (Ctrl+K)...</source>
        <translation>核准（Ctrl+K）……</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>History (Ctrl+H)</source>
        <translation>历史（Ctrl+H）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>No line of order {number} could be copied: its products are no longer sold.</source>
        <translation>订单 {number} 的明细都无法复制：其商品已停售。</translation>
    </message>
    <message>
        <source>Copied from order {number} at today&apos;s prices; Ctrl+S saves the new draft.</source>
        <translation>已按今天的价格复制订单 {number}；按 Ctrl+S 保存新草稿。</translation>
    </message>
    <message>
        <source>Verification {verification} saved: the customer&apos;s receivable changes by ¥{change}.</source>
        <translation>核准单 {verification} 已保存：客户应收款变动 ¥{change}。</translation>
    </message>
    <message>
        <source>Correct the quantities or prices of this completed order, with a reason</source>
        <translation>修改此已完成订单的数量或价格，并填写原因</translation>
    </message>
</context>
<context>
    <name>OrderFilterBar</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Only orders dated in this range</source>
        <translation>只显示单据日期在此范围内的订单</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>要货日期</translation>
    </message>
    <message>
        <source>Only orders whose delivery date wanted is in this range</source>
        <translation>只显示要求交货日期在此范围内的订单</translation>
    </message>
    <message>
        <source>Customer: pick one, or type part of a code, name or pinyin initials to match several</source>
        <translation>客户：从列表中选择一个，或输入编码、名称或拼音首字母的一部分来匹配多个客户</translation>
    </message>
    <message>
        <source>No customer matches &quot;{text}&quot;.</source>
        <translation>没有与“{text}”匹配的客户。</translation>
    </message>
    <message>
        <source>Salesperson the order counts for</source>
        <translation>订单的业绩归属人</translation>
    </message>
    <message>
        <source>Department, with its sub-departments</source>
        <translation>部门（含下级部门）</translation>
    </message>
    <message>
        <source>Orders with a product of this category or its sub-categories</source>
        <translation>含有此类别（含下级类别）商品的订单</translation>
    </message>
    <message>
        <source>Orders with a product of this brand</source>
        <translation>含有此品牌商品的订单</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>All salespeople</source>
        <translation>全部业绩归属人</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All brands</source>
        <translation>全部品牌</translation>
    </message>
</context>
<context>
    <name>OrderGrid</name>
    <message>
        <source>Product {code} ({name}) is inactive and cannot be ordered; choose another product.</source>
        <translation>商品 {code}（{name}）已停用，不能开单；请选择其他商品。</translation>
    </message>
    <message>
        <source>No single product matches &quot;{text}&quot;; type a product code or more of its name.</source>
        <translation>没有唯一匹配“{text}”的商品，请输入商品编码或多输入一些名称。</translation>
    </message>
    <message>
        <source>Invalid unit &quot;{text}&quot;; choose one of the product&apos;s units.</source>
        <translation>单位“{text}”无效，请选择该商品的一个单位。</translation>
    </message>
    <message>
        <source>The value &quot;{text}&quot; was not accepted.</source>
        <translation>输入的值“{text}”无效。</translation>
    </message>
    <message>
        <source>Choose the product of line {line_no} first.</source>
        <translation>请先选择第 {line_no} 行的商品。</translation>
    </message>
    <message>
        <source>Invalid quantity &quot;{text}&quot;: enter a number above zero with at most 3 decimals.</source>
        <translation>数量“{text}”无效：请输入大于零、最多 3 位小数的数字。</translation>
    </message>
    <message>
        <source>Invalid price &quot;{text}&quot;: enter a number of zero or more.</source>
        <translation>单价“{text}”无效：请输入大于或等于零的数字。</translation>
    </message>
    <message>
        <source>Several products match &quot;{text}&quot;; choose one in the list.</source>
        <translation>有多个商品与“{text}”匹配，请在列表中选择。</translation>
    </message>
    <message>
        <source>Product {code} cannot be ordered in this form; reopen the order to load new products.</source>
        <translation>本单无法选择商品 {code}；请重新打开订单以加载新商品。</translation>
    </message>
    <message>
        <source>Invalid discount &quot;{text}&quot;: enter an amount such as 12.50 or a percentage such as 5%.</source>
        <translation>折扣“{text}”无效：请输入金额（如 12.50）或百分比（如 5%）。</translation>
    </message>
    <message>
        <source>This customer has not bought {code} in {unit} before.</source>
        <translation>该客户以前没有按“{unit}”买过 {code}。</translation>
    </message>
</context>
<context>
    <name>OrderHeaderExtras</name>
    <message>
        <source>Prices include &amp;tax</source>
        <translation>单价含税(&amp;T)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>&amp;Freight:</source>
        <translation>运费(&amp;F)：</translation>
    </message>
    <message>
        <source>Document &amp;discount:</source>
        <translation>整单折扣(&amp;D)：</translation>
    </message>
    <message>
        <source>Deli&amp;very wanted:</source>
        <translation>要求交货日期(&amp;V)：</translation>
    </message>
    <message>
        <source>Ca&amp;rrier:</source>
        <translation>承运商(&amp;R)：</translation>
    </message>
    <message>
        <source>Trac&amp;king no.:</source>
        <translation>运单号(&amp;K)：</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Document discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>{field} &quot;{text}&quot; is not a valid amount: enter zero or more with at most 2 decimals.</source>
        <translation>{field}“{text}”不是有效金额：请输入不小于零、最多两位小数的数。</translation>
    </message>
    <message>
        <source>Delivery date &quot;{text}&quot; is not a valid date: enter it as YYYY-MM-DD.</source>
        <translation>交货日期“{text}”不是有效日期：请按 YYYY-MM-DD 格式输入。</translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Submitted for approval</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>服务器拒绝</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核准</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Delivery wanted</source>
        <translation>要求交货日期</translation>
    </message>
    <message>
        <source>Prices include tax</source>
        <translation>价格含税</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Document discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>State: {before} → {after}</source>
        <translation>状态：{before} → {after}</translation>
    </message>
    <message>
        <source>Total: ¥{total}</source>
        <translation>合计：¥{total}</translation>
    </message>
    <message>
        <source>Delivery note {number}</source>
        <translation>送货单 {number}</translation>
    </message>
    <message>
        <source>{field} changed</source>
        <translation>{field}已修改</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field}：{before} → {after}</translation>
    </message>
    <message>
        <source>Verification {number}</source>
        <translation>核准单 {number}</translation>
    </message>
    <message>
        <source>Line {line_no} {product}: quantity {quantity_before} → {quantity_after}, price {price_before} → {price_after}, amount {amount_before} → {amount_after}</source>
        <translation>第 {line_no} 行 {product}：数量 {quantity_before} → {quantity_after}，单价 {price_before} → {price_after}，金额 {amount_before} → {amount_after}</translation>
    </message>
    <message>
        <source>Total: ¥{before} → ¥{after}</source>
        <translation>合计：¥{before} → ¥{after}</translation>
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
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>OrderHistoryPanel</name>
    <message>
        <source>The order has no history yet; it starts when the order is saved.</source>
        <translation>此订单还没有历史记录；保存订单后开始记录。</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Product code</source>
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
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>What this customer paid per unit after the line discount on its latest order; F4 takes that price.</source>
        <translation>该客户最近一次订单中此商品扣除行折扣后的单价；按 F4 采用此价格。</translation>
    </message>
    <message>
        <source>Price incl. tax</source>
        <translation>含税单价</translation>
    </message>
    <message>
        <source>Price excl. tax</source>
        <translation>不含税单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Last price (F4)</source>
        <translation>上次价格（F4）</translation>
    </message>
    <message>
        <source>Line {line_no}: the discount is larger than quantity × price.</source>
        <translation>第 {line_no} 行：折扣大于数量 × 单价。</translation>
    </message>
    <message>
        <source>Line {line_no}: the net price {net_price} per {unit} after the line discount is below the lowest price {lowest}; the order will need a manager&apos;s approval.</source>
        <translation>第 {line_no} 行：折后单价 {net_price}（每{unit}）低于最低售价 {lowest}，订单需要经理审批。</translation>
    </message>
    <message>
        <source>{price} (was {original})</source>
        <translation>{price}（原价 {original}）</translation>
    </message>
    <message>
        <source>[Gift] {name}</source>
        <translation>【赠品】{name}</translation>
    </message>
    <message>
        <source>Special price of a promotion; without it the price is {original}.</source>
        <translation>促销特价；不参加促销时价格为 {original}。</translation>
    </message>
    <message>
        <source>Gift of a promotion for line {line_no}; it follows that line&apos;s quantity.</source>
        <translation>第 {line_no} 行的促销赠品，数量随该行变化。</translation>
    </message>
</context>
<context>
    <name>OrderListModel</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Sent back: {comment}</source>
        <translation>已退回：{comment}</translation>
    </message>
</context>
<context>
    <name>OrderLivePanel</name>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Customer credit</source>
        <translation>客户信用</translation>
    </message>
    <message>
        <source>Credit limit:</source>
        <translation>信用额度：</translation>
    </message>
    <message>
        <source>Credit used:</source>
        <translation>已用额度：</translation>
    </message>
    <message>
        <source>Overdue:</source>
        <translation>逾期欠款：</translation>
    </message>
    <message>
        <source>Choose a line to see its product&apos;s stock.</source>
        <translation>选择一行以查看其商品的库存。</translation>
    </message>
    <message>
        <source>Available stock of {code} {name}</source>
        <translation>{code} {name} 的可用库存</translation>
    </message>
    <message>
        <source>No warehouse in your scope.</source>
        <translation>您的权限范围内没有仓库。</translation>
    </message>
    <message>
        <source>Credit of {name}</source>
        <translation>{name} 的信用</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>OrderPrinting</name>
    <message>
        <source>Print order</source>
        <translation>打印订单</translation>
    </message>
    <message>
        <source>Save order as PDF</source>
        <translation>订单另存为 PDF</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)...</source>
        <translation>打印（Ctrl+P）……</translation>
    </message>
    <message>
        <source>Preview and print the current approved order; Ctrl+Shift+S saves it as a PDF</source>
        <translation>预览并打印当前已批准的订单；Ctrl+Shift+S 另存为 PDF</translation>
    </message>
    <message>
        <source>Order {number} is not approved yet, so it cannot be printed. Print it once it is approved.</source>
        <translation>订单 {number} 尚未批准，不能打印。请在批准后再打印。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>OrderRepeat</name>
    <message>
        <source>Last order&apos;s lines</source>
        <translation>上次订单明细</translation>
    </message>
    <message>
        <source>Last order&apos;s lines (Ctrl+L)</source>
        <translation>上次订单明细（Ctrl+L）</translation>
    </message>
    <message>
        <source>Add the lines of this customer&apos;s latest order, priced for today</source>
        <translation>添加该客户最近一张订单的明细，按今天的价格定价</translation>
    </message>
    <message>
        <source>Choose a customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
    <message>
        <source>This customer has no earlier order.</source>
        <translation>该客户还没有订单。</translation>
    </message>
    <message>
        <source>Added the lines of order {number} at today&apos;s prices.</source>
        <translation>已按今天的价格添加订单 {number} 的明细。</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Partly delivered</source>
        <translation>部分发货</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>OrderVerification</name>
    <message>
        <source>Line {line_no}: &quot;{text}&quot; is not a valid quantity; enter a number with at most 3 decimals.</source>
        <translation>第 {line_no} 行：“{text}”不是有效的数量，请输入最多 3 位小数的数字。</translation>
    </message>
    <message>
        <source>Line {line_no}: the corrected quantity must be above zero, not {text}.</source>
        <translation>第 {line_no} 行：核准后的数量必须大于零，不能是 {text}。</translation>
    </message>
    <message>
        <source>Line {line_no}: &quot;{text}&quot; is not a valid price; enter a number with at most 4 decimals.</source>
        <translation>第 {line_no} 行：“{text}”不是有效的单价，请输入最多 4 位小数的数字。</translation>
    </message>
    <message>
        <source>Line {line_no}: the corrected price must be zero or more, not {text}.</source>
        <translation>第 {line_no} 行：核准后的单价不能小于零，不能是 {text}。</translation>
    </message>
    <message>
        <source>Line {line_no}: the line discount {discount} is larger than the corrected amount; raise the quantity or the price.</source>
        <translation>第 {line_no} 行：行折扣 {discount} 大于核准后的金额，请提高数量或单价。</translation>
    </message>
    <message>
        <source>Nothing is corrected: change the quantity or the price of at least one line.</source>
        <translation>没有任何修改：请至少修改一行的数量或单价。</translation>
    </message>
    <message>
        <source>Enter the reason for the verification, for example what the customer confirmed.</source>
        <translation>请填写核准原因，例如客户确认的内容。</translation>
    </message>
</context>
<context>
    <name>OrderVerifyDialog</name>
    <message>
        <source>Verify order</source>
        <translation>核准订单</translation>
    </message>
    <message>
        <source>Loading the order...</source>
        <translation>正在加载订单……</translation>
    </message>
    <message>
        <source>Required: why the quantities or prices change</source>
        <translation>必填：数量或价格为何修改</translation>
    </message>
    <message>
        <source>Verify (Ctrl+Enter)</source>
        <translation>核准（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Verify order {number}</source>
        <translation>核准订单 {number}</translation>
    </message>
    <message>
        <source>Order {number} of {customer}: type the corrected quantity or price. Tab or Enter moves to the next cell; Ctrl+Enter verifies.</source>
        <translation>订单 {number}（客户：{customer}）：输入核准后的数量或单价。Tab 或回车移到下一格，Ctrl+Enter 核准。</translation>
    </message>
    <message>
        <source>Difference to receivables: fix the marked cells</source>
        <translation>应收款差额：请先修正标红的单元格</translation>
    </message>
    <message>
        <source>Difference to receivables: ¥{change}   Order total: ¥{before} → ¥{after}</source>
        <translation>应收款差额：¥{change}   订单合计：¥{before} → ¥{after}</translation>
    </message>
    <message>
        <source>Verifying the order...</source>
        <translation>正在核准订单……</translation>
    </message>
    <message>
        <source>Your role may not verify orders; ask a manager or finance to do it.</source>
        <translation>您的角色不能核准订单，请让经理或财务核准。</translation>
    </message>
    <message>
        <source>Only a completed order can be verified; this order is {state}.</source>
        <translation>只有已完成的订单才能核准；此订单的状态是{state}。</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>Search by number or customer</source>
        <translation>按单号或客户搜索</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>New order...</source>
        <translation>新建订单……</translation>
    </message>
    <message>
        <source>Open the entry form of a new order (Ctrl+N)</source>
        <translation>打开新订单的录入窗口 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Copy order</source>
        <translation>复制订单</translation>
    </message>
    <message>
        <source>Copy (Ctrl+D)</source>
        <translation>复制（Ctrl+D）</translation>
    </message>
    <message>
        <source>Start a new draft with this order&apos;s customer, warehouse and lines, priced for today</source>
        <translation>以此订单的客户、仓库和明细新建草稿，按今天的价格重新定价</translation>
    </message>
    <message>
        <source>Verify order</source>
        <translation>核准订单</translation>
    </message>
    <message>
        <source>Verify (Ctrl+K)...</source>
        <translation>核准（Ctrl+K）……</translation>
    </message>
    <message>
        <source>Correct the quantities or prices of the current completed order, with a reason</source>
        <translation>修改当前已完成订单的数量或价格，并填写原因</translation>
    </message>
</context>
<context>
    <name>PrintTemplate</name>
    <message>
        <source>Price excl. tax</source>
        <translation>不含税单价</translation>
    </message>
    <message>
        <source>Price incl. tax</source>
        <translation>含税单价</translation>
    </message>
    <message>
        <source>Document discount: −¥{amount}</source>
        <translation>整单折扣：−¥{amount}</translation>
    </message>
    <message>
        <source>Freight: ¥{amount}</source>
        <translation>运费：¥{amount}</translation>
    </message>
    <message>
        <source>{product} (gift)</source>
        <translation>{product}（赠品）</translation>
    </message>
    <message>
        <source>Continued on the next page</source>
        <translation>接下页</translation>
    </message>
    <message>
        <source>Total: ¥{total}</source>
        <translation>合计：¥{total}</translation>
    </message>
    <message>
        <source>Total (in capitals): {total_capitals}</source>
        <translation>合计金额（大写）：{total_capitals}</translation>
    </message>
    <message>
        <source>Page subtotal: ¥{page_subtotal}</source>
        <translation>本页小计：¥{page_subtotal}</translation>
    </message>
    <message>
        <source>Warehouse: {warehouse_name}</source>
        <translation>仓库：{warehouse_name}</translation>
    </message>
    <message>
        <source>Warehouse keeper:</source>
        <translation>仓管员：</translation>
    </message>
    <message>
        <source>Valid until: {valid_until}</source>
        <translation>有效期至：{valid_until}</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>To warehouse: {to_warehouse}</source>
        <translation>调入仓库：{to_warehouse}</translation>
    </message>
    <message>
        <source>These prices hold until {valid_until}. Sign and return this quotation to place the order.</source>
        <translation>以上报价有效期至 {valid_until}。如确认订货，请签字盖章后回传。</translation>
    </message>
    <message>
        <source>Supplier: {supplier_name}</source>
        <translation>供应商：{supplier_name}</translation>
    </message>
    <message>
        <source>Stock transfer</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>Shipped by:</source>
        <translation>发货人：</translation>
    </message>
    <message>
        <source>Salesperson: {salesperson}</source>
        <translation>业务员：{salesperson}</translation>
    </message>
    <message>
        <source>Sales return note</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Sales order</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>Returned from delivery note: {delivery_number}</source>
        <translation>原送货单：{delivery_number}</translation>
    </message>
    <message>
        <source>Returned by (customer):</source>
        <translation>退货人（客户）：</translation>
    </message>
    <message>
        <source>Received into stock by:</source>
        <translation>入库人：</translation>
    </message>
    <message>
        <source>Received by:</source>
        <translation>收货人：</translation>
    </message>
    <message>
        <source>Received by (signature):</source>
        <translation>收货人（签字）：</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>退货原因：{reason}</translation>
    </message>
    <message>
        <source>Quoted by:</source>
        <translation>报价人：</translation>
    </message>
    <message>
        <source>Quotation</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Prepared by:</source>
        <translation>制单人：</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Of which tax: ¥{tax_amount}</source>
        <translation>其中税额：¥{tax_amount}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>No.: {number}</source>
        <translation>单号：{number}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Into warehouse: {warehouse_name}</source>
        <translation>退入仓库：{warehouse_name}</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>From warehouse: {from_warehouse}</source>
        <translation>调出仓库：{from_warehouse}</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Delivery date wanted: {delivery_date_wanted}</source>
        <translation>交货日期：{delivery_date_wanted}</translation>
    </message>
    <message>
        <source>Delivered by:</source>
        <translation>送货人：</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
    <message>
        <source>Customer: {customer_name}</source>
        <translation>客户：{customer_name}</translation>
    </message>
    <message>
        <source>Customer confirmation (signature):</source>
        <translation>客户确认（签字）：</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>Accepted by (signature and stamp):</source>
        <translation>客户确认（签字盖章）：</translation>
    </message>
</context>
<context>
    <name>PrintTemplatesTab</name>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Press Enter to design the selected template. A saved layout prints the same on every computer after it syncs.</source>
        <translation>按回车键设计所选模板。保存的版式同步后，每台电脑都按它打印。</translation>
    </message>
    <message>
        <source>Built-in default</source>
        <translation>内置默认</translation>
    </message>
    <message>
        <source>Saved, revision {revision}</source>
        <translation>已保存，第 {revision} 版</translation>
    </message>
</context>
<context>
    <name>PrinterCalibrationDialog</name>
    <message>
        <source>Printer calibration</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <source>{width} × {height} mm</source>
        <translation>{width} × {height} 毫米</translation>
    </message>
    <message>
        <source>&amp;Print test page</source>
        <translation>打印测试页(&amp;P)</translation>
    </message>
    <message>
        <source>Print the test page on the form paper, measure how far the crosshair is from the left and top paper edges, and enter both distances. The crosshair should be {mark} mm from each edge.</source>
        <translation>在单据纸上打印测试页，量出十字线到纸张左边和上边的距离并填入。十字线应距每条边 {mark} 毫米。</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>打印机(&amp;R)：</translation>
    </message>
    <message>
        <source>P&amp;aper:</source>
        <translation>纸张(&amp;A)：</translation>
    </message>
    <message>
        <source>Crosshair from the &amp;left edge (mm):</source>
        <translation>十字线距左边（毫米）(&amp;L)：</translation>
    </message>
    <message>
        <source>Crosshair from the &amp;top edge (mm):</source>
        <translation>十字线距上边（毫米）(&amp;T)：</translation>
    </message>
    <message>
        <source>Stored offset: {x} mm right, {y} mm down</source>
        <translation>已保存的偏移：右移 {x} 毫米，下移 {y} 毫米</translation>
    </message>
    <message>
        <source>Saving moves every print on this printer {x} mm right and {y} mm down.</source>
        <translation>保存后，此打印机的每次打印都右移 {x} 毫米、下移 {y} 毫米。</translation>
    </message>
    <message>
        <source>Choose or type the printer to calibrate first.</source>
        <translation>请先选择或输入要校准的打印机。</translation>
    </message>
</context>
<context>
    <name>PrinterOffsets</name>
    <message>
        <source>Measure the crosshair&apos;s distance from the left and top paper edges in mm; it should be {mark} mm.</source>
        <translation>量出十字线到纸张左边和上边的距离（毫米），应为 {mark} 毫米。</translation>
    </message>
</context>
<context>
    <name>ProductDetail</name>
    <message>
        <source>list price</source>
        <translation>标准售价</translation>
    </message>
    <message>
        <source>lowest price</source>
        <translation>最低售价</translation>
    </message>
    <message>
        <source>category price</source>
        <translation>分类价</translation>
    </message>
    <message>
        <source>agreed price</source>
        <translation>协议价</translation>
    </message>
    <message>
        <source>purchase price</source>
        <translation>进价</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已生效</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>{price_kind}, {state}</source>
        <translation>{price_kind}，{state}</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>规格：</translation>
    </message>
    <message>
        <source>Units and barcodes:</source>
        <translation>单位和条码：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>分类：</translation>
    </message>
    <message>
        <source>Brand:</source>
        <translation>品牌：</translation>
    </message>
    <message>
        <source>Tax rate:</source>
        <translation>税率：</translation>
    </message>
    <message>
        <source>List price:</source>
        <translation>标准售价：</translation>
    </message>
    <message>
        <source>Lowest price:</source>
        <translation>最低售价：</translation>
    </message>
    <message>
        <source>Purchase price:</source>
        <translation>进价：</translation>
    </message>
    <message>
        <source>Active:</source>
        <translation>在用：</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现存量</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>占用量</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>Price rule</source>
        <translation>价格来源</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Stock</source>
        <translation>库存(&amp;S)</translation>
    </message>
    <message>
        <source>Sales &amp;history</source>
        <translation>销售记录(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>价格(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+Tab switches tabs; Esc closes</source>
        <translation>Ctrl+Tab 切换标签页，Esc 关闭</translation>
    </message>
    <message>
        <source>Loading the product...</source>
        <translation>正在加载商品……</translation>
    </message>
    <message>
        <source>Product {code} {name}</source>
        <translation>商品 {code} {name}</translation>
    </message>
    <message>
        <source>{unit} = {factor} {base}</source>
        <translation>{unit} = {factor} {base}</translation>
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
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the detail (Esc)</source>
        <translation>关闭详情（Esc）</translation>
    </message>
</context>
<context>
    <name>ProductHistoryModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>出库单</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>规格</translation>
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
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>标准售价</translation>
    </message>
    <message>
        <source>Lowest price</source>
        <translation>最低售价</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ProductPicker</name>
    <message>
        <source>Choose a product</source>
        <translation>选择商品</translation>
    </message>
    <message>
        <source>Code, barcode, name or pinyin initials</source>
        <translation>编码、条码、名称或拼音首字母</translation>
    </message>
    <message>
        <source>Up and Down move in the list, Enter picks, Esc cancels</source>
        <translation>↑↓键在列表中移动，回车选中，Esc 取消</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>正在搜索……</translation>
    </message>
    <message>
        <source>The search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
    <message>
        <source>No active product matches &quot;{text}&quot;.</source>
        <translation>没有与“{text}”匹配的在用商品。</translation>
    </message>
    <message>
        <source>The first {shown} of {total} matches; type more to narrow them.</source>
        <translation>共 {total} 个匹配，显示前 {shown} 个；请输入更多内容缩小范围。</translation>
    </message>
    <message>
        <source>{count}. Prices are for this customer on {date}.</source>
        <translation>{count}。价格为该客户在 {date} 的价格。</translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>共 %n 个匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductPickerModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Price rule</source>
        <translation>价格来源</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>By warehouse</source>
        <translation>各仓可用量</translation>
    </message>
    <message>
        <source>No stock in any of your warehouses</source>
        <translation>您的各仓库均无库存</translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <source>Search by code, barcode, name or pinyin initials (Ctrl+F)</source>
        <translation>按编码、条码、名称或拼音首字母搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Down moves to the list; Enter there opens the product</source>
        <translation>按↓键进入列表，在列表中按回车打开商品</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>Show or hide columns (Alt+C). Ctrl+Shift+S sorts by the next column, Ctrl+Shift+D reverses the sort</source>
        <translation>显示或隐藏列（Alt+C）。Ctrl+Shift+S 按下一列排序，Ctrl+Shift+D 反向排序</translation>
    </message>
    <message>
        <source>Enter opens the product&apos;s stock, sales history and prices</source>
        <translation>回车打开商品的库存、销售记录和价格</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) shown of more than 1000 matches; type more to narrow them</source>
        <translation>
            <numerusform>超过 1000 个匹配，显示 %n 个商品；请输入更多内容缩小范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>共 %n 个商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 个商品，向下滚动可加载更多</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Changes not on the server yet</source>
        <translation>修改尚未提交到服务器</translation>
    </message>
    <message>
        <source>Quit Kaidan now?</source>
        <translation>现在退出开单吗？</translation>
    </message>
</context>
<context>
    <name>QuitTexts</name>
    <message numerus="yes">
        <source>%n change(s) were rejected by the server and wait for you under Sync problems.</source>
        <translation>
            <numerusform>有 %n 项修改被服务器拒绝，正在“同步问题”中等待您处理。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved on this computer have not reached the server yet. They stay saved and are sent at the next sync, but colleagues do not see them until then.</source>
        <translation>
            <numerusform>本机有 %n 项已保存的修改尚未提交到服务器。它们会一直保存在本机，下次同步时发送；在此之前同事看不到这些修改。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuotationEditor</name>
    <message>
        <source>Lost: {reason}</source>
        <translation>已丢单：{reason}</translation>
    </message>
    <message>
        <source>&amp;Valid until:</source>
        <translation>有效期至(&amp;V)：</translation>
    </message>
    <message>
        <source>Make order</source>
        <translation>生成订单</translation>
    </message>
    <message>
        <source>Make order (Ctrl+Enter)</source>
        <translation>生成订单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save the quotation, turn it into an order at the quoted prices and open the order</source>
        <translation>保存报价单，按报价生成订单并打开该订单</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>打印 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Quotation {number}</source>
        <translation>报价单 {number}</translation>
    </message>
    <message>
        <source>New quotation</source>
        <translation>新报价单</translation>
    </message>
    <message>
        <source>The quotation must be valid until {date} or later.</source>
        <translation>报价单的有效期不能早于 {date}。</translation>
    </message>
    <message>
        <source>Quotation {number} became order {order}.</source>
        <translation>报价单 {number} 已生成订单 {order}。</translation>
    </message>
    <message>
        <source>Making the order...</source>
        <translation>正在生成订单……</translation>
    </message>
</context>
<context>
    <name>QuotationLayout</name>
    <message>
        <source>Quotation {number}</source>
        <translation>报价单 {number}</translation>
    </message>
    <message>
        <source>Print preview: quotation {number}</source>
        <translation>打印预览：报价单 {number}</translation>
    </message>
</context>
<context>
    <name>QuotationListModel</name>
    <message>
        <source>Lost: {reason}</source>
        <translation>丢单原因：{reason}</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>QuotationStateActions</name>
    <message>
        <source>Quotation {number} has expired, so its state can no longer change.</source>
        <translation>报价单 {number} 已过期，状态不能再更改。</translation>
    </message>
    <message>
        <source>Quotation {number} became an order, so its state can no longer change.</source>
        <translation>报价单 {number} 已转为订单，状态不能再更改。</translation>
    </message>
    <message>
        <source>Quotation {number} is cancelled, so its state can no longer change.</source>
        <translation>报价单 {number} 已作废，状态不能再更改。</translation>
    </message>
    <message>
        <source>Quotation {number} is marked lost, so its state can no longer change.</source>
        <translation>报价单 {number} 已丢单，状态不能再更改。</translation>
    </message>
    <message>
        <source>Quotation {number} is already marked sent.</source>
        <translation>报价单 {number} 已标记为已发送。</translation>
    </message>
    <message>
        <source>Mark sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <source>Mark lost...</source>
        <translation>标记为丢单……</translation>
    </message>
    <message>
        <source>Cancel quotation...</source>
        <translation>作废报价单……</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Mark the quotation sent (Ctrl+Shift+S) or lost (Ctrl+Shift+L), or cancel it (Ctrl+Shift+X)</source>
        <translation>将报价单标记为已发送（Ctrl+Shift+S）或丢单（Ctrl+Shift+L），或作废（Ctrl+Shift+X）</translation>
    </message>
    <message>
        <source>Quotation {number} is marked sent.</source>
        <translation>报价单 {number} 已标记为已发送。</translation>
    </message>
    <message>
        <source>Quotation {number} is marked lost.</source>
        <translation>报价单 {number} 已标记为丢单。</translation>
    </message>
    <message>
        <source>Cancel quotation</source>
        <translation>作废报价单</translation>
    </message>
    <message>
        <source>Cancel quotation {number}? It can no longer be sent or made into an order.</source>
        <translation>作废报价单 {number}？作废后不能再发送，也不能转为订单。</translation>
    </message>
    <message>
        <source>Quotation {number} is cancelled.</source>
        <translation>报价单 {number} 已作废。</translation>
    </message>
    <message>
        <source>Why did the customer decline the quotation?</source>
        <translation>客户为什么没有接受这张报价？</translation>
    </message>
    <message>
        <source>Mark lost</source>
        <translation>标记为丢单</translation>
    </message>
    <message>
        <source>The reason is required. Why did the customer decline the quotation?</source>
        <translation>必须填写原因。客户为什么没有接受这张报价？</translation>
    </message>
    <message>
        <source>The reason has {length} characters; shorten it to {maximum} or fewer.</source>
        <translation>原因有 {length} 个字符，请缩短到 {maximum} 个以内。</translation>
    </message>
    <message>
        <source>Saving the quotation&apos;s state...</source>
        <translation>正在保存报价单状态……</translation>
    </message>
</context>
<context>
    <name>QuotationsView</name>
    <message>
        <source>Search by number or customer</source>
        <translation>按单号或客户搜索</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New quotation...</source>
        <translation>新建报价单……</translation>
    </message>
    <message>
        <source>Open the entry form of a new quotation (Insert)</source>
        <translation>打开新报价单的录入窗口（Insert）</translation>
    </message>
    <message>
        <source>No quotation matches the search or the state chosen.</source>
        <translation>没有符合搜索条件或所选状态的报价单。</translation>
    </message>
    <message>
        <source>No quotations yet. Press Insert to write the first one.</source>
        <translation>还没有报价单。按 Insert 新建第一张。</translation>
    </message>
    <message>
        <source>No quotations yet.</source>
        <translation>还没有报价单。</translation>
    </message>
</context>
<context>
    <name>RawPrinter</name>
    <message>
        <source>the Windows printing module (pywin32) is missing</source>
        <translation>缺少 Windows 打印模块（pywin32）</translation>
    </message>
    <message>
        <source>the print system did not respond within {seconds} s</source>
        <translation>打印系统在 {seconds} 秒内没有响应</translation>
    </message>
    <message>
        <source>the lp command of CUPS is not installed</source>
        <translation>未安装 CUPS 的 lp 命令</translation>
    </message>
    <message>
        <source>The text could not be sent to the printer {printer}: {reason}. Check that the printer is installed, switched on and not paused, then print again.</source>
        <translation>无法把文本发送到打印机 {printer}：{reason}。请检查打印机已安装、已开机且未暂停，然后重新打印。</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt confirmation</source>
        <translation>收货记录</translation>
    </message>
    <message>
        <source>Type what the customer received where it differs, then pick the reason and how missing goods are settled. Enter or Tab moves on; Ctrl+S posts, Esc closes.</source>
        <translation>在实收与发货不符的行输入客户实收数量，再选择差异原因及缺少货物的处理方式。回车或 Tab 移到下一格；Ctrl+S 过账，Esc 关闭。</translation>
    </message>
    <message>
        <source>Post receipt (Ctrl+S)</source>
        <translation>过账收货记录 (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Signed by:</source>
        <translation>签收人(&amp;S)：</translation>
    </message>
    <message>
        <source>Receipt of delivery note {number}</source>
        <translation>送货单 {number} 的收货记录</translation>
    </message>
    <message>
        <source>Delivery note {number} to {customer}</source>
        <translation>送货单 {number}，客户 {customer}</translation>
    </message>
    <message>
        <source>Credited to the customer: ¥{amount}</source>
        <translation>冲减客户应收：¥{amount}</translation>
    </message>
    <message>
        <source>{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.</source>
        <translation>{text} 不是有效数量；请输入最多三位小数的数字，如 2 或 1.5。</translation>
    </message>
    <message>
        <source>Posting the receipt...</source>
        <translation>正在过账收货记录……</translation>
    </message>
    <message>
        <source>{product}: received {received} {unit} of {delivered}; choose the reason for the difference.</source>
        <translation>{product}：发货 {delivered}，实收 {received} {unit}；请选择差异原因。</translation>
    </message>
    <message>
        <source>{product}: {missing} {unit} missing is more than the {open} {unit} not yet returned or credited; correct the received quantity.</source>
        <translation>{product}：缺少 {missing} {unit}，超过尚未退货或冲减的 {open} {unit}；请更正实收数量。</translation>
    </message>
</context>
<context>
    <name>ReceiptLinesModel</name>
    <message>
        <source>Short</source>
        <translation>少货</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>错货</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Excess</source>
        <translation>多货</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Credit, goods not back</source>
        <translation>冲减应收，货不退回</translation>
    </message>
    <message>
        <source>Return into stock</source>
        <translation>退货入库</translation>
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
        <source>Delivered</source>
        <translation>发货数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实收数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Settled by</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>冲减金额</translation>
    </message>
</context>
<context>
    <name>ReorderPointDialog</name>
    <message>
        <source>Enter the reorder point; with 0 the product is listed only when its available stock is negative.</source>
        <translation>请填写补货点；填 0 时，只有可用量为负数才会列出该商品。</translation>
    </message>
    <message>
        <source>{field}: {text} is not a number.</source>
        <translation>{field}：{text} 不是数字。</translation>
    </message>
    <message>
        <source>{field} must be greater than zero; {text} was entered.</source>
        <translation>{field}必须大于零，输入的是 {text}。</translation>
    </message>
    <message>
        <source>{field} must not be negative; {text} was entered.</source>
        <translation>{field}不能为负数，输入的是 {text}。</translation>
    </message>
    <message>
        <source>{field} has more than three decimal places: {text}.</source>
        <translation>{field}的小数超过三位：{text}。</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Up to the maximum</source>
        <translation>补到最高库存</translation>
    </message>
    <message>
        <source>No maximum</source>
        <translation>不设最高库存</translation>
    </message>
    <message>
        <source>Reorder &amp;point ({unit}):</source>
        <translation>补货点（{unit}）(&amp;P)：</translation>
    </message>
    <message>
        <source>Reorder &amp;quantity:</source>
        <translation>补货数量(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Maximum:</source>
        <translation>最高库存(&amp;M)：</translation>
    </message>
    <message>
        <source>Reorder quantity</source>
        <translation>补货数量</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最高库存</translation>
    </message>
    <message>
        <source>Saving the reorder point...</source>
        <translation>正在保存补货点……</translation>
    </message>
    <message>
        <source>{code} {name} in {warehouse}</source>
        <translation>{code} {name}，仓库：{warehouse}</translation>
    </message>
    <message>
        <source>The low-stock list shows the product when its available stock falls below the reorder point, and suggests the reorder quantity, or else enough to reach the maximum.</source>
        <translation>可用量低于补货点时，商品会出现在低库存列表中，并建议采购补货数量；未填补货数量时，建议补到最高库存。</translation>
    </message>
    <message>
        <source>The maximum {maximum} is below the reorder point {point}; raise it or leave it empty.</source>
        <translation>最高库存 {maximum} 低于补货点 {point}，请提高最高库存或留空。</translation>
    </message>
</context>
<context>
    <name>RepeatLastOrder</name>
    <message numerus="yes">
        <source>Added the lines of order {number}; %n line(s) left out because the product is no longer sold.</source>
        <translation>
            <numerusform>已添加订单 {number} 的明细；%n 行因商品已停售而未添加。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message numerus="yes">
        <source>{number} was printed %n time(s) before. This print will be marked {mark}.</source>
        <translation>
            <numerusform>{number} 已打印 %n 次。本次打印将标注“{mark}”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the selected documents were printed before. Each reprint is marked with its number:</source>
        <translation>
            <numerusform>所选单据中有 %n 张已打印过，每张补打都标注其打印次数：</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}: {mark}</source>
        <translation>{number}：{mark}</translation>
    </message>
    <message>
        <source>&amp;Reason for the reprint (required):</source>
        <translation>补打原因（必填）(&amp;R)：</translation>
    </message>
    <message>
        <source>For example: the customer lost the copy, the printer jammed</source>
        <translation>例如：客户遗失单据、打印机卡纸</translation>
    </message>
</context>
<context>
    <name>ReprintMark</name>
    <message>
        <source>Reprint no. {number}</source>
        <translation>补打 第{number}次</translation>
    </message>
</context>
<context>
    <name>ReturnEditor</name>
    <message>
        <source>Return goods</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Type the quantities coming back; Tab or Enter moves to the next line. Ctrl+S posts the return, Esc closes.</source>
        <translation>输入退回的数量；Tab 或回车跳到下一行。Ctrl+S 过账退货单，Esc 关闭。</translation>
    </message>
    <message>
        <source>Why the goods come back, such as damaged packaging</source>
        <translation>退货原因，例如包装破损</translation>
    </message>
    <message>
        <source>Post return (Ctrl+S)</source>
        <translation>过账退货单（Ctrl+S）</translation>
    </message>
    <message>
        <source>Into &amp;warehouse:</source>
        <translation>退入仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Return goods from delivery note {number}</source>
        <translation>退货：送货单 {number}</translation>
    </message>
    <message>
        <source>Delivery note {number} to {customer}</source>
        <translation>送货单 {number}，客户：{customer}</translation>
    </message>
    <message>
        <source>Every line of delivery note {number} has been returned in full.</source>
        <translation>送货单 {number} 的所有行都已全部退回。</translation>
    </message>
    <message>
        <source>Credited to the customer: ¥{amount}</source>
        <translation>冲减客户应收：¥{amount}</translation>
    </message>
    <message>
        <source>{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.</source>
        <translation>{text} 不是有效的数量；请输入最多三位小数的数字，例如 2 或 1.5。</translation>
    </message>
    <message>
        <source>Type the quantity to return on at least one line.</source>
        <translation>请至少在一行输入退货数量。</translation>
    </message>
    <message>
        <source>{product}: {quantity} {unit} is more than is left to return; type at most {maximum} {unit}.</source>
        <translation>{product}：{quantity} {unit} 超过可退数量；最多可退 {maximum} {unit}。</translation>
    </message>
    <message>
        <source>Choose the warehouse the goods come back into.</source>
        <translation>请选择货物退入的仓库。</translation>
    </message>
    <message>
        <source>Enter the reason for the return.</source>
        <translation>请填写退货原因。</translation>
    </message>
    <message>
        <source>Posting the return...</source>
        <translation>正在过账退货单……</translation>
    </message>
</context>
<context>
    <name>ReturnLinesDialog</name>
    <message>
        <source>Sales return {number}</source>
        <translation>退货单 {number}</translation>
    </message>
    <message>
        <source>{customer}, from delivery note {delivery} into {warehouse}. Reason: {reason}</source>
        <translation>{customer}，退自送货单 {delivery}，退入 {warehouse}。原因：{reason}</translation>
    </message>
    <message>
        <source>Credited: ¥{amount}</source>
        <translation>冲减应收：¥{amount}</translation>
    </message>
    <message>
        <source>Print preview (Ctrl+P)</source>
        <translation>打印预览（Ctrl+P）</translation>
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
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>ReturnLinesModel</name>
    <message>
        <source>The order line was verified; at most the verified quantity not yet returned, {quantity} {unit}, can come back, credited at the verified price.</source>
        <translation>该订单行已核准：最多可退核准数量中尚未退回的 {quantity} {unit}，按核准后的价格冲减应收。</translation>
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
        <source>Delivered</source>
        <translation>已发数量</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退数量</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>可退数量</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>本次退货</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>冲减金额</translation>
    </message>
</context>
<context>
    <name>ReturnListModel</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>冲减应收</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ReturnNoteLayout</name>
    <message>
        <source>Sales return note {number}</source>
        <translation>退货单 {number}</translation>
    </message>
    <message>
        <source>Print preview: sales return note {number}</source>
        <translation>打印预览：退货单 {number}</translation>
    </message>
</context>
<context>
    <name>ReturnReason</name>
    <message>
        <source>Receipt confirmation {number}</source>
        <translation>收货记录 {number}</translation>
    </message>
</context>
<context>
    <name>ReturnsList</name>
    <message>
        <source>Sales returns (Enter shows the lines, Ctrl+P previews, Ctrl+Shift+S saves a PDF):</source>
        <translation>退货单（回车查看明细，Ctrl+P 预览，Ctrl+Shift+S 另存为 PDF）：</translation>
    </message>
    <message>
        <source>Save return note as PDF</source>
        <translation>将退货单另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Search by return number, customer or delivery note</source>
        <translation>按退货单号、客户或送货单号搜索</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>order clerk</source>
        <translation>开单员</translation>
    </message>
    <message>
        <source>warehouse keeper</source>
        <translation>库管</translation>
    </message>
    <message>
        <source>finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>无角色</translation>
    </message>
</context>
<context>
    <name>RowDelete</name>
    <message>
        <source>Delete...</source>
        <translation>删除……</translation>
    </message>
    <message>
        <source>Delete the selected row of this tab (Del)</source>
        <translation>删除本页选中的行（Del）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleting...</source>
        <translation>正在删除……</translation>
    </message>
</context>
<context>
    <name>SalesOrderLayout</name>
    <message>
        <source>Sales order {number}</source>
        <translation>销售订单 {number}</translation>
    </message>
    <message>
        <source>Print preview: sales order {number}</source>
        <translation>打印预览：销售订单 {number}</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>self-test failed: the bundled CJK font could not be registered</source>
        <translation>自检失败：无法注册随附的中文字体</translation>
    </message>
    <message>
        <source>customer name &apos;{value}&apos;</source>
        <translation>客户名称“{value}”</translation>
    </message>
    <message>
        <source>document number &apos;{value}&apos;</source>
        <translation>单据编号“{value}”</translation>
    </message>
    <message>
        <source>amount in capitals &apos;{value}&apos;</source>
        <translation>大写金额“{value}”</translation>
    </message>
    <message>
        <source>self-test failed: the delivery note PDF lacks {missing}</source>
        <translation>自检失败：送货单 PDF 中缺少{missing}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>self-test passed: replica at {folder}, delivery note {number} rendered to PDF with font {font} (pages: {pages})</source>
        <translation>自检通过：本地副本位于 {folder}，送货单 {number} 已用字体 {font} 输出为 PDF（共 {pages} 页）</translation>
    </message>
    <message>
        <source>self-test passed: replica in a temporary folder, delivery note {number} rendered to PDF with font {font} (pages: {pages})</source>
        <translation>自检通过：本地副本位于临时文件夹，送货单 {number} 已用字体 {font} 输出为 PDF（共 {pages} 页）</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <source>Ship orders</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Type the quantity to ship; Enter or Tab moves to the next cell. What is not shipped stays open on the order. Insert splits a line over another batch. Ctrl+S ships, Esc closes.</source>
        <translation>输入本次发货数量；回车或 Tab 移到下一格。未发的数量仍留在订单上待发。Insert 把一行拆到另一个批次。Ctrl+S 发货，Esc 关闭。</translation>
    </message>
    <message>
        <source>Put the orders of one customer on &amp;one delivery note</source>
        <translation>同一客户的订单合并为一张送货单(&amp;O)</translation>
    </message>
    <message>
        <source>Ship (Ctrl+S)</source>
        <translation>发货 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Type a quantity to ship on at least one line.</source>
        <translation>请至少在一行输入发货数量。</translation>
    </message>
    <message>
        <source>The selected orders have nothing left to ship.</source>
        <translation>所选订单已没有待发数量。</translation>
    </message>
    <message>
        <source>Recording the delivery notes...</source>
        <translation>正在记录送货单……</translation>
    </message>
    <message>
        <source>Orders {numbers}</source>
        <translation>订单 {numbers}</translation>
    </message>
    <message>
        <source>Delivery notes to record: {count}</source>
        <translation>将生成送货单：{count} 张</translation>
    </message>
    <message>
        <source>{text} is not a valid quantity; type a number with at most three decimal places, such as 2 or 1.5.</source>
        <translation>{text} 不是有效数量；请输入最多三位小数的数字，如 2 或 1.5。</translation>
    </message>
    <message>
        <source>{order} {product}: {quantity} {unit} is more than the {open} {unit} left to ship; lower the quantity.</source>
        <translation>{order} {product}：{quantity} {unit} 超过待发的 {open} {unit}，请减少数量。</translation>
    </message>
</context>
<context>
    <name>ShipRowsModel</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
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
        <source>Open</source>
        <translation>待发</translation>
    </message>
    <message>
        <source>Ship</source>
        <translation>本次发货</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>现存量</translation>
    </message>
    <message>
        <source>Batch {batch} has less on hand than this delivery takes. You may still ship it, and its stock then goes below zero. Depending on the warehouse&apos;s negative-stock policy, a manager gets a flag (Block), the Deliveries page shows a warning (Warn) or nothing is reported (Allow).</source>
        <translation>批号 {batch} 的现存量少于本次发货数量。仍可发货，但该批号的库存会变为负数。按仓库的负库存策略：“禁止”时为经理生成一条异常，“警告”时发货页显示警告，“允许”时不作提示。</translation>
    </message>
</context>
<context>
    <name>StockDocEditor</name>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Enter at least one line: type a product code, name or pinyin initials.</source>
        <translation>请至少录入一行：输入商品编码、名称或拼音首字母。</translation>
    </message>
    <message>
        <source>Line {line_no}: enter the quantity.</source>
        <translation>第 {line_no} 行：请填写数量。</translation>
    </message>
    <message>
        <source>Posting...</source>
        <translation>正在过账……</translation>
    </message>
    <message>
        <source>Line {line_no}: enter the quantity and the unit cost.</source>
        <translation>第 {line_no} 行：请填写数量和单位成本。</translation>
    </message>
</context>
<context>
    <name>StockDocLists</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>From warehouse</source>
        <translation>调出仓库</translation>
    </message>
    <message>
        <source>To warehouse</source>
        <translation>调入仓库</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印次数</translation>
    </message>
</context>
<context>
    <name>StockDocViewer</name>
    <message>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>单号：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Supplier:</source>
        <translation>供应商：</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>From warehouse:</source>
        <translation>调出仓库：</translation>
    </message>
    <message>
        <source>To warehouse:</source>
        <translation>调入仓库：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Posted by:</source>
        <translation>过账人：</translation>
    </message>
    <message>
        <source>Goods receipt {number}</source>
        <translation>入库单 {number}</translation>
    </message>
    <message>
        <source>Stock transfer {number}</source>
        <translation>调拨单 {number}</translation>
    </message>
    <message>
        <source>{document_date} (posted on {posting_date})</source>
        <translation>{document_date}（{posting_date} 过账）</translation>
    </message>
    <message>
        <source>(no supplier)</source>
        <translation>（无供应商）</translation>
    </message>
    <message>
        <source>Lines: {count}    Total: ¥{amount}</source>
        <translation>行数：{count}    合计：¥{amount}</translation>
    </message>
    <message>
        <source>Lines: {count}</source>
        <translation>行数：{count}</translation>
    </message>
    <message>
        <source>This document is no longer on this computer: it left your warehouses, or the data is being rebuilt. Close this window and search the list again after the next sync.</source>
        <translation>此单据已不在本机：它已不属于您的仓库，或数据正在重建。请关闭此窗口，下次同步后再在列表中查找。</translation>
    </message>
    <message>
        <source>Print preview (Ctrl+P)</source>
        <translation>打印预览（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+Shift+S)...</source>
        <translation>另存为 PDF（Ctrl+Shift+S）……</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>StockDocumentLayout</name>
    <message>
        <source>Goods receipt {number}</source>
        <translation>入库单 {number}</translation>
    </message>
    <message>
        <source>Stock transfer {number}</source>
        <translation>调拨单 {number}</translation>
    </message>
    <message>
        <source>Print preview: {document}</source>
        <translation>打印预览：{document}</translation>
    </message>
</context>
<context>
    <name>StockDocumentTypes</name>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>Purchase return</source>
        <translation>采购退货单</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Verified order</source>
        <translation>核准单</translation>
    </message>
    <message>
        <source>Sales return</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Stock transfer</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点单</translation>
    </message>
</context>
<context>
    <name>StockDocumentsTab</name>
    <message>
        <source>&amp;New goods receipt (Ctrl+N)</source>
        <translation>新建入库单(&amp;N) (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search receipts by number, supplier, warehouse, product or batch (Ctrl+F)</source>
        <translation>按单号、供应商、仓库、商品或批号搜索入库单（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;New transfer (Ctrl+N)</source>
        <translation>新建调拨单(&amp;N) (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search transfers by number, warehouse, product or batch (Ctrl+F)</source>
        <translation>按单号、仓库、商品或批号搜索调拨单（Ctrl+F）</translation>
    </message>
    <message>
        <source>Enter opens a document, Ctrl+P previews its print, Ctrl+Shift+S saves a PDF, Ctrl+Shift+P prints the selected rows.</source>
        <translation>Enter 打开单据，Ctrl+P 打印预览，Ctrl+Shift+S 另存为 PDF，Ctrl+Shift+P 打印所选行。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>StockLines</name>
    <message>
        <source>Product code</source>
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
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>More than is available: the source warehouse has {available} {unit} left for this line after the lines above. The transfer can still be posted. If the source warehouse&apos;s negative-stock policy is Block, a manager gets a flag where stock goes below zero.</source>
        <translation>超出可用数量：扣除上面各行后，调出仓库只剩 {available} {unit} 可用于此行。调拨单仍可过账。调出仓库的负库存策略为“禁止”时，库存变为负数会为经理生成一条异常。</translation>
    </message>
    <message>
        <source>This product is not tracked by batch or expiry date</source>
        <translation>该商品不按批次或有效期管理</translation>
    </message>
    <message>
        <source>The value &quot;{text}&quot; was not accepted.</source>
        <translation>输入值“{text}”无效。</translation>
    </message>
    <message>
        <source>Invalid quantity &quot;{text}&quot;: enter a number above zero with at most 3 decimals.</source>
        <translation>数量“{text}”无效：请输入大于零、最多 3 位小数的数字。</translation>
    </message>
    <message>
        <source>Invalid unit cost &quot;{text}&quot;: enter a number of zero or more with at most 4 decimals.</source>
        <translation>单位成本“{text}”无效：请输入不小于零、最多 4 位小数的数字。</translation>
    </message>
    <message>
        <source>Invalid expiry date &quot;{text}&quot;: enter a date such as 2027-03-31 or 20270331.</source>
        <translation>有效期“{text}”无效：请输入日期，例如 2027-03-31 或 20270331。</translation>
    </message>
    <message>
        <source>{batch}  expires {expiry}  available {available}</source>
        <translation>{batch}  有效期至 {expiry}  可用 {available}</translation>
    </message>
    <message>
        <source>Invalid unit &quot;{text}&quot;; choose one of the product&apos;s units.</source>
        <translation>单位“{text}”无效，请选择该商品的单位之一。</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>Product code</source>
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
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现存量</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>占用量</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>Unsynced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>StockMovementModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>单据类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>In</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出库</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初结存</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>期末结存</translation>
    </message>
</context>
<context>
    <name>StockMovementsTab</name>
    <message>
        <source>&amp;Product:</source>
        <translation>商品(&amp;P)：</translation>
    </message>
    <message>
        <source>Press F4 to choose a product</source>
        <translation>按 F4 选择商品</translation>
    </message>
    <message>
        <source>Choose... (F4)</source>
        <translation>选择……（F4）</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Total in: {total_in}    Total out: {total_out}</source>
        <translation>入库合计：{total_in}    出库合计：{total_out}</translation>
    </message>
</context>
<context>
    <name>StockSummaryModel</name>
    <message>
        <source>Product code</source>
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
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初数量</translation>
    </message>
    <message>
        <source>In</source>
        <translation>入库数量</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出库数量</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末数量</translation>
    </message>
    <message>
        <source>Opening amount</source>
        <translation>期初金额</translation>
    </message>
    <message>
        <source>Amount in</source>
        <translation>入库金额</translation>
    </message>
    <message>
        <source>Amount out</source>
        <translation>出库金额</translation>
    </message>
    <message>
        <source>Closing amount</source>
        <translation>期末金额</translation>
    </message>
</context>
<context>
    <name>StockSummaryTab</name>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Search products by name, code or barcode</source>
        <translation>按名称、编码或条码搜索商品</translation>
    </message>
    <message>
        <source>Totals: opening {opening}, in {quantity_in}, out {quantity_out}, closing {closing} {unit}</source>
        <translation>合计：期初 {opening}，入库 {quantity_in}，出库 {quantity_out}，期末 {closing}（{unit}）</translation>
    </message>
    <message>
        <source>Quantity totals are shown only when every row has the same unit; these rows have {count} units. Filter by category or product to add them up.</source>
        <translation>各行单位相同时才显示数量合计；这些行共有 {count} 种单位。请按类别或商品筛选后再合计。</translation>
    </message>
    <message>
        <source>Amounts: opening {opening_amount}, in {amount_in}, out {amount_out}, closing {closing_amount}</source>
        <translation>金额：期初 {opening_amount}，入库 {amount_in}，出库 {amount_out}，期末 {closing_amount}</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Stoc&amp;ktakes</source>
        <translation>盘点(&amp;K)</translation>
    </message>
    <message>
        <source>Search products by name, code or barcode (Ctrl+F)</source>
        <translation>按名称、编码或条码搜索商品（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>Show one warehouse or all of them</source>
        <translation>显示某个仓库或全部仓库</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Available = on hand - reserved. The numbers include your unsynced changes; rows marked &quot;pending&quot; change again when the server has accepted them. Enter on a row opens its movement detail, and Ctrl+E sets its reorder point.</source>
        <translation>可用量 = 现存量 − 占用量。数字已包含您未同步的修改；标记为“待同步”的行在服务器接收后会再次更新。在某行上按 Enter 打开它的出入库明细，按 Ctrl+E 设置它的补货点。</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>库存余额</translation>
    </message>
    <message>
        <source>Movement detail</source>
        <translation>出入库明细</translation>
    </message>
    <message>
        <source>Stock summary</source>
        <translation>收发存汇总</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>低库存</translation>
    </message>
    <message>
        <source>By &amp;batch</source>
        <translation>按批次(&amp;B)</translation>
    </message>
    <message>
        <source>Show each batch with its expiry date on its own row</source>
        <translation>每个批次连同有效期单独显示一行</translation>
    </message>
    <message>
        <source>Batches by e&amp;xpiry</source>
        <translation>批次效期(&amp;X)</translation>
    </message>
    <message>
        <source>Goods &amp;receipts</source>
        <translation>入库单(&amp;R)</translation>
    </message>
    <message>
        <source>Tran&amp;sfers</source>
        <translation>调拨单(&amp;S)</translation>
    </message>
</context>
<context>
    <name>StocktakeEditor</name>
    <message>
        <source>Reading the book stock...</source>
        <translation>正在读取账面库存……</translation>
    </message>
    <message>
        <source>Line {line}: {code} is tracked by batch; count the goods found on a batch line, added with Ctrl+B.</source>
        <translation>第 {line} 行：{code} 按批次管理；多出的货物请在批次行上盘点（按 Ctrl+B 添加）。</translation>
    </message>
    <message>
        <source>Add &amp;batch line (Ctrl+B)</source>
        <translation>添加批次行(&amp;B)（Ctrl+B）</translation>
    </message>
    <message>
        <source>{text} is not a valid expiry date; type it as YYYY-MM-DD, such as 2027-06-30.</source>
        <translation>{text} 不是有效的有效期；请按 YYYY-MM-DD 格式输入，例如 2027-06-30。</translation>
    </message>
    <message>
        <source>{code} {name} is not tracked by batch; count it on its line.</source>
        <translation>{code} {name} 不按批次管理；请在它原有的行上盘点。</translation>
    </message>
    <message>
        <source>Line {line}: type the batch number of the added batch line, or remove the line with Ctrl+Delete.</source>
        <translation>第 {line} 行：请输入新增批次行的批号，或按 Ctrl+Delete 删除该行。</translation>
    </message>
    <message>
        <source>Line {line}: batch {batch} of {code} is already on line {other}; count it there.</source>
        <translation>第 {line} 行：{code} 的批次 {batch} 已在第 {other} 行；请在那一行盘点。</translation>
    </message>
    <message>
        <source>Line {line}: {code} is tracked by expiry date; type the batch&apos;s expiry date as YYYY-MM-DD.</source>
        <translation>第 {line} 行：{code} 按有效期管理；请按 YYYY-MM-DD 格式输入该批次的有效期。</translation>
    </message>
    <message>
        <source>New stocktake</source>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <source>Type each counted quantity; Enter moves down. Give a reason on every line that differs from book stock. Ctrl+B adds a line for a batch the book does not list, and Ctrl+Delete removes such a line. Ctrl+S saves the sheet, Ctrl+Enter posts it, Esc closes.</source>
        <translation>逐行输入盘点数量，按 Enter 移到下一行。与账面库存不符的每一行都要填写原因。Ctrl+B 为账面上没有的批次添加一行，Ctrl+Delete 删除这样的行。Ctrl+S 保存盘点表，Ctrl+Enter 过账，Esc 关闭。</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;Post... (Ctrl+Enter)</source>
        <translation>过账(&amp;P)……（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Close the stocktake (Esc)</source>
        <translation>关闭盘点单（Esc）</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>仓库(&amp;W)：</translation>
    </message>
    <message>
        <source>Categor&amp;y:</source>
        <translation>商品分类(&amp;Y)：</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Lines: {lines}. Differing lines: {differing}.</source>
        <translation>行数：{lines}。差异行：{differing}。</translation>
    </message>
    <message>
        <source>Lines: {lines}. Differing lines: {differing}. Difference amount at cost: ¥{amount}.</source>
        <translation>行数：{lines}。差异行：{differing}。按成本计的差异金额：¥{amount}。</translation>
    </message>
    <message>
        <source>Saving the stocktake...</source>
        <translation>正在保存盘点单……</translation>
    </message>
    <message>
        <source>Post stocktake?</source>
        <translation>过账盘点单？</translation>
    </message>
    <message>
        <source>Posting the stocktake...</source>
        <translation>正在过账盘点单……</translation>
    </message>
    <message>
        <source>No warehouse of your department is in this computer&apos;s data; sync, or ask an administrator to add you to the department of the warehouse.</source>
        <translation>本机数据中没有您所在部门的仓库；请同步，或请管理员把您加入该仓库所属的部门。</translation>
    </message>
    <message>
        <source>The sheet has no lines to post.</source>
        <translation>盘点表没有可过账的行。</translation>
    </message>
    <message>
        <source>This warehouse and category have no products to count.</source>
        <translation>该仓库和分类下没有需要盘点的商品。</translation>
    </message>
    <message>
        <source>{text} is not a valid counted quantity; type 0 or more with at most three decimal places, such as 12 or 2.5.</source>
        <translation>{text} 不是有效的盘点数量；请输入不小于 0、最多三位小数的数，例如 12 或 2.5。</translation>
    </message>
    <message>
        <source>Post the stocktake of {warehouse}? Differing lines: {count}. Book stock of every line on the sheet becomes the counted quantity, and the stocktake can no longer be changed.</source>
        <translation>过账 {warehouse} 的盘点单？差异行：{count}。盘点表上每一行的账面库存都将改为盘点数量，过账后盘点单不能再修改。</translation>
    </message>
    <message>
        <source>Stocktake {number} saved. It syncs when the server is reachable.</source>
        <translation>盘点单 {number} 已保存，连上服务器后自动同步。</translation>
    </message>
    <message>
        <source>Stocktake {number}</source>
        <translation>盘点单 {number}</translation>
    </message>
    <message>
        <source>Stocktake {number} of {date}, {status}</source>
        <translation>盘点单 {number}，{date}，{status}</translation>
    </message>
    <message>
        <source>New stocktake of {date}, not saved yet</source>
        <translation>{date} 的新盘点单，尚未保存</translation>
    </message>
    <message>
        <source>Line {line} ({code} {name}) differs from book stock; type the reason before posting.</source>
        <translation>第 {line} 行（{code} {name}）与账面库存不符；请先填写原因再过账。</translation>
    </message>
</context>
<context>
    <name>StocktakeSheetModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>账面数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>盘点数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异数量</translation>
    </message>
    <message>
        <source>Difference amount</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>StocktakesTab</name>
    <message>
        <source>Counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Differing lines</source>
        <translation>差异行</translation>
    </message>
    <message>
        <source>Difference amount</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>&amp;New stocktake (Ctrl+N)</source>
        <translation>新建盘点(&amp;N)（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>打开(&amp;O)（Enter）</translation>
    </message>
    <message>
        <source>Cance&amp;l stocktake (Ctrl+Del)</source>
        <translation>作废盘点(&amp;L)（Ctrl+Del）</translation>
    </message>
    <message>
        <source>Cancel stocktake?</source>
        <translation>作废盘点单？</translation>
    </message>
    <message>
        <source>Cancelling the stocktake...</source>
        <translation>正在作废盘点单……</translation>
    </message>
    <message>
        <source>Stocktake {number} posted; book stock now equals the count. It syncs when the server is reachable.</source>
        <translation>盘点单 {number} 已过账，账面库存已等于盘点数量。连上服务器后自动同步。</translation>
    </message>
    <message>
        <source>Cancel stocktake {number}? Its count sheet is kept. It can no longer be saved, nor posted on this computer. A computer that has not synced the cancellation can still post it: the count then adjusts the stock, and a manager gets a flag that the stocktake had been cancelled before it was posted.</source>
        <translation>作废盘点单 {number}？盘点表会保留，但不能再保存，本机也不能再过账。尚未同步此次作废的电脑仍可过账：盘点结果照常调整库存，并为经理生成一条“盘点单在过账前已被作废”的异常。</translation>
    </message>
    <message>
        <source>Stocktake {number} is {status}; only a stocktake that is still counting can be cancelled. Correct a posted stocktake with a new one.</source>
        <translation>盘点单 {number} {status}；只有盘点中的盘点单可以作废。已过账的盘点单请用新的盘点单更正。</translation>
    </message>
    <message>
        <source>Stocktake {number} cancelled.</source>
        <translation>盘点单 {number} 已作废。</translation>
    </message>
</context>
<context>
    <name>SupplierDetail</name>
    <message>
        <source>Edit... (Ctrl+E)</source>
        <translation>编辑……（Ctrl+E）</translation>
    </message>
    <message>
        <source>Add contact... (Ctrl+Shift+C)</source>
        <translation>添加联系人……（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <source>Purchase return</source>
        <translation>采购退货</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Payment reversal</source>
        <translation>付款冲回</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Offset against receivables</source>
        <translation>应收冲应付</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转移</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已冲销</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>部分入库</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Goods receipts</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>Purchase orders</source>
        <translation>采购订单</translation>
    </message>
    <message>
        <source>Payables</source>
        <translation>应付账款</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
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
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Payment terms:</source>
        <translation>账期：</translation>
    </message>
    <message>
        <source>Payable:</source>
        <translation>应付余额：</translation>
    </message>
    <message>
        <source>What is owed to the supplier; a negative amount is a prepayment</source>
        <translation>欠供应商的金额；负数表示预付款</translation>
    </message>
    <message>
        <source>Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs</source>
        <translation>Ctrl+Tab 和 Ctrl+Shift+Tab 切换标签页</translation>
    </message>
    <message>
        <source>Change this supplier&apos;s master data (Ctrl+E)</source>
        <translation>修改该供应商的资料（Ctrl+E）</translation>
    </message>
    <message>
        <source>Add a contact person (Ctrl+Shift+C)</source>
        <translation>添加一位联系人（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Edit contact...</source>
        <translation>编辑联系人……</translation>
    </message>
    <message>
        <source>Change the selected contact (double-click)</source>
        <translation>修改所选的联系人（双击）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the detail (Esc)</source>
        <translation>关闭详情（Esc）</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Supplier {code} {name}</source>
        <translation>供应商 {code} {name}</translation>
    </message>
    <message>
        <source>This supplier is deleted.</source>
        <translation>该供应商已删除。</translation>
    </message>
    <message>
        <source>This supplier is inactive.</source>
        <translation>该供应商已停用。</translation>
    </message>
    <message>
        <source>Delete the contact {name}?</source>
        <translation>删除联系人 {name}？</translation>
    </message>
    <message>
        <source>{name} is the primary contact of this supplier. After deleting it, no contact is primary until you mark another one as primary. Delete {name}?</source>
        <translation>{name} 是该供应商的主要联系人。删除后将没有主要联系人，请再将另一位联系人设为主要联系人。确定删除 {name} 吗？</translation>
    </message>
    <message>
        <source>{name} is the primary contact and the only contact of this supplier. After deleting it, the supplier has no contact. Delete {name}?</source>
        <translation>{name} 是该供应商的主要联系人，也是唯一的联系人。删除后该供应商将没有联系人。确定删除 {name} 吗？</translation>
    </message>
</context>
<context>
    <name>SupplierEditor</name>
    <message>
        <source>0871-65123456, 13912345678 or +81 3 3555 5011</source>
        <translation>0871-65123456、13912345678 或 +81 3 3555 5011</translation>
    </message>
    <message>
        <source>&amp;Open existing supplier</source>
        <translation>打开已有供应商(&amp;O)</translation>
    </message>
    <message>
        <source>Possible duplicate supplier</source>
        <translation>可能重复的供应商</translation>
    </message>
    <message>
        <source>This supplier may already exist. Open the existing supplier, or save a new one if they are different businesses.</source>
        <translation>该供应商可能已经存在。请打开已有的供应商；如果是不同的商家，再另存为新供应商。</translation>
    </message>
    <message>
        <source>Open the selected supplier instead of saving (Alt+O)</source>
        <translation>不保存，打开所选的供应商（Alt+O）</translation>
    </message>
    <message>
        <source>Save as a separate supplier (Alt+S)</source>
        <translation>另存为一个新供应商（Alt+S）</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Mnemonic:</source>
        <translation>助记码(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Unified social credit code:</source>
        <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <source>Payment &amp;terms (days):</source>
        <translation>账期（天）(&amp;T)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Acti&amp;ve:</source>
        <translation>启用(&amp;V)：</translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation>新建供应商</translation>
    </message>
    <message>
        <source>Edit supplier {code} {name}</source>
        <translation>编辑供应商 {code} {name}</translation>
    </message>
    <message>
        <source>Filled from the name&apos;s pinyin initials</source>
        <translation>按名称的拼音首字母自动填写</translation>
    </message>
    <message>
        <source>Looking for duplicates...</source>
        <translation>正在查找重复供应商……</translation>
    </message>
</context>
<context>
    <name>SupplierModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mnemonic code</source>
        <translation>助记码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>SuppliersView</name>
    <message>
        <source>New supplier... (Ctrl+Shift+N)</source>
        <translation>新建供应商……（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Details (Enter)</source>
        <translation>详情（Enter）</translation>
    </message>
    <message>
        <source>Search by name, code, phone, pinyin initials or mnemonic (Ctrl+F)</source>
        <translation>按名称、编码、电话、拼音首字母或助记码搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Type part of a name, a code, a phone number, the mnemonic code or the pinyin initials of the name (any reading); Down moves to the list</source>
        <translation>输入名称的一部分、编码、电话号码、助记码或名称的拼音首字母（多音字任一读音均可）；按↓键进入列表</translation>
    </message>
    <message>
        <source>Enter opens the supplier&apos;s detail; the Menu key shows sort and columns</source>
        <translation>回车打开供应商详情；菜单键显示排序和列设置</translation>
    </message>
    <message>
        <source>Click a column to sort by it, click again to reverse the order and a third time for best matches first; right-click to choose columns</source>
        <translation>点击列标题按该列排序，再次点击倒序，第三次点击恢复按匹配度排序；右键选择显示的列</translation>
    </message>
    <message>
        <source>Enter a new supplier (Ctrl+Shift+N)</source>
        <translation>录入新供应商（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Open the selected supplier&apos;s detail (Enter)</source>
        <translation>打开所选供应商的详情（回车）</translation>
    </message>
    <message>
        <source>{count}+ suppliers</source>
        <translation>{count}+ 个供应商</translation>
    </message>
    <message numerus="yes">
        <source>%n supplier(s)</source>
        <translation>
            <numerusform>共 %n 个供应商</numerusform>
        </translation>
    </message>
    <message>
        <source>Open details</source>
        <translation>打开详情</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>显示的列</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Building the search index: {done} of {total} records ({percent} %)</source>
        <translation>正在建立搜索索引：{done} / {total} 条记录（{percent} %）</translation>
    </message>
    <message>
        <source>The server was restored from a backup. Kaidan downloaded your data again and resent your recent changes.</source>
        <translation>服务器已从备份恢复。Kaidan 已重新下载您的数据，并重新发送了您最近的更改。</translation>
    </message>
    <message>
        <source>Your last sync was older than the server keeps deletions, so Kaidan downloaded your data again.</source>
        <translation>您上次同步的时间早于服务器保留删除记录的期限，Kaidan 已重新下载您的数据。</translation>
    </message>
    <message>
        <source>Your access changed, so Kaidan downloaded your data again; records outside your access are gone.</source>
        <translation>您的权限已变更，Kaidan 已重新下载您的数据；权限范围以外的记录已移除。</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 ahead of the server&apos;s. Document dates may be wrong; correct the clock.</source>
        <translation>本机时钟比服务器快 %1。单据日期可能有误，请校准时钟。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 behind the server&apos;s. Document dates may be wrong; correct the clock.</source>
        <translation>本机时钟比服务器慢 %1。单据日期可能有误，请校准时钟。</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <source>invalid port in the server address &apos;{address}&apos;: expected an address like {example}</source>
        <translation>服务器地址“{address}”中的端口无效：地址应类似 {example}</translation>
    </message>
    <message>
        <source>invalid server address &apos;{address}&apos;: expected http:// or https:// and a host, e.g. {example}</source>
        <translation>服务器地址“{address}”无效：应以 http:// 或 https:// 开头并包含主机名，例如 {example}</translation>
    </message>
    <message>
        <source>could not connect to the server at {server} (connection refused). Check that the server is running and the address is right, then sync again.</source>
        <translation>无法连接服务器 {server}（连接被拒绝）。请确认服务器正在运行且地址无误，然后重新同步。</translation>
    </message>
    <message>
        <source>the server at {server} does not speak HTTPS. Use http:// or configure TLS on the server.</source>
        <translation>服务器 {server} 不支持 HTTPS。请改用 http://，或在服务器上配置 TLS。</translation>
    </message>
    <message>
        <source>the secure (TLS) connection to the server at {server} failed. Check the address and the server&apos;s certificate.</source>
        <translation>与服务器 {server} 的安全连接（TLS）失败。请检查地址和服务器的证书。</translation>
    </message>
    <message>
        <source>the server at {server} did not respond. Check the address and the network, then sync again.</source>
        <translation>服务器 {server} 没有响应。请检查地址和网络，然后重新同步。</translation>
    </message>
    <message>
        <source>this data folder belongs to the server {folder_value}, not {requested}. Use another --data-dir.</source>
        <translation>这个数据文件夹属于服务器 {folder_value}，而不是 {requested}。请换一个 --data-dir。</translation>
    </message>
    <message>
        <source>this data folder belongs to the user &apos;{folder_value}&apos;, not &apos;{requested}&apos;. Use another --data-dir.</source>
        <translation>这个数据文件夹属于用户“{folder_value}”，而不是“{requested}”。请换一个 --data-dir。</translation>
    </message>
    <message>
        <source>this data folder belongs to another user (id {folder_value}). Use another --data-dir.</source>
        <translation>这个数据文件夹属于另一个用户（id {folder_value}）。请换一个 --data-dir。</translation>
    </message>
</context>
<context>
    <name>SyncProblemsView</name>
    <message>
        <source>The server gave no reason</source>
        <translation>服务器未给出原因</translation>
    </message>
    <message>
        <source>The server did not accept these changes. Correct each one and resend it, or discard it. Changes that depend on a rejected one wait under it and go with it.</source>
        <translation>服务器没有接收以下修改。请逐项改正后重新发送，或者丢弃。依赖被拒修改的其他修改列在它下面，随它一起处理。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>No sync problems: the server accepted every change sent so far.</source>
        <translation>没有同步问题：已发送的修改服务器都已接收。</translation>
    </message>
    <message>
        <source>Fix and resend...</source>
        <translation>修改后重新发送……</translation>
    </message>
    <message>
        <source>Open a rejected order in the order editor, or enter another code for a code already in use; the corrected change replaces the rejected one</source>
        <translation>在开单窗口中打开被拒的订单，或为已被占用的编码另填一个编码；改正后的修改将取代被拒的修改</translation>
    </message>
    <message>
        <source>Change the code</source>
        <translation>更改编码</translation>
    </message>
    <message>
        <source>The code {code} is already in use on the server. Enter another code for &quot;{change}&quot;:</source>
        <translation>编码 {code} 在服务器上已被使用。请为“{change}”另填一个编码：</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Send the change again as it is, after you corrected what it refers to</source>
        <translation>在改正它所涉及的数据后，原样再次发送这项修改</translation>
    </message>
    <message>
        <source>Discard...</source>
        <translation>丢弃……</translation>
    </message>
    <message>
        <source>Drop the change and the changes held behind it; they never reach the server</source>
        <translation>丢弃这项修改以及暂缓在它后面的修改；它们不会发送到服务器</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) wait for this one.</source>
        <translation>
            <numerusform>另有 %n 项修改在等待这一项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix or resend &quot;{change}&quot; first; this change goes with it.</source>
        <translation>请先修改或重新发送“{change}”；这项修改会随它一起处理。</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n change(s)? They will never reach the server, and their effects on this computer are undone:</source>
        <translation>
            <numerusform>丢弃 %n 项修改？它们不会发送到服务器，在本机产生的效果也会撤销：</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>丢弃修改</translation>
    </message>
    <message>
        <source>Discarding...</source>
        <translation>正在丢弃……</translation>
    </message>
    <message>
        <source>Resending...</source>
        <translation>正在重新发送……</translation>
    </message>
    <message>
        <source>Not resent</source>
        <translation>未重新发送</translation>
    </message>
    <message>
        <source>The change still fails on this computer: {reason}

{advice}</source>
        <translation>这项修改在本机仍然无法执行：{reason}

{advice}</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Working...</source>
        <translation>正在处理……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
<context>
    <name>TaxBreakdown</name>
    <message>
        <source>Amount incl. tax</source>
        <translation>含税金额</translation>
    </message>
    <message>
        <source>Amount excl. tax</source>
        <translation>不含税金额</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>No complete lines yet.</source>
        <translation>尚无完整的明细行。</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细合计</translation>
    </message>
    <message>
        <source>Before tax</source>
        <translation>不含税金额</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Document discount</source>
        <translation>整单折扣</translation>
    </message>
</context>
<context>
    <name>TemplateBackground</name>
    <message>
        <source>{file} is not a PNG or JPG image; scan the form to one of those formats.</source>
        <translation>{file} 不是 PNG 或 JPG 图片，请将表单扫描为这两种格式之一。</translation>
    </message>
    <message>
        <source>Could not read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is larger than 20 MB; scan the form at 150 to 300 dpi.</source>
        <translation>{file} 超过 20 MB，请以 150 至 300 dpi 扫描表单。</translation>
    </message>
</context>
<context>
    <name>TemplateDesign</name>
    <message>
        <source>The field {field} has no size; give it a width and a height above 0 mm.</source>
        <translation>字段 {field} 没有尺寸；请设置大于 0 毫米的宽度和高度。</translation>
    </message>
    <message>
        <source>The field {field} reaches beyond the {width} × {height} mm paper; move it or make it smaller.</source>
        <translation>字段 {field} 超出 {width} × {height} 毫米的纸张；请移动或缩小它。</translation>
    </message>
    <message>
        <source>The field {field} overlaps the table of lines; move it above or below the table.</source>
        <translation>字段 {field} 与明细表格重叠；请移到表格上方或下方。</translation>
    </message>
    <message>
        <source>The field {field} uses {{{placeholder}}}, which this document does not fill; pick one from the list of placeholders.</source>
        <translation>字段 {field} 使用了本单据不提供的 {{{placeholder}}}；请从可插入的取值列表中选择。</translation>
    </message>
    <message>
        <source>The columns are {columns} mm wide in all, more than the {table} mm table; narrow a column or widen the table.</source>
        <translation>各列合计宽 {columns} 毫米，超过表格宽度 {table} 毫米；请缩窄某列或加宽表格。</translation>
    </message>
</context>
<context>
    <name>TemplateDesigner</name>
    <message>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Sales return note</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Quotation</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4（210 × 297 毫米）</translation>
    </message>
    <message>
        <source>A5 (148 × 210 mm)</source>
        <translation>A5（148 × 210 毫米）</translation>
    </message>
    <message>
        <source>Continuous form 241 mm, whole (241 × 279.4 mm)</source>
        <translation>241 毫米连续纸，整张（241 × 279.4 毫米）</translation>
    </message>
    <message>
        <source>Continuous form 241 mm, halved (241 × 139.7 mm)</source>
        <translation>241 毫米连续纸，二等分（241 × 139.7 毫米）</translation>
    </message>
    <message>
        <source>Continuous form 241 mm, thirds (241 × 93.1 mm)</source>
        <translation>241 毫米连续纸，三等分（241 × 93.1 毫米）</translation>
    </message>
    <message>
        <source>Print template: {document}, {paper}</source>
        <translation>打印模板：{document}，{paper}</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>P&amp;re-printed form (print values only)</source>
        <translation>套打(&amp;R)（只打印数据）</translation>
    </message>
    <message>
        <source>Form &amp;image…</source>
        <translation>表单图片(&amp;I)……</translation>
    </message>
    <message>
        <source>A scan of the pre-printed form, shown behind the layout while designing and never printed. It stays on this computer; other computers get the layout without it.</source>
        <translation>预印单据纸的扫描图，设计时显示在版式后面，不会打印。它只保存在本机；其他电脑同步得到版式，但没有这张图。</translation>
    </message>
    <message>
        <source>Remove i&amp;mage</source>
        <translation>移除图片(&amp;M)</translation>
    </message>
    <message>
        <source>Reset to &amp;default</source>
        <translation>恢复默认(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S) (Ctrl+S)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>The form image of this template is on another computer; choose it again here to design over it. Printing does not need it.</source>
        <translation>此模板的表单图片在另一台电脑上；如需对照设计，请在本机重新选择。打印不需要它。</translation>
    </message>
    <message>
        <source>Scanned form image</source>
        <translation>表单扫描图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Saved. Other computers print with this layout after their next sync.</source>
        <translation>已保存。其他电脑下次同步后按此版式打印。</translation>
    </message>
    <message>
        <source>Saving the print template...</source>
        <translation>正在保存打印模板……</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This print template has changes that are not saved. Close and lose them?</source>
        <translation>此打印模板有未保存的修改。关闭并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>Sales order</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>Stock transfer</source>
        <translation>调拨单</translation>
    </message>
</context>
<context>
    <name>TemplatePanel</name>
    <message>
        <source>Left</source>
        <translation>左对齐</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右对齐</translation>
    </message>
    <message>
        <source>Every page</source>
        <translation>每页</translation>
    </message>
    <message>
        <source>First page only</source>
        <translation>仅第一页</translation>
    </message>
    <message>
        <source>Last page only</source>
        <translation>仅最后一页</translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation>字段(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文字(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;X from left:</source>
        <translation>距左边 X(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Y from top:</source>
        <translation>距顶边 Y(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <source>F&amp;ont size:</source>
        <translation>字号(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Bold:</source>
        <translation>粗体(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Alignment:</source>
        <translation>对齐(&amp;A)：</translation>
    </message>
    <message>
        <source>Table &amp;columns (title and width in mm):</source>
        <translation>表格列(&amp;C)（标题和宽度，单位毫米）：</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Width (mm)</source>
        <translation>宽度（毫米）</translation>
    </message>
    <message>
        <source>Printed as typed; a name in braces such as {number} prints the document&apos;s value.</source>
        <translation>按输入内容打印；花括号中的名称（如 {number}）打印单据中的对应值。</translation>
    </message>
    <message>
        <source>Choose a value to insert…</source>
        <translation>选择要插入的取值……</translation>
    </message>
    <message>
        <source>Insert val&amp;ue:</source>
        <translation>插入取值(&amp;U)：</translation>
    </message>
    <message>
        <source>Li&amp;nes per page:</source>
        <translation>每页行数(&amp;N)：</translation>
    </message>
    <message>
        <source>On pa&amp;ges:</source>
        <translation>打印页(&amp;G)：</translation>
    </message>
</context>
<context>
    <name>TextPrinting</name>
    <message>
        <source>Sending to the printer...</source>
        <translation>正在发送到打印机……</translation>
    </message>
    <message>
        <source>Sent to {printer} as text: {numbers}.</source>
        <translation>已以文本方式发送到 {printer}：{numbers}。</translation>
    </message>
    <message>
        <source>Printed before it: {numbers}.</source>
        <translation>在它之前已打印：{numbers}。</translation>
    </message>
    <message>
        <source>Printing stopped at {number}: {reason}</source>
        <translation>打印在 {number} 处中止：{reason}</translation>
    </message>
    <message>
        <source>Dot-matrix &amp;printer:</source>
        <translation>针式打印机(&amp;P)：</translation>
    </message>
    <message>
        <source>Print as text</source>
        <translation>以文本方式打印</translation>
    </message>
    <message>
        <source>No printer is installed on this computer. Install the dot-matrix printer&apos;s driver or add it as a generic text printer, then print again.</source>
        <translation>本机没有安装打印机。请安装针式打印机的驱动程序，或将其添加为通用文本打印机，然后重新打印。</translation>
    </message>
    <message>
        <source>Select the documents to print first.</source>
        <translation>请先选择要打印的单据。</translation>
    </message>
</context>
<context>
    <name>TransferEditor</name>
    <message>
        <source>New stock transfer</source>
        <translation>新建调拨单</translation>
    </message>
    <message>
        <source>&amp;From warehouse:</source>
        <translation>调出仓库(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To warehouse:</source>
        <translation>调入仓库(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Post transfer (Ctrl+S)</source>
        <translation>调拨过账(&amp;P) (Ctrl+S)</translation>
    </message>
    <message>
        <source>Type a product code, barcode or pinyin initials (F2 searches), choose the batch for tracked products, then the quantity and unit; Enter moves on. Ctrl+S posts, Esc closes.</source>
        <translation>输入商品编码、条码或拼音首字母（F2 查找）；按批次管理的商品选择批号，再填数量和单位。回车进入下一格。Ctrl+S 过账，Esc 关闭。</translation>
    </message>
    <message>
        <source>Choose the warehouse the goods leave and the one they go to.</source>
        <translation>请选择调出仓库和调入仓库。</translation>
    </message>
    <message>
        <source>The source and target warehouse are the same ({warehouse}); choose another target.</source>
        <translation>调出仓库与调入仓库相同（{warehouse}），请选择其他调入仓库。</translation>
    </message>
    <message>
        <source>Line {line_no}: {product_code} {product_name}, {quantity} {unit} of {available} available</source>
        <translation>第 {line_no} 行：{product_code} {product_name}，调拨 {quantity} {unit}，可用 {available}</translation>
    </message>
    <message>
        <source>These lines move more than {warehouse} has available:
{lines}

Post the transfer anyway? If the source warehouse&apos;s negative-stock policy is Block, a manager gets a flag where stock goes below zero.</source>
        <translation>以下各行的调拨数量超过 {warehouse} 的可用数量：
{lines}

仍要过账此调拨单吗？调出仓库的负库存策略为“禁止”时，库存变为负数会为经理生成一条异常。</translation>
    </message>
    <message>
        <source>Transfer more than available?</source>
        <translation>调拨数量超过可用数量？</translation>
    </message>
    <message>
        <source>&amp;Post anyway</source>
        <translation>仍然过账(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
    <message>
        <source>Lines: {count}</source>
        <translation>行数：{count}</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer contacts</source>
        <translation>客户联系人</translation>
    </message>
    <message>
        <source>Delivery note lines</source>
        <translation>送货单明细</translation>
    </message>
    <message>
        <source>Delivery notes</source>
        <translation>送货单</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Goods receipts</source>
        <translation>入库单</translation>
    </message>
    <message>
        <source>Goods receipt lines</source>
        <translation>入库单明细</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Payments received</source>
        <translation>收款单</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Product barcodes</source>
        <translation>商品条码</translation>
    </message>
    <message>
        <source>Product units</source>
        <translation>商品单位</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>Sales order lines</source>
        <translation>销售订单明细</translation>
    </message>
    <message>
        <source>Shipping addresses</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Stock balances</source>
        <translation>库存余额</translation>
    </message>
    <message>
        <source>Stock movements</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>Stock transfers</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Every table matches the server ({count} compared).</source>
        <translation>所有数据表都与服务器一致（共比较 {count} 张表）。</translation>
    </message>
    <message>
        <source>The server has newer changes than this computer; they arrive with the next sync.</source>
        <translation>服务器上有本机尚未获取的新修改，下次同步时会下载。</translation>
    </message>
    <message>
        <source>Tables that differ from the server: {count} of {compared}</source>
        <translation>与服务器不一致的数据表：{count} / {compared}</translation>
    </message>
    <message>
        <source>• {table}: rows here {local}, on the server {server}, different {ids}</source>
        <translation>• {table}：本机 {local} 行，服务器 {server} 行，不一致 {ids} 行</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>另有 {count} 张表</translation>
    </message>
    <message>
        <source>The server has changes this computer has not fetched yet: sync now (F5), then verify again.</source>
        <translation>服务器上有本机尚未获取的修改：请先立即同步（F5），再重新核对。</translation>
    </message>
    <message>
        <source>This computer has fetched every change, so its copy is damaged: ask your administrator to rebuild this data folder. Unsynced changes are kept.</source>
        <translation>本机已获取全部修改，说明本机数据已损坏：请联系管理员重建此数据文件夹。未同步的修改会保留。</translation>
    </message>
    <message>
        <source>Verify with server</source>
        <translation>与服务器核对</translation>
    </message>
    <message>
        <source>Comparing checksums with the server...</source>
        <translation>正在与服务器比较校验和……</translation>
    </message>
    <message>
        <source>Verifying with the server...</source>
        <translation>正在与服务器核对……</translation>
    </message>
</context>
<context>
    <name>VerifyLinesModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
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
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Corrected quantity</source>
        <translation>核准数量</translation>
    </message>
    <message>
        <source>Corrected price</source>
        <translation>核准单价</translation>
    </message>
    <message>
        <source>Corrected amount</source>
        <translation>核准金额</translation>
    </message>
</context>
</TS>
