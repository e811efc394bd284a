// A bare local receiver for the delivery benchmark: answers every request 200 once its body is read.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`RECEIVER=http://127.0.0.1:${server.address().port}\n`));
