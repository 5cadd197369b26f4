/* Material's search worker, with two changes to the lunr it bundles (2.3.9).

   1. lunr names each node of its word trie by the node's edges, label and child id one after
   another (TokenSet.prototype.toString), so two different nodes can get the same name once the
   labels are digits: edges {1: 23, 4: 5} and {1: 2, 3: 45} are both "012345". Minimising the
   trie merges such nodes, the index then expands a query to words it doesn't hold, and every
   English query with "0" found nothing ("Invalid query" in the console). Upstream: lunr.js
   issues 279 and 503, open; Material 9 has no option for it. Here a comma ends each id.

   2. lunr ranks by words, not by their order, so a pasted error message ranked a longer message
   that holds the same words ("a view of a leaf Variable…" for "a leaf Variable…") above its own
   entry. Sections with a line that starts with the query word for word come first (after the
   "RuntimeError: " Python prints), then those that hold it inside a line; lunr orders the rest.

   tools/hooks/search.py points the pages at this file, with Material's worker after the "?":
   it runs first (it sets self.lunr for lunr's language packs). */

// A section's lines as a reader pastes them: no markup, one space between words (the index's
// separator, mkdocs.yml), lower case.
var BLOCK = /<\/?(?:p|li|ul|ol|pre|h[1-6]|div|table|tr|td|th|details|summary)\b[^>]*>/g;
function words(text) {
  return text.replace(/[\s\-]+/g, " ").trim().toLowerCase()
    .replace(/^[\w.]+: /, "");  // what Python prints before a message: "RuntimeError: "
}
function lines(html) {
  return html
    .replace(BLOCK, "\n").replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, "&")
    .split("\n").map(words).filter(Boolean);
}

var sections = new Map();  // location: its title's and text's lines
var typed = "";  // the query as the reader typed it (Material's, given to lunr, is rewritten)

addEventListener("message", function (event) {
  if (event.data && event.data.type === 0) {  // Material's setup message: the index's documents
    event.data.data.docs.forEach(function (doc) {
      sections.set(doc.location, lines(doc.title).concat(lines(doc.text)));
    });
  } else if (event.data && event.data.type === 2) {  // a query, before Material reads it
    typed = String(event.data.data);
  }
});

importScripts(decodeURIComponent(location.search.slice(1)));

self.lunr.TokenSet.prototype.toString = function () {
  if (this._str) return this._str;
  var name = this.final ? "1" : "0";
  var labels = Object.keys(this.edges).sort();
  for (var i = 0; i < labels.length; i++) {
    name += labels[i] + this.edges[labels[i]].id + ",";
  }
  return name;
};

var search = self.lunr.Index.prototype.search;
self.lunr.Index.prototype.search = function (query) {
  var results = search.call(this, query);
  var phrase = words(typed);
  if (phrase.split(" ").length < 3) return results;  // a word or two: no order to respect
  function rank(result) {  // 2: a line starts with it, 1: a line holds it, 0: neither
    return (sections.get(result.ref) || []).reduce(function (best, line) {
      var at = line.indexOf(phrase);
      return Math.max(best, at === 0 ? 2 : at > 0 ? 1 : 0);
    }, 0);
  }
  // Material orders by score: each rank lifts a result above every result of a lower one.
  var lift = results.length ? results[0].score + 1 : 0;
  results.forEach(function (result) { result.score += rank(result) * lift; });
  return results.sort(function (a, b) { return b.score - a.score; });
};
