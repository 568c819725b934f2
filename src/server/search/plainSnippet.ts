/**
 * Search snippets are cut from an entry's Markdown source, so they can hold its markup: bold markers,
 * backticks, heading hashes, list dashes and table pipes. People should read text: this drops the
 * markup from a snippet already turned into HTML (snippetToHtml), keeping its escaping and its
 * <mark>…</mark> tags as they are. Done once here, so every client gets readable snippets.
 */
export function plainSnippet(snippet: string): string {
  return snippet
    .replace(/\*\*|`/g, '')
    .replace(/(^|\s|…)#{1,6}\s+/g, '$1')
    .replace(/\|?\s*:?-{3,}:?\s*(?=\|)/g, '')
    .replace(/\s*(?:\|\s*)+/g, ' · ')
    .replace(/(^|[.:;!?…]\s+|^…)[-*+]\s+/g, '$1')
    .replace(/^(…?)\s*·\s*/, '$1')
    .replace(/\s*·\s*(…?)$/, '$1')
    .replace(/\s{2,}/g, ' ');
}
