// npm run build: bundles the server (src/cli.ts and everything it imports) into
// dist/relais.js, plain JavaScript that Node runs without a TypeScript
// transform (decision 0013). Packages stay in node_modules (--packages=external).
// Files read at run time (data/, the UI's static files) are read from the
// source tree: each `import.meta.dirname` of src/ becomes that file's own
// folder, found from the bundle's place. Takes well under a second.
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

/** import.meta.dirname of a source file, as seen from dist/relais.js. */
const sourceFolders = {
  name: "source-folders",
  setup(context) {
    context.onLoad({ filter: /[/\\]src[/\\].*\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.dirname")) return undefined;
      const folder = relative(join(root, "dist"), dirname(args.path)).split("\\").join("/");
      const expression = `process.getBuiltinModule("node:url").fileURLToPath(new URL(${JSON.stringify(`${folder}/`)}, import.meta.url))`;
      return {
        contents: text.replaceAll("import.meta.dirname", expression),
        loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
      };
    });
  },
};

const started = performance.now();
await build({
  entryPoints: [join(root, "src", "cli.ts")],
  outfile: join(root, "dist", "relais.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [sourceFolders],
});
if (!process.argv.includes("--quiet")) {
  process.stderr.write(
    `dist/relais.js construit en ${Math.round(performance.now() - started)} ms\n`,
  );
}
