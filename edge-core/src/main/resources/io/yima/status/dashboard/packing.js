// The packing panel: a technician looks up a code (an item, a case or a pallet, as scanned: URL, code or SSCC)
// and sees where it is in the packing hierarchy (the case holding it, the children of a case), and reworks a
// case: unpack it, replace one child, void its code. It uses the token the page's other controls use (the tree is
// token-guarded too), asks before every change (each is audited and exported, and a case code is never used
// again), and shows a refusal in the reader's words with the edge's own text. DOM built with textContent only.
(function () {
  'use strict';

  var D = window.YimaDashboard;
  var I = window.YimaI18n;
  var shown = null;   // the last tree answer, redrawn when the language changes
  var pending = null; // the change awaiting confirmation: {kind: unpack|replace|void, unit, old}

  function t() { return D.t.apply(null, arguments); }
  function byId(id) { return document.getElementById(id); }

  function path(code, what) {
    return (what === 'tree' ? '/api/codes/' : '/api/cases/') + encodeURIComponent(code) + '/' + what;
  }

  function showError(text) {
    var e = byId('pack-error');
    e.hidden = !text;
    e.textContent = text || '';
  }

  // A refusal in words: the sentence for the vault's reason, then the edge's own text (it names the codes).
  function refusal(answer, status) {
    var words = answer.reason ? I.enumText(D.lang(), 'packRefusal', answer.reason) : null;
    var edge = answer.error || ('HTTP ' + status);
    return words && words !== answer.reason ? words + ' (' + edge + ')' : edge;
  }

  // Sends a packing request with the session's token; resolves with the answer, or null after telling why not.
  function send(url, options, what, notFound) {
    var s = D.session();
    if (!s) { return Promise.resolve(null); }
    var o = options || {};
    o.headers = D.headers(s);
    if (o.body) { o.headers['Content-Type'] = 'application/json'; }
    return D.request(url, o).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (answer) {
        if (r.status === 401) {
          D.expired();
          return null;
        }
        if (r.status === 404 && !answer.reason && notFound) {
          showError(notFound); // the tree of a code the vault does not have
          return null;
        }
        if (!r.ok) {
          showError(t('refused', what + ': ' + refusal(answer, r.status)));
          return null;
        }
        return answer;
      });
    }).catch(function () {
      showError(t('refused', what + ': ' + t('loginFailed')));
      return null;
    });
  }

  function lookup(code) {
    var c = String(code || '').trim();
    if (!c) { return Promise.resolve(null); }
    byId('pack-code').value = c;
    hideConfirm();
    showError(null);
    return send(path(c, 'tree'), {}, t('packLookupOf', c), t('packNotFound', c)).then(function (tree) {
      if (tree) {
        render(tree);
      } else { // an old tree under a failed lookup would read as the answer
        shown = null;
        byId('pack-tree').replaceChildren();
      }
      return tree;
    });
  }

  function button(id, className, text, onClick) {
    var b = D.el('button', className, text);
    b.type = 'button';
    if (id) { b.id = id; }
    b.addEventListener('click', onClick);
    return b;
  }

  function unitLine(u) {
    return t('packUnit', I.enumText(D.lang(), 'packLevel', u.level), u.code,
      I.enumText(D.lang(), 'packState', u.state), u.job_id, (u.children || []).length, u.packed_with);
  }

  function render(tree) {
    shown = tree;
    var box = byId('pack-tree');
    var out = [];
    box.setAttribute('data-code', tree.code);
    if (tree.parent) {
      var p = D.el('div', 'pack-parent');
      p.setAttribute('data-parent', tree.parent.code);
      p.appendChild(D.el('span', null, t('packIn', tree.code, I.enumText(D.lang(), 'packLevel', tree.parent.level),
        tree.parent.code, I.enumText(D.lang(), 'packState', tree.parent.state))));
      p.appendChild(button('pack-open-parent', 'open', t('packOpen'), function () { lookup(tree.parent.code); }));
      out.push(p);
    }
    if (tree.unit) {
      out.push(unitBlock(tree.unit));
    }
    if (!tree.parent && !tree.unit) {
      out.push(D.el('div', 'pack-none', t('packNone', tree.code)));
    }
    box.replaceChildren.apply(box, out);
  }

  function unitBlock(u) {
    var block = D.el('div', 'pack-unit');
    block.setAttribute('data-unit', u.code);
    block.setAttribute('data-level', u.level);
    block.setAttribute('data-state', u.state);
    var head = D.el('div', 'pack-state-' + u.state, unitLine(u));
    block.appendChild(head);
    if (u.reason) { block.appendChild(D.el('div', 'pack-reason', t('packWhy', u.reason))); }
    var packed = u.state === 'PACKED';
    var list = D.el('ol', 'pack-children');
    (u.children || []).forEach(function (child) {
      var li = D.el('li', 'pack-child', child);
      li.setAttribute('data-child', child);
      li.appendChild(button(null, 'open', t('packOpen'), function () { lookup(child); }));
      if (packed) {
        li.appendChild(button(null, 'replace', t('packReplace'), function () { ask('replace', u, child); }));
      }
      list.appendChild(li);
    });
    block.appendChild(list);
    var actions = D.el('div', 'pack-actions');
    if (packed) {
      actions.appendChild(button('pack-unpack', 'unpack', t('packUnpack'), function () { ask('unpack', u); }));
    }
    if (u.state !== 'VOIDED') {
      actions.appendChild(button('pack-void', 'void danger', t('packVoid'), function () { ask('void', u); }));
    }
    block.appendChild(actions);
    return block;
  }

  // The confirmation: what will change, in words; replace also asks for the new child's code.
  function ask(kind, unit, old) {
    pending = {kind: kind, unit: unit, old: old};
    showError(null);
    var level = I.enumText(D.lang(), 'packLevel', unit.level);
    var n = (unit.children || []).length;
    byId('pack-question').textContent = kind === 'unpack' ? t('packAskUnpack', level, unit.code, n)
      : kind === 'void' ? t('packAskVoid', level, unit.code, n) : t('packAskReplace', old, level, unit.code);
    byId('pack-new-field').hidden = kind !== 'replace';
    byId('pack-reason-field').hidden = kind === 'replace'; // the vault records no reason for a replacement
    byId('pack-new').value = '';
    byId('pack-reason').value = '';
    byId('pack-go').textContent = t(kind === 'unpack' ? 'packGoUnpack' : kind === 'void' ? 'packGoVoid' : 'packGoReplace');
    byId('pack-confirm').hidden = false;
    (kind === 'replace' ? byId('pack-new') : byId('pack-reason')).focus();
  }

  function hideConfirm() {
    pending = null;
    byId('pack-confirm').hidden = true;
  }

  function go() {
    var p = pending;
    if (!p) { return; }
    var body = {};
    if (p.kind === 'replace') {
      var fresh = byId('pack-new').value.trim();
      if (!fresh) {
        showError(t('packNeedNew'));
        return;
      }
      body = {old: p.old, new: fresh};
    } else if (byId('pack-reason').value.trim()) {
      body = {reason: byId('pack-reason').value.trim()};
    }
    hideConfirm();
    var what = t('packAction_' + p.kind) + ' ' + p.unit.code;
    send(path(p.unit.code, p.kind), {method: 'POST', body: JSON.stringify(body)}, what).then(function (unit) {
      if (!unit) { return; }
      D.notice(t('done', what), false);
      D.refreshSlow();
      lookup(p.unit.code);
    });
  }

  byId('pack-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    lookup(byId('pack-code').value);
  });
  byId('pack-go').addEventListener('click', go);
  byId('pack-cancel').addEventListener('click', hideConfirm);

  window.YimaPacking = {
    relabel: function () {
      if (shown) { render(shown); }
      if (pending) { ask(pending.kind, pending.unit, pending.old); }
    }
  };
}());
