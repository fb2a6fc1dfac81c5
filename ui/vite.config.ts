import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import license from "rollup-plugin-license";
import { fileURLToPath } from "node:url";

// Every npm package whose code is in the bundle, with its licence text, as
// the bundler saw it: shown under Instellingen → Over beside the Rust crates'
// list (public/licences-rust.json, made by scripts/licences).
const npmLicences = fileURLToPath(new URL("./dist/licences-npm.json", import.meta.url));

// The app loads from disk through Tauri's custom protocol: no dev server
// assumptions, no remote assets, one bundle.
export default defineConfig({
  plugins: [
    svelte(),
    license({
      thirdParty: {
        includePrivate: false,
        output: {
          file: npmLicences,
          template: (dependencies) =>
            JSON.stringify(
              dependencies.map((d) => ({
                name: d.name,
                version: d.version,
                licence: d.license,
                text: d.licenseText ?? "",
              })),
            ),
        },
      },
    }),
  ],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
  },
});
