import "server-only";
import { isUniqueViolation } from "@/lib/database-errors";

/**
 * Creates at most once per form key: a repeat, sequential or racing, returns the record the
 * first request made. `find` looks the key up among the actor's own records only; the unique
 * index named by `constraint` settles a race (the loser's insert fails, then finds the winner).
 */
export async function createOnce<T>(
  key: string | undefined,
  constraint: string,
  find: (key: string) => Promise<T | null>,
  create: () => Promise<T>,
): Promise<T> {
  if (!key) return create();
  const earlier = await find(key);
  if (earlier) return earlier;
  try {
    return await create();
  } catch (error) {
    if (!isUniqueViolation(error, constraint)) throw error;
    const winner = await find(key);
    if (!winner) throw error;
    return winner;
  }
}
