/**
 * 适老化 reading mode: larger text and stronger contrast, remembered across
 * pages in localStorage. The default view needs no script; the toggle button
 * only appears when scripts run.
 */
const KEY = 'nianbao-care';
const root = document.documentElement;
const stored = (() => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
})();
root.classList.toggle('care', stored);
for (const button of document.querySelectorAll<HTMLButtonElement>('.care-toggle')) {
  button.hidden = false;
  button.setAttribute('aria-pressed', String(stored));
  button.addEventListener('click', () => {
    const on = !root.classList.contains('care');
    root.classList.toggle('care', on);
    button.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  });
}
