// Progressive enhancement only: every page works without this file.
// Filter forms marked data-autosubmit submit when a select changes.
for (const form of document.querySelectorAll("form[data-autosubmit]")) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
}
