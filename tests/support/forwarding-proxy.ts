import http from "node:http";
import type { AddressInfo } from "node:net";

export type ForwardingProxy = { url: string; close(): Promise<void> };

/**
 * A reverse proxy as nginx, Caddy or a load balancer runs it in front of the app: it forwards
 * each request and appends the address it was connected from to X-Forwarded-For, keeping
 * whatever the client itself wrote there (`$proxy_add_x_forwarded_for`).
 */
export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const sent = req.headers["x-forwarded-for"];
    const forwardedFor = [sent, req.socket.remoteAddress].filter(Boolean).join(", ");
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
