// Grid tile images: fresh sources, and a wider image for a tile its row stretched.
// The server's `sizes` is each tile's usual width (sharing/tiles.py), so the browser picks
// from the srcset before layout; a justified row can stretch a tile further, and then the
// tile asks for its real width. It only ever asks for more: never a second, smaller copy.

// The element holding the srcset: the <picture>'s source (WebP), or the image itself.
const srcsetOf = (image) => image.parentElement.querySelector("source") || image;

// The srcset's candidates as {absolute URL: width descriptor}.
function candidates(element) {
  const found = {};
  for (const part of element.srcset.split(",")) {
    const [url, width] = part.trim().split(/\s+/);
    if (url) found[new URL(url, document.baseURI).href] = parseInt(width, 10) || 0;
  }
  return found;
}

function fitToTile(image) {
  const element = srcsetOf(image);
  if (!element.srcset || !image.complete || !image.naturalWidth) return;
  // naturalWidth is in CSS pixels (divided by the chosen density): the file's own width
  // is the chosen candidate's descriptor.
  const widths = candidates(element);
  const chosen = widths[image.currentSrc] || 0;
  const width = image.getBoundingClientRect().width;
  const needed = Math.ceil(width * window.devicePixelRatio);
  if (chosen >= needed || chosen >= Math.max(0, ...Object.values(widths))) return;
  element.sizes = `${Math.ceil(width)}px`;
  if (element !== image && image.srcset) image.sizes = element.sizes;
}

// Watches the tiles' images: once each has loaded and whenever its tile changes size.
export function watchTileImages(images) {
  const observer = new ResizeObserver((entries) =>
    entries.forEach((entry) => fitToTile(entry.target)),
  );
  for (const image of images) {
    if (!srcsetOf(image).srcset) continue;
    image.addEventListener("load", () => fitToTile(image));
    observer.observe(image);
  }
}

// Gives a tile's image the photo's current (freshly signed) addresses.
export function setTileSources(image, photo) {
  if (photo.srcset) srcsetOf(image).srcset = photo.srcset;
  image.src = photo.thumb;
}
