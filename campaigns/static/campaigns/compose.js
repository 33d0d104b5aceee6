/*
 * Live rules and previews while a post is written.
 * As the user types (debounced), the whole post form is posted to the compose check URL;
 * the server answers with the rules per account, the personas' voice notes and a preview per
 * account, rendered as HTML, which replaces the panel's results. Nothing is saved.
 */
(function () {
  'use strict';

  var DELAY_MS = 400;

  function init(panel) {
    var form = panel.closest('form');
    var results = panel.querySelector('[data-compose-results]');
    var status = panel.querySelector('[data-compose-status]');
    var url = panel.getAttribute('data-compose-check-url');
    if (!form || !results || !url) {
      return;
    }
    var timer = null;
    var latest = 0;

    function check() {
      var request = ++latest;
      var body = new FormData(form);
      var token = body.get('csrfmiddlewaretoken') || '';
      fetch(url, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': token, 'X-Requested-With': 'XMLHttpRequest' },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          if (request !== latest) {
            return; // an older answer arriving late
          }
          results.innerHTML = data.html;
          status.textContent = '';
          panel.setAttribute('data-compose-valid', data.messages.length ? 'false' : 'true');
        })
        .catch(function () {
          if (request === latest) {
            status.textContent = 'Pemeriksaan langsung tidak tersedia; aturan tetap diperiksa saat disimpan.';
          }
        });
    }

    function schedule(event) {
      if (event && panel.contains(event.target)) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY_MS);
    }

    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    form.addEventListener('w-formset:added', schedule);
    form.addEventListener('w-formset:removed', schedule);
  }

  function start() {
    document.querySelectorAll('[data-compose-check-url]').forEach(init);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
