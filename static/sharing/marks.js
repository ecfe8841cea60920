// Proofing marks beyond the heart: colour labels, stars and reject on the grid's tiles and
// in the viewer, Lightroom Classic's keys, the filters with counts and the keys' help.
// client.js owns the favourites and the viewer; the two talk through events on #client:
//   "viewer:photo" {id}         the photo the viewer shows (null once it closes)
//   "photo:changed" {id, favourite}   client.js changed a photo (a heart tapped)
//   "marks:favourite-set" {id, favourite}   this module changed a favourite
import { photoUrl, request } from "../js/request.js";
import { state, toast } from "./page.js";

const root = document.getElementById("client");
const panel = document.getElementById("marks");
const LABELS = ["red", "yellow", "green", "blue", "purple"];
const LABEL_KEYS = { 6: "red", 7: "yellow", 8: "green", 9: "blue" };

if (root && panel) {
  const shown = {
    favourite: panel.dataset.favourites === "true",
    label: panel.dataset.labels === "true",
    stars: panel.dataset.stars === "true",
    rejected: panel.dataset.reject === "true",
  };
  const legend = new Map(state.gallery.marks.legend.map((item) => [item.label, item]));
  const marks = new Map(
    state.photos.map((photo) => [photo.id, { favourite: photo.favourite, ...photo.marks }]),
  );
  const tiles = [...root.querySelectorAll(".shot")];
  const tileById = new Map(tiles.map((tile) => [tile.dataset.id, tile]));
  const tileOf = (id) => tileById.get(id);
  let viewerPhoto = null;
  let pointedPhoto = null;
  let filter = "all";

  const locked = () => root.classList.contains("locked");
  const labelName = (label) => {
    const item = legend.get(label);
    return item.meaning ? `${item.name} (${item.meaning})` : item.name;
  };

  // ---- changing marks ---------------------------------------------------------------

  // One photo's changes reach the server in the order they were made (a key pressed twice
  // quickly sends two requests); only the answer to the latest one is shown.
  const queues = new Map();
  const latest = new Map();

  async function change(id, changes) {
    if (locked()) {
      toast("Your selection is sent. Ask your photographer to unlock it for changes.", "error");
      return;
    }
    const allowed = Object.fromEntries(Object.entries(changes).filter(([name]) => shown[name]));
    if (!Object.keys(allowed).length) return;
    const before = { ...marks.get(id) };
    marks.set(id, { ...before, ...allowed }); // at once: a key or tap should feel instant
    render(id);
    const ticket = (latest.get(id) ?? 0) + 1;
    latest.set(id, ticket);
    const sent = (queues.get(id) ?? Promise.resolve()).then(() =>
      request(photoUrl(panel.dataset.marksUrl, id), { method: "POST", body: allowed }),
    );
    queues.set(
      id,
      sent.catch(() => {}),
    );
    try {
      const answer = await sent;
      if (latest.get(id) === ticket)
        marks.set(id, { favourite: answer.favourite, ...answer.marks });
    } catch (error) {
      if (latest.get(id) === ticket) marks.set(id, before);
      toast(error.message, "error");
    }
    if (latest.get(id) !== ticket) return;
    render(id);
    // client.js shows the heart and counts the favourites: it hears the outcome each time.
    const favourite = marks.get(id).favourite;
    root.dispatchEvent(new CustomEvent("marks:favourite-set", { detail: { id, favourite } }));
  }

  const toggle = {
    favourite: (id) => change(id, { favourite: !marks.get(id).favourite }),
    rejected: (id) => change(id, { rejected: !marks.get(id).rejected }),
    clear: (id) => change(id, { favourite: false, rejected: false }),
    stars: (id, n) => change(id, { stars: marks.get(id).stars === n ? 0 : n }),
    label: (id, label) => change(id, { label: marks.get(id).label === label ? "" : label }),
  };

  // ---- tiles: what is marked, and one tap for each kind of mark --------------------------

  function tileBar(tile) {
    const bar = document.createElement("div");
    bar.className = "tile-marks";
    const id = tile.dataset.id;
    if (shown.rejected) {
      bar.append(button("reject", "✕", "Reject", () => toggle.rejected(id)));
    }
    if (shown.stars) {
      // One tap adds a star, up to five, then back to none.
      bar.append(
        button("stars", "☆", "Stars", () => change(id, { stars: (marks.get(id).stars + 1) % 6 })),
      );
    }
    if (shown.label) {
      // One tap moves to the next colour, in Lightroom's order, then back to none.
      bar.append(
        button("label", "", "Colour label", () => {
          const next = LABELS[LABELS.indexOf(marks.get(id).label) + 1] ?? "";
          change(id, { label: next });
        }),
      );
    }
    tile.append(bar);
  }

  function button(kind, text, label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `mark-button mark-${kind}`;
    element.dataset.mark = kind;
    element.setAttribute("aria-label", label);
    element.textContent = text;
    element.addEventListener("click", (event) => {
      event.stopPropagation();
      onClick();
    });
    return element;
  }

  function renderTile(id) {
    const tile = tileOf(id);
    if (!tile) return;
    const mark = marks.get(id);
    tile.classList.toggle("is-rejected", mark.rejected);
    tile.dataset.label = mark.label;
    tile.dataset.stars = String(mark.stars);
    const reject = tile.querySelector(".mark-reject");
    reject?.setAttribute("aria-pressed", String(mark.rejected));
    const stars = tile.querySelector(".mark-stars");
    if (stars) {
      stars.textContent = mark.stars ? `${mark.stars}★` : "☆";
      stars.setAttribute("aria-label", `Stars: ${mark.stars}. Tap for more.`);
    }
    const label = tile.querySelector(".mark-label");
    if (label) {
      label.className = `mark-button mark-label${mark.label ? ` mk-${mark.label}` : ""}`;
      label.setAttribute(
        "aria-label",
        `Colour label: ${mark.label ? labelName(mark.label) : "none"}. Tap for the next.`,
      );
    }
  }

  // ---- the viewer: every mark, one tap each -----------------------------------------------

  let viewerBar = null;
  function ensureViewerBar() {
    const box = document.querySelector(".pswp .viewer-actions");
    if (!box) return null;
    if (viewerBar && box.contains(viewerBar)) return viewerBar;
    viewerBar = document.createElement("div");
    viewerBar.className = "viewer-marks";
    const current = () => viewerPhoto;
    if (shown.rejected) {
      viewerBar.append(button("reject", "✕ Reject", "Reject", () => toggle.rejected(current())));
    }
    if (shown.stars) {
      for (let n = 1; n <= 5; n += 1) {
        const star = button("star", "★", `${n} star${n === 1 ? "" : "s"}`, () =>
          toggle.stars(current(), n),
        );
        star.dataset.stars = String(n);
        viewerBar.append(star);
      }
    }
    if (shown.label) {
      for (const label of LABELS) {
        const dot = button("colour", "", labelName(label), () => toggle.label(current(), label));
        dot.classList.add(`mk-${label}`);
        dot.dataset.label = label;
        viewerBar.append(dot);
      }
    }
    box.prepend(viewerBar);
    return viewerBar;
  }

  function renderViewer() {
    if (!viewerPhoto) return;
    const bar = ensureViewerBar();
    if (!bar) return;
    const mark = marks.get(viewerPhoto);
    bar.querySelector("[data-mark=reject]")?.setAttribute("aria-pressed", String(mark.rejected));
    for (const star of bar.querySelectorAll("[data-mark=star]")) {
      star.setAttribute("aria-pressed", String(Number(star.dataset.stars) <= mark.stars));
    }
    for (const dot of bar.querySelectorAll("[data-mark=colour]")) {
      dot.setAttribute("aria-pressed", String(dot.dataset.label === mark.label));
    }
  }

  // ---- filters with counts ------------------------------------------------------------

  const tests = {
    all: () => true,
    favourite: (mark) => mark.favourite,
    stars3: (mark) => mark.stars >= 3,
    rejected: (mark) => mark.rejected,
    unmarked: (mark) => !(mark.favourite || mark.label || mark.stars || mark.rejected),
  };
  const testFor = (name) =>
    name.startsWith("label:") ? (mark) => mark.label === name.slice(6) : tests[name];

  function renderFilters() {
    for (const chip of panel.querySelectorAll("[data-mark-filter]")) {
      const test = testFor(chip.dataset.markFilter);
      const count = [...marks.values()].filter(test).length;
      chip.querySelector("[data-count]").textContent = String(count);
      chip.setAttribute("aria-pressed", String(chip.dataset.markFilter === filter));
    }
    const test = testFor(filter);
    for (const tile of tiles)
      tile.classList.toggle("mark-hidden", !test(marks.get(tile.dataset.id)));
  }

  for (const chip of panel.querySelectorAll("[data-mark-filter]")) {
    chip.addEventListener("click", () => {
      filter = chip.dataset.markFilter;
      renderFilters();
    });
  }

  function render(id) {
    renderTile(id);
    if (id === viewerPhoto) renderViewer();
    renderFilters();
  }

  // ---- keys (Lightroom Classic's) ---------------------------------------------------------

  const help = document.getElementById("marks-help");
  document.getElementById("marks-help-button").addEventListener("click", () => help.showModal());

  const typing = (target) =>
    target instanceof Element && target.closest("input, textarea, select, [contenteditable]");

  // The photo the viewer shows, else the tile last pointed at or tabbed to.
  const targetPhoto = () => viewerPhoto ?? pointedPhoto;

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "?") {
      event.preventDefault();
      if (!help.open) help.showModal();
      return;
    }
    if (document.querySelector("dialog[open]")) return;
    const id = targetPhoto();
    if (!id || !marks.has(id)) return;
    const key = event.key.toLowerCase();
    let handled = true;
    if (key === "p") toggle.favourite(id);
    else if (key === "x") toggle.rejected(id);
    else if (key === "u") toggle.clear(id);
    else if (/^[0-5]$/.test(key)) toggle.stars(id, Number(key));
    else if (LABEL_KEYS[key]) toggle.label(id, LABEL_KEYS[key]);
    else handled = false;
    if (handled) event.preventDefault();
  });

  // ---- wiring -------------------------------------------------------------------------

  for (const tile of tiles) {
    if (shown.rejected || shown.stars || shown.label) tileBar(tile);
    tile.addEventListener("pointerenter", () => (pointedPhoto = tile.dataset.id));
    tile.addEventListener("focusin", () => (pointedPhoto = tile.dataset.id));
    renderTile(tile.dataset.id);
  }
  root.addEventListener("viewer:photo", (event) => {
    viewerPhoto = event.detail.id;
    renderViewer();
  });
  root.addEventListener("photo:changed", (event) => {
    const mark = marks.get(event.detail.id);
    if (!mark || mark.favourite === event.detail.favourite) return;
    // A heart tapped in client.js: a pick is not a reject (the server clears it too).
    marks.set(event.detail.id, {
      ...mark,
      favourite: event.detail.favourite,
      rejected: event.detail.favourite ? false : mark.rejected,
    });
    render(event.detail.id);
  });
  renderFilters();
  panel.dataset.ready = "true"; // for tests: the keys and buttons answer from now on
}
