import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { asciiFileName, attachmentForDownload } from './service.ts';

export function attachmentsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /attachments/:id: download an evidence file, if the user may see its unit */
  r.get('/attachments/:id', requireAuth, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    const file = await attachmentForDownload(prisma, actor(req), id);
    res.set({
      'Content-Type': file.mimeType,
      'Content-Length': String(file.data.length),
      // RFC 6266 via content-disposition: filename* percent-encodes ' ( ) * too, which encodeURIComponent leaves raw
      'Content-Disposition': contentDisposition(file.fileName, { fallback: asciiFileName(file.fileName) }),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(Buffer.from(file.data));
  });
  return r;
}
