// The SVG building blocks of the charts: pure functions from numbers and (already translated) labels to SVG markup.
// Every piece of text and every attribute value goes through `esc`, so the result may be printed
// unescaped (`<%- %>`). No scripts, no inline styles (the CSP forbids them): colours are attributes.

/** Escape text for use in SVG/HTML content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate with at most one decimal, so the markup stays small and stable. */
export function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

export type Attrs = Record<string, string | number | undefined>;

/** One element with escaped attributes; `inner` must already be markup built by the chart modules. */
export function el(tag: string, attrs: Attrs, inner = ''): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
  return inner === '' && tag !== 'text' && tag !== 'title' && tag !== 'desc' ? `<${tag}${a}/>` : `<${tag}${a}>${inner}</${tag}>`;
}

/** An accessible <svg> root: role="img", labelled by its <title> and <desc>. */
export function svgOpen(id: string, w: number, h: number, cls: string, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" class="${esc(cls)}" role="img" ` +
    `aria-labelledby="${esc(id)}-title ${esc(id)}-desc" id="${esc(id)}" font-family="inherit">` +
    el('title', { id: `${id}-title` }, esc(title)) +
    el('desc', { id: `${id}-desc` }, esc(desc))
  );
}
