// Progressive enhancement only: every page works without this file.
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
  if (target && !window.confirm(target.getAttribute('data-confirm') || '')) event.preventDefault();
});
document.addEventListener('click', (event) => {
  const btn = event.target instanceof Element ? event.target.closest('[data-print]') : null;
  if (btn) { event.preventDefault(); window.print(); }
});

// Tables and charts wider than the screen scroll sideways. While a scrolling box overflows and holds nothing
// focusable, make it a keyboard stop (arrow keys then scroll it), named after its table caption, chart or section.
function markScrollers() {
  for (const box of document.querySelectorAll('.table-wrap, .dash-chart-scroll')) {
    const overflows = box.scrollWidth > box.clientWidth + 1;
    const mine = box.hasAttribute('data-scroller');
    if (overflows && !mine && !box.hasAttribute('tabindex') && !box.querySelector('a[href], button, input, select, textarea, summary, [tabindex]')) {
      const section = box.closest('section[aria-labelledby]');
      const source = box.querySelector('caption, svg > title') || (section && document.getElementById(section.getAttribute('aria-labelledby')));
      const name = source ? (source.textContent || '').trim() : '';
      box.setAttribute('data-scroller', '');
      box.setAttribute('tabindex', '0');
      if (name) { box.setAttribute('role', 'region'); box.setAttribute('aria-label', name); }
    } else if (!overflows && mine) {
      for (const a of ['data-scroller', 'tabindex', 'role', 'aria-label']) box.removeAttribute(a);
    }
  }
}
let scrollerTimer;
document.addEventListener('DOMContentLoaded', markScrollers);

// Campaign tabs scroll sideways on a phone: bring the current one into view, so the reader sees where they are.
function showCurrentTab() {
  for (const nav of document.querySelectorAll('nav.tabs')) {
    const current = nav.querySelector('a[aria-current="page"]');
    if (!current || nav.scrollWidth <= nav.clientWidth + 1) continue;
    const box = nav.getBoundingClientRect();
    const tab = current.getBoundingClientRect();
    if (tab.left < box.left || tab.right > box.right) nav.scrollLeft += tab.left - box.left - (box.width - tab.width) / 2;
  }
}
document.addEventListener('DOMContentLoaded', showCurrentTab);
window.addEventListener('resize', () => { clearTimeout(scrollerTimer); scrollerTimer = setTimeout(() => { markScrollers(); showCurrentTab(); }, 150); });
