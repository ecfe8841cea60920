// The gallery's sets in the workspace: tabs to see one set (and upload into it), and the
// set's tools: create, order, rename, delete. Deleting a set keeps its photos: they go
// to "Not in a set".
import { request } from "../request.js";

const $ = (id) => document.getElementById(id);
const NO_SET = ""; // the tab of the photos in no set

export function startSets({ config, onFilter, onChanged }) {
  let sets = [];
  let current = null; // null: every photo; NO_SET: photos in no set; else a set's id
  let counts = new Map();
  let total = 0;
  const setUrl = (id) => config.setUrl.replace("SET", encodeURIComponent(id));
  const chosen = () => sets.find((set) => set.id === current);

  async function load() {
    try {
      sets = await request(config.setsUrl);
    } catch (error) {
      window.alert(`Could not load the sets: ${error.message}`);
    }
    if (!sets.length || (current && !chosen())) current = null;
    render();
    onFilter(); // the tiles' set menus follow the sets
  }

  function tab(label, value, count) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.set = value ?? "all";
    button.setAttribute("aria-pressed", String(value === current));
    button.textContent = label;
    const number = document.createElement("span");
    number.className = "count";
    number.textContent = count;
    button.append(number);
    button.addEventListener("click", () => {
      current = value;
      render();
      onFilter();
    });
    return button;
  }

  function render() {
    const tabs = $("set-tabs");
    tabs.replaceChildren();
    if (sets.length) {
      tabs.append(tab("All photos", null, total));
      for (const set of sets) tabs.append(tab(set.name, set.id, counts.get(set.id) ?? 0));
      tabs.append(tab("Not in a set", NO_SET, counts.get(NO_SET) ?? 0));
    }
    const set = chosen();
    const index = sets.indexOf(set);
    $("set-tools").hidden = !set;
    $("set-earlier").disabled = index <= 0;
    $("set-later").disabled = index < 0 || index === sets.length - 1;
    $("upload-into").hidden = !set;
    $("upload-into").textContent = set ? `Photos you add go into “${set.name}”.` : "";
  }

  async function change(url, method, body) {
    try {
      const answer = await request(url, { method, body });
      await load();
      onChanged();
      return answer;
    } catch (error) {
      window.alert(error.message);
      return null;
    }
  }

  async function moveSet(step) {
    const ids = sets.map((set) => set.id);
    const from = ids.indexOf(current);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ...ids.splice(from, 1));
    await change(config.setsReorderUrl, "POST", { set_ids: ids });
  }

  $("set-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("set-name");
    const created = await change(config.setsUrl, "POST", { name: input.value });
    if (created) {
      input.value = "";
      current = created.id;
      render();
      onFilter();
    }
  });
  $("set-earlier").addEventListener("click", () => moveSet(-1));
  $("set-later").addEventListener("click", () => moveSet(1));
  $("set-rename").addEventListener("click", () => {
    const name = window.prompt("The set's new name", chosen().name);
    if (name !== null) change(setUrl(current), "PATCH", { name });
  });
  $("set-delete").addEventListener("click", async () => {
    const set = chosen();
    const count = counts.get(set.id) ?? 0;
    const question =
      `Delete the set “${set.name}”? ` +
      (count
        ? `Its ${count} photo${count === 1 ? "" : "s"} stay in the gallery, under “Not in a set”.`
        : "It has no photos.");
    if (!window.confirm(question)) return;
    current = NO_SET;
    await change(setUrl(set.id), "DELETE");
    onFilter();
  });

  load();
  return {
    /** Whether the grid shows this photo under the chosen tab. */
    includes: (photo) => current === null || (photo.set ?? NO_SET) === current,
    /** The set new uploads go into: the chosen set, else none. */
    uploadSet: () => (chosen() ? current : null),
    list: () => sets,
    countPhotos(photos) {
      const fresh = new Map();
      for (const photo of photos) {
        const key = photo.set ?? NO_SET;
        fresh.set(key, (fresh.get(key) ?? 0) + 1);
      }
      // The grid counts on every look (each 1.5 s while photos process): the tabs are
      // drawn again only when a number changed.
      const unchanged =
        photos.length === total &&
        fresh.size === counts.size &&
        [...fresh].every(([key, count]) => counts.get(key) === count);
      counts = fresh;
      total = photos.length;
      if (!unchanged) render();
    },
  };
}
