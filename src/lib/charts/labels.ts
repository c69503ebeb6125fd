// Chart labels that fit: clipped with an ellipsis or wrapped onto two lines.

/** Cut a label to about `max` characters, with an ellipsis. */
export function clip(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/** Break a label into at most two lines of about `max` characters, at spaces (before a trailing parenthesis if it fits, without the parenthesis if only that would be clipped); the rest is clipped. */
export function wrapLabel(label: string, max: number): string[] {
  if ([...label].length <= max) return [label];
  // "Kỳ 1 (tháng 1–2/2021)": prefer breaking before a trailing parenthesis
  const paren = label.match(/^(.+?)\s+(\(.+\))$/);
  if (paren && [...paren[1]].length <= max && [...paren[2]].length <= max) return [paren[1], paren[2]];
  const words = label.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && [...(first ? first + ' ' + words[i] : words[i])].length <= max) first = first ? first + ' ' + words[i++] : words[i++];
  if (!first) return [clip(label, max)];
  const rest = words.slice(i).join(' ');
  // a clipped parenthesis ("Kỳ 1" over "(thán…") says nothing: the name before it alone ("Period" over "1" in English),
  // when that fits unclipped, the whole in the tooltip
  if (paren && [...rest].length > max) {
    const head = wrapLabel(paren[1], max);
    if (head.join(' ') === paren[1]) return head;
  }
  return rest ? [first, clip(rest, max)] : [first];
}
