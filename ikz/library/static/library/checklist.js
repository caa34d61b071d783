// Progressive enhancement: save a checklist run as soon as a box is ticked or a note is left.
// Without JavaScript the form's "Speichern" button does the same.
const form = document.querySelector("form[data-autosave]");
if (form) {
  const status = form.querySelector("[data-save-status]");
  let timer = null;
  const save = async () => {
    const body = new FormData(form);
    body.set("action", "save");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
        credentials: "same-origin",
      });
      if (status) status.textContent = response.ok ? "Gespeichert." : "Speichern fehlgeschlagen – bitte den Knopf „Speichern“ nutzen.";
    } catch {
      if (status) status.textContent = "Keine Verbindung – bitte später „Speichern“ drücken.";
    }
  };
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox]")) {
      event.target.closest(".checklist-step")?.classList.toggle("checklist-step--done", event.target.checked);
      save();
    }
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea")) {
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
  });
}
