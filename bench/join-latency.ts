import { type Benchmark, NotReady } from './lib/types';

export const joinLatency: Benchmark = {
  name: 'join-latency',
  title: 'join-latency',
  async run() {
    throw new NotReady('not written yet');
  },
};
