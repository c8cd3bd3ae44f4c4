// Only the resolver settings of a webpack config: dependency-cruiser reads them so that the
// sources' './x.js' specifiers (NodeNext style) resolve to './x.ts'.
module.exports = { resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } } };
