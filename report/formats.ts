/** Every check report format by name (see format.ts). */
import type { CheckFormat } from './format.js';
import { junitXml } from './junit.js';
import { summaryMarkdown } from './summary.js';
import { checkText } from './text.js';

export const FORMATS: Record<string, CheckFormat> = {
  text: { name: 'text', description: 'for people: one line per property, failures with their reproduction', render: (r, c) => checkText(c.spec, r, c.paint) + '\n' },
  json: { name: 'json', description: 'one JSON object (the shape replay --report reads)', render: (r) => JSON.stringify(r) + '\n' },
  junit: { name: 'junit', description: 'JUnit XML, one testcase per property', render: (r, c) => junitXml([r], () => [...c.propertyNames]) },
  markdown: { name: 'markdown', description: 'Markdown for a CI job summary', render: (r, c) => summaryMarkdown(c.spec, r) },
};
