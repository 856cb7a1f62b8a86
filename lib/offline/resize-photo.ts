/**
 * Photos are made smaller on the device before they are sent or kept as a draft: a 12-megapixel phone photo
 * (4–6 MB) becomes a JPEG of at most 1600 px on its long side (a few hundred KB), which a 3G connection
 * sends in seconds. Used online and offline alike (components/offline/use-offline-form.ts).
 */
export const MAX_LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

/** The size a photo is drawn at: never enlarged, the long side at most `max`. */
export function fittedSize(width: number, height: number, max = MAX_LONG_SIDE): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function jpegName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, "") || "照片";
  return `${stem}.jpg`;
}

/**
 * The photo re-encoded as JPEG at most 1600 px long; the original when it is not an image the browser can
 * read (the server then gives its own Chinese answer) or when re-encoding would not make it smaller.
 */
export async function resizePhoto(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || typeof createImageBitmap !== "function") return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file;
  }
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    if (!blob) return file;
    const shrunk = width < bitmap.width || height < bitmap.height;
    if (!shrunk && blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: "image/jpeg", lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}
