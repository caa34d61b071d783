// Autocomplete for the search box: the ARIA 1.2 combobox pattern (list autocomplete).
// Progressive enhancement: without this module the box is a plain GET search form.
// Form properties (form.action, form.requestSubmit …) are never read directly: a control named
// like them would shadow them. The prototype's methods are called instead.
const DELAY = 150;
const submit = (form) => HTMLFormElement.prototype.requestSubmit.call(form);

function setup(input) {
  const url = input.dataset.suggestUrl;
  if (!url || input.dataset.enhanced) return;
  const endpoint = new URL(url, document.baseURI);
  input.dataset.enhanced = "1";
  const listId = `${input.id}-listbox`;
  const list = document.createElement("ul");
  list.id = listId;
  list.className = "search-listbox";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Vorschläge");
  list.hidden = true;
  input.after(list);
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  list.after(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  let items = [];
  let active = -1;
  let timer = null;
  let controller = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((opt, i) => opt.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const choose = (index) => {
    const item = items[index];
    if (!item) return;
    const target = item.url ? new URL(item.url, document.baseURI) : null;
    if (target && target.origin === window.location.origin) {
      window.location.assign(target.href); // only pages of the portal, never a javascript: link
    } else {
      input.value = item.label;
      close();
      if (input.form) submit(input.form);
    }
  };

  const render = () => {
    list.replaceChildren();
    items.forEach((item, i) => {
      const li = document.createElement("li");
      li.id = `${listId}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const label = document.createElement("span");
      label.textContent = item.label;
      const category = document.createElement("span");
      category.className = "search-option__category";
      category.textContent = item.category;
      li.append(label, category);
      li.addEventListener("mousedown", (event) => event.preventDefault());
      li.addEventListener("click", () => choose(i));
      list.append(li);
    });
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    status.textContent = open ? `${items.length} Vorschläge verfügbar.` : "";
    active = -1;
  };

  const fetchSuggestions = async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      items = [];
      render();
      return;
    }
    controller?.abort();
    controller = new AbortController();
    try {
      const request = new URL(endpoint);
      request.searchParams.set("q", q);
      const response = await fetch(request.href, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      items = data.suggestions || [];
      render();
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DELAY);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight(Math.min(active + 1, items.length - 1));
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

document.querySelectorAll("input[data-suggest-url]").forEach(setup);
