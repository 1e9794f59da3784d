/** The layer rule (DESIGN.md): react → providers → core; SDKs only in their provider folder. */
const SDK_AGORA = 'node_modules/(agora-rtc-sdk-ng|@agora-js)/';
const SDK_HMS = 'node_modules/@100mslive/';
const REACT = 'node_modules/(react|react-dom|stream-chat-react)/';
const SERVER = ['^packages/server/', 'node_modules/stream-chat-calls-server/'];
const SERVER_DEPS = 'node_modules/(hono|@hono|ws|agora-token|better-sqlite3|pg|pg-[a-z]+|valibot)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles, lazy import() and type-only imports included: a lazily loaded module ' +
        'never imports its loader (shared types live in types files).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-plain-ts',
      severity: 'error',
      comment:
        'src/core imports neither React, stream-chat-react, a provider SDK, nor other layers.',
      from: { path: '^src/core/' },
      to: {
        path: [REACT, SDK_AGORA, SDK_HMS, '^src/(react|providers)/', ...SERVER],
      },
    },
    {
      name: 'agora-sdk-only-in-its-provider',
      severity: 'error',
      from: { pathNot: '^src/providers/agora/' },
      to: { path: SDK_AGORA },
    },
    {
      name: 'hms-sdk-only-in-its-provider',
      severity: 'error',
      from: { pathNot: '^src/providers/hms/' },
      to: { path: SDK_HMS },
    },
    {
      name: 'sdk-loaded-only-on-join',
      severity: 'error',
      comment: 'Provider SDKs are imported only with import() (loaded when a user joins).',
      from: { path: '^src/providers/' },
      to: { path: [SDK_AGORA, SDK_HMS], dynamic: false, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'provider-factories-stay-small',
      severity: 'error',
      comment: 'A factory entry reaches its adapter only through import().',
      from: { path: '^src/providers/[^/]+/index\\.ts$' },
      to: {
        path: '^src/providers/[^/]+/adapter',
        dynamic: false,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'providers-know-no-react',
      severity: 'error',
      from: { path: '^src/providers/' },
      to: { path: [REACT, '^src/react/', ...SERVER] },
    },
    {
      name: 'browser-code-never-imports-the-server',
      severity: 'error',
      comment: 'The kit (src/) never imports the call service package, nor its dependencies.',
      from: { path: '^src/' },
      to: { path: [...SERVER, SERVER_DEPS] },
    },
    {
      name: 'the-server-package-stands-alone',
      severity: 'error',
      comment: 'stream-chat-calls-server imports nothing of the kit (it is published on its own).',
      from: { path: '^packages/server/' },
      to: { path: ['^src/', REACT, SDK_AGORA, SDK_HMS] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.(css)$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
    },
  },
};
