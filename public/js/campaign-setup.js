// Campaign setup pages (progressive enhancement only; every page works without this file):
// a live, accent-insensitive filter over the unit picker, and "select all / none" per unit type.
(function () {
  'use strict';
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
  const counter = document.querySelector('[data-selected-count]');
  const picker = document.querySelector('.cs-picker');

  function updateCount() {
    if (!counter || !picker) return;
    const hidden = Number(counter.getAttribute('data-hidden-selected') || '0');
    const n = picker.querySelectorAll('input[name=unitIds]:checked').length + hidden;
    counter.textContent = (counter.getAttribute('data-template') || '{n}').replace('{n}', String(n));
  }

  const input = document.querySelector('[data-live-filter]');
  if (input && picker) {
    input.addEventListener('input', () => {
      const q = fold(input.value);
      picker.querySelectorAll('[data-search]').forEach((li) => {
        li.hidden = q !== '' && !(li.getAttribute('data-search') || '').includes(q);
      });
      picker.querySelectorAll('[data-filter-group]').forEach((group) => {
        group.hidden = !group.querySelector('[data-search]:not([hidden])');
      });
    });
  }

  document.querySelectorAll('[data-js-only]').forEach((el) => { el.hidden = false; });
  document.addEventListener('click', (event) => {
    const btn = event.target instanceof Element ? event.target.closest('[data-check-all]') : null;
    if (!btn) return;
    const on = btn.getAttribute('data-check-all') === 'on';
    const group = btn.closest('fieldset');
    if (!group) return;
    group.querySelectorAll('li:not([hidden]) input[type=checkbox]').forEach((cb) => { cb.checked = on; });
    updateCount();
  });
  if (picker) picker.addEventListener('change', updateCount);
})();
