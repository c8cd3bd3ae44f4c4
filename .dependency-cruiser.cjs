/**
 * The architecture, checked: layers import one way
 * (spec <- model <- properties <- registry <- runner <- backends, report, corpus <- cli, bench, index)
 * and nothing imports in a cycle. test/architecture.test.ts runs this on every `npm test`.
 */
const LAYERS = ['spec', 'model', 'properties', 'registry', 'runner', 'backends|report|corpus', 'cli|bench|vitest'];

/** A rule per layer: it may not import any layer above it. */
const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.split('|')[0]}`,
  severity: 'error',
  comment: `${layer} sits below ${LAYERS.slice(i + 1).join(', ')} and must not import them`,
  from: { path: `^(${layer})/` },
  to: { path: `^(${LAYERS.slice(i + 1).join('|')}|index\\.ts)` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle', from: {}, to: { circular: true } },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|test)/' },
    tsPreCompilationDeps: true,
    // sources import './x.js' for './x.ts' (NodeNext): resolve them to the TypeScript file
    webpackConfig: { fileName: '.dependency-cruiser-resolve.cjs' },
  },
};
