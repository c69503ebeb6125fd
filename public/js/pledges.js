// Pledge form enhancement: "add row" clones an empty row in place instead of a round trip to the
// server. Without this file the same button posts the form and the server adds the rows.
(function () {
  'use strict';
  function renumber(el, index) {
    el.querySelectorAll('[name], [id], [for], [aria-describedby]').forEach(function (node) {
      ['name', 'id', 'for'].forEach(function (attr) {
        var v = node.getAttribute(attr);
        if (!v) return;
        node.setAttribute(attr, v.replace(/^(targets|measures)\[\d+\]/, '$1[' + index + ']').replace(/^f-(targets|measures)-\d+-/, 'f-$1-' + index + '-'));
      });
      node.removeAttribute('aria-describedby');
      node.removeAttribute('aria-invalid');
    });
  }
  document.addEventListener('click', function (event) {
    var btn = event.target instanceof Element ? event.target.closest('[data-add-row]') : null;
    if (!btn) return;
    var kind = btn.getAttribute('data-add-row');
    var list = document.querySelector('[data-rows="' + kind + '"]');
    var rows = list ? list.querySelectorAll('[data-row]') : [];
    if (!list || !rows.length) return; // let the server do it
    event.preventDefault();
    var copy = rows[rows.length - 1].cloneNode(true);
    var index = rows.length;
    renumber(copy, index);
    copy.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
    copy.querySelectorAll('.has-error').forEach(function (e) { e.classList.remove('has-error'); });
    copy.querySelectorAll('input, textarea, select').forEach(function (input) {
      if (input.type === 'checkbox') input.checked = false;
      else if (input.tagName === 'SELECT') input.selectedIndex = 0;
      else input.value = '';
    });
    var label = copy.querySelector('.pl-row-label');
    var template = list.getAttribute('data-row-label');
    if (label && template) label.textContent = template.replace('{n}', String(index + 1));
    var measureLabel = kind === 'measures' ? copy.querySelector('label') : null;
    if (measureLabel && template) measureLabel.textContent = template.replace('{n}', String(index + 1));
    list.appendChild(copy);
    var first = copy.querySelector('textarea, input[type=text]');
    if (first) first.focus();
  });
})();
