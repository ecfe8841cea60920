// The grid's tiles past the first screen. The server draws and signs the first tiles only
// (PROOFSHEET_CLIENT_FIRST_TILES); the page's state holds every photo, the others without
// image addresses. page.js draws their tiles from it before the other scripts look for
// tiles, and their addresses are asked for (`api/state/?ids=`) as they near the screen.
import { request } from "../js/request.js";
import { setTileSources, watchTileImages } from "./tiles.js";

// Photos per request: as many as the server lists (sharing.views.client.STATE_PAGE_IDS).
const PAGE = 60;
// How far beyond the screen a tile asks for its addresses, so it is ready when it shows.
const AHEAD = "1500px 0px";

let photos = new Map();
let order = [];
let stateUrl = "";
const pending = new Map(); // id -> the request signing it

const signed = (photo) => Boolean(photo?.thumb);

/** Fresh state entries (with signed addresses) of these photos, in pages. */
export async function fetchPhotos(ids) {
  const pages = [];
  for (let start = 0; start < ids.length; start += PAGE) {
    const query = new URLSearchParams({ ids: ids.slice(start, start + PAGE).join(",") });
    pages.push(request(`${stateUrl}?${query}`).then((fresh) => fresh.photos));
  }
  return (await Promise.all(pages)).flat();
}

// The photos after `ids` in the gallery's order that are not signed yet, up to a page.
function withFollowing(ids) {
  const wanted = new Set(ids);
  const last = Math.max(...ids.map((id) => order.indexOf(id)));
  for (let index = last + 1; index < order.length && wanted.size < PAGE; index += 1) {
    const id = order[index];
    if (!signed(photos.get(id)) && !pending.has(id)) wanted.add(id);
  }
  return [...wanted];
}

/** Signs the photos not signed yet among `ids` (and the next few), and shows their tiles'
 *  images; resolves once they all have their addresses. */
export async function signPhotos(ids) {
  const missing = ids.filter((id) => !signed(photos.get(id)) && !pending.has(id));
  if (missing.length) {
    const asked = withFollowing(missing);
    const answer = fetchPhotos(asked).then((fresh) => fresh.forEach(applyPhoto));
    for (const id of asked) pending.set(id, answer);
    answer.finally(() => asked.forEach((id) => pending.delete(id)));
  }
  await Promise.all(ids.map((id) => pending.get(id)).filter(Boolean));
}

/** Copies a fresh state entry's signed addresses (and the tile's `sizes` for them) onto
 *  the page's photo. */
export function takeAddresses(photo, item) {
  const keys = ["thumb", "srcset", "sizes", "proof", "placeholder", "download", "download_web"];
  for (const key of keys) {
    photo[key] = item[key];
  }
}

function applyPhoto(item) {
  const photo = photos.get(item.id);
  if (!photo) return;
  takeAddresses(photo, item);
  const tile = document.querySelector(`#grid .shot[data-id="${CSS.escape(item.id)}"]`);
  if (!tile) return;
  tile.querySelector(".open").href = photo.proof;
  const placeholder = tile.querySelector(".ph");
  if (photo.placeholder) placeholder.style.backgroundImage = `url("${photo.placeholder}")`;
  else placeholder.remove();
  const image = tile.querySelector("img");
  const source = image.parentElement.querySelector("source");
  // The sizes before the srcset, so the browser picks one candidate, once.
  if (source) source.sizes = photo.sizes;
  else if (photo.srcset) image.sizes = photo.sizes;
  setTileSources(image, photo);
  watchTileImages([image]);
}

// A copy of the page's empty tile (the server's own markup, sharing/templatetags/client_grid.py).
function newTile(template, photo, number, total) {
  const tile = template.content.firstElementChild.cloneNode(true);
  tile.dataset.id = photo.id;
  tile.classList.toggle("is-fav", photo.favourite);
  tile.classList.toggle("has-notes", photo.comments.length > 0);
  tile.style.setProperty("--r", String(photo.ratio));
  tile.querySelector(".open").setAttribute("aria-label", `Open photo ${number} of ${total}`);
  const image = tile.querySelector("img");
  image.alt = `Photo ${number}`;
  image.width = photo.width;
  image.height = photo.height;
  const picture = image.parentElement;
  if (photo.srcset_type && photo.srcset_type !== "image/jpeg") {
    picture.querySelector("source").type = photo.srcset_type;
  } else {
    picture.replaceWith(image);
  }
  const heart = tile.querySelector(".fav");
  heart?.setAttribute("aria-pressed", String(photo.favourite));
  heart?.setAttribute("aria-label", `Favourite photo ${number}`);
  return tile;
}

/** Draws the tiles the server left out, and signs each as it nears the screen. */
export function drawTiles(state, url) {
  const grid = document.getElementById("grid");
  const template = document.getElementById("tile-template");
  if (!grid || !template) return;
  stateUrl = url;
  photos = new Map(state.photos.map((photo) => [photo.id, photo]));
  order = state.photos.map((photo) => photo.id);
  const drawn = new Set([...grid.querySelectorAll(".shot")].map((tile) => tile.dataset.id));
  const fresh = document.createDocumentFragment();
  const total = state.photos.length;
  state.photos.forEach((photo, index) => {
    if (!drawn.has(photo.id)) fresh.append(newTile(template, photo, index + 1, total));
  });
  const added = [...fresh.children];
  grid.append(fresh);
  if (!added.length) return;
  const observer = new IntersectionObserver(
    (entries) => {
      const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
      if (!near.length) return;
      near.forEach((tile) => observer.unobserve(tile));
      signPhotos(near.map((tile) => tile.dataset.id)).catch(() => {
        near.forEach((tile) => observer.observe(tile)); // offline: try again when seen
      });
    },
    { rootMargin: AHEAD },
  );
  added.forEach((tile) => observer.observe(tile));
}
