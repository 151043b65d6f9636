/* Sveltia's key-value field saves what staff type as text ('5'), and the check refuses
   a number in quotes. Before a save, each value of a mapping of numbers (#sop-getallen,
   from the schema) written in digits becomes that number, and an empty one null (not
   reported). Any other text stays text, so the pull request's check names it. */
(() => {
  const maps = JSON.parse(document.getElementById("sop-getallen").textContent);
  // Digits, with a decimal comma or point; not '1.000' (a thousand or one?).
  const DIGITS = /^[0-9]+(,[0-9]+|\.(?![0-9]{3}$)[0-9]+)?$/;

  function number(value) {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "") return null;
    return DIGITS.test(text) ? Number(text.replace(",", ".")) : value;
  }

  // The places of `pattern` in `node`: "*" stands for every item of a list.
  function* places(node, pattern, at) {
    if (node === null || typeof node !== "object") return;
    if (!pattern.length) {
      yield [at, node];
    } else if (pattern[0] === "*") {
      if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) yield* places(item, pattern.slice(1), [...at, index]);
      }
    } else {
      yield* places(node[pattern[0]], pattern.slice(1), [...at, pattern[0]]);
    }
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => {
      const data = entry.get("data").toJS();
      for (const pattern of maps[entry.get("path")] || []) {
        for (const [at, map] of places(data, pattern, [])) {
          for (const [key, value] of Object.entries(map)) entry = entry.setIn(["data", ...at, key], number(value));
        }
      }
      return entry;
    },
  });
})();
