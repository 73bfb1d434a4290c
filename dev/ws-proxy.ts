import { connect } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';

/**
 * A WebSocket-to-TCP proxy that lets the Neon serverless driver reach an ordinary Postgres.
 * The driver opens `ws://<proxy>/v1?address=host:port` and sends raw Postgres protocol
 * frames; each frame is written to the TCP socket and each TCP chunk goes back as one frame.
 */
export interface WsProxy {
  /** `host:port` to hand to `neonConfig.wsProxy`. */
  address: string;
  port: number;
  close(): Promise<void>;
}

export interface WsProxyOptions {
  /** The only `host:port` targets the proxy will connect to. */
  allow: string[];
  port?: number;
  log?: (line: Record<string, unknown>) => void;
}

/** Starts the proxy on 127.0.0.1. */
export async function startWsProxy(options: WsProxyOptions): Promise<WsProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });

  server.on('connection', (ws, request) => {
    const url = new URL(request.url ?? '/', 'http://proxy');
    const target = url.searchParams.get('address') ?? '';
    const [host, portText] = splitHostPort(target);

    // Only the configured database may be reached: the proxy is not an open relay.
    if (!options.allow.includes(target) || !host || !portText) {
      options.log?.({ event: 'ws_proxy_refused', target });
      ws.close(1008, 'target not allowed');
      return;
    }

    const socket = connect({ host, port: Number(portText) });
    const pending: Buffer[] = [];
    let connected = false;

    // Frames can arrive before the TCP socket is open; keep them in order.
    ws.on('message', (data: RawData) => {
      const chunk = toBuffer(data);
      if (connected) {
        socket.write(chunk);
      } else {
        pending.push(chunk);
      }
    });
    socket.on('connect', () => {
      connected = true;
      for (const chunk of pending.splice(0)) {
        socket.write(chunk);
      }
    });
    socket.on('data', (chunk) => ws.send(chunk));
    socket.on('close', () => ws.close());
    socket.on('error', (error) => {
      options.log?.({ event: 'ws_proxy_tcp_error', target, message: error.message });
      ws.close(1011, 'upstream error');
    });
    ws.on('close', () => socket.destroy());
    ws.on('error', () => socket.destroy());
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    address: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) {
          client.terminate();
        }
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(target: string): [string | undefined, string | undefined] {
  const index = target.lastIndexOf(':');
  if (index <= 0) {
    return [undefined, undefined];
  }
  return [target.slice(0, index), target.slice(index + 1)];
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) {
    return Buffer.concat(data);
  }
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
