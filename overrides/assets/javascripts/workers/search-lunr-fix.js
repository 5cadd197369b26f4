/* Material's search worker, with one fix to the lunr it bundles (2.3.9).

   lunr names each node of its word trie by the node's edges, label and child id one after
   another (TokenSet.prototype.toString), so two different nodes can get the same name once the
   labels are digits: edges {1: 23, 4: 5} and {1: 2, 3: 45} are both "012345". Minimising the
   trie merges such nodes, the index then expands a query to words it doesn't hold, and every
   English query with "0" found nothing ("Invalid query" in the console). Upstream: lunr.js
   issues 279 and 503, open; Material 9 has no option for it.

   tools/hooks/search.py points the pages at this file, with Material's worker after the "?":
   it runs first (it sets self.lunr for lunr's language packs); then a comma ends each id,
   and the rest is lunr's own code. */
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
