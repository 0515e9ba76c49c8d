#!/usr/bin/env node
// Builds the TrueFoundry and Fireworks OpenAPI documents (SPEC section 9) from their seeds:
// - TrueFoundry: seed 000 carries one OpenAPI document (YAML, PUT /api/svc/v1/clusters); its
//   paths and schemas are used as given and merged with scripts/openapi/truefoundry-seed-000.supplement.json
//   (the other cluster routes and the admin API, in the same style).
// - Fireworks: seed 003 has examples and field lists only, so its document is written by hand
//   in scripts/openapi/fireworks-seed-003.document.json and taken as is.
// Writes each as a conformance fixture (e2e/fixtures/<dialect>-openapi.json) and as the module
// the gateway serves (apps/gateway/src/openapi/<dialect>-openapi.document.ts). `--check`
// writes nothing and exits 1 when any differs.
//
//   node scripts/extract-dialect-openapi.mjs [--check] [--seeds <dir>]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { mergeOpenApi } from './extract-openapi.mjs';
import { documentModule, runIfMain, seedsDirFrom, writeOrCheck } from './lib/generated-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TRUEFOUNDRY_SUPPLEMENT = join(root, 'scripts/openapi/truefoundry-seed-000.supplement.json');
const FIREWORKS_DOCUMENT = join(root, 'scripts/openapi/fireworks-seed-003.document.json');

function seedFile(seedsDir, prefix) {
  const name = readdirSync(seedsDir).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix}* not found in ${seedsDir}`);
  return name;
}

/** The YAML OpenAPI document in a markdown fence of four backticks. */
export function yamlOpenApiFence(markdown) {
  const match = /````yaml[^\n]*\n([\s\S]*?)\n````/.exec(markdown);
  if (!match) throw new Error('no ````yaml fence found');
  return yaml.load(match[1]);
}

export function buildTruefoundryOpenApi(seedsDir) {
  const seed = seedFile(seedsDir, '000_');
  const fromSeed = yamlOpenApiFence(readFileSync(join(seedsDir, seed), 'utf8'));
  const supplement = JSON.parse(readFileSync(TRUEFOUNDRY_SUPPLEMENT, 'utf8'));
  const merged = mergeOpenApi([{ paths: fromSeed.paths, components: fromSeed.components }, { paths: supplement.paths, components: supplement.components }]);
  return {
    'x-clusterplane-sources': [seed, relative(root, TRUEFOUNDRY_SUPPLEMENT)],
    // The seed says 3.1.0 but writes its schemas the 3.0 way (`nullable`), which is how they are read.
    openapi: '3.0.3',
    info: { title: fromSeed.info.title, version: fromSeed.info.version },
    tags: [{ name: 'Clusters' }, { name: 'Tenant configuration', description: 'Environments, container registries and cluster integrations that manifests name.' }],
    paths: merged.paths,
    components: merged.components,
  };
}

export function buildFireworksOpenApi(seedsDir) {
  const seed = seedFile(seedsDir, '003_');
  const document = JSON.parse(readFileSync(FIREWORKS_DOCUMENT, 'utf8'));
  return { 'x-clusterplane-sources': [seed, relative(root, FIREWORKS_DOCUMENT)], ...document };
}

function main(argv) {
  const seedsDir = seedsDirFrom(argv, root);
  const generator = 'scripts/extract-dialect-openapi.mjs';
  const dialects = [
    ['truefoundry', 'TRUEFOUNDRY_OPENAPI_DOCUMENT', 'seed 000', buildTruefoundryOpenApi(seedsDir)],
    ['fireworks', 'FIREWORKS_OPENAPI_DOCUMENT', 'seed 003', buildFireworksOpenApi(seedsDir)],
  ];
  const outputs = dialects.flatMap(([dialect, constant, from, document]) => {
    const fixture = `e2e/fixtures/${dialect}-openapi.json`;
    return [
      [join(root, fixture), `${JSON.stringify(document, null, 2)}\n`],
      [join(root, `apps/gateway/src/openapi/${dialect}-openapi.document.ts`), documentModule({ constant, generator, from, fixture, document })],
    ];
  });
  writeOrCheck(outputs, { check: argv.includes('--check'), root, generator, what: 'TrueFoundry and Fireworks OpenAPI fixtures and gateway documents' });
}

runIfMain(import.meta.url, main);
