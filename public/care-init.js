/* 大字版 before the first paint: loaded synchronously from <head> (a file, since the CSP forbids inline
   scripts), it sets html.care from the choice remembered by src/scripts/care-mode.ts. ES5, so old engines skip nothing. */
(function () {
  try {
    if (window.localStorage && localStorage.getItem('nianbao-care') === '1') document.documentElement.className += ' care';
  } catch (e) {
    /* storage blocked: the standard view */
  }
})();
