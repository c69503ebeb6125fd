import { Router, type Request, type Response, type NextFunction } from 'express';
import type { FeatureDeps } from '../features.ts';
import type { Db } from '../db/index.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { pageFrom } from '../lib/paging.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { listInbox, markAllRead, notedUnread, openNotification, unreadCount } from './service.ts';
import { noticeText } from './present.ts';

/** res.locals.unreadCount for the header badge: counted with the signed-in user (passport.ts), else one COUNT per HTML page. */
function unreadBadge(prisma: Db) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.user && req.method === 'GET' && req.accepts('html')) res.locals.unreadCount = notedUnread(req.user) ?? (await unreadCount(prisma, req.user.id));
    next();
  };
}

/** Each user's inbox. Mounted early in features.ts so the badge middleware runs before every page. */
export function notificationsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  r.use(unreadBadge(prisma));

  /** GET /notifications: the signed-in user's notifications, newest first, unread ones marked */
  r.get('/notifications', requireAuth, async (req, res) => {
    const { list, unread } = await listInbox(prisma, actor(req), pageFrom(req.query));
    const { t, fmt } = res.locals;
    const items = list.items.map((n) => ({ id: n.id, text: noticeText(t, fmt, n), read: n.readAt !== null, createdAt: n.createdAt, link: n.link }));
    res.render('notifications/index', { title: t('notifications.title'), list: { ...list, items }, unread });
  });

  /** POST /notifications/read-all: mark every notification of the user read */
  r.post('/notifications/read-all', requireAuth, async (req, res) => {
    const n = await markAllRead(prisma, actor(req));
    setFlash(req, 'success', 'notifications.flash.allRead', { n });
    res.redirect(303, '/notifications');
  });

  /** POST /notifications/:id/open: mark one read, then follow its link (404 if it is not the user's) */
  r.post('/notifications/:id/open', requireAuth, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    res.redirect(303, await openNotification(prisma, actor(req), id));
  });

  return r;
}
