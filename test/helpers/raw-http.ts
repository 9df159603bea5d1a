import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request with exactly the headers given, `Host` included: fetch
 * writes its own Host and keeps no Origin a page would not send, so a
 * rebinding page's request can only be played with node:http.
 */
export function rawRequest(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, setHost: !Object.keys(headers).some((h) => h.toLowerCase() === 'host') }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // An event stream never ends by itself: its first event is answer enough.
        if (/^text\/event-stream/.test(res.headers['content-type'] ?? '') && text.includes('\n\n')) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
