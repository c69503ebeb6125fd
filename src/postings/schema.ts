import { z } from 'zod';
import { f } from '../lib/forms.ts';

/** Post a proposed list: the day it went up (today or earlier) and where. */
export const PostForm = z.object({
  postedOn: f.date(),
  place: f.text(300),
});
export type PostForm = z.infer<typeof PostForm>;

/** An opinion or a complaint, about the whole list or one candidate ("" = the whole list). */
export const CommentForm = z.object({
  kind: z.enum(['OPINION', 'COMPLAINT'], { message: 'validation.choice' }),
  item: z.preprocess((v) => (v === '' || v === undefined ? null : v), f.id().nullable()),
  body: f.text(4000),
});
export type CommentForm = z.infer<typeof CommentForm>;

/** The command's answer to one comment. */
export const AnswerForm = z.object({ version: f.id(), answer: f.text(4000) });
export type AnswerForm = z.infer<typeof AnswerForm>;
