/**
 * 适老化 reading mode: larger text and stronger contrast, remembered across pages in localStorage.
 * public/care-init.js (synchronous, in <head>) applies a remembered choice before the first paint;
 * this module shows the 标准版/大字版 switch (two buttons, the current one aria-pressed) and handles it.
 * The default view needs no script; the switch only appears when scripts run.
 */
import { CARE_KEY } from '../lib/site/care.ts';

const root = document.documentElement;
const stored = (() => {
  try {
    return localStorage.getItem(CARE_KEY) === '1';
  } catch {
    return false;
  }
})();
root.classList.toggle('care', stored);
const buttons = [...document.querySelectorAll<HTMLButtonElement>('.care-toggle button[data-care]')];
const show = (on: boolean) => {
  for (const b of buttons) b.setAttribute('aria-pressed', String((b.dataset['care'] === '1') === on));
};
show(stored);
for (const group of document.querySelectorAll<HTMLElement>('.care-toggle')) group.hidden = false;
for (const button of buttons) {
  button.addEventListener('click', () => {
    const on = button.dataset['care'] === '1';
    root.classList.toggle('care', on);
    show(on);
    try {
      localStorage.setItem(CARE_KEY, on ? '1' : '0');
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  });
}
