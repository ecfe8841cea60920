// The live grid of a gallery's photos: status, thumbnails, order, hide, cover, set, delete.
// It shows the photos of the set chosen in `sets`. While photos are on their way it asks
// only for those, every 1.5 s.
import { fromTemplate, photoUrl, request } from "../request.js";
import { canPreview, openPreview } from "./preview.js";

const UNFINISHED = ["uploading", "processing"];
const isUnfinished = (photo) => UNFINISHED.includes(photo.status);
const $ = (id) => document.getElementById(id);

export function startGrid({ config, busy, sets, onPhotos }) {
  const grid = $("grid");
  const ordering = $("ordering");
  const tiles = new Map();
  const urlOf = (id, suffix = "") => photoUrl(config.photoUrl, id) + suffix;
  let photos = [];
  let shown = []; // the photos of the chosen set, in order
  let cover = config.cover;
  let pollTimer = null;

  async function loadPhotos(statuses = []) {
    const query = new URLSearchParams({ page_size: "500" });
    for (const status of statuses) query.append("status", status);
    let url = `${config.photosUrl}?${query}`;
    const all = [];
    while (url) {
      const page = await request(url);
      all.push(...page.results);
      url = page.next;
    }
    return all;
  }

  // The API pages in a stable id order; the grid shows the gallery's chosen order.
  // The order is the server's one rule (gallery.selectors.order_keys): each photo carries,
  // for each ordering, a key to compare as plain strings (its set first, then the order).
  function sortPhotos(list) {
    const key = (photo) => photo.order_keys[ordering.value];
    return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  function schedule() {
    clearTimeout(pollTimer);
    if (photos.some(isUnfinished) || busy()) pollTimer = setTimeout(refreshUnfinished, 1500);
    else pollTimer = setTimeout(refreshGrid, 10000);
  }

  // Loads the photos (`load` answers them all), shows them, and plans the next look.
  async function refreshWith(load) {
    clearTimeout(pollTimer);
    try {
      photos = sortPhotos(await load());
      render();
    } catch (error) {
      $("grid-summary").textContent = `Could not load the photos: ${error.message}`;
    }
    schedule();
  }

  const refreshGrid = () => refreshWith(loadPhotos);

  // Asks for the unfinished photos only (new ones among them); a photo that was on its way
  // and is no longer in that list has finished, or was deleted: it is read on its own.
  const refreshUnfinished = () =>
    refreshWith(async () => {
      const unfinished = await loadPhotos(UNFINISHED);
      const fresh = new Set(unfinished.map((photo) => photo.id));
      const settled = photos.filter((photo) => isUnfinished(photo) && !fresh.has(photo.id));
      const reads = await Promise.all(
        settled.map((photo) =>
          request(urlOf(photo.id)).catch((error) => (error.status === 404 ? null : photo)),
        ),
      );
      const byId = new Map(photos.map((photo) => [photo.id, photo]));
      settled.forEach((photo, index) => {
        if (reads[index]) byId.set(photo.id, reads[index]);
        else byId.delete(photo.id);
      });
      for (const photo of unfinished) byId.set(photo.id, photo);
      return [...byId.values()];
    });

  // A burst of finished uploads asks for one look at the list, not one each.
  function refreshSoon() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(refreshUnfinished, 300);
  }

  function render() {
    const seen = new Set();
    const counts = {};
    // Every tile's set menu lists the sets: worked out once, not once a tile.
    const setsKey = sets
      .list()
      .map((set) => `${set.id}:${set.name}`)
      .join(",");
    shown = photos.filter(sets.includes);
    shown.forEach((photo, index) => {
      seen.add(photo.id);
      counts[photo.status] = (counts[photo.status] ?? 0) + 1;
      let tile = tiles.get(photo.id);
      if (!tile) {
        tile = makeTile(photo.id);
        tiles.set(photo.id, tile);
      }
      updateTile(tile, photo, setsKey);
      if (grid.children[index] !== tile) grid.insertBefore(tile, grid.children[index] || null);
    });
    for (const [id, tile] of tiles) {
      if (!seen.has(id)) {
        tile.remove();
        tiles.delete(id);
      }
    }
    const parts = [`${shown.length} photo${shown.length === 1 ? "" : "s"}`];
    for (const status of ["processing", "uploading", "failed"]) {
      if (counts[status]) parts.push(`${counts[status]} ${status}`);
    }
    $("grid-summary").textContent = parts.join(" · ");
    onPhotos(photos);
  }

  function makeTile(id) {
    const tile = fromTemplate("photo-tile");
    tile.dataset.photo = id;
    tile.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/x-photo", id);
      tile.classList.add("dragging");
    });
    tile.addEventListener("dragend", () => tile.classList.remove("dragging"));
    // A processed photo's frame opens the preview, by click or by Enter or Space.
    const frame = tile.querySelector(".frame");
    const preview = () => {
      if (frame.getAttribute("role") !== "button") return;
      const thumbOf = (photoId) => tiles.get(photoId)?.querySelector("img");
      openPreview({ moduleUrl: config.photoswipe, photos: shown, id, thumbOf });
    };
    frame.addEventListener("click", preview);
    frame.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      preview();
    });
    tile.addEventListener("dragover", (event) => {
      if (!event.dataTransfer.types.includes("text/x-photo")) return;
      event.preventDefault();
      tile.classList.add("drop-target");
    });
    tile.addEventListener("dragleave", () => tile.classList.remove("drop-target"));
    tile.addEventListener("drop", (event) => {
      tile.classList.remove("drop-target");
      const moved = event.dataTransfer.getData("text/x-photo");
      if (!moved || moved === id) return;
      event.preventDefault();
      move(
        moved,
        shown.findIndex((photo) => photo.id === id),
      );
    });
    return tile;
  }

  function frameContent(photo) {
    if (photo.status === "processed" && photo.thumb_url) {
      const img = document.createElement("img");
      img.src = photo.thumb_url;
      img.alt = photo.filename;
      img.loading = "lazy";
      // The thumbnail's own size: the page keeps its room before the image arrives.
      if (photo.thumb_width && photo.thumb_height) {
        img.width = photo.thumb_width;
        img.height = photo.thumb_height;
      }
      if (photo.thumb_srcset) {
        // The widths as a <picture> source (WebP), the JPEG thumb for the rest. A grid
        // column is 180 to 360 px wide (app.css, .grid); on a phone, the screen.
        const picture = document.createElement("picture");
        const source = document.createElement("source");
        source.type = photo.thumb_srcset_type;
        source.srcset = photo.thumb_srcset;
        source.sizes = "(max-width: 440px) 100vw, 360px";
        picture.append(source, img);
        return picture;
      }
      return img;
    }
    const state = fromTemplate(photo.status === "failed" ? "tile-failed" : "tile-waiting");
    state.querySelector(".text").textContent =
      photo.status === "failed"
        ? photo.error || "Processing failed."
        : photo.status === "uploading"
          ? "Uploading…"
          : "Processing…";
    return state;
  }

  function updateTile(tile, photo, setsKey) {
    const signature = [
      photo.status,
      photo.thumb_url,
      photo.hidden,
      photo.id === cover,
      photo.error,
      photo.published,
      photo.set,
      setsKey,
    ].join("|");
    if (tile.dataset.signature === signature) return;
    tile.dataset.signature = signature;
    tile.dataset.status = photo.status;
    tile.className = `tile ${photo.status}${photo.hidden ? " hidden-photo" : ""}`;
    tile.querySelector(".name").textContent = photo.filename;
    const status = tile.querySelector(".status");
    status.textContent = photo.hidden ? "hidden from clients" : photo.status;
    status.classList.toggle("flag", photo.hidden);

    const frame = tile.querySelector(".frame");
    const processed = photo.status === "processed" && photo.thumb_url;
    frame.style.backgroundImage =
      processed && photo.placeholder ? `url("${photo.placeholder}")` : "";
    frame.replaceChildren(frameContent(photo));
    if (canPreview(photo)) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "button");
      frame.setAttribute("aria-label", `Preview ${photo.filename}`);
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) frame.removeAttribute(name);
    }
    // Badges sit beside the frame, not in it: the frame's name is "Preview <file>", and
    // text inside it would have to be part of that name.
    for (const badge of tile.querySelectorAll(":scope > .tile-badge")) badge.remove();
    if (photo.id === cover) frame.after(tileBadge("cover-badge", "Cover"));
    if (!photo.published && photo.status !== "uploading") {
      const held = tileBadge("held-badge", "Not published");
      held.title = "Held back from clients until you publish the gallery's new photos";
      frame.after(held);
    }

    const actions = tile.querySelector(".actions");
    actions.replaceChildren();
    const index = () => shown.findIndex((p) => p.id === photo.id);
    // Each button's name holds the photo's, and begins with its visible text.
    const name = photo.filename;
    button(actions, "◀", "Move earlier", () => move(photo.id, index() - 1), `Move ${name} earlier`);
    button(actions, "▶", "Move later", () => move(photo.id, index() + 1), `Move ${name} later`);
    if (photo.status === "failed") {
      button(
        actions,
        "Try again",
        "Process this photo again",
        () => act(urlOf(photo.id, "retry/"), "POST"),
        `Try again to process ${name}`,
      );
    }
    button(
      actions,
      photo.hidden ? "Show" : "Hide",
      photo.hidden ? "Show to clients" : "Hide from clients",
      () => act(urlOf(photo.id), "PATCH", { hidden: !photo.hidden }),
      `${photo.hidden ? "Show" : "Hide"} ${name}`,
    );
    if (photo.status === "processed" && photo.id !== cover) {
      const useAsCover = async () => {
        await act(config.galleryUrl, "PATCH", { cover_photo: photo.id });
        cover = photo.id;
        render();
      };
      button(actions, "Cover", "Use as the gallery's cover", useAsCover, `Cover: ${name}`);
    }
    if (sets.list().length) actions.append(setChooser(photo));
    button(
      actions,
      "Delete",
      "Delete this photo and its files",
      () => {
        const question = `Delete ${photo.filename}? Its original and proofs are removed for good.`;
        if (window.confirm(question)) act(urlOf(photo.id), "DELETE");
      },
      `Delete ${name}`,
    );
  }

  function tileBadge(className, text) {
    const badge = document.createElement("span");
    badge.className = `tile-badge ${className}`;
    badge.textContent = text;
    return badge;
  }

  // Moves the photo to another set (it goes last there).
  function setChooser(photo) {
    const select = document.createElement("select");
    select.setAttribute("aria-label", `Set of ${photo.filename}`);
    select.className = "set-choice";
    for (const [value, label] of [
      ["", "Not in a set"],
      ...sets.list().map((set) => [set.id, set.name]),
    ]) {
      select.append(new Option(label, value, false, value === (photo.set ?? "")));
    }
    select.addEventListener("change", () =>
      act(urlOf(photo.id), "PATCH", { set: select.value || null }),
    );
    return select;
  }

  function button(parent, label, title, onClick, accessibleName) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.title = title;
    element.setAttribute("aria-label", accessibleName);
    element.addEventListener("click", onClick);
    parent.append(element);
  }

  async function act(url, method, body) {
    try {
      await request(url, { method, body });
    } catch (error) {
      window.alert(error.message);
    }
    refreshGrid();
  }

  // Moves a photo among the photos shown; the others keep their order (within each set).
  async function move(id, to) {
    const order = [...shown];
    const from = order.findIndex((photo) => photo.id === id);
    if (from < 0 || to < 0 || to >= order.length || from === to) return;
    const [photo] = order.splice(from, 1);
    order.splice(to, 0, photo);
    photos = [...order, ...photos.filter((each) => !order.includes(each))];
    render();
    ordering.value = "manual";
    await act(config.reorderUrl, "POST", { photo_ids: order.map((p) => p.id) });
  }

  ordering.addEventListener("change", (event) => {
    // "By hand" starts from the order on screen, as the server numbers it (gallery_update).
    if (event.target.value === "manual") photos.forEach((each, index) => (each.position = index));
    sortPhotos(photos);
    render();
    act(config.galleryUrl, "PATCH", { ordering: event.target.value });
  });

  refreshGrid();
  return { refreshSoon, render, refresh: refreshGrid };
}
