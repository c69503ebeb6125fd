// Evidence files, stored in the database (every app instance sees them). Types are decided by the
// file's first bytes, never by its name alone; names are cleaned before they are stored or sent.
import type { Db, Tx } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';

export const EVIDENCE_TYPES = [
  { mime: 'application/pdf', exts: ['.pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/png', exts: ['.png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', exts: ['.jpg', '.jpeg'], magic: [0xff, 0xd8, 0xff] },
] as const;

/** Largest number of evidence files one owner (e.g. one self-assessment) may carry. */
export const MAX_FILES_PER_OWNER = 10;

/** The evidence type whose signature the bytes start with, or null. */
export function detectType(bytes: Uint8Array): (typeof EVIDENCE_TYPES)[number] | null {
  return EVIDENCE_TYPES.find((t) => bytes.length >= t.magic.length && t.magic.every((b, i) => bytes[i] === b)) ?? null;
}

/**
 * A safe display name: no folders (so "../../x.pdf" is "x.pdf"), no control or reserved characters,
 * no invisible or text-direction marks, no leading dots, at most ~120 characters, Vietnamese letters kept.
 */
export function sanitizeFileName(raw: string, fallback = 'tep-dinh-kem'): string {
  const base = (raw.normalize('NFC').split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '') // invisible and direction marks: "ảnh\u202Egnp.exe" must not read as .png
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10) : '';
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/\.{2,}/g, '.').slice(0, 120).trim();
  return (stem || fallback) + ext;
}

/** An ASCII stand-in for a file name, for the plain `filename=` of Content-Disposition. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;]/g, '_');
}

export type IncomingFile = { originalname: string; buffer: Buffer; size: number };
export type CheckedFile = { fileName: string; mimeType: string; data: Buffer; size: number };
export type FileProblem = { key: string; params?: Record<string, string | number> };

/** Check one uploaded evidence file: size, extension, and that its bytes really are that type. */
export function checkEvidence(file: IncomingFile, maxBytes: number): { ok: true; file: CheckedFile } | { ok: false; problem: FileProblem } {
  const name = sanitizeFileName(file.originalname);
  if (file.size === 0) return { ok: false, problem: { key: 'attachments.empty', params: { name } } };
  if (file.size > maxBytes) return { ok: false, problem: { key: 'attachments.tooLarge', params: { name, max: megabytes(maxBytes) } } };
  const type = detectType(file.buffer);
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (!type || !(type.exts as readonly string[]).includes(ext)) return { ok: false, problem: { key: 'attachments.badType', params: { name } } };
  return { ok: true, file: { fileName: name, mimeType: type.mime, data: file.buffer, size: file.size } };
}

export function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

export async function storeAttachments(tx: Tx, ownerType: string, ownerId: number, files: CheckedFile[], uploadedById: number): Promise<void> {
  if (files.length === 0) return;
  await tx.attachment.createMany({
    data: files.map((f) => ({ ownerType, ownerId, fileName: f.fileName, mimeType: f.mimeType, size: f.size, data: new Uint8Array(f.data), uploadedById })),
  });
}

export type AttachmentInfo = { id: number; ownerId: number; fileName: string; mimeType: string; size: number; createdAt: Date };

/** Attachments of some owners, without their bytes. */
export async function listAttachments(db: Tx, ownerType: string, ownerIds: number[]): Promise<AttachmentInfo[]> {
  if (ownerIds.length === 0) return [];
  return db.attachment.findMany({
    where: { ownerType, ownerId: { in: ownerIds } },
    select: { id: true, ownerId: true, fileName: true, mimeType: true, size: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
}

/** Which unit an attachment belongs to, through its owner; null when the owner is gone or unknown. */
async function ownerUnit(db: Db, ownerType: string, ownerId: number): Promise<{ unitId: number; public: boolean } | null> {
  if (ownerType === 'assessment') {
    const a = await db.assessment.findUnique({ where: { id: ownerId }, select: { unitId: true } });
    return a ? { unitId: a.unitId, public: false } : null;
  }
  if (ownerType === 'exemplar') {
    const e = await db.exemplar.findUnique({ where: { id: ownerId }, select: { unitId: true, published: true } });
    return e ? { unitId: e.unitId, public: e.published } : null;
  }
  return null;
}

/** An attachment with its bytes, if the actor may see its owner's unit (published exemplars: everyone). */
export async function attachmentForDownload(db: Db, actor: Actor, id: number) {
  const file = await db.attachment.findUnique({ where: { id } });
  if (!file) throw new NotFoundError();
  const owner = await ownerUnit(db, file.ownerType, file.ownerId);
  if (!owner) throw new NotFoundError();
  if (!owner.public) authorize(actor, 'unit.view', { unitId: owner.unitId });
  return file;
}
