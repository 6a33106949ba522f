/**
 * The baseline: a bare `node:http` server, run as a child process by the benchmark, answering
 * every request with the same bytes and content type as a Jiaodian page. It does no routing,
 * no database and no rendering, so it shows the most any Node server can do on this machine.
 *
 * Usage (from the benchmark only): `node bare-server.js FILE CONTENT-TYPE HOST [HEADERS]`; it
 * reports `{ port }` over the IPC channel once listening. HEADERS, a JSON file of
 * `[name, value]` pairs, replaces the content type: the bare server then answers with the
 * very response headers Jiaodian sent (Node adds Date and Connection to both alike).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, contentType, host, headersFile] = process.argv.slice(2);
if (!file || !contentType || !host || !process.send) {
  process.stderr.write('bare-server: run by the benchmark with FILE CONTENT-TYPE HOST and an IPC channel\n');
  process.exit(2);
}

const body = readFileSync(file);
const headers: string[] | Record<string, string> = headersFile
  ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Array<[string, string]>).flat()
  : { 'content-type': contentType, 'content-length': String(body.length) };
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, host, () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});

// When the benchmark goes away (even killed), so does the baseline: no orphaned servers.
process.on('disconnect', () => process.exit(0));
