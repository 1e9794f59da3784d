import { type Benchmark, NotReady } from './lib/types';

export const roomLevels: Benchmark = {
  name: 'room-levels',
  title: 'room-levels',
  async run() {
    throw new NotReady('not written yet');
  },
};
