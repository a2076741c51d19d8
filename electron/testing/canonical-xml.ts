import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

/**
 * A canonical text of an XML document for "same meaning" comparisons: elements by (namespace,
 * local name), attributes by (namespace, local name) sorted, whitespace-only text dropped,
 * comments and processing instructions kept. `skip` leaves chosen elements out.
 */
export function canonicalXml(text: string, skip: (el: Element) => boolean = () => false): string {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const out: string[] = [];
  const walk = (n: Node, depth: number) => {
    const pad = ' '.repeat(depth);
    if (n.nodeType === 1) {
      const el = n as Element;
      if (skip(el)) return;
      const attrs: string[] = [];
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i)!;
        if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
        attrs.push(`{${a.namespaceURI ?? ''}}${a.localName}=${JSON.stringify(a.value)}`);
      }
      attrs.sort();
      out.push(`${pad}<{${el.namespaceURI ?? ''}}${el.localName} ${attrs.join(' ')}>`);
      for (let c = el.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
    } else if (n.nodeType === 3 || n.nodeType === 4) {
      const v = n.nodeValue ?? '';
      if (v.trim() !== '') out.push(`${pad}#text ${JSON.stringify(v)}`);
    } else if (n.nodeType === 8) out.push(`${pad}#comment ${JSON.stringify(n.nodeValue)}`);
    else if (n.nodeType === 7) out.push(`${pad}#pi ${JSON.stringify(n.nodeValue)}`);
  };
  for (let c = doc.firstChild; c; c = c.nextSibling) walk(c, 0);
  return out.join('\n');
}
