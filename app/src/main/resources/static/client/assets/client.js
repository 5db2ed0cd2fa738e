(function () {
  'use strict';
  var main = document.getElementById('client');
  if (!main) { return; }
  var text = main.dataset;

  function csrf() {
    var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  function call(method, url, body) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (method !== 'GET') { headers['X-XSRF-TOKEN'] = csrf(); }
    return fetch(url, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { window.location.assign('/client/sign-in'); }
      return r.status === 204 ? { status: 204 } : r.json().then(function (j) { return { status: r.status, body: j }; },
        function () { return { status: r.status }; });
    });
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = content; }
    return e;
  }

  function name(c) {
    var n = [c.firstName, c.lastName].filter(Boolean).join(' ');
    return n || c.company || '';
  }

  function phones(c) {
    return [c.mobilePhone, c.businessPhone, c.homePhone, c.otherPhone].filter(Boolean).join(' · ');
  }

  function say(id, message) { document.getElementById(id).textContent = message; }

  function problem(r) { return (r.body && r.body.detail) || text.failed; }

  // presence
  document.getElementById('presence-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    call('PATCH', '/api/v1/me', { presence: document.getElementById('presence').value }).then(function (r) {
      say('presence-status', r.status === 200 ? text.saved : problem(r));
    });
  });

  // Teams presence: the section shows only where the service offers it
  var teams = document.getElementById('teams');
  call('GET', '/api/v1/me/teams-presence').then(function (r) {
    if (r.status !== 200 || !r.body) { teams.dataset.state = 'absent'; return; }
    document.getElementById('teams-enabled').checked = !!r.body.enabled;
    var mapping = r.body.mapping || {};
    Array.prototype.forEach.call(document.querySelectorAll('.teams-map'), function (s) {
      if (mapping[s.dataset.key]) { s.value = mapping[s.dataset.key]; }
    });
    teams.hidden = false;
    teams.dataset.state = 'shown';
  });
  document.getElementById('teams-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var mapping = {};
    Array.prototype.forEach.call(document.querySelectorAll('.teams-map'), function (s) { mapping[s.dataset.key] = s.value; });
    call('PUT', '/api/v1/me/teams-presence', { enabled: document.getElementById('teams-enabled').checked, mapping: mapping })
      .then(function (r) { say('teams-status', r.status === 200 ? text.saved : problem(r)); });
  });

  // caller-ID look-up
  document.getElementById('lookup-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var n = document.getElementById('lookup-number').value;
    call('GET', '/api/v1/me/lookup?number=' + encodeURIComponent(n)).then(function (r) {
      if (r.status !== 200) { say('lookup-result', problem(r)); return; }
      say('lookup-result', r.body.matches.length ? r.body.matches.map(function (m) { return m.displayName; }).join(', ') : text.nomatch);
    });
  });

  // personal contacts
  var contactList = document.getElementById('contacts');
  function contactItem(c, editable) {
    var li = el('li');
    li.appendChild(el('span', 'name', name(c)));
    li.appendChild(el('span', 'phones', phones(c)));
    if (c.readOnly) {
      li.appendChild(el('span', 'tag', text.readonly));
    } else if (editable) {
      var del = el('button', null, text['delete']);
      del.type = 'button';
      del.setAttribute('aria-label', text['delete'] + ' ' + name(c));
      del.addEventListener('click', function () {
        call('DELETE', '/api/v1/me/personal-contacts/' + c.id).then(loadContacts);
      });
      li.appendChild(del);
    }
    li.dataset.origin = c.origin;
    return li;
  }
  function fill(list, items, editable) {
    list.textContent = '';
    if (!items.length) { list.appendChild(el('li', 'muted', text.empty)); return; }
    items.forEach(function (c) { list.appendChild(contactItem(c, editable)); });
  }
  function loadContacts() {
    var q = document.getElementById('contact-search').value;
    call('GET', '/api/v1/me/personal-contacts?size=200' + (q ? '&q=' + encodeURIComponent(q) : '')).then(function (r) {
      if (r.status === 200) { fill(contactList, r.body.items, true); }
    });
  }
  document.getElementById('contact-search').addEventListener('input', loadContacts);
  document.getElementById('contact-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = ev.target, body = {};
    ['firstName', 'lastName', 'mobilePhone', 'email'].forEach(function (k) { if (f.elements[k].value) { body[k] = f.elements[k].value; } });
    call('POST', '/api/v1/me/personal-contacts', body).then(function (r) {
      if (r.status === 201) { f.reset(); say('contact-status', text.saved); loadContacts(); } else { say('contact-status', problem(r)); }
    });
  });
  loadContacts();

  // phonebooks
  var book = document.getElementById('phonebook');
  var bookList = document.getElementById('phonebook-contacts');
  function loadBook() {
    if (!book.value) { fill(bookList, [], false); return; }
    var q = document.getElementById('phonebook-search').value;
    call('GET', '/api/v1/me/phonebooks/' + book.value + '/contacts?size=200' + (q ? '&q=' + encodeURIComponent(q) : ''))
      .then(function (r) { if (r.status === 200) { fill(bookList, r.body.items, false); } });
  }
  call('GET', '/api/v1/me/phonebooks').then(function (r) {
    if (r.status !== 200) { return; }
    r.body.forEach(function (p) { var o = el('option', null, p.name); o.value = p.id; book.appendChild(o); });
    loadBook();
  });
  book.addEventListener('change', loadBook);
  document.getElementById('phonebook-search').addEventListener('input', loadBook);
})();
