import { z } from "zod";

/** The longest text a list's search box takes (the input's maxLength and the server's limit). */
export const SEARCH_MAX_LENGTH = 40;

// zod counts characters (code points); the input's maxLength counts UTF-16 units, so the box
// is, if anything, stricter (an Ext-B character such as 𠮷 is two units).
const ZSearchLength = z.string().max(SEARCH_MAX_LENGTH, `搜索内容不超过 ${SEARCH_MAX_LENGTH} 个字符`);

/**
 * A list's search text from the URL: trimmed; blank or not a single string means no search.
 * An over-long text is kept, not dropped, so that the list refuses it visibly (searchTextError)
 * instead of silently listing everything.
 */
export const zSearchText = z.preprocess((value) => (typeof value === "string" && value.trim() ? value.trim() : undefined), z.string().optional());

/** The message a list shows instead of its rows, or undefined when the search text is usable. */
export function searchTextError(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const result = ZSearchLength.safeParse(text);
  return result.success ? undefined : result.error.issues[0].message;
}

/**
 * User text for a LIKE pattern (and for Prisma's contains/startsWith/endsWith, which pass it to
 * LIKE unescaped on PostgreSQL): `%`, `_` and the escape character `\` become literal.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** The distinct characters of a text, as PostgreSQL's string_to_array(text, NULL) splits it. */
export function distinctCharacters(text: string): string[] {
  return [...new Set(text)];
}
