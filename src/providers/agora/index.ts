import type { CallProvider } from '../../core/provider';
import type { AgoraProviderOptions } from './types';

export type {
  AgoraCodec,
  AgoraProviderOptions,
  AgoraSdkLike,
  AgoraUid,
} from './types';

/**
 * The Agora provider. Importing it costs almost nothing: the adapter and `agora-rtc-sdk-ng` load
 * with `import()` when a call is joined.
 */
export function agora(options: AgoraProviderOptions = {}): CallProvider {
  return {
    name: 'agora',
    async join(joinOptions) {
      const { joinAgora } = await import('./adapter');
      return joinAgora(joinOptions, options);
    },
  };
}
