/**
 * The direction of dependencies, checked in CI (`npm run lint:deps`).
 *
 * The folders of src/ in one order, lowest first: a folder may import from itself and from folders below
 * it, never from one above. So there are no cycles between folders, infrastructure (config to outbox)
 * imports no domain module, and a use case sits in the lowest module that can see every module it joins.
 * A new folder must be placed in this list, or the check fails.
 */
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const LAYERS = [
  // infrastructure
  'config',
  'common',
  'database',
  'queue',
  'redis',
  'access',
  'outbox',
  'audit',
  'health',
  // domain, each above what it builds on
  'organisation',
  'qualifications',
  'programmes',
  'notifications',
  'substitutes',
  'auth',
  'absences',
  'bookings',
  'offers',
  'matching',
  'staffing',
  'account',
  // reads what absences, bookings and programmes hold, to count it; nothing below imports it
  'reports',
  'web',
  // entry points of their own
  'seed',
];
const unplaced = readdirSync(join(__dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !LAYERS.includes(entry.name))
  .map((entry) => entry.name);
if (unplaced.length > 0) throw new Error(`src/${unplaced.join(', src/')} has no place in LAYERS of .dependency-cruiser.js: add it where it belongs`);

const INFRASTRUCTURE = LAYERS.slice(0, LAYERS.indexOf('health') + 1);
const DOMAIN = LAYERS.slice(LAYERS.indexOf('organisation'));

const layerRules = LAYERS.slice(0, -1).map((folder, i) => ({
  name: `${folder}-imports-only-below`,
  comment: `src/${folder} may import only from the folders listed before it in .dependency-cruiser.js`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files must not import each other in a circle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-domain',
      comment: 'config, common, database, queue, access, outbox and health know nothing of the domain modules.',
      severity: 'error',
      from: { path: `^src/(${INFRASTRUCTURE.join('|')})/` },
      to: { path: `^src/(${DOMAIN.join('|')})/` },
    },
    {
      name: 'src-does-not-import-tests',
      comment: 'Code under src/ (unit tests aside) never imports from test/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
