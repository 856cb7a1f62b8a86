/**
 * exceljs' streaming reader (4.4.0) decodes each decompressed chunk of a sheet's XML on its own,
 * so a Chinese character (3 bytes in UTF-8) that straddles two chunks comes out as "���" — a
 * name or a village silently corrupted in a large file. The reader passes strings through
 * untouched, so this wraps the worksheet and shared-string streams of ONE reader instance in a
 * decoder that keeps the bytes of an unfinished character for the next chunk. Nothing global is
 * patched. (tests/unit/import-workbook.test.ts compares every name read back with the generated one;
 * without this wrapper a 40-household file already comes back with a broken character.)
 */
import { Transform, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";

const DIMENSION = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/;

async function* utf8Chunks(iterable: AsyncIterable<Buffer | string>, onDimension?: (lastRow: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let head = onDimension ? "" : null;
  for await (const chunk of iterable) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    // The sheet's <dimension> (written by Excel, not by streaming writers) comes before the data: its last row is the total.
    if (head !== null) {
      head += text;
      const match = DIMENSION.exec(head);
      if (match) onDimension!(Number(match[1]));
      if (match || head.includes("<sheetData") || head.length > 4096) head = null;
    }
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

function utf8Stream(): Transform {
  const decoder = new StringDecoder("utf8");
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      const text = decoder.write(chunk);
      done(null, text || undefined);
    },
    flush(done) {
      const tail = decoder.end();
      done(null, tail || undefined);
    },
  });
}

type ReaderInternals = {
  _parseWorksheet: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => Iterable<unknown>;
  _parseSharedStrings: (entry: Readable) => AsyncIterable<unknown>;
};

export function createWorkbookReader(
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  onDimension?: (lastRow: number) => void,
): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Chunks(iterator, onDimension), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.pipe(utf8Stream()));
  return reader;
}
