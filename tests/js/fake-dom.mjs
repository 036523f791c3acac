// The little of the DOM that the scanner's record store reads (tree links, connection, text
// node length, a text TreeWalker, document order), for Node unit tests of content scripts.
// Installs the Node and NodeFilter constants on globalThis.

globalThis.Node ??= {
  ELEMENT_NODE: 1, TEXT_NODE: 3, DOCUMENT_NODE: 9, DOCUMENT_FRAGMENT_NODE: 11,
  DOCUMENT_POSITION_DISCONNECTED: 1, DOCUMENT_POSITION_PRECEDING: 2, DOCUMENT_POSITION_FOLLOWING: 4,
  DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC: 32,
};
globalThis.NodeFilter ??= { SHOW_TEXT: 4 };

class FakeNode {
  constructor(doc, nodeType) {
    this.ownerDocument = doc;
    this.nodeType = nodeType;
    this.parentNode = null;
    this.childNodes = [];
  }

  append(...children) {
    for (const c of children) {
      c.remove();
      c.parentNode = this;
      this.childNodes.push(c);
    }
    return this;
  }

  remove() {
    if (!this.parentNode) return;
    const siblings = this.parentNode.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }

  getRootNode() {
    let n = this;
    while (n.parentNode) n = n.parentNode;
    return n;
  }

  get isConnected() {
    return this.getRootNode() === this.ownerDocument;
  }

  contains(other) {
    for (let n = other; n; n = n.parentNode) if (n === this) return true;
    return false;
  }

  /** Descendants in document order. */
  *descendants() {
    for (const c of this.childNodes) {
      yield c;
      yield* c.descendants();
    }
  }

  /** In one tree, its order; across trees (a shadow tree), "preceding" whatever the order is. */
  compareDocumentPosition(other) {
    const root = this.getRootNode();
    if (other.getRootNode() !== root) {
      return Node.DOCUMENT_POSITION_DISCONNECTED | Node.DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC | Node.DOCUMENT_POSITION_PRECEDING;
    }
    const order = [...root.descendants()];
    return order.indexOf(other) > order.indexOf(this) ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  }

  /** An open shadow root: a fragment whose `host` is this element. */
  attachShadow() {
    const root = new FakeNode(this.ownerDocument, Node.DOCUMENT_FRAGMENT_NODE);
    root.host = this;
    this.shadowRoot = root;
    return root;
  }
}

export class FakeDocument extends FakeNode {
  constructor() {
    super(null, Node.DOCUMENT_NODE);
    this.ownerDocument = this;
    this.documentElement = this.createElement('html');
    this.append(this.documentElement);
  }

  createElement(name) {
    const el = new FakeNode(this, Node.ELEMENT_NODE);
    el.localName = name;
    return el;
  }

  createTextNode(data) {
    const text = new FakeNode(this, Node.TEXT_NODE);
    text.data = data;
    Object.defineProperty(text, 'length', { get: () => text.data.length });
    return text;
  }

  createTreeWalker(root) {
    const texts = [...root.descendants()].filter((n) => n.nodeType === Node.TEXT_NODE);
    let i = 0;
    return { nextNode: () => texts[i++] || null };
  }

  /** A paragraph element holding one text node per string; returns [element, ...texts]. */
  paragraph(...strings) {
    const p = this.createElement('p');
    const texts = strings.map((s) => this.createTextNode(s));
    p.append(...texts);
    return [p, ...texts];
  }
}
