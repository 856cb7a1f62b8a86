import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getAttachmentForDownload, uploadAttachment } from "@/lib/attachments/commands";
import { sha256Of } from "@/lib/attachments/storage";
import { db } from "@/lib/db";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

function storedFiles(): string[] {
  const root = process.env.ATTACHMENT_DIR!;
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("evidence attachments", () => {
  it("stores a file by its content hash, records who uploaded it, and serves it within scope", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const { id } = await uploadAttachment(village, { householdId, category: "住房照片", file: { name: "房屋.png", bytes: PNG } });
    const row = await db.attachment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ mimeType: "image/png", sizeBytes: PNG.length, sha256: sha256Of(PNG), uploadedBy: village.userId, originalName: "房屋.png" });
    expect(storedFiles().some((file) => file.endsWith(row.sha256))).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: householdId, action: "attachment.upload" } });
    expect(audit.after).toMatchObject({ attachmentId: id, category: "住房照片" });

    const download = await getAttachmentForDownload(village, id);
    expect(new Uint8Array(download.content)).toEqual(PNG);
    const pdf = await uploadAttachment(village, { householdId, category: "签字表格", file: { name: "form.bin", bytes: PDF } });
    expect((await db.attachment.findUniqueOrThrow({ where: { id: pdf.id } })).mimeType).toBe("application/pdf");
  });

  it("refuses a disguised file and an oversized file, storing nothing", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const filesBefore = storedFiles().length;
    const rowsBefore = await db.attachment.count();

    const disguised = await expectAppError(
      uploadAttachment(village, { householdId, category: "其他", file: { name: "photo.jpg", bytes: new TextEncoder().encode("<html>not an image</html>") } }),
      "VALIDATION",
    );
    expect(disguised.message).toBe("文件内容不是 JPEG、PNG、WebP 图片或 PDF 文件（按文件内容判断，与扩展名无关）");

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const oversized = await expectAppError(uploadAttachment(village, { householdId, category: "其他", file: { name: "big.png", bytes: big } }), "VALIDATION");
    expect(oversized.message).toBe("文件过大（10.0 MB），单个文件不能超过 10.0 MB");

    await expectAppError(uploadAttachment(village, { householdId, category: "其他", file: null }), "VALIDATION");
    expect(storedFiles().length).toBe(filesBefore);
    expect(await db.attachment.count()).toBe(rowsBefore);
  });

  it("refuses another township's user to upload to or download from a first-township household", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const { id } = await uploadAttachment(village, { householdId, category: "其他", file: { name: "a.png", bytes: PNG } });
    const town2 = await signInAs("town2");
    await expectAppError(getAttachmentForDownload(town2, id), "NOT_FOUND");
    const rowsBefore = await db.attachment.count();
    await expectAppError(uploadAttachment(town2, { householdId, category: "其他", file: { name: "b.png", bytes: PNG } }), "NOT_FOUND");
    expect(await db.attachment.count()).toBe(rowsBefore);
    const town = await signInAs("town");
    expect((await getAttachmentForDownload(town, id)).mimeType).toBe("image/png");
  });
});
