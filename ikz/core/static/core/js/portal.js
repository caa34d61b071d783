// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit submit when a select changes.
for (const form of document.querySelectorAll("form[data-autosubmit]")) {
  for (const select of form.querySelectorAll("select")) {
    // Through the prototype: a control named "requestSubmit" or "submit" would shadow the method.
    select.addEventListener("change", () => HTMLFormElement.prototype.requestSubmit.call(form));
  }
}

// On a phone the main navigation is one row that scrolls sideways (portal.css): bring the current
// section into view, so that the highlighted item is seen without swiping.
const current = document.querySelector('.main-nav a[aria-current="page"]');
const strip = current?.closest("ul");
if (strip && strip.scrollWidth > strip.clientWidth) {
  strip.scrollLeft = current.offsetLeft - (strip.clientWidth - current.offsetWidth) / 2;
}
