// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit submit when a select changes.
for (const form of document.querySelectorAll("form[data-autosubmit]")) {
  for (const select of form.querySelectorAll("select")) {
    // Through the prototype: a control named "requestSubmit" or "submit" would shadow the method.
    select.addEventListener("change", () => HTMLFormElement.prototype.requestSubmit.call(form));
  }
}
