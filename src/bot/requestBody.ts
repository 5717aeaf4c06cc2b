/**
 * What a request body may be, checked before any byte of it is kept: no content coding (a gzip bomb
 * inflates before anything can count it), only the media types a route reads (nothing is written to
 * disk, as multipart parsers do), and a size limit counted while reading, so a large body is refused
 * as soon as it passes the limit rather than after it is all in memory.
 */
import type restify from 'restify';

/** How one route's body is read. */
export interface BodyRule {
  /** Media types accepted (lowercase, without parameters). */
  mediaTypes: readonly string[];
  maxBytes: number;
  /** `json` sets `req.body` to the parsed value; `text` to the UTF-8 string. */
  as: 'json' | 'text';
}

/** Body rules by `METHOD /route-path`, e.g. `POST /api/messages`. */
export type BodyRules = Readonly<Record<string, BodyRule>>;

/**
 * A `pre` handler: refuses any request whose body has a content coding (Bot Framework and WeChat
 * never compress what they post), before routing and before reading.
 */
export function refuseContentCoding(): restify.RequestHandler {
  return (req, res, next) => {
    const coding = req.headers['content-encoding']?.trim().toLowerCase();
    if (coding && coding !== 'identity') return refuse(req, res, 415, 'unsupported media type', next);
    next();
  };
}

/** A `use` handler (after routing): reads the body of routes that have a rule, and of no others. */
export function readBodies(rules: BodyRules): restify.RequestHandler {
  return (req, res, next) => {
    const route = req.getRoute();
    const rule = route ? rules[`${route.method} ${String(route.path)}`] : undefined;
    if (!rule) return next();
    if (!rule.mediaTypes.includes(mediaType(req.headers['content-type']))) return refuse(req, res, 415, 'unsupported media type', next);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > rule.maxBytes) return refuse(req, res, 413, 'payload too large', next);
    readLimited(req, rule.maxBytes).then(
      (body) => {
        if (body === undefined) return refuse(req, res, 413, 'payload too large', next);
        if (rule.as === 'text') {
          req.body = body.toString('utf8');
          return next();
        }
        try {
          req.body = JSON.parse(body.toString('utf8')) as unknown;
        } catch {
          return refuse(req, res, 400, 'malformed JSON', next);
        }
        next();
      },
      // The client went away or the stream broke: nobody is left to answer.
      () => {
        res.destroy();
        next(false);
      },
    );
  };
}

/** The media type of a Content-Type header, lowercase and without parameters; '' when absent. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** The whole body, or undefined as soon as it passes `maxBytes` (the rest is then not kept). */
function readLimited(req: restify.Request, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        // Keep draining without keeping anything, so the answer can be read before the socket closes.
        req.resume();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('request aborted')));
  });
}

function refuse(req: restify.Request, res: restify.Response, status: number, text: string, next: restify.Next): void {
  // A refused body may still be arriving: it is drained unread, and the connection closes after the answer.
  req.resume();
  res.sendRaw(status, text, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  next(false);
}
