import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// Browser tests wait on real round trips (dev server, WebRTC) that CI's two loaded cores can
// stretch past the library's 1 s default; a wait that never comes true still fails.
configure({ asyncUtilTimeout: 5_000 });
