/* Integrations › Microsoft 365: confirmation dialogs, copy buttons, the Entra group picker and the
   live progress of a running sync. Every form also works without this script. */
(function () {
  'use strict';

  // Confirmation dialogs: the link that would load the page with the dialog open opens it in place.
  document.querySelectorAll('a[data-dialog]').forEach(function (link) {
    var dialog = document.getElementById(link.dataset.dialog);
    if (!dialog || typeof dialog.showModal !== 'function') {
      return;
    }
    link.addEventListener('click', function (event) {
      event.preventDefault();
      dialog.showModal();
    });
    link.addEventListener('keydown', function (event) {
      if (event.key === ' ') {
        event.preventDefault();
        dialog.showModal();
      }
    });
  });
  document.querySelectorAll('dialog').forEach(function (dialog) {
    if (dialog.hasAttribute('open') && typeof dialog.showModal === 'function') {
      dialog.removeAttribute('open');
      dialog.showModal();
    }
    dialog.querySelectorAll('[data-close]').forEach(function (cancel) {
      cancel.addEventListener('click', function (event) {
        event.preventDefault();
        dialog.close();
      });
    });
  });

  // Copy buttons.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = document.getElementById(button.dataset.copy).textContent.trim();
      var done = function () {
        button.textContent = button.dataset.copied;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {});
      } else {
        var area = document.createElement('textarea');
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand('copy'); done(); } catch (e) { /* the text stays selectable */ }
        document.body.removeChild(area);
      }
    });
  });

  // Custom endpoints shown only for the custom cloud.
  document.querySelectorAll('select[data-shows]').forEach(function (select) {
    var target = document.getElementById(select.dataset.shows);
    var sync = function () {
      target.hidden = select.value !== select.dataset.showsValue;
    };
    select.addEventListener('change', sync);
    sync();
  });

  // The Entra group picker: searches as the admin types, through the portal session.
  document.querySelectorAll('[data-picker]').forEach(function (picker) {
    var input = picker.querySelector('input[type=search]');
    var results = picker.querySelector('.results');
    var chosen = picker.querySelector('.chosen');
    var timer = null;
    var sequence = 0;
    var wireRemove = function (chip) {
      chip.querySelector('button.remove').addEventListener('click', function () {
        chip.remove();
        input.focus();
      });
    };
    chosen.querySelectorAll('.chip').forEach(wireRemove);
    var add = function (entry) {
      if (chosen.querySelector('[data-id="' + CSS.escape(entry.id) + '"]')) {
        return;
      }
      var chip = document.createElement('li');
      chip.className = 'chip';
      chip.dataset.id = entry.id;
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = 'groupIds';
      hidden.value = entry.id;
      var name = document.createElement('span');
      name.textContent = entry.displayName;
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove secondary';
      remove.textContent = '×';
      remove.setAttribute('aria-label', picker.dataset.remove + ' ' + entry.displayName);
      chip.append(hidden, name, remove);
      chosen.appendChild(chip);
      wireRemove(chip);
    };
    var show = function (items, message) {
      results.replaceChildren();
      if (message) {
        var li = document.createElement('li');
        li.className = 'muted';
        li.textContent = message;
        results.appendChild(li);
      }
      items.forEach(function (entry) {
        var li = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary pick';
        button.dataset.id = entry.id;
        button.textContent = entry.displayName + (entry.mail ? ' (' + entry.mail + ')' : '');
        button.setAttribute('aria-label', picker.dataset.add + ' ' + entry.displayName);
        button.addEventListener('click', function () {
          add(entry);
          results.replaceChildren();
          input.value = '';
          input.focus();
        });
        li.appendChild(button);
        results.appendChild(li);
      });
    };
    var search = function () {
      var query = input.value.trim();
      var mine = ++sequence;
      fetch('/api/v1/integration/directory/groups?size=20&q=' + encodeURIComponent(query), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (body) {
        if (mine === sequence) {
          show(body.items, body.items.length === 0 ? picker.dataset.empty : null);
        }
      }).catch(function () {
        if (mine === sequence) { show([], picker.dataset.failed); }
      });
    };
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener('focus', function () {
      if (!results.hasChildNodes()) { search(); }
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        var first = results.querySelector('button.pick');
        if (first) { first.click(); }
      } else if (event.key === 'ArrowDown') {
        var next = results.querySelector('button.pick');
        if (next) { event.preventDefault(); next.focus(); }
      }
    });
  });

  // The running sync: polls its run every second; the bar is indeterminate until the run reports
  // its progress, then moves with applied + failed of planned; the page reloads when the run ends.
  var box = document.getElementById('sync-progress');
  if (box) {
    var bar = document.getElementById('sync-progress-bar');
    var text = document.getElementById('sync-progress-text');
    var runId = box.dataset.runId;
    var phaseName = function (phase) {
      var key = 'phase' + String(phase || '').charAt(0).toUpperCase() + String(phase || '').slice(1).toLowerCase();
      return box.dataset[key] || phase || '';
    };
    var format = function (template, values) {
      return template.replace(/\{(\d+)\}/g, function (all, i) { return values[Number(i)]; });
    };
    var poll = function () {
      fetch('/api/v1/sync-runs/' + encodeURIComponent(runId), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (run) {
        if (run.state !== 'RUNNING' || run.finishedAt) {
          var url = new URL(window.location.href);
          if (url.searchParams.get('run') === runId) {
            window.location.reload();
          } else {
            url.searchParams.set('run', runId);
            url.hash = '';
            window.location.replace(url.toString());
          }
          return;
        }
        var p = run.progress;
        if (p && p.planned > 0) {
          bar.max = p.planned;
          bar.value = Math.min(p.planned, (p.applied || 0) + (p.failed || 0));
          box.dataset.mode = 'determinate';
        } else {
          bar.removeAttribute('value');
          box.dataset.mode = 'indeterminate';
        }
        text.textContent = p
          ? format(box.dataset.textCounts, [phaseName(p.phase), p.pagesRead || 0, p.applied || 0, p.planned || 0, p.failed || 0])
          : box.dataset.textWorking;
        setTimeout(poll, 1000);
      }).catch(function () {
        setTimeout(poll, 1000);
      });
    };
    bar.removeAttribute('value');
    box.dataset.mode = 'indeterminate';
    poll();
  }
})();
