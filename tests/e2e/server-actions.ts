// Calls server actions over HTTP exactly as the browser does (the Next-Action header and
// React's reply encoding), so security tests can send what no form would.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export type ServerAction = { id: string; file: string; name: string; route: string };

const MANIFEST = path.join(".next", "server", "server-reference-manifest.json");

/** "app/(app)/households/[id]/page" → "/households/<id>" (any id: the action runs before the page). */
function routeOf(worker: string, placeholder: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? placeholder : segment))
    .join("/");
  return `/${route}`;
}

/** Every server action the built app exposes, read from the build's own manifest. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers);
    const worker = workers.find((name) => !name.includes("[")) ?? workers[0];
    return { id, file: entry.filename ?? "?", name: entry.exportedName ?? "?", route: routeOf(worker, "00000000-0000-4000-8000-000000000000") };
  });
}

export type FieldValue = string | string[] | { name: string; mimeType: string; buffer: Buffer };

/** The action's reply: the result object a form would get, or the redirect it asked for. */
export type ActionReply = { status: number; result: Record<string, unknown> | null; redirect: string | null; body: string };

/** Encodes `(previousState = null, formData)` as React's client does for a form action. */
function encodeFormArgs(fields: Record<string, FieldValue>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "string") form.append(`_1_${name}`, item);
      else form.append(`_1_${name}`, new Blob([new Uint8Array(item.buffer)], { type: item.mimeType }), item.name);
    }
  }
  form.append("0", JSON.stringify([null, "$K1"]));
  return form;
}

export function parseReply(response: APIResponse, body: string): ActionReply {
  let result: Record<string, unknown> | null = null;
  for (const line of body.split("\n")) {
    const json = line.replace(/^[0-9a-f]+:/, "");
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as Record<string, unknown>;
      if ("ok" in value) result = value;
    } catch {
      // not a JSON row of the reply
    }
  }
  return { status: response.status(), result, redirect: response.headers()["x-action-redirect"] ?? null, body };
}

export async function callAction(
  request: APIRequestContext,
  action: ServerAction,
  fields: Record<string, FieldValue>,
  { origin, headers = {} }: { origin: string | null; headers?: Record<string, string> },
): Promise<ActionReply> {
  const response = await request.post(action.route, {
    headers: { "Next-Action": action.id, Accept: "text/x-component", ...(origin ? { Origin: origin } : {}), ...headers },
    multipart: encodeFormArgs(fields),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  return parseReply(response, await response.text());
}
