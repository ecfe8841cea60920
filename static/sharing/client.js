// The client's gallery: favourites, the favourites filter, the counter, submitting,
// comments, and the full-screen viewer (PhotoSwipe 5, loaded on first open).
// The grid itself is plain HTML and CSS, so it paints before this script runs.
import { fromTemplate, photoUrl, request } from "../js/request.js";
import { state, toast } from "./page.js";
import { setTileSources, watchTileImages } from "./tiles.js";
import { fetchPhotos, signPhotos, takeAddresses } from "./grid.js";
import { createViewer } from "../js/viewer.js";

const root = document.getElementById("client");
const urls = root.dataset;
const photos = new Map(state.photos.map((photo) => [photo.id, photo]));
const tiles = [...root.querySelectorAll(".shot")];
const tileById = new Map(tiles.map((tile) => [tile.dataset.id, tile]));
const tileOf = (id) => tileById.get(id);
let loadedAt = Date.now();
let viewer = null;

// Signed image addresses work for 4 to 5 minutes (data-url-seconds is the longest): fetch
// fresh ones a minute and a half before the shortest runs out, on a timer and before use,
// and give images that have not loaded yet (lazy ones) their fresh address. Only photos
// signed already are renewed: the others are signed when their tile nears the screen.
const URL_FRESH_MS = (Number(urls.urlSeconds || 300) - 150) * 1000;
async function refreshUrls() {
  const ids = [...photos.values()].filter((photo) => photo.thumb).map((photo) => photo.id);
  const fresh = await fetchPhotos(ids);
  loadedAt = Date.now();
  for (const item of fresh) {
    const photo = photos.get(item.id);
    if (!photo) continue;
    takeAddresses(photo, item);
    const image = tileOf(item.id)?.querySelector("img");
    if (image && !image.complete) setTileSources(image, item);
  }
}
async function ensureFreshUrls() {
  if (Date.now() - loadedAt > URL_FRESH_MS) await refreshUrls().catch(() => {});
}
setInterval(() => document.hidden || ensureFreshUrls(), 30 * 1000);

// ---- grid ---------------------------------------------------------------------------

for (const tile of tiles) {
  const image = tile.querySelector("img");
  const shown = () => tile.classList.add("loaded");
  if (image.complete && image.naturalWidth) shown();
  else image.addEventListener("load", shown, { once: true });
  image.addEventListener(
    "error",
    async () => {
      await ensureFreshUrls();
      setTileSources(image, photos.get(tile.dataset.id));
    },
    { once: true },
  );
  tile.querySelector(".open").addEventListener("click", (event) => {
    event.preventDefault();
    openViewer(tile.dataset.id);
  });
  tile.querySelector(".fav")?.addEventListener("click", () => toggleFavourite(tile.dataset.id));
}

watchTileImages(tiles.map((tile) => tile.querySelector("img")));

const favouriteCount = () => [...photos.values()].filter((photo) => photo.favourite).length;
const locked = () => Boolean(state.visitor && state.visitor.locked);

function renderPhoto(id) {
  const photo = photos.get(id);
  const tile = tileOf(id);
  if (tile) {
    tile.classList.toggle("is-fav", photo.favourite);
    tile.classList.toggle("has-notes", photo.comments.length > 0);
    tile.querySelector(".fav")?.setAttribute("aria-pressed", String(photo.favourite));
  }
  if (viewer && currentPhoto()?.id === id) renderViewerActions();
  root.dispatchEvent(
    new CustomEvent("photo:changed", { detail: { id, favourite: photo.favourite } }),
  );
}
// marks.js changed a favourite (a key, or a reject that takes the pick away).
root.addEventListener("marks:favourite-set", ({ detail }) => {
  photos.get(detail.id).favourite = detail.favourite;
  renderPhoto(detail.id);
  renderCounter();
});
const announceViewerPhoto = (id) =>
  root.dispatchEvent(new CustomEvent("viewer:photo", { detail: { id } }));

const counterBox = document.getElementById("counter");
const submitButton = document.getElementById("submit-button");
function selectionProblem(count) {
  const { min, max } = state.gallery;
  if (count === 0) return "Choose your favourites first.";
  if (min && count < min) return `Choose at least ${min} photos; you have ${count}.`;
  if (max && count > max) return `Choose at most ${max} photos; you have ${count}.`;
  return "";
}
function renderCounter() {
  if (!counterBox) return;
  const count = favouriteCount();
  const { min, max } = state.gallery;
  let rule = "";
  if (min && max) rule = min === max ? `choose ${min}` : `choose ${min}–${max}`;
  else if (min) rule = `at least ${min}`;
  else if (max) rule = `up to ${max}`;
  counterBox.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = `${count} chosen`;
  counterBox.append(strong);
  if (rule) counterBox.append(document.createTextNode(` · ${rule}`));
  counterBox.classList.toggle("ok", !selectionProblem(count));
  document.getElementById("favourite-count").textContent = count;
  if (locked()) {
    submitButton.textContent = "Sent";
    submitButton.disabled = true;
  } else {
    submitButton.textContent = "Send";
    submitButton.disabled = false;
  }
  const onlyFavourites = root.classList.contains("only-favourites");
  document.getElementById("no-favourites").hidden = !(onlyFavourites && count === 0);
}

async function toggleFavourite(id) {
  const photo = photos.get(id);
  if (locked()) {
    toast("Your selection is sent. Ask your photographer to unlock it for changes.", "error");
    return;
  }
  const wanted = !photo.favourite;
  photo.favourite = wanted; // at once: a tap should feel instant
  renderPhoto(id);
  renderCounter();
  try {
    await request(photoUrl(urls.favouriteUrl, id), { method: wanted ? "POST" : "DELETE" });
  } catch (error) {
    photo.favourite = !wanted;
    renderPhoto(id);
    renderCounter();
    toast(error.message, "error");
  }
}

for (const button of root.querySelectorAll("[data-filter]")) {
  button.addEventListener("click", () => {
    const onlyFavourites = button.dataset.filter === "favourites";
    root.classList.toggle("only-favourites", onlyFavourites);
    for (const other of root.querySelectorAll("[data-filter]")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    renderCounter();
    window.scrollTo({ top: 0, behavior: "smooth" });
  });
}

// ---- submit -------------------------------------------------------------------------

const submitDialog = document.getElementById("submit-dialog");
submitButton?.addEventListener("click", () => {
  const count = favouriteCount();
  const problem = selectionProblem(count);
  if (problem) {
    toast(problem, "error");
    return;
  }
  document.getElementById("submit-summary").textContent =
    `You are sending ${count} favourite${count === 1 ? "" : "s"} to your photographer.`;
  submitDialog.showModal();
});
submitDialog.addEventListener("close", async () => {
  if (submitDialog.returnValue !== "confirm") return;
  try {
    const result = await request(urls.submitUrl, { method: "POST" });
    state.visitor.locked = true;
    state.visitor.submitted_at = result.submitted_at;
    root.classList.add("locked");
    document.getElementById("sent-notice").hidden = false;
    renderCounter();
    window.scrollTo({ top: 0, behavior: "smooth" });
    toast("Sent — thank you!");
  } catch (error) {
    toast(error.message, "error");
  }
});

// ---- comments -----------------------------------------------------------------------

const sheet = document.getElementById("comment-sheet");
const commentList = document.getElementById("comment-list");
const commentForm = document.getElementById("comment-form");
const commentBody = document.getElementById("comment-body");
let sheetPhotoId = null;

function renderComments() {
  const photo = photos.get(sheetPhotoId);
  commentList.replaceChildren();
  for (const comment of photo.comments) {
    const item = document.createElement("li");
    const text = document.createElement("p");
    text.textContent = comment.body;
    item.append(text);
    if (comment.reply) {
      const reply = document.createElement("p");
      reply.className = "comment-reply";
      reply.textContent = `Your photographer: ${comment.reply}`;
      item.append(reply);
    }
    if (!locked()) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link small";
      remove.textContent = "Delete";
      remove.addEventListener("click", () => deleteComment(comment.id));
      item.append(remove);
    }
    commentList.append(item);
  }
  if (!photo.comments.length) {
    const empty = document.createElement("li");
    empty.className = "muted small";
    empty.textContent = "No comments on this photo yet.";
    commentList.append(empty);
  }
  sheet.classList.toggle("is-locked", locked());
}

function openComments(id) {
  sheetPhotoId = id;
  document.getElementById("comment-title").textContent = `Comments on ${photos.get(id).filename}`;
  renderComments();
  sheet.hidden = false;
  if (!locked()) commentBody.focus();
}
function closeComments() {
  sheet.hidden = true;
  sheetPhotoId = null;
}
sheet.querySelector("[data-close]").addEventListener("click", closeComments);

commentForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = commentBody.value.trim();
  if (!body || !sheetPhotoId) return;
  const id = sheetPhotoId;
  const button = commentForm.querySelector("button");
  button.disabled = true;
  try {
    const comment = await request(photoUrl(urls.commentUrl, id), {
      method: "POST",
      body: { body },
    });
    photos.get(id).comments.push(comment);
    commentBody.value = "";
    renderComments();
    renderPhoto(id);
    toast("Comment saved.");
  } catch (error) {
    toast(error.message, "error");
  } finally {
    button.disabled = false;
  }
});

async function deleteComment(commentId) {
  const id = sheetPhotoId;
  const url = photoUrl(urls.commentDeleteUrl, id).replace(/\/0\/$/, `/${commentId}/`);
  try {
    await request(url, { method: "DELETE" });
    const photo = photos.get(id);
    photo.comments = photo.comments.filter((comment) => comment.id !== commentId);
    renderComments();
    renderPhoto(id);
  } catch (error) {
    toast(error.message, "error");
  }
}

// ---- viewer -------------------------------------------------------------------------

const visibleTiles = () => tiles.filter((tile) => tile.offsetParent !== null);
const currentPhoto = () => viewer && photos.get(viewer.currSlide?.data.id);
let actionsBox = null;

function renderViewerActions() {
  if (!actionsBox) return;
  const photo = currentPhoto();
  if (!photo) return;
  const favourite = actionsBox.querySelector("[data-action=favourite]");
  if (favourite) {
    favourite.setAttribute("aria-pressed", String(photo.favourite));
    favourite.querySelector("span").textContent = photo.favourite
      ? "Favourite"
      : "Add to favourites";
  }
  const comment = actionsBox.querySelector("[data-action=comment]");
  if (comment) {
    comment.querySelector("span").textContent = photo.comments.length
      ? `Comments (${photo.comments.length})`
      : "Comment";
  }
  const download = actionsBox.querySelector("[data-action=download]");
  if (download) {
    download.hidden = !photo.download;
    if (photo.download) download.href = photo.download;
  }
  const web = actionsBox.querySelector("[data-action=download-web]");
  if (web) {
    web.hidden = !photo.download_web;
    if (photo.download_web) web.href = photo.download_web;
  }
  actionsBox.querySelector(".viewer-name").textContent = photo.filename;
}

// `icon` names one of the page's <template> elements.
function actionButton(action, icon, label, tag = "button") {
  const element = document.createElement(tag);
  element.className = "viewer-action";
  element.dataset.action = action;
  if (tag === "button") element.type = "button";
  element.append(fromTemplate(icon));
  const text = document.createElement("span");
  text.textContent = label;
  element.append(text);
  return element;
}

// The viewer's photos around `index` that are not signed yet: signed, and their slides
// redrawn. PhotoSwipe reads an item when it draws its slide, so one a few away is ready.
const VIEWER_AHEAD = 5;
async function signAround(items, index) {
  const near = items.slice(Math.max(0, index - VIEWER_AHEAD), index + VIEWER_AHEAD + 1);
  const missing = near.filter((item) => !item.src).map((item) => item.id);
  if (!missing.length) return;
  await signPhotos(missing);
  items.forEach((item, at) => {
    const photo = photos.get(item.id);
    if (item.src || !photo.proof) return;
    Object.assign(item, { src: photo.proof, msrc: photo.thumb });
    if (viewer) viewer.refreshSlideContent(at);
  });
}

async function openViewer(id) {
  await ensureFreshUrls();
  const shown = visibleTiles();
  const opened = shown.findIndex((tile) => tile.dataset.id === id);
  await signAround(
    shown.map((tile) => ({ id: tile.dataset.id, src: photos.get(tile.dataset.id).proof })),
    Math.max(0, opened),
  ).catch((error) => toast(error.message, "error"));
  const items = shown.map((tile) => {
    const photo = photos.get(tile.dataset.id);
    return {
      id: photo.id,
      src: photo.proof,
      msrc: photo.thumb,
      width: photo.width,
      height: photo.height,
      alt: photo.filename,
      element: tile.querySelector("img"),
    };
  });
  viewer = await createViewer(urls.photoswipe, {
    label: "Photo viewer",
    dataSource: items,
    openAt: id,
    paddingFn: (viewport) =>
      viewport.x < 700
        ? { top: 50, bottom: 92, left: 0, right: 0 }
        : { top: 56, bottom: 100, left: 64, right: 64 },
  });
  viewer.on("uiRegister", () => {
    viewer.ui.registerElement({
      name: "client-actions",
      appendTo: "root",
      className: "viewer-actions pswp__hide-on-close",
      onInit: (element) => {
        actionsBox = element;
        const name = document.createElement("p");
        name.className = "viewer-name";
        element.append(name);
        const buttons = document.createElement("div");
        buttons.className = "viewer-buttons";
        element.append(buttons);
        if (!root.classList.contains("no-favourites")) {
          const favourite = actionButton("favourite", "icon-heart", "Favourite");
          favourite.addEventListener("click", () => toggleFavourite(currentPhoto().id));
          buttons.append(favourite);
        }
        if (state.link.comments) {
          const comment = actionButton("comment", "icon-comment", "Comment");
          comment.addEventListener("click", () => openComments(currentPhoto().id));
          buttons.append(comment);
        }
        if (state.link.downloads === "proofs" || state.link.downloads === "originals") {
          const download = actionButton("download", "icon-download", "Download", "a");
          download.setAttribute("download", "");
          buttons.append(download);
        }
        if (state.link.downloads === "originals") {
          // Released photos come in two sizes: the original and the clean web size.
          actionsBox.querySelector("[data-action=download] span").textContent = "Original";
          const web = actionButton("download-web", "icon-download", "Web size", "a");
          web.setAttribute("download", "");
          buttons.append(web);
        }
        // The comment sheet lives inside the viewer while it is open, so the viewer's
        // focus trap lets the text box keep the focus.
        viewer.element.append(sheet);
      },
    });
  });
  // viewer.js marks the viewer ready; the marks' script follows the photo shown.
  viewer.on("openingAnimationEnd", () => announceViewerPhoto(currentPhoto()?.id ?? null));
  viewer.on("change", () => {
    signAround(items, viewer.currIndex).catch(() => {});
    if (sheetPhotoId) openComments(currentPhoto().id);
    renderViewerActions();
    announceViewerPhoto(currentPhoto()?.id ?? null);
  });
  viewer.on("keydown", (event) => {
    // While the comment sheet is open, keys belong to it (arrows move the caret).
    if (sheet.hidden) return;
    if (event.originalEvent.key === "Escape") closeComments();
    event.preventDefault();
  });
  viewer.on("close", () => {
    closeComments();
    // Back in the grid, the photo last looked at is in view.
    const tile = tileOf(currentPhoto()?.id);
    if (tile) tile.scrollIntoView({ block: "nearest" });
  });
  viewer.on("destroy", () => {
    announceViewerPhoto(null);
    root.append(sheet);
    viewer = null;
    actionsBox = null;
  });
  viewer.init();
}

renderCounter();
root.dataset.ready = "true"; // for tests: the server drew the tiles before their buttons answer
