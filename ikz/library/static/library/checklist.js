// Progressive enhancement: save a checklist run as soon as a box is ticked or a note is left.
// Without JavaScript the form's "Speichern" button does the same. Either way the server merges
// per step: colleagues' ticks and notes are kept and shown here; a note that both changed
// differently is shown side by side, and the user chooses (the buttons submit the form).
//
// Never read form.action, form.method & co.: a control named "action" (this form has one)
// shadows those properties. Read attributes through the prototype instead.
const attribute = (element, name) => Element.prototype.getAttribute.call(element, name);
const normalise = (text) => text.replace(/\r\n?/g, "\n").trim();

const form = document.querySelector("form[data-autosave]");
if (form) {
  const endpoint = new URL(attribute(form, "action") || window.location.href, document.baseURI);
  const status = form.querySelector("[data-save-status]");
  const doneCount = document.querySelector("[data-done-count]");
  const field = (name) => form.querySelector(`[name="${CSS.escape(name)}"]`);
  const say = (text) => {
    if (status) status.textContent = text;
  };
  let timer = null;
  let running = null;
  let again = false;

  const stepsShown = () =>
    [...form.querySelectorAll("[data-step]")].map((item) => {
      const id = Number(attribute(item, "data-step"));
      return { id, item, box: document.getElementById(`done-${id}`), note: document.getElementById(`note-${id}`) };
    });

  const showConflict = (step, conflict) => {
    step.item.querySelector("[data-conflict]")?.remove();
    if (!conflict) return;
    const name = conflict.theirs_by || "eine Kollegin oder ein Kollege";
    const block = document.createElement("div");
    block.className = "step-conflict";
    block.dataset.conflict = "";
    block.setAttribute("role", "group");
    const text = document.createElement("p");
    text.id = `conflict-${step.id}`;
    block.setAttribute("aria-labelledby", text.id);
    const strong = document.createElement("strong");
    strong.textContent = "Gleichzeitig geändert:";
    text.append(strong, ` ${name} hat diese Notiz anders gespeichert als Sie. Ihr Text steht weiter im Feld oben; der gespeicherte Text lautet:`);
    const theirs = document.createElement("blockquote");
    theirs.className = "step-conflict__theirs";
    theirs.textContent = conflict.theirs;
    const seen = document.createElement("input");
    seen.type = "hidden";
    seen.name = `theirs-note-${step.id}`;
    seen.value = conflict.theirs;
    const button = (value, label) => {
      const element = document.createElement("button");
      element.type = "submit";
      element.name = `resolve-${step.id}`;
      element.value = value;
      element.textContent = label;
      return element;
    };
    block.append(text, theirs, seen, button("mine", "Meinen Text speichern"), " ", button("theirs", "Gespeicherten Text übernehmen"));
    step.item.append(block);
  };

  // Take the merged state, but never overwrite what the user changed while the request was
  // under way: that stays, against the old base, and goes with the next save.
  const apply = (data, sent) => {
    field("version").value = String(data.version);
    const conflicts = new Map(data.conflicts.map((c) => [c.step, c]));
    const merged = new Map(data.steps.map((s) => [s.id, s]));
    for (const step of stepsShown()) {
      const state = merged.get(step.id);
      const before = sent.get(step.id);
      if (!state || !before || !step.box || !step.note) continue;
      const baseDone = field(`base-done-${step.id}`);
      const baseNote = field(`base-note-${step.id}`);
      if (step.box.checked === before.done) {
        step.box.checked = state.done;
        baseDone.value = state.done ? "1" : "";
      } else if (state.done === before.done) {
        baseDone.value = state.done ? "1" : "";
      }
      step.item.classList.toggle("checklist-step--done", step.box.checked);
      const conflict = conflicts.get(step.id);
      if (!conflict) {
        if (normalise(state.note) === normalise(before.note)) {
          baseNote.value = state.note;
        } else if (step.note.value === before.note) {
          step.note.value = state.note;
          baseNote.value = state.note;
        }
      }
      showConflict(step, conflict);
      const changed = step.item.querySelector("[data-step-changed]");
      if (changed) changed.textContent = state.changed_by ? `Zuletzt geändert von ${state.changed_by} am ${state.changed_at}` : "";
    }
    if (doneCount) doneCount.textContent = String(data.done_count);
  };

  const saveOnce = async () => {
    const body = new FormData(form);
    body.set("action", "save");
    const sent = new Map(stepsShown().map((s) => [s.id, { done: s.box?.checked ?? false, note: s.note?.value ?? "" }]));
    try {
      const response = await fetch(endpoint.href, {
        method: "POST",
        body,
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.redirected) {
        // Sent to the login page: the session has ended. The inputs stay on this page.
        say("Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich in einem neuen Tab an und drücken Sie dann „Speichern“.");
        return;
      }
      if (!response.ok) {
        say("Speichern fehlgeschlagen – bitte den Knopf „Speichern“ nutzen.");
        return;
      }
      const data = await response.json();
      apply(data, sent);
      say(data.message);
    } catch {
      say("Keine Verbindung – bitte später „Speichern“ drücken.");
    }
  };

  // One save at a time: a second one sent with the old base would collide with the first.
  const save = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await saveOnce();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
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
