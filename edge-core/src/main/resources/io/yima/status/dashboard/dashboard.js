// The line dashboard. Polls /api/status every second and redraws; every text goes through YimaI18n (Chinese or
// English, from the browser or the toggle). The DOM is built with textContent only, so nothing the edge reports
// (a device's status text, a SKU, an operator's name) can inject markup. Fields the page does not know are
// ignored, and any line field that looks like a device link ({state: ONLINE|OFFLINE|FAULT, reason}) is shown as
// one more device, so the edge can report new links without breaking or waiting for this page.
(function () {
  'use strict';

  var I = window.YimaI18n;
  var LINK_STATES = {ONLINE: 1, OFFLINE: 1, FAULT: 1};
  var KNOWN_DEVICES = ['printer', 'scanner', 'plc', 'vault', 'case_printer', 'case_reader'];
  var MIN_PRINTED_FOR_RATE = 20; // below this a single reject would read as a high rate
  var POLL_MS = 1000;
  var REQUEST_TIMEOUT_MS = 2500;

  var lang = sessionStorage.getItem('yima.lang') || I.browserLanguage(navigator);
  var ui = {reject_amber_percent: 2, reject_red_percent: 5, stale_after_seconds: 5, controls: false};
  var lastOk = null;
  var lastStatus = null;
  var stale = false;
  var previewIndex = {};
  var pendingClose = {};

  function t(key) { return I.t.apply(null, [lang].concat(Array.prototype.slice.call(arguments))); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function num(n) {
    return el('b', 'num', Number(n || 0).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'));
  }

  function clock(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return ''; }
    var time = d.toLocaleTimeString('en-GB', {hour12: false});
    var today = new Date();
    return d.toDateString() === today.toDateString() ? time : d.toISOString().slice(0, 10) + ' ' + time;
  }

  function session() {
    var token = sessionStorage.getItem('yima.token');
    return token ? {token: token, name: sessionStorage.getItem('yima.name') || ''} : null;
  }

  function request(path, options) {
    var o = options || {};
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    o.signal = controller.signal;
    o.cache = 'no-store';
    return fetch(path, o).finally(function () { clearTimeout(timer); });
  }

  function getJson(path) {
    return request(path).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }

  // ---- static texts and language ------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.getElementById('title').textContent = t('title');
    document.getElementById('lang').textContent = t('lang');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (e) {
      e.textContent = t(e.getAttribute('data-t'));
    });
    renderSession();
    if (lastStatus) { render(lastStatus); }
    renderStale();
    refreshSlow();
    if (window.YimaPacking) { window.YimaPacking.relabel(); }
  }

  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    sessionStorage.setItem('yima.lang', lang);
    applyLanguage();
  });

  // ---- the line tiles -----------------------------------------------------------------------------------

  // Device links of a line: the known ones in order, then any other link-shaped field the edge reports.
  function links(line) {
    var names = KNOWN_DEVICES.filter(function (n) { return line[n]; });
    Object.keys(line).sort().forEach(function (k) {
      var v = line[k];
      if (names.indexOf(k) < 0 && v && typeof v === 'object' && !Array.isArray(v) && LINK_STATES[v.state]) {
        names.push(k);
      }
    });
    return names.map(function (n) { return {name: n, link: line[n]}; });
  }

  function deviceName(name) {
    return I.has(lang, 'device_' + name) ? t('device_' + name) : name;
  }

  function device(d) {
    var chip = el('div', 'device ' + d.link.state);
    chip.setAttribute('data-device', d.name);
    chip.setAttribute('data-state', d.link.state);
    chip.appendChild(el('span', 'label', deviceName(d.name) + ': ' + t('link_' + d.link.state)));
    return chip;
  }

  // What is wrong on a line, as sentences with actions and since when.
  function problems(line) {
    var out = [];
    links(line).forEach(function (d) {
      if (d.link.state === 'ONLINE') { return; }
      I.describe(lang, d.name, d.link.reason).forEach(function (p) {
        out.push({device: d.name, code: p.code, sentence: p.sentence, action: p.action, since: d.link.since});
      });
    });
    if (!out.length && line.state === 'PAUSED') {
      I.describe(lang, 'line', 'paused by technician').forEach(function (p) {
        out.push({device: 'line', code: p.code, sentence: p.sentence, action: p.action, since: line.state_since});
      });
    }
    return out;
  }

  function faultList(line) {
    var list = el('div', 'faults live');
    problems(line).forEach(function (p) {
      var f = el('div', 'fault');
      f.setAttribute('data-code', p.code);
      f.setAttribute('data-device', p.device);
      // which device of which line: two lines' printers, or a printer and a scanner, never read alike
      f.appendChild(el('span', 'device-name', t('deviceOf', deviceName(p.device), line.id)));
      f.appendChild(document.createTextNode(lang === 'zh' ? '：' : ': '));
      f.appendChild(el('span', 'sentence', p.sentence));
      f.appendChild(document.createTextNode(lang === 'zh' ? '：' : ': '));
      f.appendChild(el('span', 'action', p.action));
      if (p.since) { f.appendChild(el('span', 'since', t('since', clock(p.since)))); }
      list.appendChild(f);
    });
    if (!list.childNodes.length && line.state === 'IDLE' && !line.job) {
      var f = I.fault(lang, 'NO_JOB');
      var idle = el('div', 'info');
      idle.setAttribute('data-code', 'NO_JOB');
      idle.textContent = f.sentence + (lang === 'zh' ? '：' : ': ') + f.action;
      list.appendChild(idle);
    }
    return list;
  }

  function rejectLevel(job) {
    if (!job || job.printed < MIN_PRINTED_FOR_RATE) { return {level: 'ok', rate: job && job.printed ? 100 * job.rejected / job.printed : 0}; }
    var rate = 100 * job.rejected / job.printed;
    return {rate: rate, level: rate >= ui.reject_red_percent ? 'red' : rate >= ui.reject_amber_percent ? 'amber' : 'ok'};
  }

  function jobBlock(line) {
    var box = el('div', 'job live');
    var j = line.job;
    if (!j) {
      box.appendChild(el('div', 'job-title', t('noJob')));
    } else {
      box.appendChild(el('div', 'job-title', t('job', j.id, j.sku, j.batch)));
      var bar = el('div', 'progress');
      var fill = el('div', 'num');
      fill.style.width = (j.quantity > 0 ? Math.min(100, 100 * j.bound / j.quantity) : 0).toFixed(1) + '%';
      bar.appendChild(fill);
      box.appendChild(bar);
      var figures = el('div', 'figures');
      [['printed', j.printed], ['bound', j.bound], ['rejected', j.rejected], ['voided', j.voided],
        ['of', j.quantity], ['staleTriggers', j.stale || 0]].forEach(function (f) {
        var s = el('span', 'figure-' + f[0], t(f[0]) + ' ');
        s.appendChild(num(f[1]));
        if (f[0] === 'staleTriggers') { s.title = t('staleTip'); }
        figures.appendChild(s);
      });
      var r = rejectLevel(j);
      var rate = el('span', 'reject-rate ' + r.level, t('rejectRate') + ' ');
      rate.setAttribute('data-level', r.level);
      rate.appendChild(el('b', 'num', r.rate.toFixed(1) + ' %'));
      figures.appendChild(rate);
      box.appendChild(figures);
      if (j.stale > 0) {
        var note = el('div', 'stale-note', t('staleNote', j.stale));
        note.title = t('staleTip');
        box.appendChild(note);
      }
    }
    var speed = el('div', 'figures small');
    var perMin = el('span', 'rate');
    if (plcLost(line)) { // no triggers arrive: the last minute's rate would be a stale figure
      perMin.appendChild(el('b', 'num', '—'));
    } else {
      perMin.appendChild(num(Math.round(line.rate_per_minute || 0)));
    }
    perMin.appendChild(document.createTextNode(' ' + t('perMin')));
    speed.appendChild(perMin);
    var lat = line.trigger_to_print || {};
    var latency = el('span', 'latency');
    latency.appendChild(el('span', 'num', t('latency', Number(lat.p50_ms || 0).toFixed(1),
      Number(lat.p99_ms || 0).toFixed(1))));
    speed.appendChild(latency);
    box.appendChild(speed);
    var reasons = Object.keys(line.rejects_by_reason || {}).sort();
    if (reasons.length) {
      var rj = el('div', 'rejects', t('rejects') + ': ');
      rj.appendChild(el('span', 'num', reasons.map(function (k) {
        return I.enumText(lang, 'reason', k) + ' ' + line.rejects_by_reason[k];
      }).join(' · ')));
      box.appendChild(rj);
    }
    return box;
  }

  function controlsFor(line) {
    var s = session();
    var box = el('div', 'line-controls');
    if (!s) { return box; }
    var pause = el('button', 'pause', t('pause'));
    pause.type = 'button';
    pause.addEventListener('click', function () {
      control('/api/lines/' + encodeURIComponent(line.id) + '/pause', null, t('action_pause') + ' ' + line.id);
    });
    var resume = el('button', 'resume', t('resume'));
    resume.type = 'button';
    resume.addEventListener('click', function () {
      control('/api/lines/' + encodeURIComponent(line.id) + '/resume', null, t('action_resume') + ' ' + line.id);
    });
    box.appendChild(pause);
    box.appendChild(resume);
    if (line.job) {
      var jobId = line.job.id;
      var close = el('button', 'close-job', pendingClose[jobId] ? t('confirmClose', jobId) : t('closeJob'));
      close.type = 'button';
      close.addEventListener('click', function () {
        if (!pendingClose[jobId]) {
          // a second click confirms: closing voids the job's unconfirmed codes
          pendingClose[jobId] = Date.now();
          setTimeout(function () { delete pendingClose[jobId]; if (lastStatus) { render(lastStatus); } }, 8000);
          render(lastStatus);
          return;
        }
        delete pendingClose[jobId];
        control('/api/jobs/' + encodeURIComponent(jobId) + '/close', null, t('action_close job') + ' ' + jobId);
      });
      box.appendChild(close);
    }
    return box;
  }

  // A configured PLC that is not connected: the line cannot be told to print, whatever its own state says.
  function plcLost(line) {
    return !!(line.plc && line.plc.state !== 'ONLINE');
  }

  function lineTile(line) {
    var r = rejectLevel(line.job);
    // a line without its PLC shows that, not a green RUNNING; a printer FAULT still wins (it says more)
    var shown = plcLost(line) && line.state !== 'FAULT' ? 'PLC_LOST' : line.state;
    var tile = el('article', 'line ' + shown + (r.level !== 'ok' ? ' reject-' + r.level : ''));
    tile.id = 'line-' + line.id;
    tile.setAttribute('data-line', line.id);
    tile.setAttribute('data-state', line.state);
    var head = el('div', 'line-head');
    head.appendChild(el('span', 'line-name', line.id + (line.mode ? ' · ' + I.enumText(lang, 'mode', line.mode) : '')));
    var state = el('span', 'line-state', t('state_' + shown));
    state.setAttribute('data-state', shown);
    head.appendChild(state);
    tile.appendChild(head);
    if (line.state_since) {
      tile.appendChild(el('div', 'state-since live', t('since', clock(line.state_since))));
    }
    tile.appendChild(faultList(line));
    var devices = el('div', 'devices live');
    links(line).forEach(function (d) { devices.appendChild(device(d)); });
    tile.appendChild(devices);
    tile.appendChild(jobBlock(line));
    tile.appendChild(controlsFor(line));
    return tile;
  }

  // ---- panels fed by /api/status ------------------------------------------------------------------------

  function render(s) {
    lastStatus = s;
    var up = Math.floor((s.uptime_seconds || 0) / 60);
    document.getElementById('edge').textContent = t('version', s.edge_version || '?', up);
    var lines = document.getElementById('lines');
    lines.replaceChildren.apply(lines, (s.lines || []).map(lineTile));

    var body = document.querySelector('#vault tbody');
    body.replaceChildren.apply(body, (s.vault || []).map(function (v) {
      var level = v.level || (v.low_stock ? 'amber' : 'ok');
      var tr = el('tr', level === 'ok' ? '' : 'low stock-' + level);
      tr.setAttribute('data-level', level);
      var name = el('td', null, String(v.application_id));
      if (level !== 'ok') {
        name.appendChild(el('span', 'stock-level', ' · ' + t('stock_' + level)));
        if (v.low_since) { name.appendChild(el('span', 'since', t('since', clock(v.low_since)))); }
        name.appendChild(el('span', 'stock-action', t('stockAction')));
      }
      tr.appendChild(name);
      var a = el('td', 'available');
      a.appendChild(num(v.available));
      tr.appendChild(a);
      var tot = el('td');
      tot.appendChild(num(v.total));
      tr.appendChild(tot);
      return tr;
    }));

    var outbox = document.getElementById('outbox');
    var o = s.outbox || {};
    outbox.replaceChildren.apply(outbox, ['pending', 'queued', 'activated', 'failed'].map(function (k) {
      var span = el('span', k + (k === 'failed' && o.failed > 0 ? ' some' : ''), t(k) + ' ');
      span.appendChild(num(o[k]));
      return span;
    }));

    var quota = document.getElementById('quota');
    quota.hidden = !s.quota_wait_until;
    quota.textContent = s.quota_wait_until ? t('quota', clock(s.quota_wait_until)) : '';
    // the MQTT export's backlog over export.backlog_alarm: a line across the page, with the edge's reason
    var exportAlarm = document.getElementById('export-alarm');
    var alarm = s.export && s.export.alarm;
    exportAlarm.hidden = !alarm;
    exportAlarm.textContent = alarm ? t('exportAlarm', alarm) : '';
    // the OPC UA server: a banner when it is not serving (production goes on), else a quiet line in the header
    var opcua = document.getElementById('opcua');
    var o2 = s.opcua;
    var opcuaDown = !!(o2 && o2.state !== 'ONLINE');
    opcua.hidden = !opcuaDown;
    opcua.textContent = opcuaDown ? t('opcuaFault', o2.reason || t('link_' + o2.state)) : '';
    var opcuaOk = document.getElementById('opcua-ok');
    opcuaOk.textContent = o2 && !opcuaDown ? t('opcuaOk', o2.endpoint || '') : '';
    renderAdapters(s.adapters || []);
    var previews = document.getElementById('previews');
    (s.lines || []).forEach(function (line) { ensurePreview(previews, line.id); });
  }

  // each adapter (PLC ports, Modbus links, OPC UA, MQTT, the status port): its state, and why when not online
  function renderAdapters(adapters) {
    var list = document.getElementById('adapters');
    list.replaceChildren.apply(list, adapters.map(function (a) {
      var at = a.name.indexOf(':');
      var kind = at < 0 ? a.name : a.name.substring(0, at);
      var label = t('adapter_' + kind) + (at < 0 ? '' : ' ' + a.name.substring(at + 1));
      var li = el('li', 'adapter adapter-' + a.state.toLowerCase().replace('_', '-'));
      li.setAttribute('data-adapter', a.name);
      li.setAttribute('data-state', a.state);
      li.appendChild(el('span', 'adapter-name', label));
      li.appendChild(el('span', 'adapter-state', ' · ' + t('adapterState_' + a.state)));
      if (a.reason) {
        li.appendChild(el('span', 'adapter-reason', ' · ' + a.reason));
      }
      return li;
    }));
  }

  // ---- stale: the edge stopped answering ----------------------------------------------------------------

  function renderStale() {
    var banner = document.getElementById('stale');
    banner.hidden = !stale;
    banner.textContent = stale ? (lastOk ? t('stale', clock(lastOk.toISOString())) : t('staleNever')) : '';
    document.body.classList.toggle('stale', stale);
    var conn = document.getElementById('connection');
    conn.className = stale ? 'conn lost' : 'conn';
    conn.title = stale ? t('staleNever') : t('live');
  }

  function checkStale() {
    var limit = (ui.stale_after_seconds || 5) * 1000;
    var now = Date.now();
    var isStale = lastOk === null ? now - started > limit : now - lastOk.getTime() > limit;
    if (isStale !== stale) {
      stale = isStale;
      renderStale();
    }
  }

  var started = Date.now();

  function poll() {
    getJson('/api/status')
      .then(function (s) {
        var first = lastStatus === null;
        lastOk = new Date();
        render(s);
        checkStale();
        if (first) { refreshSlow(); }
      })
      .catch(function () {
        // the edge restarting is normal: the stale check tells the technician, the console stays quiet
        checkStale();
      })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  // ---- slower panels: history, failed activations, audit, label preview ------------------------------------

  function cell(tr, value, className) {
    var td = el('td', className || null, value);
    tr.appendChild(td);
    return td;
  }

  function renderJobs(data) {
    var body = document.querySelector('#jobs tbody');
    body.replaceChildren.apply(body, (data.jobs || []).map(function (j) {
      var tr = el('tr');
      tr.setAttribute('data-job', j.id);
      cell(tr, j.id);
      cell(tr, j.line || '');
      cell(tr, j.sku || '');
      cell(tr, j.batch || '');
      cell(tr, I.has(lang, 'jobState_' + j.state) ? t('jobState_' + j.state) : j.state, 'job-state');
      [j.printed, j.bound, j.rejected, j.voided].forEach(function (n, i) {
        cell(tr, null, ['printed', 'bound', 'rejected', 'voided'][i]).appendChild(num(n));
      });
      cell(tr, clock(j.opened));
      cell(tr, clock(j.closed));
      var links = cell(tr, null, 'downloads');
      ['csv', 'json'].forEach(function (f) {
        var a = el('a', 'download-' + f, f.toUpperCase());
        a.href = '/api/jobs/' + encodeURIComponent(j.id) + '/codes.' + f;
        a.setAttribute('download', '');
        links.appendChild(a);
        links.appendChild(document.createTextNode(' '));
      });
      return tr;
    }));
  }

  function renderFailed(data) {
    var list = document.getElementById('failed-list');
    var items = data.failed || [];
    document.getElementById('failed-activations').hidden = items.length === 0;
    list.replaceChildren.apply(list, items.map(function (f) {
      var li = el('li', 'failed-range');
      li.setAttribute('data-range', f.range);
      li.appendChild(el('span', 'what', t('failedRange', f.range, f.application, f.from, f.to, f.job || '-',
        f.attempts, clock(f.failed_at))));
      li.appendChild(el('span', 'reason', f.reason || ''));
      var hint = I.errcodeHint(lang, f.reason);
      if (hint) { li.appendChild(el('span', 'hint', hint)); }
      return li;
    }));
  }

  // A CONTROL entry's refusal from its code ("refusal", params as "refusal_<name>"); null without one.
  function refusedParams(b) {
    var p = {};
    Object.keys(b).forEach(function (k) { if (k.indexOf('refusal_') === 0) { p[k.slice(8)] = b[k]; } });
    return b.refusal ? I.refusalText(lang, b.refusal, p) : null;
  }

  // A control's refusal in the reader's language from its code; the server's English text for a code this page
  // does not know (or an answer without one).
  function refusalOf(answer, status) {
    return I.refusalText(lang, answer.code, answer.params) || answer.error || ('HTTP ' + status);
  }

  function auditText(e) {
    var b = e.body || {};
    if (e.kind === 'CONTROL') {
      var action = I.has(lang, 'action_' + b.action) ? t('action_' + b.action) : b.action;
      var outcome = String(b.outcome || '');
      var shown = outcome === 'done' ? t('ok')
        : outcome.indexOf('refused: ') === 0 ? t('refused', refusedParams(b) || outcome.slice(9)) : outcome;
      var target = b.application === undefined ? (b.target || '')
        : b.voided === undefined ? t('auditVoidRange', b.application, b.from, b.to) // refused: nothing voided
          : t('auditVoid', b.application, b.from, b.to, b.voided);
      return t('auditBy', b.by || '?', action + ' ' + target + ' → ' + shown);
    }
    return I.auditText(lang, e.kind, b);
  }

  function renderAudit(data) {
    var list = document.getElementById('audit');
    list.replaceChildren.apply(list, (data.entries || []).map(function (e) {
      var li = el('li', 'audit-entry');
      li.setAttribute('data-kind', e.kind);
      li.appendChild(el('span', 'at', clock(e.at)));
      li.appendChild(el('span', 'kind', I.has(lang, 'kind_' + e.kind) ? t('kind_' + e.kind) : e.kind));
      li.appendChild(el('span', 'text', auditText(e)));
      return li;
    }));
  }

  function ensurePreview(container, lineId) {
    var id = 'preview-' + lineId;
    var box = document.getElementById(id);
    if (!box) {
      box = el('figure', 'preview');
      box.id = id;
      box.setAttribute('data-line', lineId);
      var img = el('img');
      img.alt = '';
      img.hidden = true;
      box.appendChild(img);
      box.appendChild(el('figcaption', null, ''));
      container.appendChild(box);
    }
    return box;
  }

  function refreshPreview(lineId) {
    var box = ensurePreview(document.getElementById('previews'), lineId);
    var img = box.querySelector('img');
    var caption = box.querySelector('figcaption');
    request('/api/lines/' + encodeURIComponent(lineId) + '/label')
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (p) {
        if (!p.printed) {
          img.hidden = true;
          caption.replaceChildren(document.createTextNode(lineId + ': ' + t('previewNone')));
          return;
        }
        if (previewIndex[lineId] !== p.application + ':' + p.index) {
          previewIndex[lineId] = p.application + ':' + p.index;
          img.src = '/api/lines/' + encodeURIComponent(lineId) + '/label.png?code=' + p.application + '-' + p.index;
          img.alt = p.code;
        }
        img.hidden = false;
        box.setAttribute('data-code', p.code);
        var a = el('a', 'label-bytes', t('previewBytes'));
        a.href = '/api/lines/' + encodeURIComponent(lineId) + '/label.prn';
        a.setAttribute('download', '');
        caption.replaceChildren(el('span', 'what', lineId + ' · ' + t('previewOf', p.code, p.index, clock(p.at),
          p.bytes, String(p.language).toUpperCase())), document.createTextNode(' '), a);
      })
      .catch(function () { /* the stale banner speaks for a silent edge */ });
  }

  function refreshSlow() {
    if (stale) { return; }
    getJson('/api/jobs?limit=20').then(renderJobs).catch(function () {});
    getJson('/api/activations/failed').then(renderFailed).catch(function () {});
    getJson('/api/audit?limit=15').then(renderAudit).catch(function () {});
    ((lastStatus && lastStatus.lines) || []).forEach(function (l) { refreshPreview(l.id); });
  }

  // ---- login and controls -------------------------------------------------------------------------------

  // The operator's name is not sent: the edge knows whose token it is (one token per operator in the token file).
  function headers(s) {
    return {'Authorization': 'Bearer ' + s.token};
  }

  function notice(text, bad) {
    var n = document.getElementById('notice');
    n.hidden = false;
    n.className = 'notice' + (bad ? ' bad' : '');
    n.textContent = text;
  }

  function renderSession() {
    var s = session();
    var box = document.getElementById('session');
    var tools = document.getElementById('tools');
    tools.hidden = !s;
    document.getElementById('packing').hidden = !s; // the tree and the rework need the token (packing.js)
    if (s) {
      var out = el('button', 'logout', t('logout'));
      out.type = 'button';
      out.id = 'logout';
      out.addEventListener('click', function () {
        sessionStorage.removeItem('yima.token');
        sessionStorage.removeItem('yima.name');
        renderSession();
        if (lastStatus) { render(lastStatus); }
      });
      box.replaceChildren(el('span', 'operator', t('operator', s.name || 'token')), out);
    } else {
      var login = el('button', 'login', t('login'));
      login.type = 'button';
      login.id = 'open-login';
      login.addEventListener('click', function () {
        document.getElementById('login-error').hidden = true;
        document.getElementById('login').hidden = false;
        document.getElementById('login-token').focus();
      });
      box.replaceChildren(login);
    }
  }

  function loginError(text) {
    var e = document.getElementById('login-error');
    e.hidden = false;
    e.textContent = text;
  }

  document.getElementById('login-cancel').addEventListener('click', function () {
    document.getElementById('login').hidden = true;
  });

  document.getElementById('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var tokenInput = document.getElementById('login-token');
    var candidate = {token: tokenInput.value.trim()};
    if (!ui.controls) {
      loginError(t('loginDisabled'));
      return;
    }
    request('/api/session', {headers: headers(candidate)})
      .then(function (r) {
        if (r.status === 401) {
          loginError(t('loginWrong'));
          return;
        }
        if (r.status === 429) {
          loginError(t('loginLimited', r.headers.get('Retry-After') || '60'));
          return;
        }
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json().then(function (answer) {
          sessionStorage.setItem('yima.token', candidate.token);
          sessionStorage.setItem('yima.name', String(answer.operator || '').slice(0, 40));
          tokenInput.value = '';
          document.getElementById('login').hidden = true;
          renderSession();
          if (lastStatus) { render(lastStatus); }
        });
      })
      .catch(function () { loginError(t('loginFailed')); });
  });

  function control(path, body, what) {
    var s = session();
    if (!s) { return; }
    var h = headers(s);
    if (body) { h['Content-Type'] = 'application/json'; }
    request(path, {method: 'POST', headers: h, body: body ? JSON.stringify(body) : undefined})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (answer) {
          if (r.status === 401) {
            sessionStorage.removeItem('yima.token');
            renderSession();
            notice(t('sessionExpired'), true);
          } else if (!r.ok) {
            notice(t('refused', what + ': ' + refusalOf(answer, r.status)), true);
          } else {
            if (answer.voided !== undefined) {
              // never a bare "done (0)": what was left alone and why
              var kept = statesText(answer.states, 'AVAILABLE');
              notice(answer.reason ? t('voidKept', answer.voided, kept || t('voidNoCodes'))
                : t('voidDone', answer.voided), !!answer.reason && answer.voided === 0);
            } else {
              var extra = answer.retried !== undefined ? ' (' + answer.retried + ')' : '';
              notice(t('done', what + extra), false);
            }
          }
          refreshSlow();
        });
      })
      .catch(function () { notice(t('refused', what + ': ' + t('loginFailed')), true); });
  }

  // Voiding is irreversible: the first press asks the edge what the range holds (dry run, nothing changes) and
  // shows it; only the confirm button voids. Printed or bound codes are never voided - the edge keeps them.
  function voidBody() {
    return {application: Number(document.getElementById('void-app').value),
      from: Number(document.getElementById('void-from').value), to: Number(document.getElementById('void-to').value)};
  }

  function statesText(states, skip) {
    return Object.keys(states || {}).filter(function (k) { return k !== skip && states[k] > 0; })
      .map(function (k) { return states[k] + ' ' + I.enumText(lang, 'codeState', k); }).join(lang === 'zh' ? '，' : ', ');
  }

  function hideVoidConfirm() {
    document.getElementById('void-confirm').hidden = true;
  }

  document.getElementById('void-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var s = session();
    if (!s) { return; }
    var body = voidBody();
    body.dry_run = true;
    var h = headers(s);
    h['Content-Type'] = 'application/json';
    request('/api/codes/void', {method: 'POST', headers: h, body: JSON.stringify(body)})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (answer) {
          if (!r.ok) {
            notice(t('refused', t('action_void range') + ': ' + refusalOf(answer, r.status)), true);
            return;
          }
          var states = answer.states || {};
          var kept = Object.keys(states).reduce(function (n, k) { return k === 'AVAILABLE' ? n : n + states[k]; }, 0);
          var box = document.getElementById('void-confirm');
          var go = document.getElementById('void-go');
          var text = document.getElementById('void-preview');
          if (answer.would_void > 0) {
            text.textContent = t('voidPreview', body.application, body.from, body.to, answer.would_void, kept);
            go.hidden = false;
            go.textContent = t('voidConfirm', answer.would_void);
          } else {
            text.textContent = t('voidNothing', body.application, body.from, body.to,
              kept > 0 ? statesText(states, 'AVAILABLE') : t('voidNoCodes'));
            go.hidden = true;
          }
          box.hidden = false;
        });
      })
      .catch(function () { notice(t('refused', t('action_void range') + ': ' + t('loginFailed')), true); });
  });

  document.getElementById('void-go').addEventListener('click', function () {
    hideVoidConfirm();
    var body = voidBody();
    control('/api/codes/void', body, t('action_void range') + ' ' + body.application + ' ' + body.from + '–' + body.to);
  });

  document.getElementById('void-cancel').addEventListener('click', hideVoidConfirm);

  document.getElementById('retry').addEventListener('click', function () {
    control('/api/activations/retry', null, t('action_retry activations'));
  });

  // What the packing panel (packing.js) shares with the page: texts, the session and its token, requests, notices.
  window.YimaDashboard = {
    t: t, el: el, session: session, headers: headers, request: request, notice: notice, clock: clock,
    lang: function () { return lang; },
    expired: function () {
      sessionStorage.removeItem('yima.token');
      renderSession();
      notice(t('sessionExpired'), true);
    },
    refreshSlow: function () { refreshSlow(); }
  };

  // ---- start --------------------------------------------------------------------------------------------

  getJson('/api/ui').then(function (u) {
    Object.keys(ui).forEach(function (k) { if (u[k] !== undefined) { ui[k] = u[k]; } });
  }).catch(function () {}).finally(function () {
    applyLanguage();
    poll();
    setInterval(checkStale, 500);
    setInterval(refreshSlow, 3000);
  });
}());
