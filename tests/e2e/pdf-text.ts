// Reads back what Chromium's `page.pdf()` printed: the number of pages, and the text of each page (decoded through each
// font's ToUnicode map), so a spec can assert the running header and "第 N 页 / 共 M 页" on every sheet of paper.
// Enough PDF for Chromium's own output (Skia: plain objects, Flate streams, Type0 fonts with ToUnicode); not a general reader.
import { inflateSync } from "node:zlib";

type PdfObject = { dict: string; stream: Buffer | null };

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[2];
    const streamAt = body.indexOf("stream");
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = match.index + match[0].indexOf(body) + streamAt + "stream".length + (body[streamAt + 6] === "\r" ? 2 : 1);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    const raw = pdf.subarray(start, start + length);
    objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

/** Pages in document order (the /Kids of the page tree, depth first). */
function pageIds(objects: Map<number, PdfObject>): number[] {
  const root = [...objects.entries()].find(([, object]) => /\/Type\s*\/Pages\b/.test(object.dict) && !/\/Parent/.test(object.dict));
  if (!root) return [];
  const walk = (id: number): number[] => {
    const object = objects.get(id);
    if (!object) return [];
    if (/\/Type\s*\/Page\b(?!s)/.test(object.dict)) return [id];
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(object.dict)?.[1] ?? "";
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((kid) => walk(Number(kid[1])));
  };
  return walk(root[0]);
}

function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const entry of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(entry[1].toUpperCase(), utf16(entry[2]));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const entry of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [low, high, first] = [parseInt(entry[1], 16), parseInt(entry[2], 16), parseInt(entry[3], 16)];
      for (let code = low; code <= high; code++)
        map.set(code.toString(16).toUpperCase().padStart(entry[1].length, "0"), String.fromCharCode(first + code - low));
    }
  return map;
}

const refOf = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1] ?? NaN);

/** The fonts a page may use: resource name → code (hex) → text. */
function pageFonts(objects: Map<number, PdfObject>, page: PdfObject): Map<string, Map<string, string>> {
  let resources = page.dict;
  const resourcesRef = refOf(page.dict, "Resources");
  if (!Number.isNaN(resourcesRef)) resources = objects.get(resourcesRef)?.dict ?? "";
  let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? "";
  const fontRef = refOf(resources, "Font");
  if (!fontDict && !Number.isNaN(fontRef)) fontDict = objects.get(fontRef)?.dict ?? "";
  const fonts = new Map<string, Map<string, string>>();
  for (const entry of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(entry[2]));
    const cmap = font ? objects.get(refOf(font.dict, "ToUnicode"))?.stream : null;
    fonts.set(entry[1], cmap ? toUnicodeMap(cmap.toString("latin1")) : new Map());
  }
  return fonts;
}

function decodeContent(content: string, fonts: Map<string, Map<string, string>>): string {
  let font = new Map<string, string>();
  let out = "";
  const tokens = /\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\((?:\\.|[^\\)])*\)|(T\*|ET|Td|TD|')\b/g;
  for (let token = tokens.exec(content); token; token = tokens.exec(content)) {
    if (token[1]) font = fonts.get(token[1]) ?? new Map();
    else if (token[2] !== undefined) {
      const width = [...font.keys()][0]?.length ?? 4;
      for (let at = 0; at + width <= token[2].length; at += width) out += font.get(token[2].slice(at, at + width).toUpperCase()) ?? "";
    } else if (token[3]) out += " ";
  }
  return out;
}

export function pdfPageCount(pdf: Buffer): number {
  return pageIds(parseObjects(pdf)).length;
}

/** The text on each page, in drawing order, with runs separated by spaces. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  return pageIds(objects).map((id) => {
    const page = objects.get(id)!;
    const fonts = pageFonts(objects, page);
    const contentsArray = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1];
    const contentIds = contentsArray ? [...contentsArray.matchAll(/(\d+) 0 R/g)].map((ref) => Number(ref[1])) : [refOf(page.dict, "Contents")];
    return contentIds.map((contentId) => decodeContent(objects.get(contentId)?.stream?.toString("latin1") ?? "", fonts)).join(" ");
  });
}
