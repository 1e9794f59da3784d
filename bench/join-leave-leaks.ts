import { type Benchmark, NotReady } from './lib/types';

export const joinLeaveLeaks: Benchmark = {
  name: 'join-leave-leaks',
  title: 'join-leave-leaks',
  async run() {
    throw new NotReady('not written yet');
  },
};
