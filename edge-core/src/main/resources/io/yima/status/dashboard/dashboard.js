// Polls /api/status every second and redraws. Builds the DOM with textContent only, so nothing the edge reports
// (a device's status text, a SKU) can inject markup.
(function () {
  'use strict';

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(n) { return Number(n || 0).toLocaleString('en-US'); }

  function device(name, link) {
    if (!link) { return null; }
    var d = el('div', 'device ' + link.state);
    d.setAttribute('data-device', name);
    d.appendChild(el('span', 'label', name + ': ' + link.state));
    if (link.reason) { d.appendChild(el('span', 'reason', link.reason)); }
    return d;
  }

  function lineTile(line) {
    var tile = el('article', 'line ' + line.state);
    tile.id = 'line-' + line.id;
    tile.setAttribute('data-line', line.id);
    var head = el('div', 'line-head');
    head.appendChild(el('span', 'line-name', line.id + (line.mode ? ' · ' + line.mode : '')));
    head.appendChild(el('span', 'line-state', line.state));
    tile.appendChild(head);

    var devices = el('div', 'devices');
    [['printer', line.printer], ['scanner', line.scanner], ['plc', line.plc]].forEach(function (p) {
      var d = device(p[0], p[1]);
      if (d) { devices.appendChild(d); }
    });
    tile.appendChild(devices);

    var job = el('div', 'job');
    if (line.job) {
      var j = line.job;
      job.appendChild(el('div', 'job-title', 'Job ' + j.id + ' · SKU ' + j.sku + ' · batch ' + j.batch));
      var bar = el('div', 'progress');
      var fill = el('div');
      var pct = j.quantity > 0 ? Math.min(100, 100 * j.bound / j.quantity) : 0;
      fill.style.width = pct.toFixed(1) + '%';
      bar.appendChild(fill);
      job.appendChild(bar);
      var figures = el('div', 'figures');
      [['printed', j.printed], ['bound', j.bound], ['rejected', j.rejected], ['voided', j.voided],
        ['of', j.quantity], ['stale', j.stale || 0]].forEach(function (f) {
        var s = el('span', 'figure-' + f[0], f[0] + ' ');
        s.appendChild(el('b', null, fmt(f[1])));
        figures.appendChild(s);
      });
      job.appendChild(figures);
    } else {
      job.appendChild(el('div', 'job-title', 'no open job'));
    }
    var rate = el('div', 'figures');
    rate.appendChild(el('span', 'rate', fmt(Math.round(line.rate_per_minute)) + ' items/min'));
    var lat = line.trigger_to_print || {p50_ms: 0, p99_ms: 0};
    rate.appendChild(el('span', 'latency',
      'trigger→print p50 ' + lat.p50_ms.toFixed(1) + ' ms · p99 ' + lat.p99_ms.toFixed(1) + ' ms'));
    job.appendChild(rate);
    tile.appendChild(job);

    var reasons = Object.keys(line.rejects_by_reason || {}).sort();
    if (reasons.length) {
      tile.appendChild(el('div', 'rejects', 'rejects: ' + reasons.map(function (r) {
        return r + ' ' + fmt(line.rejects_by_reason[r]);
      }).join(' · ')));
    }
    return tile;
  }

  function render(s) {
    document.getElementById('edge').textContent =
      'version ' + s.edge_version + ' · up ' + Math.floor(s.uptime_seconds / 60) + ' min';
    var lines = document.getElementById('lines');
    lines.replaceChildren.apply(lines, s.lines.map(lineTile));

    var body = document.querySelector('#vault tbody');
    body.replaceChildren.apply(body, s.vault.map(function (v) {
      var tr = el('tr', v.low_stock ? 'low' : '');
      tr.appendChild(el('td', null, v.application_id + (v.low_stock ? ' · LOW STOCK' : '')));
      tr.appendChild(el('td', 'available', fmt(v.available)));
      tr.appendChild(el('td', null, fmt(v.total)));
      return tr;
    }));

    var outbox = document.getElementById('outbox');
    var o = s.outbox || {pending: 0, queued: 0, activated: 0, failed: 0};
    outbox.replaceChildren(
      el('span', null, 'pending ' + fmt(o.pending)),
      el('span', null, 'queued ' + fmt(o.queued)),
      el('span', null, 'activated ' + fmt(o.activated)),
      el('span', 'failed' + (o.failed > 0 ? ' some' : ''), 'failed ' + fmt(o.failed)));

    var quota = document.getElementById('quota');
    quota.hidden = !s.quota_wait_until;
    quota.textContent = s.quota_wait_until
      ? 'Upstream quota: waiting until ' + new Date(s.quota_wait_until).toLocaleTimeString() : '';
  }

  function poll() {
    fetch('/api/status', {cache: 'no-store'})
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (s) {
        render(s);
        document.getElementById('connection').className = 'conn';
        document.getElementById('connection').title = 'live';
      })
      .catch(function () {
        // The edge restarting is normal; show it instead of logging errors every second.
        document.getElementById('connection').className = 'conn lost';
        document.getElementById('connection').title = 'edge not reachable';
      })
      .finally(function () { setTimeout(poll, 1000); });
  }

  poll();
}());
