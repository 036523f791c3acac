/*
 * The painter's fallback for browsers without the CSS Custom Highlight API: each text part of a
 * match goes into its own <mark data-bioflag-ui="mark">. This mutates the page, so the painter
 * runs it inside the guard its user gave it (the scanner discards the mutation records it causes
 * and checks which records' text moved). Only highlight.js uses it.
 *
 * Defines `globalThis.bioflagMarks`.
 */
/**
 * A mark of ours, with the splits wrap() made of the text node it holds.
 * @typedef {Element & { bioflagSplit?: { before: boolean, after: boolean } }} MarkElement
 */
'use strict';
(function defineMarks(global) {
  'use strict';

  /**
   * Wraps the record's text. A part that is a whole text node is moved into the mark as is;
   * otherwise the node is split first and the mark remembers which splits it made, so unwrap()
   * can merge the text back into the original node. Parts are wrapped last to first, and records
   * are painted in reverse document order (see order), so a split never moves text that another
   * record still points at. The record's parts and range are re-pointed at the wrapped text nodes
   * (for hit-testing). Form fields and editable regions are never scanned, so never wrapped.
   * False when the record's text nodes no longer hold its text.
   * @param {PageRecord & { marks?: MarkElement[] }} record
   */
  function wrap(record) {
    const expected = record.nodes.map((p) => (p.node.isConnected ? p.node.data.slice(p.start, p.end) : null));
    if (expected.includes(null) || expected.join('') !== record.text) return false;
    const doc = record.nodes[0].node.ownerDocument;
    record.marks = [];
    for (const part of [...record.nodes].reverse()) {
      let node = part.node;
      const split = { before: part.start > 0, after: part.end < node.length };
      if (split.after) node.splitText(part.end);
      if (split.before) node = node.splitText(part.start);
      const mark = /** @type {MarkElement} */ (doc.createElement('mark'));
      mark.setAttribute('data-bioflag-ui', 'mark');
      mark.className = `bioflag-mark bioflag-${record.tier}`;
      mark.bioflagSplit = split;
      node.parentNode.insertBefore(mark, node);
      mark.append(node);
      record.marks.unshift(mark);
      part.node = node;
      part.start = 0;
      part.end = node.length;
    }
    const first = record.nodes[0];
    const last = record.nodes[record.nodes.length - 1];
    record.range.setStart(first.node, first.start);
    record.range.setEnd(last.node, last.end);
    return true;
  }

  /**
   * Takes the text out of the record's marks and merges the text nodes wrap() split.
   * @param {PageRecord & { marks?: MarkElement[] }} record
   */
  function unwrap(record) {
    for (const mark of record.marks || []) {
      const parent = mark.parentNode;
      if (!parent) continue; // the page removed it along with its text
      const children = [...mark.childNodes];
      for (const child of children) parent.insertBefore(child, mark);
      mark.remove();
      const split = mark.bioflagSplit || { before: false, after: false };
      const text = children.length === 1 && children[0].nodeType === Node.TEXT_NODE ? /** @type {Text} */ (children[0]) : null;
      if (!text) continue;
      let merged = text;
      const before = text.previousSibling;
      if (split.before && before && before.nodeType === Node.TEXT_NODE) {
        /** @type {Text} */ (before).appendData(text.data);
        text.remove();
        merged = /** @type {Text} */ (before);
      }
      const after = merged.nextSibling;
      if (split.after && after && after.nodeType === Node.TEXT_NODE) {
        merged.appendData(/** @type {Text} */ (after).data);
        after.remove();
      }
    }
    record.marks = [];
  }

  /** The order to paint a batch in: last to first, so no split moves text a later one needs. */
  function order(list) {
    return [...list].sort(global.bioflagRecords.byDocumentOrder).reverse();
  }

  global.bioflagMarks = Object.freeze({ wrap, unwrap, order });
})(globalThis);
