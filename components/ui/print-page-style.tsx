/**
 * The printed page's running header and page numbers, as CSS margin boxes of `@page`: the header
 * (e.g. 户编号) on every sheet of paper, "第 N 页 / 共 M 页" at the foot. Chromium prints margin
 * boxes since version 131 (tests/e2e/print.spec.ts reads them back out of the PDF); a browser
 * without them prints the document without header and numbers, nothing else changes.
 * Rendered only by the print views, so other pages keep the plain A4 page of app/globals.css.
 */
export function PrintPageStyle({ header, headerRight }: { header: string; headerRight?: string }) {
  const box = `font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 8.5pt; color: #334155;`;
  const css = `@media print {
  @page {
    @top-left { content: ${cssString(header)}; ${box} vertical-align: bottom; padding-bottom: 2mm; }
    ${headerRight ? `@top-right { content: ${cssString(headerRight)}; ${box} vertical-align: bottom; padding-bottom: 2mm; }` : ""}
    @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; ${box} vertical-align: top; padding-top: 2mm; }
  }
}`;
  return <style data-testid="print-page-style" dangerouslySetInnerHTML={{ __html: css }} />;
}

/** A CSS string literal: letters, digits and CJK as they are, every other character as a hex escape (so no "</style>" can close the element). */
export function cssString(text: string): string {
  const body = [...text].map((char) => (/[\p{L}\p{N}]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join("");
  return `"${body}"`;
}
