import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A server module that imports from a "use client" module receives client references: it can
// render an exported component, but a value it calls or reads (a class-name string, a helper)
// is not there — React puts "Attempted to call X() from the server" into the page instead.

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const isClientModule = (source: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Value (non-type) names a module imports from each specifier. */
function valueImports(source: string): { specifier: string; names: string[] }[] {
  const out: { specifier: string; names: string[] }[] = [];
  for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+)["']/g)) {
    if (match[1]) continue;
    const names = match[2]
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part && !part.startsWith("type "))
      .map((part) => part.split(/\s+as\s+/)[0].trim());
    out.push({ specifier: match[3], names });
  }
  return out;
}

describe("server modules use client modules only as components", () => {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

  it("finds the client modules", () => {
    expect(files.filter((file) => isClientModule(fs.readFileSync(file, "utf8"))).length).toBeGreaterThan(10);
  });

  it("no server module imports a non-component value from a client module", () => {
    const offences: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      if (isClientModule(source) || /^\s*["']use server["']/.test(source)) continue;
      for (const { specifier, names } of valueImports(source)) {
        const target = resolveImport(file, specifier);
        if (!target || !isClientModule(fs.readFileSync(target, "utf8"))) continue;
        for (const name of names) {
          // Components (PascalCase) render as client references; anything else would be called or read.
          if (!/^[A-Z]/.test(name)) offences.push(`${path.relative(ROOT, file)} imports ${name} from ${path.relative(ROOT, target)}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
