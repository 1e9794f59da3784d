import { lazyModule } from './lazy';

/** The session machinery (joins, provider rooms), loaded on the first start or join. */
export const sessionCode = lazyModule(() => import('./session'));
