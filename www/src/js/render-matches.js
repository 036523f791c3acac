// Renders the playground's own copy of the scanned text: one <p> per block, each match wrapped in
// a focusable <mark> (the text is ours, built from text nodes only, so wrapping is safe here; the
// extension paints highlights instead because page DOM is not its to change).

/**
 * Appends the blocks to `container` and returns the <mark> elements, one per match, in document
 * order. `describe(match)` gives the mark's tier and accessible label.
 */
export function renderMatches(container, blocks, matches, kind, describe) {
  const doc = container.ownerDocument;
  const byBlock = new Map();
  for (const m of matches) {
    if (!byBlock.has(m.block)) byBlock.set(m.block, []);
    byBlock.get(m.block).push(m);
  }
  const marks = [];
  const fragment = doc.createDocumentFragment();
  blocks.forEach((text, i) => {
    const p = doc.createElement('p');
    p.className = kind === 'text' ? 'block block-text' : 'block';
    let at = 0;
    const inBlock = (byBlock.get(i) || []).sort((a, b) => a.start - b.start);
    for (const m of inBlock) {
      if (m.start < at) continue; // the engine never overlaps matches; stay safe anyway
      if (m.start > at) p.append(doc.createTextNode(text.slice(at, m.start)));
      const { tier, label } = describe(m);
      const mark = doc.createElement('mark');
      mark.className = `hit tier-${tier}`;
      mark.tabIndex = 0;
      mark.setAttribute('role', 'button');
      mark.setAttribute('aria-haspopup', 'dialog');
      mark.setAttribute('aria-expanded', 'false');
      mark.setAttribute('aria-label', label);
      mark.dataset.match = String(marks.length);
      mark.append(doc.createTextNode(text.slice(m.start, m.end)));
      p.append(mark);
      marks.push(mark);
      at = m.end;
    }
    if (at < text.length) p.append(doc.createTextNode(text.slice(at)));
    fragment.append(p);
  });
  container.append(fragment);
  return marks;
}
