/** Creates an element with a class and, optionally, text (always as textContent, never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The box shown instead of an output whose bundle is malformed. */
export function errorBox(what: string, error: unknown): HTMLElement {
  const box = el('div', 'convkit-error');
  box.appendChild(el('strong', undefined, `Cannot show this ${what}: `));
  box.appendChild(el('span', undefined, error instanceof Error ? error.message : String(error)));
  return box;
}

/** JupyterLab's theme colours, read from its CSS variables (fallbacks outside JupyterLab). */
export function themeColors(): { background: string; foreground: string; grid: string } {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { background: v('--jp-layout-color0', '#ffffff'), foreground: v('--jp-ui-font-color1', '#1f1f1f'), grid: v('--jp-border-color2', '#e0e0e0') };
}

/** Calls `onChange` when JupyterLab switches between light and dark themes. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name'] });
  return () => observer.disconnect();
}
