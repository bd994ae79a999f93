// Every text the dashboard shows, in Chinese and English, and the fault translator: the edge reports device
// states as short text ("paper out", "no status reply within 3000 ms", a SQLite message); a
// technician needs a sentence that says what is wrong and what to do. Unknown reasons fall back to a generic
// sentence that still shows the device's own words, so nothing the edge adds later is hidden.
(function () {
  'use strict';

  var TEXT = {
    zh: {
      title: '一码边缘 · 产线看板',
      connecting: '正在连接…',
      version: '版本 {0} · 已运行 {1} 分钟',
      live: '实时',
      stale: '数据已过期：边缘服务没有响应（最后一次更新 {0}）。下面的数字已隐藏。',
      staleNever: '数据已过期：边缘服务没有响应。',
      lang: 'English',
      state_RUNNING: '运行中', state_PAUSED: '已暂停', state_IDLE: '空闲', state_FAULT: '故障',
      link_ONLINE: '正常', link_OFFLINE: '离线', link_FAULT: '故障',
      device_printer: '打印机', device_scanner: '扫码器', device_plc: 'PLC', device_vault: '码库', device_line: '产线',
      device_case_printer: '箱码打印机', device_case_reader: '箱码扫描器',
      since: '自 {0} 起',
      job: '工单 {0} · 产品 {1} · 批次 {2}',
      noJob: '没有打开的工单',
      printed: '已打印', bound: '已绑定', rejected: '已剔除', voided: '已作废', of: '计划', staleTriggers: '触发过期',
      rejectRate: '剔除率',
      perMin: '件/分',
      latency: '触发→打印 p50 {0} ms · p99 {1} ms',
      rejects: '剔除原因',
      vaultStock: '码库库存', application: '申请单', available: '可用', total: '总数', lowStock: '库存不足',
      outbox: '激活队列', pending: '待排队', queued: '已排队', activated: '已激活', failed: '失败',
      failedTitle: '激活失败（原因来自微信接口）',
      failedRange: '范围 {0}：申请单 {1} 序号 {2}–{3}，工单 {4}，尝试 {5} 次，{6}',
      quota: '微信接口配额用完，等待到 {0}',
      exportAlarm: 'MQTT 导出积压告警：{0}',
      preview: '最后打印的标签',
      previewNone: '还没有打印标签',
      previewOf: '码 {0}（序号 {1}），{2}，{3} 字节 {4}',
      previewBytes: '下载打印机原始字节',
      history: '工单记录',
      h_job: '工单', h_line: '产线', h_sku: '产品', h_batch: '批次', h_state: '状态', h_opened: '开始',
      h_closed: '结束', h_download: '下载',
      jobState_OPEN: '进行中', jobState_STOPPED: '已停止', jobState_CLOSED: '已关闭',
      audit: '操作记录',
      auditBy: '{0}：{1}',
      login: '登录操作', logout: '退出', operator: '操作员：{0}',
      loginTitle: '登录后才能操作产线',
      loginToken: '状态口令（status token）', loginSubmit: '登录', cancel: '取消',
      loginWrong: '口令不对：请检查 /etc/yima-edge/status.token 中的口令',
      loginDisabled: '控制功能未开启：边缘配置中没有 status.token_file',
      loginFailed: '无法登录：边缘服务没有响应',
      loginLimited: '这台电脑输错口令的次数太多：请 {0} 秒后再试',
      pause: '暂停', resume: '继续', closeJob: '关闭工单',
      confirmClose: '确定关闭工单 {0}？未确认的码将作废。',
      voidRange: '作废序号范围', voidApp: '申请单', voidFrom: '从', voidTo: '到', voidSubmit: '作废',
      retry: '重试失败的激活',
      done: '已完成：{0}', ok: '完成',
      refused: '被拒绝：{0}',
      sessionExpired: '口令已失效，请重新登录',
      action_pause: '暂停', action_resume: '继续', 'action_close job': '关闭工单',
      'action_void range': '作废范围', 'action_retry activations': '重试激活',
      kind_CONTROL: '操作', kind_JOB_OPEN: '工单开始', kind_JOB_CLOSED: '工单关闭', kind_JOB_STOPPED: '工单停止',
      kind_ACTIVATION_FAILED: '激活失败', kind_ACTIVATION_REQUEUED: '激活重新排队', kind_VOID_RANGE: '作废范围',
      kind_IMPORT: '导入码包', kind_RECOVER: '启动恢复',
      kind_RECOVER_IMPORT: '恢复中断的导入', kind_COUNTS_REPAIRED: '计数已修正',
      kind_PACK: '装箱', kind_UNPACK: '拆箱', kind_REPLACE: '更换子项', kind_VOID_CASE: '作废箱码',
      kind_SSCC_RESERVED: '预留箱码序号',
      staleTip: '产线来不及按时打印时被拒绝的 PLC 触发：这些产品没有贴标签，必须重新过线或剔除',
      staleNote: '{0} 个 PLC 触发过期（产线来不及按时打印）：这些产品没有标签，必须重新过线或剔除',
      deviceOf: '{0} {1}',
      plcLost: 'PLC 断开', plcLostNote: '产线 {0} 没有 PLC 连接：不会收到触发，速度不再显示',
      state_PLC_LOST: 'PLC 断开',
      mode_TRIGGERED: '触发打印', mode_STREAM: '连续打印', mode_PREPRINT: '预印',
      reason_NO_READ: '未读到码', reason_MISMATCH: '码不符', reason_DUPLICATE: '重复码', reason_FOREIGN: '非本工单的码',
      reason_TIMEOUT: '扫码超时', reason_PRINTER_FAULT: '打印机故障', reason_VOIDED: '已作废',
      voidReason_JOB_CLOSED: '工单关闭', voidReason_SEND_FAILED: '发送失败', voidReason_RENDER_FAILED: '标签生成失败',
      voidReason_PRINTER_FAULT: '打印机故障', voidReason_TECHNICIAN: '技术员作废', voidReason_CRASH: '异常停机后恢复',
      codeState_AVAILABLE: '可用', codeState_RESERVED: '已预留', codeState_SENT: '已发送', codeState_BOUND: '已绑定',
      codeState_REJECTED: '已剔除', codeState_VOIDED: '已作废',
      stock_ok: '', stock_amber: '库存偏低', stock_red: '库存告急',
      stockAction: '申请并下载更多码：yima-edge wechat apply，然后 yima-edge wechat download',
      opcuaOk: 'OPC UA：正常（{0}）',
      adapters: '通信接口',
      adapter_plc: 'PLC 端口', adapter_modbus: 'Modbus 连接', adapter_opcua: 'OPC UA 服务', adapter_mqtt: 'MQTT 导出',
      adapter_status: '状态端口',
      adapterState_ONLINE: '正常', adapterState_OFFLINE: '离线', adapterState_CONFIG_ERROR: '配置错误',
      opcuaFault: 'OPC UA 服务没有启动：{0}。产线照常生产，但上位系统读不到数据；修正配置后重启边缘服务',
      voidCheck: '检查范围', voidConfirm: '确认作废 {0} 个码', voidCancel: '不作废',
      voidPreview: '申请单 {0} 序号 {1}–{2}：{3} 个可用码将作废；其余 {4} 个（已预留、已打印、已绑定或已作废）不动——已打印或已绑定的码永远不会作废。作废不可撤销。',
      voidNothing: '申请单 {0} 序号 {1}–{2}：没有可用码，不会作废任何码（{3}）。',
      voidDone: '已作废 {0} 个码', voidKept: '已作废 {0} 个码；其余的码没有作废：{1}。只作废可用码，已打印或已绑定的码永远不会作废',
      voidNoCodes: '这个申请单在该范围内没有码',
      audit_RECOVER: '{released} 个预留码放回库存，{voided} 个已发送但没有结果的码作废',
      audit_VOID_RANGE: '申请单 {application} 序号 {from}–{to}：作废 {voided} 个（{reason}）',
      audit_JOB_OPEN: '工单 {job}，申请单 {application}，计划 {quantity}',
      audit_JOB_CLOSED: '工单 {job}', audit_JOB_STOPPED: '工单 {job}',
      audit_IMPORT: '申请单 {application}：导入 {imported} 个码，已存在 {alreadyPresent} 个',
      audit_ACTIVATION_FAILED: '范围 {range}（申请单 {application} 序号 {start}–{end}）：{error}',
      audit_ACTIVATION_REQUEUED: '{ranges} 个范围重新排队',
      audit_RECOVER_IMPORT: '丢弃 {discarded} 个中断的导入（{codesDiscarded} 个码）',
      audit_COUNTS_REPAIRED: '修正了 {differences} 处计数差异',
      auditVoid: '申请单 {0} 序号 {1}–{2}，作废 {3} 个', auditVoidRange: '申请单 {0} 序号 {1}–{2}',
      field: '{0}：{1}',
      // control refusals, by the status port's RefusalCode ({name} from the answer's params)
      refusal_no_job: '没有工单 {job}', refusal_job_not_open: '工单 {job} 没有在任何产线上打开',
      refusal_no_line: '没有产线 {line}', refusal_empty_range: '范围为空：序号 {from}–{to}',
      refusal_line_refused: '产线拒绝：{refusal}', refusal_line_timeout: '产线在 {seconds} 秒内没有应答',
      refusal_interrupted: '操作被中断，请重试', refusal_token_required: '需要有效的口令，请重新登录',
      refusal_controls_disabled: '控制功能已关闭：没有配置 status.token_file',
      refusal_locked_out: '此地址输错口令的次数过多：请 {seconds} 秒后再试',
      refusal_body_not_json: '请求内容无法解析', refusal_body_not_object: '请求内容必须包含申请单、起始序号和结束序号',
      refusal_field_not_count: '{field}必须是不小于 0 的整数', refusal_range_reversed: '起始序号不能大于结束序号',
      refusalField_application: '申请单', refusalField_from: '起始序号', refusalField_to: '结束序号',
      lineRefusal_NO_JOB: '没有打开的工单', lineRefusal_JOB_OPEN: '已有打开的工单', lineRefusal_JOB_STOPPED: '工单已停止',
      lineRefusal_JOB_CLOSED: '工单已关闭', lineRefusal_OUT_OF_CODES: '码库没有可用的码', lineRefusal_PAUSED: '产线已暂停',
      lineRefusal_BUSY: '产线正忙', lineRefusal_WRONG_MODE: '当前产线模式不能这样操作',
      lineRefusal_QUANTITY_REACHED: '已达到计划数量', lineRefusal_BAD_FIELD: '字段内容不对', lineRefusal_VAULT: '码库出错',
      lineRefusal_SHUTTING_DOWN: '边缘服务正在停止', lineRefusal_INTERNAL: '内部错误', lineRefusal_STALE: '触发过期',
      lineRefusal_JOB_ON_OTHER_LINE: '工单已在另一条产线上打开',
      packTitle: '包装层级：查码与返工', packCode: '码（单品、箱或托，扫到的网址、码或箱码）', packLookup: '查询',
      packLookupOf: '查询 {0}', packOpen: '查看', packNewChild: '新单品的码', packReason: '原因（可不填）',
      packCancel: '不改', packNotFound: '码库里没有码 {0}：请检查是否扫对了码', packNone: '{0} 不在任何箱里，本身也不是箱或托',
      packIn: '{0} 在{1} {2}（{3}）里', packUnit: '{0} {1} · {2} · 工单 {3} · 现有 {4} 个子项（装箱时 {5} 个）',
      packWhy: '原因：{0}', packReplace: '换掉', packUnpack: '拆箱', packVoid: '作废箱码',
      packAskUnpack: '确定拆开{0} {1}？其中 {2} 个子项离开，可以重新装箱；这个箱码以后不能再用。此操作记入操作记录并导出。',
      packAskVoid: '确定作废{0} {1} 的码？先拆出其中 {2} 个子项，箱码作废后不能再用。此操作记入操作记录并导出。',
      packAskReplace: '确定把 {0} 从{1} {2} 里换掉？旧单品离开，新单品（本工单已绑定、不在任何箱里）装入；两者都记入操作记录并导出。',
      packGoUnpack: '确认拆箱', packGoVoid: '确认作废箱码', packGoReplace: '确认更换',
      packNeedNew: '请扫入或输入新单品的码',
      packAction_unpack: '拆箱', packAction_replace: '更换子项', packAction_void: '作废箱码',
      'action_unpack case': '拆箱', 'action_replace in case': '更换子项', 'action_void case': '作废箱码',
      packLevel_CASE: '箱', packLevel_PALLET: '托',
      packState_PACKED: '已装好', packState_UNPACKED: '已拆开', packState_VOIDED: '已作废',
      packRefusal_MISSING: '子项比关箱时少', packRefusal_EXTRA: '子项比关箱时多',
      packRefusal_FOREIGN: '这个码不是本码库本工单的码', packRefusal_ALREADY_PACKED: '这个码已经在另一箱（或另一托）里',
      packRefusal_DUPLICATE: '同一个码出现了两次', packRefusal_CASE_NO_READ: '没有读到箱码',
      packRefusal_NOT_BOUND: '这个单品没有通过校验（未绑定）', packRefusal_NOT_PACKED: '这一箱没有装好（已拆开或已作废）',
      packRefusal_CASE_CODE_USED: '这个箱码已经用过，箱码永不重复使用', packRefusal_CASE_CODE_FOREIGN: '不是本码库本工单的箱码',
      packRefusal_CASE_CODE_NOT_ISSUED: '这个箱码的标签没有打印出去', packRefusal_UNKNOWN_UNIT: '没有以这个码为箱或托的记录',
      packRefusal_NOT_A_CHILD: '要换掉的码不在这一箱里', packRefusal_ON_PALLET: '这一箱还在托上：请先拆托',
      packRefusal_OTHER_LINE: '这一箱属于另一条产线的工单：请在那条产线上返工',
      packRefusal_UNAVAILABLE: '这台边缘服务不提供包装层级'
    },
    en: {
      title: 'Yima Edge · line dashboard',
      connecting: 'connecting…',
      version: 'version {0} · up {1} min',
      live: 'live',
      stale: 'Data is stale — the edge is not answering (last update {0}). The figures below are hidden.',
      staleNever: 'Data is stale — the edge is not answering.',
      lang: '中文',
      state_RUNNING: 'RUNNING', state_PAUSED: 'PAUSED', state_IDLE: 'IDLE', state_FAULT: 'FAULT',
      link_ONLINE: 'online', link_OFFLINE: 'offline', link_FAULT: 'fault',
      device_printer: 'printer', device_scanner: 'scanner', device_plc: 'PLC', device_vault: 'vault', device_line: 'line',
      device_case_printer: 'case printer', device_case_reader: 'case reader',
      since: 'since {0}',
      job: 'Job {0} · SKU {1} · batch {2}',
      noJob: 'no open job',
      printed: 'printed', bound: 'bound', rejected: 'rejected', voided: 'voided', of: 'of', staleTriggers: 'stale triggers',
      rejectRate: 'reject rate',
      perMin: 'items/min',
      latency: 'trigger→print p50 {0} ms · p99 {1} ms',
      rejects: 'rejects',
      vaultStock: 'Vault stock', application: 'Application', available: 'Available', total: 'Total',
      lowStock: 'LOW STOCK',
      outbox: 'Activation outbox', pending: 'pending', queued: 'queued', activated: 'activated', failed: 'failed',
      failedTitle: 'Failed activations (reason from the WeChat API)',
      failedRange: 'range {0}: application {1} index {2}–{3}, job {4}, {5} attempts, {6}',
      quota: 'WeChat API quota used up: waiting until {0}',
      exportAlarm: 'MQTT export backlog alarm: {0}',
      preview: 'Last printed label',
      previewNone: 'no label printed yet',
      previewOf: 'code {0} (index {1}), {2}, {3} bytes of {4}',
      previewBytes: 'download the printer bytes',
      history: 'Job history',
      h_job: 'Job', h_line: 'Line', h_sku: 'SKU', h_batch: 'Batch', h_state: 'State', h_opened: 'Opened',
      h_closed: 'Closed', h_download: 'Download',
      jobState_OPEN: 'open', jobState_STOPPED: 'stopped', jobState_CLOSED: 'closed',
      audit: 'Audit log',
      auditBy: '{0}: {1}',
      login: 'Log in to control', logout: 'Log out', operator: 'operator: {0}',
      loginTitle: 'Log in to control the line',
      loginToken: 'Status token', loginSubmit: 'Log in', cancel: 'Cancel',
      loginWrong: 'Wrong token: check the token in /etc/yima-edge/status.token',
      loginDisabled: 'Controls are off: the edge config has no status.token_file',
      loginFailed: 'Cannot log in: the edge is not answering',
      loginLimited: 'Too many wrong tokens from this computer: try again in {0} s',
      pause: 'Pause', resume: 'Resume', closeJob: 'Close job',
      confirmClose: 'Close job {0}? Unconfirmed codes will be voided.',
      voidRange: 'Void an index range', voidApp: 'application', voidFrom: 'from', voidTo: 'to', voidSubmit: 'Void',
      retry: 'Retry failed activations',
      done: 'done: {0}', ok: 'done',
      refused: 'refused: {0}',
      sessionExpired: 'the token is no longer valid, please log in again',
      action_pause: 'pause', action_resume: 'resume', 'action_close job': 'close job',
      'action_void range': 'void range', 'action_retry activations': 'retry activations',
      kind_CONTROL: 'control', kind_JOB_OPEN: 'job opened', kind_JOB_CLOSED: 'job closed',
      kind_JOB_STOPPED: 'job stopped', kind_ACTIVATION_FAILED: 'activation failed',
      kind_ACTIVATION_REQUEUED: 'activations requeued', kind_VOID_RANGE: 'range voided', kind_IMPORT: 'import',
      kind_RECOVER: 'start-up recovery',
      kind_RECOVER_IMPORT: 'interrupted import recovered', kind_COUNTS_REPAIRED: 'counts repaired',
      kind_PACK: 'packed', kind_UNPACK: 'unpacked', kind_REPLACE: 'child replaced', kind_VOID_CASE: 'case code voided',
      kind_SSCC_RESERVED: 'SSCC reserved',
      staleTip: 'PLC triggers refused while the line could not print in time — those items carry no label and must be re-run or kicked out',
      staleNote: '{0} PLC triggers expired (the line could not print in time): those items carry no label and must be re-run or kicked out',
      deviceOf: '{0} {1}',
      plcLost: 'PLC LOST', plcLostNote: 'line {0} has no PLC connected: no triggers arrive, the rate is not shown',
      state_PLC_LOST: 'PLC LOST',
      mode_TRIGGERED: 'triggered', mode_STREAM: 'stream', mode_PREPRINT: 'preprint',
      reason_NO_READ: 'no read', reason_MISMATCH: 'mismatch', reason_DUPLICATE: 'duplicate', reason_FOREIGN: 'foreign code',
      reason_TIMEOUT: 'scan timeout', reason_PRINTER_FAULT: 'printer fault', reason_VOIDED: 'voided',
      voidReason_JOB_CLOSED: 'job closed', voidReason_SEND_FAILED: 'send failed', voidReason_RENDER_FAILED: 'label could not be made',
      voidReason_PRINTER_FAULT: 'printer fault', voidReason_TECHNICIAN: 'voided by a technician', voidReason_CRASH: 'recovered after a crash',
      codeState_AVAILABLE: 'available', codeState_RESERVED: 'reserved', codeState_SENT: 'sent', codeState_BOUND: 'bound',
      codeState_REJECTED: 'rejected', codeState_VOIDED: 'voided',
      stock_ok: '', stock_amber: 'LOW STOCK', stock_red: 'STOCK CRITICAL',
      stockAction: 'apply for and download more codes: yima-edge wechat apply, then yima-edge wechat download',
      opcuaOk: 'OPC UA: serving ({0})',
      adapters: 'Adapters',
      adapter_plc: 'PLC port', adapter_modbus: 'Modbus link', adapter_opcua: 'OPC UA server', adapter_mqtt: 'MQTT export',
      adapter_status: 'Status port',
      adapterState_ONLINE: 'online', adapterState_OFFLINE: 'offline', adapterState_CONFIG_ERROR: 'config error',
      opcuaFault: 'The OPC UA server did not start: {0}. The line produces, but no OPC UA client can read it; fix the config and restart the edge',
      voidCheck: 'Check the range', voidConfirm: 'Void {0} codes', voidCancel: 'Do not void',
      voidPreview: 'application {0} index {1}–{2}: {3} available codes will be voided; the other {4} (reserved, printed, bound or already voided) are left alone — printed or bound codes are never voided. Voiding cannot be undone.',
      voidNothing: 'application {0} index {1}–{2}: no available code, nothing will be voided ({3}).',
      voidDone: '{0} codes voided', voidKept: '{0} codes voided; the rest were left alone: {1}. Only available codes are voided, printed or bound codes never are',
      voidNoCodes: 'the application has no codes in this range',
      audit_RECOVER: '{released} reserved codes back to stock, {voided} sent codes without a result voided',
      audit_VOID_RANGE: 'application {application} index {from}–{to}: {voided} voided ({reason})',
      audit_JOB_OPEN: 'job {job}, application {application}, quantity {quantity}',
      audit_JOB_CLOSED: 'job {job}', audit_JOB_STOPPED: 'job {job}',
      audit_IMPORT: 'application {application}: {imported} codes imported, {alreadyPresent} already present',
      audit_ACTIVATION_FAILED: 'range {range} (application {application} index {start}–{end}): {error}',
      audit_ACTIVATION_REQUEUED: '{ranges} ranges requeued',
      audit_RECOVER_IMPORT: '{discarded} interrupted imports discarded ({codesDiscarded} codes)',
      audit_COUNTS_REPAIRED: '{differences} count differences repaired',
      auditVoid: 'application {0} index {1}–{2}, {3} voided', auditVoidRange: 'application {0} index {1}–{2}',
      field: '{0}: {1}',
      refusal_no_job: 'no job {job}', refusal_job_not_open: 'job {job} is not open on any line',
      refusal_no_line: 'no line {line}', refusal_empty_range: 'empty range: index {from}–{to}',
      refusal_line_refused: 'the line refused: {refusal}', refusal_line_timeout: 'the line did not answer within {seconds} s',
      refusal_interrupted: 'interrupted, try again', refusal_token_required: 'a valid token is required: log in again',
      refusal_controls_disabled: 'controls are disabled: no status.token_file configured',
      refusal_locked_out: 'too many wrong tokens from this address: try again in {seconds} s',
      refusal_body_not_json: 'the request could not be read', refusal_body_not_object: 'the request must name the application, first and last index',
      refusal_field_not_count: '{field} must be a whole number, 0 or more', refusal_range_reversed: 'the first index must not be greater than the last',
      refusalField_application: 'application', refusalField_from: 'first index', refusalField_to: 'last index',
      lineRefusal_NO_JOB: 'no open job', lineRefusal_JOB_OPEN: 'a job is open already', lineRefusal_JOB_STOPPED: 'the job is stopped',
      lineRefusal_JOB_CLOSED: 'the job is closed', lineRefusal_OUT_OF_CODES: 'the vault has no available codes', lineRefusal_PAUSED: 'the line is paused',
      lineRefusal_BUSY: 'the line is busy', lineRefusal_WRONG_MODE: 'not possible in the line\'s mode',
      lineRefusal_QUANTITY_REACHED: 'the planned quantity is reached', lineRefusal_BAD_FIELD: 'a field is not valid', lineRefusal_VAULT: 'the code vault failed',
      lineRefusal_SHUTTING_DOWN: 'the edge is shutting down', lineRefusal_INTERNAL: 'internal error', lineRefusal_STALE: 'trigger stale',
      lineRefusal_JOB_ON_OTHER_LINE: 'the job is open on another line',
      packTitle: 'Packing: look up a code, rework a case', packCode: 'code (item, case or pallet: the URL, code or SSCC as scanned)',
      packLookup: 'Look up', packLookupOf: 'look up {0}', packOpen: 'look up', packNewChild: 'the new item\'s code',
      packReason: 'reason (optional)', packCancel: 'Leave it',
      packNotFound: 'the vault has no code {0}: check that the right code was scanned', packNone: '{0} is in no case and is not a case or pallet',
      packIn: '{0} is in {1} {2} ({3})', packUnit: '{0} {1} · {2} · job {3} · {4} children now ({5} when packed)',
      packWhy: 'reason: {0}', packReplace: 'replace', packUnpack: 'Unpack', packVoid: 'Void the case code',
      packAskUnpack: 'Unpack {0} {1}? Its {2} children leave it and may be packed again; the case code is never used again. This is audited and exported.',
      packAskVoid: 'Void the code of {0} {1}? Its {2} children leave it first; a voided case code is never used again. This is audited and exported.',
      packAskReplace: 'Replace {0} in {1} {2}? The old item leaves, the new one (bound in this job, in no case) enters; both are audited and exported.',
      packGoUnpack: 'Unpack', packGoVoid: 'Void the case code', packGoReplace: 'Replace',
      packNeedNew: 'scan or type the new item\'s code',
      packAction_unpack: 'unpack', packAction_replace: 'replace in', packAction_void: 'void case',
      'action_unpack case': 'unpack case', 'action_replace in case': 'replace in case', 'action_void case': 'void case',
      packLevel_CASE: 'case', packLevel_PALLET: 'pallet',
      packState_PACKED: 'packed', packState_UNPACKED: 'unpacked', packState_VOIDED: 'voided',
      packRefusal_MISSING: 'fewer children than the case was closed with', packRefusal_EXTRA: 'more children than the case was closed with',
      packRefusal_FOREIGN: 'the code is not a code of this vault and job', packRefusal_ALREADY_PACKED: 'the code is already in another case (or on another pallet)',
      packRefusal_DUPLICATE: 'the same code twice', packRefusal_CASE_NO_READ: 'the case label was not read',
      packRefusal_NOT_BOUND: 'the item never passed verification (not bound)', packRefusal_NOT_PACKED: 'the case is not packed (unpacked or voided)',
      packRefusal_CASE_CODE_USED: 'the case code was used before; a case code is never used twice', packRefusal_CASE_CODE_FOREIGN: 'not a case code of this vault and job',
      packRefusal_CASE_CODE_NOT_ISSUED: 'the case label was never printed', packRefusal_UNKNOWN_UNIT: 'no case or pallet has this code',
      packRefusal_NOT_A_CHILD: 'the code to replace is not in this case', packRefusal_ON_PALLET: 'the case is on a pallet: unpack the pallet first',
      packRefusal_OTHER_LINE: 'the case belongs to a job of another line: rework it on that line',
      packRefusal_UNAVAILABLE: 'this edge does not serve the packing hierarchy'
    }
  };

  // One entry per fault code: [sentence, action] in each language. Chinese first: the people at these lines read
  // it first. The action says what a technician does and what happens next.
  var FAULTS = {
    PAPER_OUT: {zh: ['缺纸', '装入标签并合上打印头，产线会自动恢复'],
      en: ['Paper out', 'load labels and close the head; the line resumes by itself']},
    HEAD_OPEN: {zh: ['打印头打开', '合上打印头，产线会自动恢复'],
      en: ['Print head open', 'close the head; the line resumes by itself']},
    RIBBON_OUT: {zh: ['碳带用完', '装入新碳带并合上打印头，产线会自动恢复'],
      en: ['Ribbon out', 'load a new ribbon and close the head; the line resumes by itself']},
    COVER_OPEN: {zh: ['打印机盖打开', '合上打印机盖，产线会自动恢复'],
      en: ['Printer cover open', 'close the cover; the line resumes by itself']},
    BUFFER_FULL: {zh: ['打印机缓存已满', '等待打印机处理完已发送的标签；若持续超过一分钟，检查打印机是否卡纸'],
      en: ['Printer buffer full', 'wait for the printer to work through the labels sent; if it lasts over a minute, check for a jam']},
    PAUSED: {zh: ['打印机处于暂停状态', '按打印机上的暂停键恢复打印，产线会自动恢复'],
      en: ['Printer paused', 'press the pause key on the printer; the line resumes by itself']},
    OFFLINE: {zh: ['打印机报告离线', '检查打印机面板上的提示并让它回到就绪状态'],
      en: ['Printer reports offline', 'check the printer panel and bring it back to ready']},
    CUTTER_ERROR: {zh: ['切刀故障', '清理切刀处的卡纸，然后按打印机上的恢复键'],
      en: ['Cutter error', 'clear the cutter jam, then press the printer\'s recover key']},
    PRINTHEAD_ERROR: {zh: ['打印头故障', '关掉打印机，检查打印头；需要时更换，再开机'],
      en: ['Print head error', 'switch the printer off, check the head, replace it if needed, switch on']},
    OVER_TEMPERATURE: {zh: ['打印头过热', '让打印机冷却；降低打印速度或浓度'],
      en: ['Print head too hot', 'let the printer cool down; lower print speed or darkness']},
    UNDER_TEMPERATURE: {zh: ['打印头温度过低', '等待打印机升温；检查车间温度'],
      en: ['Print head too cold', 'wait for the printer to warm up; check the room temperature']},
    CORRUPT_RAM: {zh: ['打印机内存出错', '重启打印机'], en: ['Printer memory error', 'restart the printer']},
    MECHANICAL_ERROR: {zh: ['打印机机械故障', '检查卡纸和走纸机构，然后重启打印机'],
      en: ['Printer mechanical error', 'check for a jam and the media path, then restart the printer']},
    UNRECOVERABLE: {zh: ['打印机严重故障', '重启打印机；仍然出现时联系维修'],
      en: ['Printer cannot recover', 'restart the printer; call service if it comes back']},
    AUTO_RECOVERABLE: {zh: ['打印机正在自行恢复', '稍等；超过一分钟仍未恢复就重启打印机'],
      en: ['The printer is recovering by itself', 'wait; restart it if this lasts over a minute']},
    ERROR: {zh: ['打印机报告错误', '看打印机面板上的提示；排除后产线会自动恢复'],
      en: ['The printer reports an error', 'read the printer panel; the line resumes once it is cleared']},
    OTHER_ERROR: {zh: ['打印机报告其他错误', '看打印机面板上的提示；排除后产线会自动恢复'],
      en: ['The printer reports another error', 'read the printer panel; the line resumes once it is cleared']},
    PAPER_NEAR_END: {zh: ['标签快用完了', '准备一卷新标签'], en: ['Labels nearly out', 'have a new roll ready']},
    PAPER_JAM: {zh: ['卡纸', '打开打印头，取出卡住的标签，合上打印头；产线会自动恢复'],
      en: ['Paper jam', 'open the head, clear the jammed labels, close the head; the line resumes by itself']},
    WAITING_FOR_RECOVERY: {zh: ['打印机等待恢复', '按打印机上的恢复键或送纸键；产线会自动恢复'],
      en: ['The printer waits to be recovered', 'press its recover or feed key; the line resumes by itself']},
    FEED_BUTTON: {zh: ['打印机的送纸键被按下', '等待送纸结束；产线会自动恢复'],
      en: ['The printer\'s feed key was pressed', 'wait for the feed to end; the line resumes by itself']},
    LABEL_WAITING: {zh: ['标签等待取走', '取走打印机出口的标签（剥离模式）；产线会自动恢复'],
      en: ['A label waits to be taken', 'take the label at the printer\'s exit (peel mode); the line resumes by itself']},
    PARTIAL_FORMAT: {zh: ['打印机收到不完整的标签', '看边缘日志；打印机收完后产线会自动恢复'],
      en: ['The printer holds an incomplete label', 'see the edge log; the line resumes once the printer has it all']},
    NO_STATUS_REPLY: {zh: ['打印机不回答状态查询', '检查打印机电源和网线；打印机回答后产线会自动恢复'],
      en: ['The printer does not answer status queries', 'check its power and cable; the line resumes once it answers']},
    UNREADABLE_STATUS: {zh: ['打印机的状态回复无法识别', '检查打印机型号和配置中的打印语言（ZPL / ESC/POS）'],
      en: ['The printer\'s status reply cannot be read', 'check the printer model and the language in the config (ZPL / ESC/POS)']},
    NOT_CONNECTED: {zh: ['设备还没有连接上', '检查电源、网线和配置中的地址；连上后产线会自动恢复'],
      en: ['The device is not connected yet', 'check power, cable and the address in the config; the line resumes once connected']},
    CONNECTION_REFUSED: {zh: ['设备拒绝连接', '检查设备是否开机、端口是否正确'],
      en: ['The device refuses the connection', 'check that it is on and the port is right']},
    DISCONNECTED: {zh: ['与设备的连接断开', '检查电源和网线；边缘会自动重连'],
      en: ['The connection to the device was lost', 'check power and cable; the edge reconnects by itself']},
    PLC_NOT_CONNECTED: {zh: ['PLC 没有连接', '检查 PLC 的网线和它连接的地址与端口'],
      en: ['No PLC connected', 'check the PLC cable and the address and port it connects to']},
    PLC_SILENT: {zh: ['PLC 没有按时发来消息', '检查 PLC 的网线和电源；PLC 恢复发送后自动继续，连续三个心跳周期没有消息就断开连接'],
      en: ['The PLC has gone quiet', 'check the PLC cable and power; it carries on once the PLC speaks again, the link is closed after three silent heartbeats']},
    VAULT_DISK_FULL: {zh: ['码库所在磁盘已满', '清理该磁盘的空间；写入恢复后产线会自动继续'],
      en: ['The disk holding the vault is full', 'free space on it; the line continues once writes succeed']},
    VAULT_BUSY: {zh: ['码库忙', '等待片刻；若持续，检查是否有导入或其他程序占用码库'],
      en: ['The vault is busy', 'wait a moment; if it lasts, check for an import or another program using it']},
    VAULT_READONLY: {zh: ['码库只读', '检查码库文件和目录的权限'],
      en: ['The vault is read-only', 'check the permissions of the vault file and folder']},
    VAULT_IO: {zh: ['码库读写出错', '检查磁盘；查看边缘日志'],
      en: ['The vault cannot read or write the disk', 'check the disk; see the edge log']},
    VAULT_OTHER: {zh: ['码库写入失败', '查看边缘日志中的原因；写入恢复后产线会自动继续'],
      en: ['Vault writes fail', 'see the reason in the edge log; the line continues once writes succeed']},
    PAUSED_BY_TECHNICIAN: {zh: ['产线被手动暂停', '确认可以继续后点“继续”'],
      en: ['The line was paused by hand', 'press Resume when it is safe to go on']},
    NO_JOB: {zh: ['空闲', 'PLC 开始下一个工单时产线自动运行'],
      en: ['Idle', 'the line runs when the PLC starts the next job']}
  };

  var GENERIC = {
    printer: {zh: ['打印机故障', '检查打印机面板上的提示；恢复后产线会自动继续'],
      en: ['Printer problem', 'check the printer panel; the line continues once it recovers']},
    scanner: {zh: ['扫码器故障', '检查扫码器的电源和网线'],
      en: ['Scanner problem', 'check the scanner\'s power and cable']},
    plc: {zh: ['PLC 连接有问题', '检查 PLC 的网线和设置'], en: ['PLC link problem', 'check the PLC cable and settings']},
    vault: {zh: ['码库故障', '查看边缘日志'], en: ['Vault problem', 'see the edge log']},
    case_printer: {zh: ['箱码打印机故障', '检查箱码打印机面板上的提示；恢复前封好的箱会被剔除返工'],
      en: ['Case printer problem', 'check the case printer\'s panel; cases closed before it recovers are kicked out for rework']},
    case_reader: {zh: ['箱码扫描器故障', '检查箱码扫描器（或箱上方相机）的电源和网线；恢复前封好的箱会被剔除返工'],
      en: ['Case reader problem', 'check the case reader\'s (or case camera\'s) power and cable; cases closed before it recovers are kicked out for rework']},
    other: {zh: ['设备故障', '查看边缘日志'], en: ['Device problem', 'see the edge log']}
  };

  // WeChat errcodes an activation can fail with, and what to do about them.
  var ERRCODES = {
    '80301': {zh: '该申请单不属于这个公众号：检查配置中的 application_id 和 appid',
      en: 'the application does not belong to this account: check application_id and appid in the config'},
    '48001': {zh: '公众号没有一物一码接口权限', en: 'the account has no marketcode API permission'},
    '61007': {zh: '公众号没有授权此接口', en: 'the API is not authorised for this account'},
    '41001': {zh: '缺少 access token：检查 app secret 配置', en: 'access token missing: check the app secret configuration'},
    '40001': {zh: 'access token 无效：检查 app secret', en: 'invalid access token: check the app secret'},
    '45009': {zh: '今日接口调用次数已用完，明天自动继续', en: 'daily API quota used up; continues tomorrow by itself'},
    '47001': {zh: '请求格式错误（软件问题），请联系支持', en: 'malformed request (a software bug): contact support'}
  };

  function format(s) {
    var args = Array.prototype.slice.call(arguments, 1);
    return String(s).replace(/\{(\d+)\}/g, function (m, i) {
      return args[i] === undefined || args[i] === null ? '' : String(args[i]);
    });
  }

  function pick(lang) { return lang === 'zh' ? 'zh' : 'en'; }

  // The language the browser asks for: Chinese when it lists Chinese first (zh, zh-CN, zh-TW …), else English.
  function browserLanguage(nav) {
    var list = (nav.languages && nav.languages.length) ? nav.languages : [nav.language || 'en'];
    for (var i = 0; i < list.length; i++) {
      var l = String(list[i]).toLowerCase();
      if (l.indexOf('zh') === 0) { return 'zh'; }
      if (l.indexOf('en') === 0) { return 'en'; }
    }
    return 'en';
  }

  // The printer's own condition names (the edge's PrinterCondition), as they appear in "[PAPER_OUT, HEAD_OPEN]".
  var CONDITIONS = ['PAPER_OUT', 'HEAD_OPEN', 'RIBBON_OUT', 'COVER_OPEN', 'BUFFER_FULL', 'PAUSED', 'OFFLINE',
    'CUTTER_ERROR', 'PRINTHEAD_ERROR', 'OVER_TEMPERATURE', 'UNDER_TEMPERATURE', 'CORRUPT_RAM', 'MECHANICAL_ERROR',
    'UNRECOVERABLE', 'AUTO_RECOVERABLE', 'ERROR', 'OTHER_ERROR', 'PAPER_NEAR_END', 'PAPER_JAM', 'WAITING_FOR_RECOVERY',
    'FEED_BUTTON', 'LABEL_WAITING', 'PARTIAL_FORMAT'];

  // The fault codes a device's reason text carries: phrases the edge uses first, then "[PAPER_OUT, HEAD_OPEN]" → both.
  function faultCodes(device, reason) {
    var text = String(reason || '');
    var lower = text.toLowerCase();
    if (device === 'vault') {
      if (/disk.*full|sqlite_full|database or disk is full/.test(lower)) { return ['VAULT_DISK_FULL']; }
      if (/busy|locked/.test(lower)) { return ['VAULT_BUSY']; }
      if (/read-?only|readonly/.test(lower)) { return ['VAULT_READONLY']; }
      if (/i\/o|ioerr/.test(lower)) { return ['VAULT_IO']; }
      return ['VAULT_OTHER'];
    }
    if (/paused by technician/.test(lower)) { return ['PAUSED_BY_TECHNICIAN']; }
    if (/no plc connected/.test(lower)) { return ['PLC_NOT_CONNECTED']; }
    if (/plc silent/.test(lower)) { return ['PLC_SILENT']; }
    if (/no status reply/.test(lower)) { return ['NO_STATUS_REPLY']; }
    if (/unreadable status/.test(lower)) { return ['UNREADABLE_STATUS']; }
    // items of the list, each compared whole: "[PRINTHEAD_ERROR]" is not also ERROR; "head open" is HEAD_OPEN
    var items = text.toUpperCase().split(/[^A-Z0-9_ ]+/).map(function (w) {
      return w.trim().replace(/ +/g, '_');
    });
    var codes = CONDITIONS.filter(function (c) { return items.indexOf(c) >= 0; });
    if (codes.indexOf('PAPER_NEAR_END') >= 0 && codes.indexOf('PAPER_OUT') >= 0) {
      codes.splice(codes.indexOf('PAPER_NEAR_END'), 1);
    }
    if (codes.length) { return codes; }
    if (/not connected yet|connecting/.test(lower)) { return ['NOT_CONNECTED']; }
    if (/refused/.test(lower)) { return ['CONNECTION_REFUSED']; }
    if (/closed|reset|disconnect|broken pipe|timed? ?out/.test(lower)) { return ['DISCONNECTED']; }
    return [];
  }

  // One problem as shown on a tile: {code, sentence, action, raw}; the raw text is kept for the fallback.
  function describe(lang, device, reason) {
    var l = pick(lang);
    var codes = faultCodes(device, reason);
    if (!codes.length) {
      var g = (GENERIC[device] || GENERIC.other)[l];
      return [{code: 'UNKNOWN', sentence: g[0] + (reason ? ' (' + reason + ')' : ''), action: g[1]}];
    }
    return codes.map(function (c) {
      var f = FAULTS[c][l];
      return {code: c, sentence: f[0], action: f[1]};
    });
  }

  function errcodeHint(lang, reason) {
    var m = /errcode\s*(-?\d+)/.exec(String(reason || ''));
    var hint = m && ERRCODES[m[1]];
    return hint ? hint[pick(lang)] : null;
  }

  function lookup(lang, key) {
    var table = TEXT[pick(lang)];
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
  }

  // An enum value the edge reports (NO_READ, TRIGGERED, JOB_CLOSED …) in the reader's words; a value this page
  // does not know yet is shown as it came, so nothing is hidden (the i18n test keeps the table complete).
  function enumText(lang, prefix, value) {
    var s = lookup(lang, prefix + '_' + value);
    return s === null ? String(value) : s;
  }

  // "{name}" placeholders filled from an audit entry's body; nested values never shown as JSON.
  function formatNamed(template, body) {
    return String(template).replace(/\{([A-Za-z]+)\}/g, function (m, k) {
      var v = body[k];
      if (v === undefined || v === null) { return '?'; }
      if (Array.isArray(v)) { return v.join('–'); }
      return typeof v === 'object' ? Object.keys(v).map(function (x) { return x + ' ' + v[x]; }).join(', ') : String(v);
    });
  }

  // One audit entry (not CONTROL, which the page words itself) as a sentence: a template per kind; a kind
  // without one lists its fields as "name: value" pairs (never raw JSON).
  function auditText(lang, kind, body) {
    var b = {};
    Object.keys(body || {}).forEach(function (k) { b[k] = body[k]; });
    if (b.reason !== undefined) { b.reason = enumText(lang, 'voidReason', b.reason); }
    var template = lookup(lang, 'audit_' + kind);
    if (template !== null) { return formatNamed(template, b); }
    return Object.keys(b).map(function (k) {
      return format(TEXT[pick(lang)].field, k, formatNamed('{v}', {v: b[k]}));
    }).join(lang === 'zh' ? '，' : ', ');
  }

  // A control's refusal from its code (the status port's RefusalCode) with its parameters filled in, enum-like
  // parameters worded too; null for a code this page has no sentence for (the caller shows the server's text).
  function refusalText(lang, code, params) {
    var template = code ? lookup(lang, 'refusal_' + code) : null;
    if (template === null) { return null; }
    var p = {};
    Object.keys(params || {}).forEach(function (k) { p[k] = params[k]; });
    if (p.refusal !== undefined) { p.refusal = enumText(lang, 'lineRefusal', p.refusal); }
    if (p.field !== undefined) { p.field = enumText(lang, 'refusalField', p.field); }
    return formatNamed(template, p);
  }

  window.YimaI18n = {
    enumText: enumText,
    refusalText: refusalText,
    auditText: auditText,
    t: function (lang, key) {
      var table = TEXT[pick(lang)];
      var s = Object.prototype.hasOwnProperty.call(table, key) ? table[key]
        : (Object.prototype.hasOwnProperty.call(TEXT.en, key) ? TEXT.en[key] : key);
      var args = Array.prototype.slice.call(arguments, 2);
      return format.apply(null, [s].concat(args));
    },
    has: function (lang, key) { return Object.prototype.hasOwnProperty.call(TEXT[pick(lang)], key); },
    browserLanguage: browserLanguage,
    describe: describe,
    fault: function (lang, code) {
      var f = FAULTS[code][pick(lang)];
      return {code: code, sentence: f[0], action: f[1]};
    },
    errcodeHint: errcodeHint,
    // for the language test: every key exists in both languages
    keys: function (lang) { return Object.keys(TEXT[pick(lang)]); },
    faultKeys: function () { return Object.keys(FAULTS); }
  };
}());
