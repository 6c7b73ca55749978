/**
 * Escapes text that plotly would otherwise read as its HTML subset (`<b>`, `<a href>`, …).
 * DOM text never needs this: the renderers only ever set `textContent`.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
