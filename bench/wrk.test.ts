import { describe, expect, it } from 'vitest';
import { parseWrk } from './wrk.js';

const REPORT = `Running 2s test @ http://127.0.0.1:8765/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.09ms   11.15ms 169.90ms   92.89%
    Req/Sec    20.16k    11.08k   39.03k    60.00%
  Latency Distribution
     50%  812.00us
     75%    2.93ms
     90%   11.91ms
     99%    1.20s
  40188 requests in 2.03s, 4.87MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 5
Requests/sec:  19836.71
Transfer/sec:      2.40MB
`;

describe('wrk reports', () => {
  it('give throughput, percentiles in ms, and failures', () => {
    expect(parseWrk(REPORT)).toEqual({ rps: 19836.71, p50Ms: 0.812, p99Ms: 1200, requests: 40188, failures: 7, timeouts: 3 });
  });

  it('refuse output that is not a report', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/unreadable wrk output/);
  });
});
