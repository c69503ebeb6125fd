// Score forms, progressive enhancement only (every page works without it):
// mark cells whose value differs from what was loaded, and warn before leaving with unsaved changes.
(() => {
  for (const form of document.querySelectorAll('form.score-form')) {
    let dirty = false;
    form.addEventListener('input', (event) => {
      const el = event.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || el.type === 'file') return;
      dirty = true;
      const cell = el.closest('td');
      if (cell) cell.classList.toggle('cell-changed', el.value !== el.defaultValue);
    });
    form.addEventListener('submit', () => {
      dirty = false;
    });
    window.addEventListener('beforeunload', (event) => {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = '';
    });
  }
})();
