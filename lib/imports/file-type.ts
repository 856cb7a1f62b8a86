/** An .xlsx file is a ZIP container holding xl/workbook.xml; judged by the bytes, never by the file name. */
import { formatBytes } from "@/lib/attachments/file-type";

/**
 * 90 MiB: a tier-M file (340 000 rows) written without shared strings, as scripts/generate-national-workbook.ts
 * writes it, is 65 MB (Excel's own files, with shared strings, are smaller); the request limit is 100 MB (next.config.js).
 */
export const IMPORT_MAX_BYTES = 90 * 1024 * 1024;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((value, index) => bytes[index] === value);

/** null when acceptable, otherwise the Chinese reason. */
export function spreadsheetFileProblem(bytes: Uint8Array, maxBytes = IMPORT_MAX_BYTES): string | null {
  if (bytes.byteLength === 0) return "请选择要导入的文件";
  if (bytes.byteLength > maxBytes) return `文件过大（${formatBytes(bytes.byteLength)}），导入文件不能超过 ${formatBytes(maxBytes)}；请按乡镇分开导出后分批导入`;
  if (startsWith(bytes, OLE_SIGNATURE)) return "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入";
  // File names in a ZIP's local headers and central directory are stored as plain bytes.
  if (!startsWith(bytes, ZIP_SIGNATURE) || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("xl/workbook.xml")) {
    return "文件内容不是 Excel 工作簿（.xlsx）（按文件内容判断，与扩展名无关）";
  }
  return null;
}
