/** The layer rule (DESIGN.md): react → providers → core; SDKs only in their provider folder. */
const SDK_AGORA = 'node_modules/(agora-rtc-sdk-ng|@agora-js)/';
const SDK_HMS = 'node_modules/@100mslive/';
const REACT = 'node_modules/(react|react-dom|stream-chat-react)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-plain-ts',
      severity: 'error',
      comment:
        'src/core imports neither React, stream-chat-react, a provider SDK, nor other layers.',
      from: { path: '^src/core/' },
      to: {
        path: [REACT, SDK_AGORA, SDK_HMS, '^src/(react|providers|server)/'],
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
      to: { path: [REACT, '^src/(react|server)/'] },
    },
    {
      name: 'browser-code-never-imports-the-server',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-is-not-browser-code',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: ['^src/(react|providers)/', REACT] },
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
