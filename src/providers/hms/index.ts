import type { CallProvider } from '../../core/provider';
import type { HmsProviderOptions } from './types';

export type { HmsProviderOptions, HmsSdkLike } from './types';

/**
 * The 100ms provider. Importing it costs almost nothing: the adapter and
 * `@100mslive/hms-video-store` load with `import()` when a call is joined.
 */
export function hms(options: HmsProviderOptions = {}): CallProvider {
  return {
    name: 'hms',
    async join(joinOptions) {
      const { joinHms } = await import('./adapter');
      return joinHms(joinOptions, options);
    },
  };
}
