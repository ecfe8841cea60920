// Tells the server this browser's time zone, for a signed-in photographer who has none yet
// (base.html loads this module only then). Pages from the next one on show times in it;
// Settings → Studio changes it. The server keeps a zone already set.
import { request } from "./request.js";

const script = document.getElementById("time-zone-learn");
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (script && zone) {
  // A failure needs no word: times stay in UTC, named as such, and the next page asks again.
  request(script.dataset.url, { method: "POST", body: { time_zone: zone } }).catch(() => {});
}
