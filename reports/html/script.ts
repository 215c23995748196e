/**
 * The HTML report's only script: filters the case list by verdict, category, property
 * and text, and lets a matrix cell set them. Everything is drawn without it.
 */
export const SCRIPT = `
(() => {
  const $ = (s) => document.querySelector(s);
  const cases = [...document.querySelectorAll('details.case')];
  const verdict = $('#f-verdict'), category = $('#f-category'), property = $('#f-property'), text = $('#f-text'), shown = $('#f-shown');
  const apply = () => {
    const q = text.value.trim().toLowerCase();
    let n = 0;
    for (const c of cases) {
      const ok = (verdict.value === 'all' || (verdict.value === 'bad' ? c.dataset.verdict === 'fail' || c.dataset.verdict === 'unknown' : c.dataset.verdict === verdict.value))
        && (category.value === 'all' || c.dataset.category === category.value)
        // With a failing verdict chosen, a property matches where it failed; otherwise where it was judged.
        && (property.value === 'all' || (verdict.value === 'all' || verdict.value === 'pass' ? c.dataset.properties : c.dataset.failing).split(' ').includes(property.value))
        && (!q || c.dataset.search.includes(q));
      c.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n + ' of ' + cases.length + ' cases';
  };
  for (const el of [verdict, category, property]) el.addEventListener('change', apply);
  text.addEventListener('input', apply);
  for (const b of document.querySelectorAll('.matrix button')) {
    b.addEventListener('click', () => {
      category.value = b.dataset.category;
      property.value = b.dataset.property;
      verdict.value = b.parentElement.classList.contains('pass') ? 'all' : 'bad';
      apply();
      $('#cases').scrollIntoView();
    });
  }
  apply();
})();
`;
