// Bundles the extension and vscode-languageclient into dist/extension.js.
//   node esbuild.mjs               a development build with source maps
//   node esbuild.mjs --production  minified, as packaged (`vscode:prepublish`)
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
});
