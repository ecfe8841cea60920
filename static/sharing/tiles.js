// Grid tile images: fresh sources, and a wider image for a tile its row stretched.
// The server's `sizes` is each tile's usual width (sharing/tiles.py), so the browser picks
// from the srcset before layout; a justified row can stretch a tile further, and then the
// tile asks for its real width. It only ever asks for more: never a second, smaller copy.

// The element holding the srcset: the <picture>'s source (WebP), or the image itself.
const srcsetOf = (image) => image.parentElement.querySelector("source") || image;

const widest = (element) =>
  Math.max(
    0,
    ...element.srcset.split(",").map((part) => parseInt(part.trim().split(/\s+/)[1], 10) || 0),
  );

function fitToTile(image) {
  const element = srcsetOf(image);
  if (!element.srcset || !image.complete || !image.naturalWidth) return;
  const width = image.getBoundingClientRect().width;
  const needed = Math.ceil(width * window.devicePixelRatio);
  if (image.naturalWidth >= needed || image.naturalWidth >= widest(element)) return;
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
