/** The inputs of the first POST form on a page whose action matches `action`, as a browser would send them (disabled ones left out). */
export function formFields(html: string, action: RegExp = /\/(scores|verify\/\d+)/): Record<string, string> {
  const forms = html.match(/<form method="post" action="[^"]*"[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => action.test(f.match(/action="([^"]*)"/)?.[1] ?? '')) ?? '';
  const out: Record<string, string> = {};
  const decode = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1];
    if (/\bdisabled\b/.test(attrs)) continue;
    const name = attrs.match(/name="([^"]+)"/)?.[1];
    if (!name) continue;
    out[name] = decode(attrs.match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]] = decode(m[2]);
  return out;
}
